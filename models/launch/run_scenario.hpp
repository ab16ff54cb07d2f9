// One run of a scenario, start to finish: read and validate the file (with --set overrides),
// take the output folder (refusing one that holds another command's results unless forced),
// simulate to the horizon, commit timeline.csv, summary.csv, scenario.resolved.yaml and
// manifest.txt into the folder as one unit, and return the summary row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/launch/launch_stats.hpp"
#include "models/launch/summary_metrics.hpp"

namespace starsim::models {

struct RunOptions {
  std::vector<std::string> overrides;  // "PATH=VALUE"
  std::optional<std::uint64_t> seed;
  std::string out_dir;                 // empty: results/<name>
  bool no_timeline = false;
  bool force = false;                  // replace another command's results in the folder
  std::string holder = "starsim run";  // who writes the folder (named to a second writer)
};

struct RunResult {
  SummaryRow summary;
  std::string out_dir;
  std::string report;   // human-readable summary for the terminal
  std::string warning;  // a run that never launched says why (stderr)
};

// Validation only: throws sim::config::ConfigError, returns the scenario's name.
std::string check_scenario(const std::string& file, const std::vector<std::string>& overrides);

// An override with the place it came from ("exp.yaml:7:5"; empty: "--set PATH=VALUE").
struct LabelledOverride {
  std::string assignment;
  std::string label;
};
// Validates the scenario with these overrides and returns it resolved (YAML text).
std::string resolve_scenario(const std::string& file, const std::vector<LabelledOverride>& overrides);


RunResult run_scenario(const std::string& file, const RunOptions& options);

}  // namespace starsim::models
