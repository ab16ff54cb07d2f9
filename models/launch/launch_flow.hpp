// The mission flow that ties the models together (models/README.md, "The flow"): it builds the
// operations of a scenario (payload line, fleets and flights, sites and ranges, orbit,
// stand-down, slots) and one Pad each, starts them, and reads the utilizations at the horizon.
// Nothing in it is an actor: every state change is a timed action (sim/kernel.hpp), so the cost
// of a run follows its events, not the size of its fleets.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "models/launch/launch_stats.hpp"
#include "models/scenario/scenario_config.hpp"
#include "sim/event_log.hpp"

namespace starsim::models {

struct Operations;
class Pad;
class SiteState;

struct Utilizations {
  double pad = 0, tower = 0, booster = 0, ship = 0, bay = 0;
  std::optional<double> propellant_stock_mean_t;  // all sites' farms; none without farms
  double integration_queue_mean = 0;              // payloads waiting for a bay, time-weighted
  double integration_wait_mean_s = 0;             // per payload that entered a bay
};

class LaunchFlow {
 public:
  LaunchFlow(const ScenarioConfig& config, sim::EventLog& log, LaunchStats& stats);
  ~LaunchFlow();
  LaunchFlow(const LaunchFlow&) = delete;
  LaunchFlow& operator=(const LaunchFlow&) = delete;

  // Schedules the start of everything (the kernel must exist).
  void start();
  // After the run: charges the waits still open at the horizon.
  void close(double horizon_s);
  Utilizations utilizations(double horizon_s) const;

 private:
  // A site's pads open now: new ones come online empty, closed ones finish what they began.
  void set_pads(SiteState& site, std::int64_t pads);

  std::unique_ptr<Operations> ops_;
  std::deque<Pad> pads_;
  std::vector<std::vector<Pad*>> site_pads_;  // by site, in pad order
};

}  // namespace starsim::models
