// From an experiment to its runs: the points (grid combinations, file order, the last path
// varying fastest; each combined with every zip row), each replicated, with a seed per run
// derived from the experiment seed and the run index.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/launch/run_scenario.hpp"
#include "sim/experiment/experiment_config.hpp"

namespace starsim::experiment {

struct Point {
  std::int64_t index = 0;
  std::vector<PathValue> values;  // one per varied path, in varied_paths() order
};

struct RunSpec {
  std::int64_t run = 0, point = 0, replication = 0;
  std::uint64_t seed = 0;
  std::vector<std::string> varied_values;
  std::vector<models::LabelledOverride> overrides;  // set, then the point's values
};

std::vector<Point> expand_points(const ExperimentConfig& c);
std::vector<models::LabelledOverride> overrides_of(const ExperimentConfig& c, const Point& p);
std::vector<RunSpec> expand_runs(const ExperimentConfig& c);
// A run's seed: splitmix64 of the experiment seed and the run index, kept below 2^53.
std::uint64_t run_seed(std::uint64_t experiment_seed, std::int64_t run);
RunSpec make_run(const ExperimentConfig& c, const Point& p, std::int64_t run, std::int64_t replication);

}  // namespace starsim::experiment
