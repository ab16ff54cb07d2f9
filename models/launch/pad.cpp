#include "models/launch/pad.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "models/events.hpp"
#include "sim/kernel.hpp"
#include "sim/units.hpp"

namespace starsim::models {

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

Pad::Pad(Operations& ops, SiteState& site, int pad)
    : ops_(ops),
      site_(site),
      range_(ops.range_of(site)),
      pad_(pad),
      rng_(ops.cfg.seed, fmt::format("pad {}/{}", site.config().name, pad + 1)) {}

void Pad::wait_on(WaitCause cause) {
  waiting_ = true;
  cause_ = cause;
  waiting_from_s_ = sim::now_s();
}

void Pad::done_waiting() {
  ops_.stats.charge_wait(cause_, waiting_from_s_, sim::now_s());
  waiting_ = false;
}

void Pad::close(double horizon_s) {
  if (waiting_) ops_.stats.charge_wait(cause_, waiting_from_s_, horizon_s);
}

void Pad::release_turns() {
  if (range_) range_->turn.release();
  site_.turn.release();
}

// ------------------------------------------------------------------------ taking what it needs

void Pad::free() {
  if (state_ == State::CLOSING) {  // closed down while it finished its launch
    state_ = State::CLOSED;
    return;
  }
  wait_on(WaitCause::PAYLOAD);
  payload_ticket_ = ops_.payloads.integrated().get([this](Payload p) {
    payload_ticket_ = 0;
    payload_ = p;
    done_waiting();
    take_booster();
  });
}

void Pad::close_down() {
  if (state_ != State::OPEN) return;
  if (payload_ticket_ != 0 && ops_.payloads.integrated().cancel(payload_ticket_)) {
    payload_ticket_ = 0;
    done_waiting();
    state_ = State::CLOSED;
    return;
  }
  state_ = State::CLOSING;
}

void Pad::reopen() {
  if (state_ == State::CLOSING) state_ = State::OPEN;
  if (state_ != State::CLOSED) return;
  state_ = State::OPEN;
  free();
}

void Pad::take_booster() {
  wait_on(WaitCause::BOOSTER);
  ops_.boosters.ready().get([this](std::int64_t b) {
    booster_ = b;
    done_waiting();
    take_ship();
  });
}

void Pad::take_ship() {
  wait_on(WaitCause::SHIP);
  ops_.ships.ready().get([this](std::int64_t s) {
    ship_ = s;
    done_waiting();
    take_droneship();
  });
}

void Pad::take_droneship() {
  droneship_ = -1;
  if (ops_.cfg.vehicle.booster.recovery != Recovery::DRONESHIP) return take_tower();
  wait_on(WaitCause::DRONESHIP);
  site_.droneships.get([this](int d) {
    droneship_ = d;
    done_waiting();
    take_tower();
  });
}

void Pad::take_tower() {
  wait_on(WaitCause::TOWER);
  site_.tower(pad_).acquire([this] {
    done_waiting();
    stack();
  });
}

// ---------------------------------------------------------------------- stacking and loading

void Pad::stack() {
  launch_id_ = ops_.next_launch_id++;
  site_.pads_busy.add(sim::now_s(), 1.0);
  ops_.log.emit({sim::now_s(), events::STACK_STARTED, launch_id_, site_.index(), pad_, booster_id(),
                 ship_id(), payload_.id});
  const auto& stack = ops_.cfg.vehicle.phases.stack_s;
  sim::after(ops_.stacks.sample(stack, rng_, site_.index(), pad_, booster_flight()),
             [this] { draw_propellant(); });
}

void Pad::draw_propellant() {
  if (!site_.propellant) return load();
  wait_on(WaitCause::PROPELLANT);
  site_.propellant->draw(ops_.cfg.vehicle.propellant_t, [this] {
    done_waiting();
    load();
  });
}

void Pad::load() {
  const auto& load = ops_.cfg.vehicle.phases.propellant_load_s;
  sim::after(ops_.loads.sample(load, rng_, site_.index(), pad_, booster_flight()), [this] {
    ops_.log.emit({sim::now_s(), events::PROPELLANT_LOADED, launch_id_, site_.index(), pad_,
                   booster_id(), ship_id(), payload_.id, ops_.cfg.vehicle.propellant_t});
    attempt();
  });
}

// ---------------------------------------------------------------------------------- attempts

void Pad::attempt() {
  if (ops_.standdown.in_force()) {
    wait_on(WaitCause::STANDDOWN);
    ops_.standdown.wait([this] {
      done_waiting();
      attempt();
    });
    return;
  }
  wait_on(WaitCause::RANGE);  // the site's turn, then the range's
  site_.turn.acquire([this] {
    if (!range_) return decide();
    range_->turn.acquire([this] { decide(); });
  });
}

void Pad::decide() {
  done_waiting();
  if (const auto& cap = site_.config().annual_launch_cap) {
    const CalendarYear y = calendar_year(ops_.cfg.start_epoch_s, sim::now_s());
    if (site_.cap_year != y.year) {
      site_.cap_year = y.year;
      site_.cap_count = 0;
    }
    if (site_.cap_count >= cap->at(sim::now_s())) {
      release_turns();
      wait_on(WaitCause::CAP);  // until 1 January, or until the cap changes
      sim::at(std::min(y.next_start_s, cap->next_step_after(sim::now_s())), [this] {
        done_waiting();
        attempt();
      });
      return;
    }
  }
  keep_spacing();
}

void Pad::keep_spacing() {
  double earliest = site_.last_liftoff_s + site_.config().min_launch_spacing_s;
  if (range_)
    earliest = std::max(earliest, range_->last_liftoff_s + range_->config->min_launch_spacing_s);
  if (sim::now_s() >= earliest) return wait_for_slot();
  wait_on(WaitCause::RANGE);
  sim::at(earliest, [this] {
    done_waiting();
    wait_for_slot();
  });
}

void Pad::wait_for_slot() {
  const double slot_s = ops_.cfg.cadence.slot_interval_s;
  const double next = slot_s > 0 ? std::ceil(sim::now_s() / slot_s) * slot_s : sim::now_s();
  if (next <= sim::now_s()) return lift_off();
  wait_on(WaitCause::SLOT);
  sim::at(next, [this] {
    done_waiting();
    lift_off();
  });
}

void Pad::lift_off() {
  const auto& cap = site_.config().annual_launch_cap;
  if (ops_.standdown.in_force() ||
      (cap && calendar_year(ops_.cfg.start_epoch_s, sim::now_s()).year != site_.cap_year)) {
    release_turns();  // grounded meanwhile, or a new year began: decide again
    return attempt();
  }
  const auto& scrub = site_.config().weather.scrub_probability;
  const double p_scrub = scrub.size() == 12
                             ? scrub[calendar_month(ops_.cfg.start_epoch_s, sim::now_s()) - 1]
                             : scrub[0];
  if (site_.weather_rng.bernoulli(p_scrub)) {
    ops_.log.emit({sim::now_s(), events::LAUNCH_SCRUBBED, launch_id_, site_.index(), pad_,
                   booster_id(), ship_id(), payload_.id});
    release_turns();
    wait_on(WaitCause::WEATHER);
    sim::after(site_.config().weather.recycle_s.sample(site_.weather_rng), [this] {
      done_waiting();
      attempt();
    });
    return;
  }
  const VehicleConfig& vc = ops_.cfg.vehicle;
  ops_.log.emit({sim::now_s(), events::LAUNCH_LIFTED_OFF, launch_id_, site_.index(), pad_,
                 booster_id(), ship_id(), payload_.id, vc.payload_t.at(sim::now_s())});
  site_.last_liftoff_s = sim::now_s();
  if (range_) range_->last_liftoff_s = sim::now_s();
  ++site_.cap_count;
  if (ops_.cfg.cadence.slot_interval_s > 0)
    ops_.slots.fill(std::llround(sim::now_s() / ops_.cfg.cadence.slot_interval_s));
  release_turns();

  const Mission m = make_mission(launch_id_, payload_.id, site_.index(), pad_, droneship_);
  const double ascent_s = vc.phases.ascent_s.sample(rng_);
  const double p_failure = ops_.launches.probability(ops_.cfg.failures.launch_failure_probability,
                                                     site_.index(), pad_, booster_flight());
  if (rng_.bernoulli(p_failure)) return fail_launch(m);
  ops_.flights.lifted_off(booster_, ship_, m, ascent_s);
  if (vc.booster.recovery != Recovery::TOWER_CATCH)
    site_.release_tower(pad_, launch_id_, booster_id(), -1);
  refurbish();
}

void Pad::fail_launch(const Mission& m) {
  // The stack and the payload are lost; the pad may be damaged; every site stands down.
  const std::int64_t booster = booster_id(), ship = ship_id();
  ops_.log.emit({sim::now_s(), events::LAUNCH_FAILED, launch_id_, site_.index(), pad_, booster,
                 ship, payload_.id, ops_.cfg.vehicle.payload_t.at(sim::now_s())});
  ops_.boosters.vehicle(booster_).mission = m;
  ops_.boosters.lose(booster_);
  ops_.ships.vehicle(ship_).mission = m;
  ops_.ships.lose(ship_);
  if (droneship_ >= 0) site_.droneships.put(droneship_);
  site_.release_tower(pad_, launch_id_, booster, ship);
  ops_.standdown.start(ops_.cfg.failures.stand_down_s.at(sim::now_s()).sample(ops_.standdown_rng));
  if (rng_.bernoulli(ops_.cfg.failures.pad_damage_probability)) {
    ops_.log.emit({sim::now_s(), events::PAD_DAMAGED, launch_id_, site_.index(), pad_});
    sim::after(ops_.cfg.failures.pad_repair_s.sample(rng_), [this] { repaired(); });
    return;
  }
  refurbish();
}

void Pad::refurbish() {
  const auto& refurb = site_.config().pad_refurb_s;
  sim::after(ops_.refurbs.sample(refurb, rng_, site_.index(), pad_, 0), [this] { refurbished(); });
}

// ------------------------------------------------------------------------------- free again

void Pad::refurbished() {
  ops_.log.emit({sim::now_s(), events::PAD_REFURBISHED, launch_id_, site_.index(), pad_});
  site_.pads_busy.add(sim::now_s(), -1.0);
  free();
}

void Pad::repaired() {
  ops_.log.emit({sim::now_s(), events::PAD_REPAIRED, -1, site_.index(), pad_});
  site_.pads_busy.add(sim::now_s(), -1.0);
  free();
}

}  // namespace starsim::models
