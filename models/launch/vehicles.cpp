// Boosters, ships and their production (see models/README.md for the flow).
#include <fmt/format.h>

#include "models/launch/events.hpp"
#include "models/launch/flow_state.hpp"
#include "sim/units.hpp"

namespace starsim::models::flow {

void State::add_vehicle(Fleet& fleet, bool is_booster) {
  const auto id = static_cast<std::int64_t>(fleet.vehicles.size());
  const std::string name = fmt::format("{} {}{}", is_booster ? "booster" : "ship", is_booster ? 'B' : 'S', id + 1);
  Vehicle& v = fleet.vehicles.emplace_back(id, name, cfg.seed);
  if (is_booster) {
    kernel->spawn(name, [this, &v] { booster(v); });
  } else {
    kernel->spawn(name, [this, &v] { ship(v); });
  }
  fleet.ready.put(id);
}

void State::production(Fleet& fleet, bool is_booster) {
  const double interval_s = 7.0 * sim::units::SECONDS_PER_DAY / fleet.config->production_per_week;
  for (;;) {
    sim::sleep_for_s(interval_s);
    fleet.in_service.add(sim::now_s(), 1.0);
    const auto id = static_cast<std::int64_t>(fleet.vehicles.size());
    emit(events::VEHICLE_PRODUCED, -1, -1, -1, is_booster ? id : -1, is_booster ? -1 : id);
    add_vehicle(fleet, is_booster);
  }
}

bool State::retires(Vehicle& v, Fleet& fleet, bool is_booster) {
  if (++v.flights < fleet.config->life_flights) return false;
  emit(events::VEHICLE_RETIRED, -1, -1, -1, is_booster ? v.id : -1, is_booster ? -1 : v.id, -1,
       static_cast<double>(v.flights));
  fleet.in_service.add(sim::now_s(), -1.0);
  return true;
}

void State::lose(Vehicle& v, Fleet& fleet, bool is_booster, const Mission& m) {
  emit(is_booster ? events::BOOSTER_LOST : events::SHIP_LOST, m.launch_id, m.site, -1,
       is_booster ? v.id : -1, is_booster ? -1 : v.id);
  fleet.in_service.add(sim::now_s(), -1.0);
}

void State::booster(Vehicle& v) {
  const PhasesConfig& ph = cfg.vehicle.phases;
  const Recovery recovery = cfg.vehicle.booster.recovery;
  for (;;) {
    Mission m = v.inbox.get();
    if (recovery == Recovery::EXPEND) {
      sim::sleep_for_s(m.ascent_s);
      emit(events::BOOSTER_EXPENDED, m.launch_id, m.site, m.pad, v.id);
      boosters.in_service.add(sim::now_s(), -1.0);
      return;
    }
    sim::sleep_for_s(m.ascent_s + ph.booster_return_s.sample(v.rng));
    const bool lost = v.rng.bernoulli(cfg.failures.booster_recovery_failure_probability);
    if (recovery == Recovery::TOWER_CATCH) {
      if (lost) {
        lose(v, boosters, true, m);
        release_tower(m.site, m.pad, m.launch_id, v.id, -1);
        return;
      }
      emit(events::BOOSTER_RECOVERED, m.launch_id, m.site, m.pad, v.id);
      sim::sleep_for_s(ph.catch_clear_s.sample(v.rng));
      release_tower(m.site, m.pad, m.launch_id, v.id, -1);
    } else {  // droneship: it sails back with the booster
      SiteState& st = site(m.site);
      if (lost) {
        lose(v, boosters, true, m);
      } else {
        emit(events::BOOSTER_RECOVERED, m.launch_id, m.site, -1, v.id, -1, -1, m.droneship + 1);
      }
      sim::sleep_for_s(st.config->droneships.cycle_s.sample(st.weather_rng));
      emit(events::DRONESHIP_RETURNED, m.launch_id, m.site, -1, lost ? -1 : v.id, -1, -1, m.droneship + 1);
      st.droneships.put(m.droneship);
      if (lost) return;
    }
    if (retires(v, boosters, true)) return;
    sim::sleep_for_s(cfg.vehicle.booster.turnaround_s.sample(v.rng));
    boosters.ready.put(v.id);
  }
}

void State::ship(Vehicle& v) {
  const PhasesConfig& ph = cfg.vehicle.phases;
  const Recovery recovery = cfg.vehicle.ship.recovery;
  const double watts = cfg.vehicle.payload_t * 1000.0 * cfg.payload.specific_power_w_per_kg;
  for (;;) {
    Mission m = v.inbox.get();
    sim::sleep_for_s(m.ascent_s + ph.orbit_insertion_s.sample(v.rng));
    emit(events::SHIP_INSERTED, m.launch_id, m.site, -1, -1, v.id, m.payload);
    sim::sleep_for_s(ph.deploy_s.sample(v.rng));
    emit(events::PAYLOAD_DEPLOYED, m.launch_id, m.site, -1, -1, v.id, m.payload, watts);
    power.deployed(m.launch_id, m.site, m.payload, watts);
    if (recovery == Recovery::EXPEND) {
      emit(events::SHIP_EXPENDED, m.launch_id, m.site, -1, -1, v.id);
      ships.in_service.add(sim::now_s(), -1.0);
      return;
    }
    sim::sleep_for_s(ph.orbit_stay_s.sample(v.rng));
    const double in_orbit_from_s = sim::now_s();
    SiteState& st = site(m.site);
    int tower = -1, droneship = -1;
    if (recovery == Recovery::TOWER_CATCH) {
      tower = acquire_any_tower(m.site);
    } else {
      droneship = st.droneships.get();
    }
    emit(events::SHIP_DEORBITED, m.launch_id, m.site, tower, -1, v.id, -1,
         (sim::now_s() - in_orbit_from_s) / 3600.0);
    sim::sleep_for_s(ph.ship_return_s.sample(v.rng));
    const bool lost = v.rng.bernoulli(cfg.failures.ship_recovery_failure_probability);
    if (lost) {
      lose(v, ships, false, m);
    } else {
      emit(events::SHIP_RECOVERED, m.launch_id, m.site, tower, -1, v.id);
    }
    if (tower >= 0) {
      if (!lost) sim::sleep_for_s(ph.catch_clear_s.sample(v.rng));
      release_tower(m.site, tower, m.launch_id, -1, v.id);
    } else {
      sim::sleep_for_s(st.config->droneships.cycle_s.sample(st.weather_rng));
      emit(events::DRONESHIP_RETURNED, m.launch_id, m.site, -1, -1, lost ? -1 : v.id, -1, droneship + 1);
      st.droneships.put(droneship);
    }
    if (lost || retires(v, ships, false)) return;
    sim::sleep_for_s(cfg.vehicle.ship.turnaround_s.sample(v.rng));
    ships.ready.put(v.id);
  }
}

}  // namespace starsim::models::flow
