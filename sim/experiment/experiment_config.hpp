// An experiment file: a base scenario varied by fixed overrides (`set`), a cartesian `grid`
// and paired `zip` lists, replicated; or a `seek` for the smallest value of one path that
// meets a target; or a `plan` that grows the bottleneck resource until a target is met.
// Every path is checked against the base scenario; errors point at the experiment file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace starsim::experiment {

// A value for a path, as YAML text, and where it was written ("exp.yaml:7:22").
struct PathValue {
  std::string path;
  std::string value;
  std::string where;
  std::string path_where = {};  // of the path (set: its key)
};

struct Axis {  // one varied path with its values (grid: its own axis; zip: varied together)
  std::string path;
  std::string where;  // of the path
  std::vector<std::string> values;
  std::vector<std::string> wheres;
};

struct SeekConfig {
  std::string path, where, min_where, max_where;
  std::int64_t min = 0, max = 0;
  std::string metric;
  double target = 0;
};

struct PlanResource {
  std::string path, where;
  double step = 0;
};

struct PlanConfig {
  std::string metric;
  double target = 0;
  std::vector<PlanResource> resources;
  std::int64_t max_steps = 100;
};

struct ExperimentConfig {
  std::string file;
  std::string name;
  std::string base;  // resolved relative to the experiment file
  std::int64_t replications = 1;
  std::uint64_t seed = 1;
  std::vector<PathValue> set;
  std::vector<Axis> grid;
  std::vector<Axis> zip;
  bool timelines = false;
  std::optional<SeekConfig> seek;
  std::optional<PlanConfig> plan;

  // The varied paths in column order: grid paths, then zip paths.
  std::vector<std::string> varied_paths() const;
};

// Reads and validates the file: throws sim::config::ConfigError (file:line:col) on bad input.
ExperimentConfig parse_experiment(const std::string& file);

// True when the YAML file's top level is an `experiment:` mapping.
bool is_experiment_file(const std::string& file);

// Metrics an experiment may name (numeric summary columns).
bool is_numeric_metric(const std::string& column);

}  // namespace starsim::experiment
