// The mission flow that ties the models together (scenario-format.md, "The launch flow").
//
// Long-lived actors, none created per launch: a payload factory, one actor per integration
// bay, per pad, per booster and per ship. A pad takes the next integrated payload, a ready
// booster, a ready ship and its own tower (free of catches), stacks, loads propellant, waits
// for the site's launch spacing and lifts off. The pad keeps its tower from stacking until the
// booster's catch is cleared. The ship reaches orbit, deploys, stays, then waits in orbit
// until a tower at its site is free, deorbits, is caught and turns around. Vehicles retire at
// their flight life.
#pragma once

#include <memory>
#include <optional>

#include "models/launch/launch_stats.hpp"
#include "models/scenario/scenario_config.hpp"
#include "sim/event_log.hpp"
#include "sim/kernel.hpp"

namespace starsim::models {

namespace flow {
struct State;
}

struct Utilizations {
  double pad = 0, tower = 0, booster = 0, ship = 0, bay = 0;
  std::optional<double> propellant_stock_mean_t;  // all sites' farms; none without farms
  double integration_queue_mean = 0;              // payloads waiting for a bay, time-weighted
};

class LaunchFlow {
 public:
  LaunchFlow(const ScenarioConfig& config, sim::EventLog& log, LaunchStats& stats);
  ~LaunchFlow();
  LaunchFlow(const LaunchFlow&) = delete;
  LaunchFlow& operator=(const LaunchFlow&) = delete;

  void spawn(sim::Kernel& kernel);
  // After the run: charges the waits still open at the horizon.
  void close(double horizon_s);
  Utilizations utilizations(double horizon_s) const;

 private:
  std::unique_ptr<flow::State> s_;
};

}  // namespace starsim::models
