#include "models/launch/launch_flow.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "models/launch/events.hpp"
#include "models/launch/flow_state.hpp"
#include "sim/units.hpp"

namespace starsim::models {

using namespace flow;

namespace flow {

SiteState::SiteState(const SiteConfig& c, std::uint64_t seed)
    : config(&c),
      tower_freed("a free tower at " + c.name),
      turn(c.name + " launch turn", 1),
      droneships("droneships of " + c.name),
      weather_rng(seed, "weather " + c.name) {
  for (std::int64_t k = 0; k < c.pads; ++k) towers.emplace_back(fmt::format("tower {}/{}", c.name, k + 1), 1);
  if (c.propellant.present)
    propellant = std::make_unique<sim::Tank>("propellant farm " + c.name, c.propellant.storage_t,
                                             c.propellant.initial_t,
                                             c.propellant.production_t_per_day / sim::units::SECONDS_PER_DAY);
}

State::State(const ScenarioConfig& c, sim::EventLog& l, LaunchStats& st)
    : cfg(c), log(l), stats(st), produced("payloads awaiting a bay"),
      integrated("integrated payloads awaiting a pad"), boosters("booster", c.vehicle.booster),
      ships("ship", c.vehicle.ship), power(c.payload, c.seed, l),
      standdown_requests("stand-down requests"), standdown_rng(c.seed, "stand-down") {
  for (const auto& sc : c.sites) sites.emplace_back(sc, c.seed);
  for (const auto& rc : c.ranges) ranges.emplace_back(rc);
}

void State::release_tower(int s, int tower, std::int64_t launch_id, std::int64_t booster, std::int64_t ship) {
  emit(events::TOWER_CLEARED, launch_id, s, tower, booster, ship);
  site(s).towers[static_cast<std::size_t>(tower)].release();
  site(s).tower_freed.notify_all();
}

int State::acquire_any_tower(int s) {
  SiteState& st = site(s);
  for (;;) {
    for (std::size_t k = 0; k < st.towers.size(); ++k)
      if (st.towers[k].try_acquire()) return static_cast<int>(k);
    st.tower_freed.wait();
  }
}

void State::start_standdown(double duration_s) {
  // A stand-down that ends at this very instant is reported ended before a new one starts,
  // whichever of the keeper and this pad the kernel runs first.
  if (standdown_open && standdown_until_s <= sim::now_s()) end_standdown();
  standdown_until_s = std::max(standdown_until_s, sim::now_s() + duration_s);
  if (!standdown_open) {
    standdown_open = true;
    emit(events::STANDDOWN_STARTED, -1, -1, -1, -1, -1, -1, duration_s / sim::units::SECONDS_PER_DAY);
    standdown_requests.put(0);
  }
}

void State::end_standdown() {
  standdown_open = false;
  emit(events::STANDDOWN_ENDED);
}

void State::check_queue(const sim::Store<PayloadItem>& queue, const char* arrives_by, const char* leaves_by) const {
  if (queue.size() <= MAX_QUEUED_PAYLOADS) return;
  const double hours = sim::now_s() / sim::units::SECONDS_PER_HOUR;
  auto per_hour = [hours](std::int64_t n) {
    const double rate = static_cast<double>(n) / hours;
    return rate >= 100 ? fmt::format("{:.0f}", rate) : fmt::format("{:.3g}", rate);
  };
  throw sim::ModelError(fmt::format(
      "the queue of {} holds {} payloads on day {:.1f} and cannot drain: they arrive at {} an hour ({}) and "
      "leave at {} an hour ({}); a queue that grows without bound is a modelling mistake, stopped at {} "
      "payloads",
      queue.name(), queue.size(), hours / 24.0, per_hour(queue.puts()), arrives_by, per_hour(queue.gets()),
      leaves_by, MAX_QUEUED_PAYLOADS));
}

// ----------------------------------------------------------------------------------- processes

void State::factory() {
  sim::RandomStream rng(cfg.seed, "payload factory");
  for (std::int64_t id = 0;; ++id) {
    emit(events::PAYLOAD_PRODUCED, -1, -1, -1, -1, -1, id);
    produced.put({id, sim::now_s()});
    check_queue(produced, "payload.interval_h", "payload.integration_bays and integration_h");
    sim::sleep_for_s(cfg.payload.interval_s.sample(rng));
  }
}

void State::bay(std::int64_t k) {
  sim::RandomStream rng(cfg.seed, fmt::format("integration bay {}", k + 1));
  for (;;) {
    PayloadItem p = produced.get();
    stats.charge_integration_wait(sim::now_s() - p.produced_s);
    bays_busy.add(sim::now_s(), 1.0);
    sim::sleep_for_s(cfg.payload.integration_s.sample(rng));
    emit(events::PAYLOAD_INTEGRATED, -1, -1, -1, -1, -1, p.id);
    bays_busy.add(sim::now_s(), -1.0);
    integrated.put(p);
    check_queue(integrated, "the integration bays", "the launches: pads, fleets, propellant, caps");
  }
}

namespace {
// The calendar year of a simulated time, and the simulated time its next year starts.
struct CalendarYear {
  int year;
  double next_start_s;
};
CalendarYear calendar_year(std::int64_t start_epoch_s, double t_s) {
  const auto epoch = start_epoch_s + static_cast<std::int64_t>(std::floor(t_s));
  const int year = sim::units::civil_from_days(epoch / 86400).year;
  const std::int64_t next = sim::units::days_from_civil(year + 1, 1, 1) * 86400;
  return {year, static_cast<double>(next - start_epoch_s)};
}
unsigned calendar_month(std::int64_t start_epoch_s, double t_s) {
  const auto epoch = start_epoch_s + static_cast<std::int64_t>(std::floor(t_s));
  return sim::units::civil_from_days(epoch / 86400).month;
}
}  // namespace

void State::pad(int s, int k, PadWait& wait) {
  SiteState& st = site(s);
  const SiteConfig& sc = *st.config;
  const VehicleConfig& vc = cfg.vehicle;
  const PhasesConfig& ph = vc.phases;
  RangeState* range = sc.range >= 0 ? &ranges[static_cast<std::size_t>(sc.range)] : nullptr;
  sim::RandomStream rng(cfg.seed, fmt::format("pad {}/{}", sc.name, k + 1));
  auto wait_on = [&](WaitCause cause, auto&& block) {
    wait = {true, cause, sim::now_s()};
    block();
    stats.charge_wait(cause, wait.from_s, sim::now_s());
    wait.open = false;
  };
  const bool booster_caught = vc.booster.recovery == Recovery::TOWER_CATCH;
  const bool booster_on_droneship = vc.booster.recovery == Recovery::DRONESHIP;
  const double slot_s = cfg.cadence.slot_interval_s;

  for (;;) {
    PayloadItem p;
    std::int64_t b = 0, sh = 0;
    int droneship = -1;
    wait_on(WaitCause::PAYLOAD, [&] { p = integrated.get(); });
    wait_on(WaitCause::BOOSTER, [&] { b = boosters.ready.get(); });
    wait_on(WaitCause::SHIP, [&] { sh = ships.ready.get(); });
    if (booster_on_droneship) wait_on(WaitCause::DRONESHIP, [&] { droneship = st.droneships.get(); });
    wait_on(WaitCause::TOWER, [&] { st.towers[static_cast<std::size_t>(k)].acquire(); });

    const std::int64_t id = next_launch_id++;
    st.pads_busy.add(sim::now_s(), 1.0);
    emit(events::STACK_STARTED, id, s, k, b, sh, p.id);
    sim::sleep_for_s(ph.stack_s.sample(rng));
    if (st.propellant) wait_on(WaitCause::PROPELLANT, [&] { st.propellant->draw(vc.propellant_t); });
    sim::sleep_for_s(ph.propellant_load_s.sample(rng));
    emit(events::PROPELLANT_LOADED, id, s, k, b, sh, p.id, vc.propellant_t);

    // Attempts: stand-down, the site's and the range's turn, the annual cap, the spacing, the
    // slot, then the weather; a scrub recycles, a stand-down or the cap sends it back.
    for (;;) {
      if (standdown_until_s > sim::now_s()) {
        wait_on(WaitCause::STANDDOWN, [&] {
          while (standdown_until_s > sim::now_s()) sim::sleep_until_s(standdown_until_s);
        });
        continue;
      }
      wait_on(WaitCause::RANGE, [&] {
        st.turn.acquire();
        if (range) range->turn.acquire();
      });
      auto release_turns = [&] {
        if (range) range->turn.release();
        st.turn.release();
      };
      if (sc.annual_launch_cap) {
        const CalendarYear y = calendar_year(cfg.start_epoch_s, sim::now_s());
        if (st.cap_year != y.year) {
          st.cap_year = y.year;
          st.cap_count = 0;
        }
        if (st.cap_count >= *sc.annual_launch_cap) {
          release_turns();
          wait_on(WaitCause::CAP, [&] { sim::sleep_until_s(y.next_start_s); });
          continue;
        }
      }
      double earliest = st.last_liftoff_s + sc.min_launch_spacing_s;
      if (range) earliest = std::max(earliest, range->last_liftoff_s + range->config->min_launch_spacing_s);
      if (sim::now_s() < earliest) wait_on(WaitCause::RANGE, [&] { sim::sleep_until_s(earliest); });
      if (slot_s > 0) {
        const double next = std::ceil(sim::now_s() / slot_s) * slot_s;
        if (next > sim::now_s()) wait_on(WaitCause::SLOT, [&] { sim::sleep_until_s(next); });
      }
      if (standdown_until_s > sim::now_s() ||
          (sc.annual_launch_cap && calendar_year(cfg.start_epoch_s, sim::now_s()).year != st.cap_year)) {
        release_turns();  // grounded meanwhile, or a new year began: decide again
        continue;
      }
      const auto& scrub = sc.weather.scrub_probability;
      const double p_scrub =
          scrub.size() == 12 ? scrub[calendar_month(cfg.start_epoch_s, sim::now_s()) - 1] : scrub[0];
      if (st.weather_rng.bernoulli(p_scrub)) {
        emit(events::LAUNCH_SCRUBBED, id, s, k, b, sh, p.id);
        release_turns();
        wait_on(WaitCause::WEATHER, [&] { sim::sleep_for_s(sc.weather.recycle_s.sample(st.weather_rng)); });
        continue;
      }
      emit(events::LAUNCH_LIFTED_OFF, id, s, k, b, sh, p.id, vc.payload_t);
      st.last_liftoff_s = sim::now_s();
      if (range) range->last_liftoff_s = sim::now_s();
      ++st.cap_count;
      if (slot_s > 0) fill_slot(std::llround(sim::now_s() / slot_s));
      release_turns();
      break;
    }

    const Mission m{id, s, k, p.id, droneship, ph.ascent_s.sample(rng)};
    if (rng.bernoulli(cfg.failures.launch_failure_probability)) {
      // The stack and the payload are lost; the pad may be damaged; every site stands down.
      emit(events::LAUNCH_FAILED, id, s, k, b, sh, p.id, vc.payload_t);
      lose(boosters.vehicles[static_cast<std::size_t>(b)], boosters, true, m);
      lose(ships.vehicles[static_cast<std::size_t>(sh)], ships, false, m);
      if (droneship >= 0) st.droneships.put(droneship);
      release_tower(s, k, id, b, sh);
      start_standdown(cfg.failures.stand_down_s.sample(standdown_rng));
      if (rng.bernoulli(cfg.failures.pad_damage_probability)) {
        emit(events::PAD_DAMAGED, id, s, k);
        sim::sleep_for_s(cfg.failures.pad_repair_s.sample(rng));
        emit(events::PAD_REPAIRED, -1, s, k);
      } else {
        sim::sleep_for_s(sc.pad_refurb_s.sample(rng));
        emit(events::PAD_REFURBISHED, id, s, k);
      }
      st.pads_busy.add(sim::now_s(), -1.0);
      continue;
    }
    boosters.vehicles[static_cast<std::size_t>(b)].inbox.put(m);
    ships.vehicles[static_cast<std::size_t>(sh)].inbox.put(m);
    if (!booster_caught) release_tower(s, k, id, b, -1);
    sim::sleep_for_s(sc.pad_refurb_s.sample(rng));
    emit(events::PAD_REFURBISHED, id, s, k);
    st.pads_busy.add(sim::now_s(), -1.0);
  }
}

void State::standdown_keeper() {
  for (;;) {
    standdown_requests.get();
    while (standdown_until_s > sim::now_s()) sim::sleep_until_s(standdown_until_s);
    if (standdown_open) end_standdown();
  }
}

void State::slot_clock() {
  const double slot_s = cfg.cadence.slot_interval_s;
  for (std::int64_t k = 1;; ++k) {
    sim::sleep_until_s(static_cast<double>(k) * slot_s);
    // Slot k-1 has ended: no liftoff on its boundary means it was missed.
    if (!slot_filled(k - 1))
      emit(events::SLOT_MISSED, -1, -1, -1, -1, -1, -1, static_cast<double>(k - 1) * slot_s / 3600.0);
  }
}

}  // namespace flow

// --------------------------------------------------------------------------------- LaunchFlow

LaunchFlow::LaunchFlow(const ScenarioConfig& config, sim::EventLog& log, LaunchStats& stats)
    : s_(std::make_unique<State>(config, log, stats)) {}

LaunchFlow::~LaunchFlow() = default;

void LaunchFlow::spawn(sim::Kernel& kernel) {
  State& s = *s_;
  s.kernel = &kernel;
  for (std::int64_t i = 0; i < s.cfg.vehicle.booster.fleet; ++i) s.add_vehicle(s.boosters, true);
  for (std::int64_t i = 0; i < s.cfg.vehicle.ship.fleet; ++i) s.add_vehicle(s.ships, false);
  for (auto& st : s.sites)
    for (int d = 0; d < st.config->droneships.count; ++d) st.droneships.put(d);
  kernel.spawn("payload factory", [&s] { s.factory(); });
  for (std::int64_t k = 0; k < s.cfg.payload.integration_bays; ++k)
    kernel.spawn(fmt::format("integration bay {}", k + 1), [&s, k] { s.bay(k); });
  for (std::size_t i = 0; i < s.sites.size(); ++i) {
    for (std::int64_t k = 0; k < s.sites[i].config->pads; ++k) {
      PadWait& w = s.pad_waits.emplace_back();
      const int site = static_cast<int>(i), pad = static_cast<int>(k);
      kernel.spawn(fmt::format("pad {}/{}", s.sites[i].config->name, k + 1),
                   [&s, site, pad, &w] { s.pad(site, pad, w); });
    }
  }
  if (s.cfg.vehicle.booster.production_per_week > 0)
    kernel.spawn("booster production", [&s] { s.production(s.boosters, true); });
  if (s.cfg.vehicle.ship.production_per_week > 0)
    kernel.spawn("ship production", [&s] { s.production(s.ships, false); });
  kernel.spawn("stand-down keeper", [&s] { s.standdown_keeper(); });
  kernel.spawn("orbit", [&s] { s.power.run(); });
  if (s.cfg.cadence.slot_interval_s > 0) kernel.spawn("slot clock", [&s] { s.slot_clock(); });
}

void LaunchFlow::close(double horizon_s) {
  for (const PadWait& w : s_->pad_waits)
    if (w.open) s_->stats.charge_wait(w.cause, w.from_s, horizon_s);
}

Utilizations LaunchFlow::utilizations(double horizon_s) const {
  const State& s = *s_;
  Utilizations u;
  double pads = 0, pad_busy = 0, tower_busy = 0;
  for (const auto& st : s.sites) {
    pads += static_cast<double>(st.config->pads);
    pad_busy += st.pads_busy.integral(horizon_s);
    for (const auto& t : st.towers) tower_busy += t.busy_integral_s(horizon_s);
    if (st.propellant) {
      u.propellant_stock_mean_t = u.propellant_stock_mean_t.value_or(0.0) + st.propellant->mean_level(horizon_s);
    }
  }
  u.pad = pad_busy / (pads * horizon_s);
  u.tower = tower_busy / (pads * horizon_s);
  auto busy_share = [horizon_s](const Fleet& f) {
    const double service = f.in_service.integral(horizon_s);
    return service > 0 ? 1.0 - f.ready.level_integral(horizon_s) / service : 0.0;
  };
  u.booster = busy_share(s.boosters);
  u.ship = busy_share(s.ships);
  u.bay = s.bays_busy.integral(horizon_s) /
          (static_cast<double>(s.cfg.payload.integration_bays) * horizon_s);
  u.integration_queue_mean = s.produced.mean_level(horizon_s);
  return u;
}

}  // namespace starsim::models
