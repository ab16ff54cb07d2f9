// A launch site and a range in simulated time: the pads' catch towers (one each), the site's
// launch turn (one liftoff decision at a time), its propellant farm, its droneships, its
// weather stream, and what the pads and the annual cap count. Plain data with the sim core's
// first-come-first-served primitives; the pad's flow (models/launch/pad) and the vehicles'
// flights (models/vehicle/flights) use it.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <memory>

#include "models/site/site_config.hpp"
#include "sim/event_log.hpp"
#include "sim/resource.hpp"
#include "sim/rng.hpp"
#include "sim/signal.hpp"
#include "sim/store.hpp"
#include "sim/tank.hpp"
#include "sim/time_weighted.hpp"

namespace starsim::models {

struct RangeState {
  explicit RangeState(const RangeConfig& c) : config(&c), turn("range " + c.name, 1) {}
  const RangeConfig* config;
  sim::Resource turn;  // one liftoff decision at a time on the range
  double last_liftoff_s = -std::numeric_limits<double>::infinity();
};

class SiteState {
 public:
  // index: the site's place in the scenario (its column value in the timeline).
  SiteState(const SiteConfig& c, int index, std::uint64_t seed, sim::EventLog& log);
  SiteState(const SiteState&) = delete;
  SiteState& operator=(const SiteState&) = delete;

  const SiteConfig& config() const { return *config_; }
  int index() const { return index_; }
  // Follows the site's schedules: its farm's rate and capacity, its droneships.
  void start();

  // The pads open now (their towers take ships' catches); a pad closed down finishes what it
  // began with its own tower.
  void set_open_pads(std::int64_t pads);
  std::int64_t open_pads() const { return open_pads_; }
  sim::Resource& tower(int pad) { return towers_[static_cast<std::size_t>(pad)]; }
  // Frees a tower (tower.cleared, naming the launch and the vehicle that held it last) and
  // tells the ships waiting in orbit.
  void release_tower(int tower, std::int64_t launch_id, std::int64_t booster, std::int64_t ship);
  // Runs `then` with the first tower of an open pad free: at once, or each time a tower is
  // freed, after the pads queued on it (a pad queued on its tower is served before a ship in
  // orbit).
  void acquire_any_tower(std::function<void(int)> then);
  double towers_busy_integral_s(double until_s) const;

  sim::Resource turn;                     // the site's liftoff decisions, one at a time
  std::unique_ptr<sim::Tank> propellant;  // null: unlimited
  sim::Store<int> droneships;
  sim::RandomStream weather_rng;
  sim::TimeWeighted pads_busy;
  double last_liftoff_s = -std::numeric_limits<double>::infinity();
  int cap_year = 0;  // the calendar year cap_count counts
  std::int64_t cap_count = 0;
  sim::TimeWeighted pads_open;  // for the utilizations

 private:
  const SiteConfig* config_;
  int index_;
  sim::EventLog& log_;
  std::deque<sim::Resource> towers_;  // one per pad the site ever has
  std::int64_t open_pads_ = 0;
  std::int64_t droneships_ = 0;
  sim::Signal tower_freed_;
};

}  // namespace starsim::models
