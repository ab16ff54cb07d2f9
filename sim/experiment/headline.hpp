// What the terminal says about a point of an experiment once its runs are done, for an analyst
// who reads no CSV: the mean and 95 % CI of launches and GW a year, the share of runs meeting
// each of the scenario's targets, and how often each resource was the bottleneck.
#pragma once

#include <cstdint>
#include <string>

#include "sim/experiment/results_table.hpp"

namespace starsim::experiment {

// "launches/year 7,869 ±715 (target met in 0 of 3 runs), GW/year 78.7 ±7.2 (0 of 3);
// bottleneck booster 2 of 3, weather 1 of 3" (no newline); "" when the point has no ok run.
std::string headline(const Table& t, std::int64_t point);

// The headline of every point, one line each ("  point 3 (pads=4): ..."), at most `max_points`
// of them (then "... and N more points: summary.csv").
std::string headlines(const Table& t, std::size_t max_points = 12);

}  // namespace starsim::experiment
