// The launch vehicle: a reusable booster and ship (SpaceX Starship), their fleets, how each
// stage is recovered, and the mission timeline from stacking to the ship's return.
// Default figures are those of configs/scenarios/baseline.yaml, where each is sourced.
#pragma once

#include <cstdint>
#include <string>

#include "sim/distribution.hpp"
#include "sim/learning.hpp"
#include "sim/timed.hpp"

namespace starsim::sim::config {
class MapReader;
}  // namespace starsim::sim::config

namespace starsim::models {

enum class Recovery { TOWER_CATCH, DRONESHIP, EXPEND };

struct StageConfig {
  // Vehicles at the start, [0, 1000000]; a schedule only grows: each increase is delivered
  // ready on its date.
  sim::Timed<std::int64_t> fleet = std::int64_t{0};
  // New vehicles a week, 0 or [0.001, 1000]; one every 7 d / rate (sim::Pacer).
  sim::Timed<double> production_per_week = 0.0;
  std::int64_t life_flights = 100;  // retired after this many flights, >= 1
  sim::Learned turnaround_s;        // recovered (catch cleared) -> ready to stack
  Recovery recovery = Recovery::TOWER_CATCH;
};

struct PhasesConfig {                       // every duration in seconds
  sim::Learned stack_s, propellant_load_s;  // the pad's work, learnt by fleet, site or booster
  sim::Distribution ascent_s, booster_return_s, orbit_insertion_s, deploy_s, orbit_stay_s,
      ship_return_s, catch_clear_s;
};

struct VehicleConfig {
  sim::Timed<double> payload_t = 100.0;  // delivered per launch, [0.001, 1e6], in force at liftoff
  double propellant_t =
      0.0;  // loaded per launch, both stages, [0, 1e6]; drawn from the site's farm
  double propellant_lox_fraction = 0.783;  // LOX's share of propellant_t by mass, [0, 1]
  StageConfig booster, ship;
  PhasesConfig phases;
};

VehicleConfig parse_vehicle(sim::config::MapReader r);

}  // namespace starsim::models
