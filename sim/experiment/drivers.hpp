// The experiment commands: sweep (with --resume and --shard K/N), merge, seek and plan. Each
// validates everything before it writes, commits its final files into the output folder as
// one unit, and returns a short report with the runs that failed (the command then exits 1).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/experiment/experiment_config.hpp"

namespace starsim::experiment {

struct DriverOptions {
  int jobs = 1;
  bool resume = false;
  bool force = false;         // replace what the output folder holds
  int shard = 0, shards = 1;  // --shard K/N
  std::string out_dir;        // empty: results/<experiment name>
  std::vector<std::pair<std::int64_t, std::int64_t>>
      runs;  // --runs 10-19,40: inclusive ranges (empty: all)
  bool quiet = false;
  std::string
      launcher;  // --launcher: runs go to this executable in batches (PoolOptions::launcher)
};

// A run that did not end well, with the first line its run.log holds (its error).
struct RunFailure {
  std::int64_t run = 0, point = 0, replication = 0;
  std::string status, error;
};

struct DriverResult {
  std::string report;                // for the terminal
  std::vector<RunFailure> failures;  // runs that failed, with their first error
  std::string stopped_by_failures;   // a seek or plan that could not go on: why
};

DriverResult sweep(const ExperimentConfig& c, const DriverOptions& o);
DriverResult merge(const std::vector<std::string>& dirs, const std::string& out_dir, bool force);
DriverResult seek(const ExperimentConfig& c, const DriverOptions& o);
DriverResult plan(const ExperimentConfig& c, const DriverOptions& o);

// The plan's map from a bottleneck to the resource paths that relieve it (schema paths,
// "sites[].pads"); empty for causes no resource relieves (weather, stand-down, slot).
std::vector<std::string> relieving_paths(const std::string& bottleneck);

}  // namespace starsim::experiment
