// The parts of parse_experiment (internal to sim/experiment): each section of an experiment file
// is read by its own file (grid_config.cpp: set, grid and zip; seek_config.cpp; plan_config.cpp)
// in two passes: `read_*` while the file is read (its keys, types and ranges), `check_*` once the
// whole file is read (its values against the base scenario). experiment_config.cpp dispatches.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/launch/run_scenario.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/experiment/experiment_config.hpp"

namespace starsim::experiment {

// Refuses `metric` at r's `key` unless it is a numeric summary metric or a year's (its year is
// checked by check_year once the years are known).
void check_metric(const sim::config::MapReader& r, const std::string& key,
                  const std::string& metric);
// Refuses a year's metric ("gw_launched_2031") whose year no run covers.
void check_year(const ExperimentConfig& c, const std::string& metric, const std::string& where,
                const std::string& path);

// set, grid and zip, into c; a path varied twice is refused.
void read_variations(sim::config::MapReader& r, const sim::config::Document& doc,
                     ExperimentConfig& c);
// Refuses more than 1,000,000 runs (points x replications).
void check_run_count(const sim::config::MapReader& r, const ExperimentConfig& c);
// Every grid value and zip row makes a valid scenario with the base and `with_set`.
void check_variations(const ExperimentConfig& c,
                      const std::vector<models::LabelledOverride>& with_set);

// The seek section of r, if there is one.
std::optional<SeekConfig> read_seek(sim::config::MapReader& r, const sim::config::Document& doc);
// min and max each make a valid scenario; an error about the path is reported at the path.
void check_seek(const ExperimentConfig& c, const std::vector<models::LabelledOverride>& with_set);

// The plan section of r, if there is one (a plan by year's target is read by check_plan).
std::optional<PlanConfig> read_plan(sim::config::MapReader& r, const sim::config::Document& doc);
// Once the calendar is known: the plan's metric year, its yearly target and from_year, and one
// step of growth of every resource keeps the scenario valid.
void check_plan(ExperimentConfig& c, const sim::config::Document& doc,
                const std::vector<models::LabelledOverride>& with_set);

}  // namespace starsim::experiment
