// The metrics of yearly.csv: one row per calendar year of the horizon, one table of (column,
// how it is computed from a finished run's year), in column order, as summary_metrics is for
// summary.csv. A partial first or last year says how many days it has; its per-year rates and
// its targets are judged on its days scaled to the whole year (x 365 or 366 / days).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "models/cost/cost_metrics.hpp"
#include "models/launch/summary_metrics.hpp"

namespace starsim::models {

struct YearlyMetric {
  std::string column;
  std::function<std::string(const RunOutcome&, std::size_t year)>
      value;  // year: index in stats->years()
};

// Every metric, in the order of yearly.csv's columns.
const std::vector<YearlyMetric>& yearly_metrics();
const std::vector<std::string>& yearly_columns();
// yearly.csv of a run: the header and a row a year.
std::string yearly_csv(const RunOutcome& outcome);

// The yearly metrics an experiment carries for every run, as `<metric>_<year>` columns of
// runs.csv (and that a seek or a plan may target, "gw_launched_2031"), in this order.
const std::vector<std::string>& yearly_experiment_metrics();
// "gw_launched_2031"
std::string yearly_column(const std::string& metric, int year);

// A year's target: the target's mean over the year's days in the horizon; nullopt without one.
std::optional<double> year_target(const std::optional<sim::Timed<double>>& target,
                                  const sim::units::YearSpan& span);
// Launches and GW of a year scaled to the whole year (a partial year's rate).
double year_launches_per_year(const YearStats& y);
double year_gw_per_year(const YearStats& y);
// The first calendar year whose launches (or GW) target is met; nullopt when none is (or there
// is no target).
std::optional<int> first_year_launches_target_met(const RunOutcome& o);
std::optional<int> first_year_gw_target_met(const RunOutcome& o);
// The cost and ground columns' inputs for a year (models/cost/cost_metrics.hpp), and the first
// year whose orbit_to_ground_cost_ratio is below 1 (nullopt: none, or no costs: or reference:).
CostView year_cost_view(const RunOutcome& o, std::size_t year);
std::optional<int> first_year_orbit_cheaper(const RunOutcome& o);
// True for the summary metrics above, whose empty cell means "never within the horizon": a
// later year than any, so a point's mean and max over runs are "never" (empty) as soon as one
// run is (its min is the earliest year a run met it).
bool empty_means_never(const std::string& metric);

}  // namespace starsim::models
