#include "models/vehicle/flights.hpp"

#include "models/events.hpp"
#include "sim/kernel.hpp"

namespace starsim::models {

Flights::Flights(const VehicleConfig& vehicle, const FailureConfig& failures, double watts_per_launch,
                 Fleet& boosters, Fleet& ships, std::deque<SiteState>& sites, PowerTracker& orbit, sim::EventLog& log)
    : vehicle_(vehicle),
      failures_(failures),
      watts_(watts_per_launch),
      boosters_(boosters),
      ships_(ships),
      sites_(sites),
      orbit_(orbit),
      log_(log) {}

void Flights::lifted_off(std::int64_t booster, std::int64_t ship, const Mission& m, double ascent_s) {
  Vehicle& b = boosters_.vehicle(booster);
  b.mission = m;
  if (vehicle_.booster.recovery == Recovery::EXPEND) {
    sim::after(ascent_s, [this, booster] {
      const Mission& bm = boosters_.vehicle(booster).mission;
      log_.emit({sim::now_s(), events::BOOSTER_EXPENDED, bm.launch_id, bm.site, bm.pad, booster});
      boosters_.leave_service();
    });
  } else {
    sim::after(ascent_s + vehicle_.phases.booster_return_s.sample(b.rng), [this, booster] { booster_back(booster); });
  }
  Vehicle& s = ships_.vehicle(ship);
  s.mission = m;
  s.mission.droneship = -1;  // the booster's droneship; a ship takes its own at its return
  sim::after(ascent_s + vehicle_.phases.orbit_insertion_s.sample(s.rng), [this, ship] { ship_inserted(ship); });
}

// ---------------------------------------------------------------------------------- boosters

void Flights::booster_back(std::int64_t id) {
  Vehicle& v = boosters_.vehicle(id);
  const Mission& m = v.mission;
  const bool lost = v.rng.bernoulli(failures_.booster_recovery_failure_probability);
  if (vehicle_.booster.recovery == Recovery::TOWER_CATCH) {
    if (lost) {
      boosters_.lose(id);
      site_of(v).release_tower(m.pad, m.launch_id, id, -1);
      return;
    }
    log_.emit({sim::now_s(), events::BOOSTER_RECOVERED, m.launch_id, m.site, m.pad, id});
    sim::after(vehicle_.phases.catch_clear_s.sample(v.rng), [this, id] { booster_recovered(id); });
    return;
  }
  // Droneship: it sails back with the booster (or without it).
  if (lost) {
    boosters_.lose(id);
  } else {
    log_.emit({sim::now_s(), events::BOOSTER_RECOVERED, m.launch_id, m.site, -1, id, -1, -1, m.droneship + 1.0});
  }
  SiteState& st = site_of(v);
  sim::after(st.config().droneships.cycle_s.sample(st.weather_rng), [this, id, lost] { droneship_back(id, lost); });
}

void Flights::booster_recovered(std::int64_t id) {
  const Mission& m = boosters_.vehicle(id).mission;
  site_of(boosters_.vehicle(id)).release_tower(m.pad, m.launch_id, id, -1);
  turn_around(boosters_, id);
}

void Flights::droneship_back(std::int64_t id, bool lost) {
  const Vehicle& v = boosters_.vehicle(id);
  const Mission& m = v.mission;
  log_.emit({sim::now_s(), events::DRONESHIP_RETURNED, m.launch_id, m.site, -1, lost ? -1 : id, -1, -1,
             m.droneship + 1.0});
  site_of(v).droneships.put(m.droneship);
  if (!lost) turn_around(boosters_, id);
}

void Flights::turn_around(Fleet& fleet, std::int64_t id) {
  if (fleet.retires(id)) return;
  // Ready again once turned around: no action unless a pad is waiting then.
  fleet.ready().put_at(sim::now_s() + fleet.config().turnaround_s.sample(fleet.vehicle(id).rng), id);
}

// ------------------------------------------------------------------------------------- ships

void Flights::ship_inserted(std::int64_t id) {
  Vehicle& v = ships_.vehicle(id);
  const Mission& m = v.mission;
  log_.emit({sim::now_s(), events::SHIP_INSERTED, m.launch_id, m.site, -1, -1, id, m.payload});
  sim::after(vehicle_.phases.deploy_s.sample(v.rng), [this, id] { payload_deployed(id); });
}

void Flights::payload_deployed(std::int64_t id) {
  Vehicle& v = ships_.vehicle(id);
  const Mission& m = v.mission;
  log_.emit({sim::now_s(), events::PAYLOAD_DEPLOYED, m.launch_id, m.site, -1, -1, id, m.payload, watts_});
  orbit_.deployed(m.launch_id, m.site, m.payload, watts_);
  if (vehicle_.ship.recovery == Recovery::EXPEND) {
    log_.emit({sim::now_s(), events::SHIP_EXPENDED, m.launch_id, m.site, -1, -1, id});
    ships_.leave_service();
    return;
  }
  sim::after(vehicle_.phases.orbit_stay_s.sample(v.rng), [this, id] { ship_leaves_orbit(id); });
}

void Flights::ship_leaves_orbit(std::int64_t id) {
  Vehicle& v = ships_.vehicle(id);
  v.waiting_from_s = sim::now_s();
  SiteState& st = site_of(v);
  if (vehicle_.ship.recovery == Recovery::TOWER_CATCH) {
    st.acquire_any_tower([this, id](int tower) {
      ships_.vehicle(id).mission.tower = tower;
      ship_deorbited(id);
    });
  } else {
    st.droneships.get([this, id](int droneship) {
      ships_.vehicle(id).mission.droneship = droneship;
      ship_deorbited(id);
    });
  }
}

void Flights::ship_deorbited(std::int64_t id) {
  Vehicle& v = ships_.vehicle(id);
  const Mission& m = v.mission;
  log_.emit({sim::now_s(), events::SHIP_DEORBITED, m.launch_id, m.site, m.tower, -1, id, -1,
             (sim::now_s() - v.waiting_from_s) / 3600.0});
  sim::after(vehicle_.phases.ship_return_s.sample(v.rng), [this, id] { ship_back(id); });
}

void Flights::ship_back(std::int64_t id) {
  Vehicle& v = ships_.vehicle(id);
  const Mission m = v.mission;
  const bool lost = v.rng.bernoulli(failures_.ship_recovery_failure_probability);
  if (lost) {
    ships_.lose(id);
  } else {
    log_.emit({sim::now_s(), events::SHIP_RECOVERED, m.launch_id, m.site, m.tower, -1, id});
  }
  SiteState& st = site_of(v);
  if (m.tower >= 0) {
    if (lost) {
      st.release_tower(m.tower, m.launch_id, -1, id);
      return;
    }
    sim::after(vehicle_.phases.catch_clear_s.sample(v.rng), [this, id] {
      const Mission& cm = ships_.vehicle(id).mission;
      site_of(ships_.vehicle(id)).release_tower(cm.tower, cm.launch_id, -1, id);
      turn_around(ships_, id);
    });
    return;
  }
  sim::after(st.config().droneships.cycle_s.sample(st.weather_rng), [this, id, lost] {
    const Mission& dm = ships_.vehicle(id).mission;
    log_.emit({sim::now_s(), events::DRONESHIP_RETURNED, dm.launch_id, dm.site, -1, -1, lost ? -1 : id, -1,
               dm.droneship + 1.0});
    site_of(ships_.vehicle(id)).droneships.put(dm.droneship);
    if (!lost) turn_around(ships_, id);
  });
}

}  // namespace starsim::models
