// Boosters and ships from liftoff to ready again, as timed actions on the vehicles' records
// (models/README.md, "The flow"):
// - booster, tower_catch: caught on its pad's tower ascent + booster_return after liftoff
//   (booster.recovered), holds the tower for catch_clear, turns around, is ready;
//   droneship: lands on its droneship (booster.recovered), which sails back after cycle_d
//   (droneship.returned), then turns around; expend: gone at stage separation
//   (booster.expended). A failed recovery loses it (booster.lost).
// - ship: reaches orbit (ship.inserted), releases the payload (payload.deployed, handed to the
//   orbit), stays, waits in orbit for a free tower (or a droneship) at its site, deorbits
//   (ship.deorbited, value = hours waited), is caught (ship.recovered or ship.lost), holds the
//   tower for catch_clear and turns around; expend: gone after the release (ship.expended).
// - a vehicle that has flown life_flights times retires after its recovery.
// Random durations come from each vehicle's own stream; a droneship's cycle from its site's.
// Turnarounds and recovery failures may learn (sim::Experience): by every one of the stage, by
// site, or by the vehicle's own flights.
#pragma once

#include <cstdint>
#include <deque>

#include "models/failure/failure_config.hpp"
#include "models/orbit/power_tracker.hpp"
#include "models/payload/payload_config.hpp"
#include "models/site/site_state.hpp"
#include "models/vehicle/fleet.hpp"
#include "sim/event_log.hpp"
#include "sim/learning.hpp"

namespace starsim::models {

class Flights {
 public:
  Flights(const VehicleConfig& vehicle, const FailureConfig& failures, const PayloadConfig& payload,
          Fleet& boosters, Fleet& ships, std::deque<SiteState>& sites, PowerTracker& orbit,
          sim::EventLog& log);

  // Both stages (their fleets' slots) lifted off now on mission m; stage separation comes
  // ascent_s later.
  void lifted_off(std::int64_t booster, std::int64_t ship, const Mission& m, double ascent_s);

 private:
  void booster_back(std::int64_t id);
  void booster_recovered(std::int64_t id);
  // The droneship of mission m is back, with its booster (slot -1, id -1: lost at sea).
  void droneship_back(const Mission& m, std::int64_t booster_id, std::int64_t booster_slot);
  void turn_around(Fleet& fleet, std::int64_t id);
  void ship_inserted(std::int64_t id);
  void payload_deployed(std::int64_t id);
  void ship_leaves_orbit(std::int64_t id);
  void ship_deorbited(std::int64_t id);
  void ship_back(std::int64_t id);
  SiteState& site_of(const Vehicle& v) { return sites_[static_cast<std::size_t>(v.mission.site)]; }

  const VehicleConfig& vehicle_;
  const FailureConfig& failures_;
  const PayloadConfig& payload_;
  Fleet& boosters_;
  Fleet& ships_;
  std::deque<SiteState>& sites_;
  PowerTracker& orbit_;
  sim::EventLog& log_;
  sim::Experience booster_recoveries_, ship_recoveries_, booster_turnarounds_, ship_turnarounds_;
};

}  // namespace starsim::models
