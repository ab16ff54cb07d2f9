// Failures of the simulated world: a launch lost with its stack and payload, damaging its pad
// and grounding every site for a stand-down; boosters and ships lost at recovery. All default
// to 0 (no failures) when the section is absent.
#pragma once

#include "sim/distribution.hpp"
#include "sim/learning.hpp"
#include "sim/timed.hpp"

namespace starsim::sim::config {
class MapReader;
}  // namespace starsim::sim::config

namespace starsim::models {

struct FailureConfig {
  // [0, 1], each maybe learnt (by fleet, site or vehicle: the booster's, or the recovered stage's)
  sim::Learned launch_failure_probability = sim::Distribution::fixed(0);            // per liftoff
  sim::Learned booster_recovery_failure_probability = sim::Distribution::fixed(0);  // per recovery
  sim::Learned ship_recovery_failure_probability = sim::Distribution::fixed(0);     // per recovery
  double pad_damage_probability = 0.0;         // given a launch failure, [0, 1]
  sim::Distribution pad_repair_s;              // a damaged pad is out this long
  sim::Timed<sim::Distribution> stand_down_s;  // every site grounded after a failure
};

FailureConfig parse_failures(sim::config::MapReader r);

// The optional slotted schedule: liftoffs only on multiples of the slot interval.
struct CadenceConfig {
  double slot_interval_s = 0.0;  // 0: no slots
};

CadenceConfig parse_cadence(sim::config::MapReader r);

}  // namespace starsim::models
