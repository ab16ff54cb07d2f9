// From an experiment to its runs: the points (grid combinations, file order, the last path
// varying fastest; each combined with every zip row), each replicated. Run point x
// max_replications + replication; replication i of every point has the seed of run i (common
// random numbers: points differ by their values alone, and a run is the same run whatever other
// points or replications the experiment has, which is what lets an experiment grow).
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
// Every run the experiment can have: each point's max_replications() (a sweep with precision
// runs the first `replications` of each, and more where its interval asks).
std::vector<RunSpec> expand_runs(const ExperimentConfig& c);
// Run i's seed: splitmix64 of the experiment seed and i, kept below 2^53.
std::uint64_t run_seed(std::uint64_t experiment_seed, std::int64_t run);
RunSpec make_run(const ExperimentConfig& c, const Point& p, std::int64_t run,
                 std::int64_t replication);

}  // namespace starsim::experiment
