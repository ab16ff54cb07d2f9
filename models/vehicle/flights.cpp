#include "models/vehicle/flights.hpp"

#include "models/events.hpp"
#include "sim/kernel.hpp"

namespace starsim::models {

Flights::Flights(const VehicleConfig& vehicle, const FailureConfig& failures,
                 const PayloadConfig& payload, Fleet& boosters, Fleet& ships,
                 std::deque<SiteState>& sites, PowerTracker& orbit, sim::EventLog& log)
    : vehicle_(vehicle),
      failures_(failures),
      payload_(payload),
      boosters_(boosters),
      ships_(ships),
      sites_(sites),
      orbit_(orbit),
      log_(log) {}

void Flights::lifted_off(std::int64_t booster, std::int64_t ship, const Mission& m,
                         double ascent_s) {
  Vehicle& b = boosters_.vehicle(booster);
  b.mission = m;
  if (vehicle_.booster.recovery == Recovery::EXPEND) {
    sim::after(ascent_s, [this, booster] {
      const Vehicle& v = boosters_.vehicle(booster);
      log_.emit({sim::now_s(), events::BOOSTER_EXPENDED, v.mission.launch_id, v.mission.site,
                 v.mission.pad, v.id});
      boosters_.leave_service(booster);
    });
  } else {
    sim::after(ascent_s + vehicle_.phases.booster_return_s.sample(b.rng),
               [this, booster] { booster_back(booster); });
  }
  Vehicle& s = ships_.vehicle(ship);
  s.mission = m;
  s.since_s = sim::now_s();
  s.mission.droneship = -1;  // the booster's droneship; a ship takes its own at its return
  sim::after(ascent_s + vehicle_.phases.orbit_insertion_s.sample(s.rng),
             [this, ship] { ship_inserted(ship); });
}

// ---------------------------------------------------------------------------------- boosters
// The functions below take a vehicle's slot; events name it by its id.

void Flights::booster_back(std::int64_t slot) {
  Vehicle& v = boosters_.vehicle(slot);
  const Mission m = v.mission;
  const std::int64_t id = v.id;
  const bool lost = v.rng.bernoulli(booster_recoveries_.probability(
      failures_.booster_recovery_failure_probability, m.site, -1, v.flights + 1));
  SiteState& st = site_of(v);
  if (vehicle_.booster.recovery == Recovery::TOWER_CATCH) {
    if (lost) {
      boosters_.lose(slot);
      st.release_tower(m.pad, m.launch_id, id, -1);
      return;
    }
    log_.emit({sim::now_s(), events::BOOSTER_RECOVERED, m.launch_id, m.site, m.pad, id});
    sim::after(vehicle_.phases.catch_clear_s.sample(v.rng),
               [this, slot] { booster_recovered(slot); });
    return;
  }
  // Droneship: it sails back with the booster (or without it, whose slot is free by then).
  if (lost) {
    boosters_.lose(slot);
  } else {
    log_.emit({sim::now_s(), events::BOOSTER_RECOVERED, m.launch_id, m.site, -1, id, -1, -1,
               m.droneship + 1.0});
  }
  const double cycle_s = st.config().droneships.cycle_s.sample(st.weather_rng);
  sim::after(cycle_s,
             [this, slot, m, id, lost] { droneship_back(m, lost ? -1 : id, lost ? -1 : slot); });
}

void Flights::booster_recovered(std::int64_t slot) {
  const Vehicle& v = boosters_.vehicle(slot);
  site_of(v).release_tower(v.mission.pad, v.mission.launch_id, v.id, -1);
  turn_around(boosters_, slot);
}

void Flights::droneship_back(const Mission& m, std::int64_t booster_id, std::int64_t booster_slot) {
  log_.emit({sim::now_s(), events::DRONESHIP_RETURNED, m.launch_id, m.site, -1, booster_id, -1, -1,
             m.droneship + 1.0});
  sites_[static_cast<std::size_t>(m.site)].droneships.put(m.droneship);
  if (booster_slot >= 0) turn_around(boosters_, booster_slot);
}

void Flights::turn_around(Fleet& fleet, std::int64_t slot) {
  if (fleet.retires(slot)) return;
  // Ready again once turned around (its n-th: n flights flown): no action unless a pad is
  // waiting then.
  Vehicle& v = fleet.vehicle(slot);
  sim::Experience& turnarounds =
      fleet.stage() == Stage::BOOSTER ? booster_turnarounds_ : ship_turnarounds_;
  const double turnaround_s =
      turnarounds.sample(fleet.config().turnaround_s, v.rng, v.mission.site, -1, v.flights);
  fleet.ready().put_at(sim::now_s() + turnaround_s, slot);
}

// ------------------------------------------------------------------------------------- ships

void Flights::ship_inserted(std::int64_t slot) {
  Vehicle& v = ships_.vehicle(slot);
  const Mission& m = v.mission;
  log_.emit({sim::now_s(), events::SHIP_INSERTED, m.launch_id, m.site, -1, -1, v.id, m.payload});
  sim::after(vehicle_.phases.deploy_s.sample(v.rng), [this, slot] { payload_deployed(slot); });
}

void Flights::payload_deployed(std::int64_t slot) {
  Vehicle& v = ships_.vehicle(slot);
  const Mission& m = v.mission;
  const double watts =
      vehicle_.payload_t.at(v.since_s) * 1000.0 * payload_.specific_power_w_per_kg.at(v.since_s);
  log_.emit({sim::now_s(), events::PAYLOAD_DEPLOYED, m.launch_id, m.site, -1, -1, v.id, m.payload,
             watts});
  orbit_.deployed(m.launch_id, m.site, m.payload, watts);
  if (vehicle_.ship.recovery == Recovery::EXPEND) {
    log_.emit({sim::now_s(), events::SHIP_EXPENDED, m.launch_id, m.site, -1, -1, v.id});
    ships_.leave_service(slot);
    return;
  }
  sim::after(vehicle_.phases.orbit_stay_s.sample(v.rng), [this, slot] { ship_leaves_orbit(slot); });
}

void Flights::ship_leaves_orbit(std::int64_t slot) {
  Vehicle& v = ships_.vehicle(slot);
  v.since_s = sim::now_s();
  SiteState& st = site_of(v);
  if (vehicle_.ship.recovery == Recovery::TOWER_CATCH) {
    st.acquire_any_tower([this, slot](int tower) {
      ships_.vehicle(slot).mission.tower = static_cast<std::int16_t>(tower);
      ship_deorbited(slot);
    });
  } else {
    st.droneships.get([this, slot](int droneship) {
      ships_.vehicle(slot).mission.droneship = static_cast<std::int16_t>(droneship);
      ship_deorbited(slot);
    });
  }
}

void Flights::ship_deorbited(std::int64_t slot) {
  Vehicle& v = ships_.vehicle(slot);
  const Mission& m = v.mission;
  log_.emit({sim::now_s(), events::SHIP_DEORBITED, m.launch_id, m.site, m.tower, -1, v.id, -1,
             (sim::now_s() - v.since_s) / 3600.0});
  sim::after(vehicle_.phases.ship_return_s.sample(v.rng), [this, slot] { ship_back(slot); });
}

void Flights::ship_back(std::int64_t slot) {
  Vehicle& v = ships_.vehicle(slot);
  const Mission m = v.mission;
  const std::int64_t id = v.id;
  const bool lost = v.rng.bernoulli(ship_recoveries_.probability(
      failures_.ship_recovery_failure_probability, m.site, -1, v.flights + 1));
  SiteState& st = site_of(v);
  if (lost) {
    ships_.lose(slot);
  } else {
    log_.emit({sim::now_s(), events::SHIP_RECOVERED, m.launch_id, m.site, m.tower, -1, id});
  }
  if (m.tower >= 0) {
    if (lost) {
      st.release_tower(m.tower, m.launch_id, -1, id);
      return;
    }
    sim::after(vehicle_.phases.catch_clear_s.sample(v.rng), [this, slot] {
      const Vehicle& cv = ships_.vehicle(slot);
      site_of(cv).release_tower(cv.mission.tower, cv.mission.launch_id, -1, cv.id);
      turn_around(ships_, slot);
    });
    return;
  }
  const double cycle_s = st.config().droneships.cycle_s.sample(st.weather_rng);
  sim::after(cycle_s, [this, slot, m, id, lost] {
    log_.emit({sim::now_s(), events::DRONESHIP_RETURNED, m.launch_id, m.site, -1, -1,
               lost ? -1 : id, -1, m.droneship + 1.0});
    sites_[static_cast<std::size_t>(m.site)].droneships.put(m.droneship);
    if (!lost) turn_around(ships_, slot);
  });
}

}  // namespace starsim::models
