// The experiment commands: sweep (with --resume and --shard K/N), merge, seek and plan. Each
// writes its final files atomically into the output folder and returns a short report.
#pragma once

#include <string>
#include <vector>

#include "sim/experiment/experiment_config.hpp"

namespace starsim::experiment {

struct DriverOptions {
  int jobs = 1;
  bool resume = false;
  int shard = 0, shards = 1;  // --shard K/N
  std::string out_dir;        // empty: results/<experiment name>
  bool quiet = false;
};

std::string sweep(const ExperimentConfig& c, const DriverOptions& o);
std::string merge(const std::vector<std::string>& dirs, const std::string& out_dir);
std::string seek(const ExperimentConfig& c, const DriverOptions& o);
std::string plan(const ExperimentConfig& c, const DriverOptions& o);

// The plan's map from a bottleneck to the resource paths that relieve it (schema paths,
// "sites[].pads"); empty for causes no resource relieves (weather, stand-down, slot).
std::vector<std::string> relieving_paths(const std::string& bottleneck);

}  // namespace starsim::experiment
