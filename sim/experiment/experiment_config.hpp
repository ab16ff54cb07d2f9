// An experiment file: a base scenario varied by fixed overrides (`set`), a cartesian `grid`
// and paired `zip` lists, replicated; or a `seek` for the smallest value of one path that
// meets a target; or a `plan` that grows the bottleneck resource until a target is met.
// Every path is checked against the base scenario; errors point at the experiment file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/decision.hpp"
#include "sim/timed.hpp"

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
  std::string metric;  // a summary metric, or a year's ("gw_launched_2031")
  std::string metric_where;
  double target = 0;
  bool at_most = false;  // goal: at_most: the metric meets the target when at or below it (a cost)
};

struct PlanResource {
  std::string path, where;
  double step = 0;
};

struct PlanConfig {
  std::string
      metric;  // a summary metric, a year's, or with by_year a yearly metric ("gw_launched")
  std::string metric_where;
  double target = 0;
  // Year by year: every year from from_year on must meet its target (a schedule or ramp's mean
  // over the year, like a scenario's targets); growth is added from 1 January of the year.
  bool by_year = false;
  sim::Timed<double> year_target;
  std::optional<int> from_year;
  bool at_most = false;  // goal: at_most: met at or below the target (a cost)
  std::vector<PlanResource> resources;
  std::int64_t max_steps = 100;
  // Growth steps in a row that buy nothing beyond their 95 % interval before the plan stops
  // on a plateau (and undoes them).
  std::int64_t plateau_steps = 2;
  // weigh: a summary metric (cost_usd): each step tries every resource and grows the one with
  // the largest gain in the metric per unit of this one's increase; empty: relieve the bottleneck.
  std::string weigh;
};

struct ExperimentConfig {
  std::string file;
  std::string name;
  std::string base;               // resolved relative to the experiment file
  std::int64_t replications = 1;  // with precision: the first batch of each point
  std::uint64_t seed = 1;
  // precision: replications added to a point (doubling) while it is undecided against its
  // target (seek, plan) or its interval is wider than asked (sweep), up to max_replications.
  Precision precision;
  std::vector<PathValue> set;
  std::vector<Axis> grid;
  std::vector<Axis> zip;
  bool timelines = false;
  std::optional<SeekConfig> seek;
  std::optional<PlanConfig> plan;
  // The calendar years the runs cover (every point's), the `<metric>_<year>` columns; the base
  // scenario's (with `set`) start and horizon.
  std::vector<int> years;
  std::string start_date;
  std::int64_t start_epoch_s = 0;
  double horizon_s = 0;

  // The varied paths in column order: grid paths, then zip paths.
  std::vector<std::string> varied_paths() const;
  // The most replications a point can have: its run indices are point * this + replication.
  std::int64_t max_replications() const {
    return precision.max_replications > 0 ? precision.max_replications : replications;
  }
};

// Reads and validates the file: throws sim::config::ConfigError (file:line:col) on bad input.
ExperimentConfig parse_experiment(const std::string& file);

// True when the YAML file's top level is an `experiment:` mapping.
bool is_experiment_file(const std::string& file);

// Metrics an experiment may name (numeric summary columns).
bool is_numeric_metric(const std::string& column);
// A year's metric, "gw_launched_2031": its metric ("gw_launched") and year; nullopt otherwise.
std::optional<std::pair<std::string, int>> yearly_metric_of(const std::string& column);
// A yearly metric a plan by year may name ("gw_launched").
bool is_numeric_yearly_metric(const std::string& metric);

}  // namespace starsim::experiment
