// What a plan grows: the numbers at a resource's path in the resolved scenario, one per element
// ([*]: every element), each a value by date (a plain number is one value from the start; a
// schedule keeps its dates), so that a plan by year grows a resource from 1 January of a year
// and leaves the years before as they were.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "models/launch/run_scenario.hpp"

namespace starsim::experiment {

struct Resource {
  std::vector<std::pair<std::string, double>>
      steps;  // (YYYY-MM-DD, value) in date order; the first at or before the start

  double at(const std::string& date) const;  // the value in force on that date
};

// The resource at `path` of a resolved scenario. Throws ConfigError at `where` when the path
// names no number or schedule of numbers (a ramp cannot be grown by date: write a schedule).
std::vector<Resource> read_resource(const std::string& resolved_yaml, const std::string& path,
                                    const std::string& where, const std::string& start_date);
// Adds `step` from `from_date` on (the start's date: every value).
void grow(Resource& r, const std::string& from_date, double step);
// Overrides that set the path to these values: a plain number, or a schedule when it has dates.
std::vector<models::LabelledOverride> resource_overrides(const std::string& path,
                                                         const std::vector<Resource>& values,
                                                         const std::string& where);
// The values in force on a date, one per element, space-separated (plan.csv's `value`).
std::string values_on(const std::vector<Resource>& values, const std::string& date);

}  // namespace starsim::experiment
