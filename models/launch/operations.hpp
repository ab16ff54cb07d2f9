// Everything a launch involves, in simulated time, built from the scenario and wired together:
// the payload line, both fleets and their flights, the sites and ranges, the orbit, the
// stand-down, the slot clock and the statistics. The pads (pad.hpp) work on it; LaunchFlow owns
// it. Internal to models/launch.
#pragma once

#include <cstdint>
#include <deque>

#include "models/failure/standdown.hpp"
#include "models/launch/launch_stats.hpp"
#include "models/launch/slot_clock.hpp"
#include "models/orbit/power_tracker.hpp"
#include "models/payload/payload_line.hpp"
#include "models/scenario/scenario_config.hpp"
#include "models/site/site_state.hpp"
#include "models/vehicle/fleet.hpp"
#include "models/vehicle/flights.hpp"
#include "sim/event_log.hpp"
#include "sim/learning.hpp"
#include "sim/rng.hpp"

namespace starsim::models {

struct Operations {
  Operations(const ScenarioConfig& c, sim::EventLog& l, LaunchStats& st);
  Operations(const Operations&) = delete;
  Operations& operator=(const Operations&) = delete;

  const ScenarioConfig& cfg;
  sim::EventLog& log;
  LaunchStats& stats;
  PayloadLine payloads;
  PowerTracker orbit;
  Fleet boosters, ships;
  std::deque<SiteState> sites;
  std::deque<RangeState> ranges;
  Flights flights;
  StandDown standdown;
  sim::RandomStream standdown_rng;
  SlotClock slots;
  std::int64_t next_launch_id = 0;
  // The pads' work as experience, for learning curves.
  sim::Experience stacks, loads, launches, refurbs;

  RangeState* range_of(const SiteState& s) {
    const int r = s.config().range;
    return r >= 0 ? &ranges[static_cast<std::size_t>(r)] : nullptr;
  }
};

}  // namespace starsim::models
