#include "models/launch/launch_flow.hpp"

#include <fmt/format.h>

#include <cmath>
#include <deque>
#include <limits>
#include <string>
#include <vector>

#include "models/launch/events.hpp"
#include "sim/resource.hpp"
#include "sim/rng.hpp"
#include "sim/signal.hpp"
#include "sim/store.hpp"
#include "sim/time_weighted.hpp"

namespace starsim::models {

namespace {

struct PayloadItem {
  std::int64_t id = 0;
  double produced_s = 0;
};

// What a vehicle is told at liftoff.
struct Mission {
  std::int64_t launch_id = 0;
  int site = 0;
  int pad = 0;
  std::int64_t payload = 0;
  double ascent_s = 0;  // liftoff -> stage separation, the same for both stages
};

struct Vehicle {
  Vehicle(std::int64_t vehicle_id, const std::string& name, std::uint64_t seed)
      : id(vehicle_id), inbox(name + " inbox"), rng(seed, name) {}
  std::int64_t id;
  std::int64_t flights = 0;
  sim::Store<Mission> inbox;
  sim::RandomStream rng;
};

struct SiteState {
  SiteState(const SiteConfig& c)
      : config(&c), tower_freed("a free tower at " + c.name), range_turn(c.name + " launch spacing", 1) {
    for (std::int64_t k = 0; k < c.pads; ++k)
      towers.emplace_back(fmt::format("tower {}/{}", c.name, k + 1), 1);
  }
  const SiteConfig* config;
  std::deque<sim::Resource> towers;
  sim::Signal tower_freed;
  sim::Resource range_turn;
  double last_liftoff_s = -std::numeric_limits<double>::infinity();
  sim::TimeWeighted pads_busy;
};

struct PadWait {
  bool open = false;
  WaitCause cause = WaitCause::PAYLOAD;
  double from_s = 0;
};

}  // namespace

struct LaunchFlow::State {
  State(const ScenarioConfig& c, sim::EventLog& l, LaunchStats& st)
      : cfg(c), log(l), stats(st), produced("payloads awaiting a bay"),
        integrated("integrated payloads"), boosters_ready("ready boosters"),
        ships_ready("ready ships"),
        boosters_in_service(static_cast<double>(c.vehicle.booster.fleet)),
        ships_in_service(static_cast<double>(c.vehicle.ship.fleet)) {
    for (const auto& sc : c.sites) sites.emplace_back(sc);
    for (std::int64_t i = 0; i < c.vehicle.booster.fleet; ++i)
      boosters.emplace_back(i, fmt::format("booster B{}", i + 1), c.seed);
    for (std::int64_t i = 0; i < c.vehicle.ship.fleet; ++i)
      ships.emplace_back(i, fmt::format("ship S{}", i + 1), c.seed);
  }

  const ScenarioConfig& cfg;
  sim::EventLog& log;
  LaunchStats& stats;
  sim::Store<PayloadItem> produced, integrated;
  sim::Store<std::int64_t> boosters_ready, ships_ready;
  std::deque<SiteState> sites;
  std::deque<Vehicle> boosters, ships;
  std::deque<PadWait> pad_waits;
  sim::TimeWeighted bays_busy, boosters_in_service, ships_in_service;
  std::int64_t next_launch_id = 0;

  void emit(std::string_view name, std::int64_t launch_id = -1, int site = -1, int pad = -1,
            std::int64_t booster = -1, std::int64_t ship = -1, std::int64_t payload = -1,
            double value = std::numeric_limits<double>::quiet_NaN()) {
    log.emit({sim::now_s(), name, launch_id, site, pad, booster, ship, payload, value});
  }

  void release_tower(int site, int pad) {
    sites[static_cast<std::size_t>(site)].towers[static_cast<std::size_t>(pad)].release();
    sites[static_cast<std::size_t>(site)].tower_freed.notify_all();
  }

  // A ship waits in orbit until any tower at its site is free; returns the tower's index.
  int acquire_any_tower(int site) {
    SiteState& st = sites[static_cast<std::size_t>(site)];
    for (;;) {
      for (std::size_t k = 0; k < st.towers.size(); ++k)
        if (st.towers[k].try_acquire()) return static_cast<int>(k);
      st.tower_freed.wait();
    }
  }

  // ------------------------------------------------------------------------------ processes

  void factory() {
    sim::RandomStream rng(cfg.seed, "payload factory");
    for (std::int64_t id = 0;; ++id) {
      emit(events::PAYLOAD_PRODUCED, -1, -1, -1, -1, -1, id);
      produced.put({id, sim::now_s()});
      sim::sleep_for_s(cfg.payload.interval_s.sample(rng));
    }
  }

  void bay(std::int64_t k) {
    sim::RandomStream rng(cfg.seed, fmt::format("integration bay {}", k + 1));
    for (;;) {
      PayloadItem p = produced.get();
      stats.charge_integration_wait(sim::now_s() - p.produced_s);
      bays_busy.add(sim::now_s(), 1.0);
      sim::sleep_for_s(cfg.payload.integration_s.sample(rng));
      emit(events::PAYLOAD_INTEGRATED, -1, -1, -1, -1, -1, p.id);
      bays_busy.add(sim::now_s(), -1.0);
      integrated.put(p);
    }
  }

  void pad(int site, int k, PadWait& wait) {
    SiteState& st = sites[static_cast<std::size_t>(site)];
    const SiteConfig& sc = *st.config;
    const PhasesConfig& ph = cfg.vehicle.phases;
    sim::RandomStream rng(cfg.seed, fmt::format("pad {}/{}", sc.name, k + 1));
    auto wait_on = [&](WaitCause cause, auto&& block) {
      wait = {true, cause, sim::now_s()};
      auto got = block();
      stats.charge_wait(cause, wait.from_s, sim::now_s());
      wait.open = false;
      return got;
    };
    for (;;) {
      PayloadItem p = wait_on(WaitCause::PAYLOAD, [&] { return integrated.get(); });
      std::int64_t b = wait_on(WaitCause::BOOSTER, [&] { return boosters_ready.get(); });
      std::int64_t s = wait_on(WaitCause::SHIP, [&] { return ships_ready.get(); });
      wait_on(WaitCause::TOWER, [&] {
        st.towers[static_cast<std::size_t>(k)].acquire();
        return 0;
      });
      const std::int64_t id = next_launch_id++;
      st.pads_busy.add(sim::now_s(), 1.0);
      emit(events::STACK_STARTED, id, site, k, b, s, p.id);
      sim::sleep_for_s(ph.stack_s.sample(rng));
      sim::sleep_for_s(ph.propellant_load_s.sample(rng));
      emit(events::PROPELLANT_LOADED, id, site, k, b, s, p.id);
      wait_on(WaitCause::RANGE, [&] {
        st.range_turn.acquire();
        const double earliest = st.last_liftoff_s + sc.min_launch_spacing_s;
        if (sim::now_s() < earliest) sim::sleep_until_s(earliest);
        return 0;
      });
      emit(events::LAUNCH_LIFTED_OFF, id, site, k, b, s, p.id, cfg.vehicle.payload_t);
      st.last_liftoff_s = sim::now_s();
      st.range_turn.release();
      const Mission m{id, site, k, p.id, ph.ascent_s.sample(rng)};
      boosters[static_cast<std::size_t>(b)].inbox.put(m);
      ships[static_cast<std::size_t>(s)].inbox.put(m);
      if (cfg.vehicle.booster.recovery == Recovery::EXPEND) release_tower(site, k);
      sim::sleep_for_s(sc.pad_refurb_s.sample(rng));
      st.pads_busy.add(sim::now_s(), -1.0);
    }
  }

  // Ends a vehicle's service: true when it has flown its life (or was expended).
  bool retires(Vehicle& v, const StageConfig& stage, sim::TimeWeighted& in_service, bool booster) {
    if (++v.flights < stage.life_flights) return false;
    emit(events::VEHICLE_RETIRED, -1, -1, -1, booster ? v.id : -1, booster ? -1 : v.id, -1,
         static_cast<double>(v.flights));
    in_service.add(sim::now_s(), -1.0);
    return true;
  }

  void booster(Vehicle& v) {
    const StageConfig& stage = cfg.vehicle.booster;
    const PhasesConfig& ph = cfg.vehicle.phases;
    for (;;) {
      const Mission m = v.inbox.get();
      if (stage.recovery == Recovery::EXPEND) {
        sim::sleep_for_s(m.ascent_s);
        emit(events::BOOSTER_EXPENDED, m.launch_id, m.site, m.pad, v.id);
        boosters_in_service.add(sim::now_s(), -1.0);
        return;
      }
      sim::sleep_for_s(m.ascent_s + ph.booster_return_s.sample(v.rng));
      emit(events::BOOSTER_RECOVERED, m.launch_id, m.site, m.pad, v.id);
      sim::sleep_for_s(ph.catch_clear_s.sample(v.rng));
      release_tower(m.site, m.pad);
      if (retires(v, stage, boosters_in_service, true)) return;
      sim::sleep_for_s(stage.turnaround_s.sample(v.rng));
      boosters_ready.put(v.id);
    }
  }

  void ship(Vehicle& v) {
    const StageConfig& stage = cfg.vehicle.ship;
    const PhasesConfig& ph = cfg.vehicle.phases;
    const double watts = cfg.vehicle.payload_t * 1000.0 * cfg.payload.specific_power_w_per_kg;
    for (;;) {
      const Mission m = v.inbox.get();
      sim::sleep_for_s(m.ascent_s + ph.orbit_insertion_s.sample(v.rng));
      emit(events::SHIP_INSERTED, m.launch_id, m.site, -1, -1, v.id, m.payload);
      sim::sleep_for_s(ph.deploy_s.sample(v.rng));
      emit(events::PAYLOAD_DEPLOYED, m.launch_id, m.site, -1, -1, v.id, m.payload, watts);
      if (stage.recovery == Recovery::EXPEND) {
        emit(events::SHIP_EXPENDED, m.launch_id, m.site, -1, -1, v.id);
        ships_in_service.add(sim::now_s(), -1.0);
        return;
      }
      sim::sleep_for_s(ph.orbit_stay_s.sample(v.rng));
      const double in_orbit_from_s = sim::now_s();
      const int tower = acquire_any_tower(m.site);
      emit(events::SHIP_DEORBITED, m.launch_id, m.site, tower, -1, v.id, -1,
           (sim::now_s() - in_orbit_from_s) / 3600.0);
      sim::sleep_for_s(ph.ship_return_s.sample(v.rng));
      emit(events::SHIP_RECOVERED, m.launch_id, m.site, tower, -1, v.id);
      sim::sleep_for_s(ph.catch_clear_s.sample(v.rng));
      release_tower(m.site, tower);
      if (retires(v, stage, ships_in_service, false)) return;
      sim::sleep_for_s(stage.turnaround_s.sample(v.rng));
      ships_ready.put(v.id);
    }
  }
};

LaunchFlow::LaunchFlow(const ScenarioConfig& config, sim::EventLog& log, LaunchStats& stats)
    : s_(std::make_unique<State>(config, log, stats)) {}

LaunchFlow::~LaunchFlow() = default;

void LaunchFlow::spawn(sim::Kernel& kernel) {
  State& s = *s_;
  // The fleets start ready, in id order.
  for (auto& b : s.boosters) s.boosters_ready.put(b.id);
  for (auto& v : s.ships) s.ships_ready.put(v.id);
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
  for (auto& b : s.boosters) kernel.spawn(fmt::format("booster B{}", b.id + 1), [&s, &b] { s.booster(b); });
  for (auto& v : s.ships) kernel.spawn(fmt::format("ship S{}", v.id + 1), [&s, &v] { s.ship(v); });
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
  }
  u.pad = pad_busy / (pads * horizon_s);
  u.tower = tower_busy / (pads * horizon_s);
  auto busy_share = [horizon_s](const sim::Store<std::int64_t>& ready, const sim::TimeWeighted& in_service) {
    const double service = in_service.integral(horizon_s);
    return service > 0 ? 1.0 - ready.level_integral(horizon_s) / service : 0.0;
  };
  u.booster = busy_share(s.boosters_ready, s.boosters_in_service);
  u.ship = busy_share(s.ships_ready, s.ships_in_service);
  u.bay = s.bays_busy.integral(horizon_s) /
          (static_cast<double>(s.cfg.payload.integration_bays) * horizon_s);
  return u;
}

}  // namespace starsim::models
