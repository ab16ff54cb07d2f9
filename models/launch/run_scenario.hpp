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
  std::string out_dir;  // empty: results/<name>
  bool no_timeline = false;
  bool force = false;                  // replace another command's results in the folder
  bool progress = false;               // a live line on stderr (the caller checks it is a terminal)
  std::string holder = "starsim run";  // who writes the folder (named to a second writer)
};

struct RunResult {
  SummaryRow summary;
  std::string out_dir;
  std::string report;   // human-readable summary for the terminal
  std::string warning;  // a run that never launched says why (stderr)
};

// Validation only: throws sim::config::ConfigError; returns the scenario's name and the
// warnings of its file (a schedule's date past the horizon), one line each.
struct ScenarioCheck {
  std::string name;
  std::vector<std::string> warnings;
};
ScenarioCheck check_scenario(const std::string& file, const std::vector<std::string>& overrides);

// An override with the place it came from ("exp.yaml:7:5"; empty: "--set PATH=VALUE").
struct LabelledOverride {
  std::string assignment;
  std::string label;
};
// Validates the scenario with these overrides and returns it resolved (YAML text).
std::string resolve_scenario(const std::string& file,
                             const std::vector<LabelledOverride>& overrides);

// What an experiment needs to know of a scenario before it runs it: its calendar years and
// its targets over the horizon (a scheduled target: its mean).
struct ScenarioFacts {
  std::string name;
  std::string start_date;
  std::int64_t start_epoch_s = 0;
  double horizon_s = 0;
  std::vector<int> years;  // every calendar year the horizon touches
  std::optional<double> launches_per_year_target, gw_per_year_target;
};
ScenarioFacts scenario_facts(const std::string& file,
                             const std::vector<LabelledOverride>& overrides);

RunResult run_scenario(const std::string& file, const RunOptions& options);

}  // namespace starsim::models
