#include "models/launch/wait_causes.hpp"

namespace starsim::models {

const std::array<WaitCauseInfo, WAIT_CAUSES>& wait_causes() {
  static const std::array<WaitCauseInfo, WAIT_CAUSES> CAUSES{{
      {WaitCause::PAYLOAD, "payload", "an integrated payload", {"payload.integration_bays"}},
      {WaitCause::BOOSTER,
       "booster",
       "a ready booster",
       {"vehicle.booster.fleet", "vehicle.booster.production_per_week"}},
      {WaitCause::SHIP,
       "ship",
       "a ready ship",
       {"vehicle.ship.fleet", "vehicle.ship.production_per_week"}},
      {WaitCause::DRONESHIP,
       "droneship",
       "a free droneship of its site (booster `recovery: droneship` only)",
       {"sites[].droneships.count"}},
      {WaitCause::TOWER, "tower", "its tower, still busy with a catch", {"sites[].pads"}},
      {WaitCause::PROPELLANT,
       "propellant",
       "the farm to hold `vehicle.propellant_t` (after stacking)",
       {"sites[].propellant.production_t_per_day", "sites[].propellant.storage_t"}},
      {WaitCause::STANDDOWN, "standdown", "a stand-down to end", {}},
      {WaitCause::CAP,
       "cap",
       "the next calendar year, the site's `annual_launch_cap` being reached",
       {"sites[].annual_launch_cap"}},
      {WaitCause::RANGE,
       "range",
       "the site's and its range's turn (another stack deciding its liftoff) and their spacing "
       "since the last "
       "liftoff",
       {"sites[].pads"}},
      {WaitCause::SLOT, "slot", "the next slot boundary", {}},
      {WaitCause::WEATHER, "weather", "the recycle after a scrub", {}},
  }};
  return CAUSES;
}

const WaitCauseInfo& wait_cause_info(WaitCause cause) {
  return wait_causes()[static_cast<std::size_t>(cause)];
}

std::string wait_column(WaitCause cause) {
  return "wait_" + std::string(wait_cause_name(cause)) + "_h";
}

}  // namespace starsim::models
