// An experiment's plan: the resources it may grow, by what step, until its metric meets a target
// (over the whole horizon, or year by year).
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <string>
#include <vector>

#include "models/launch/yearly_metrics.hpp"
#include "sim/experiment/expand.hpp"
#include "sim/experiment/experiment_config_parts.hpp"
#include "sim/experiment/plan_resources.hpp"

namespace starsim::experiment {

using sim::config::ConfigError;
using sim::config::Document;
using sim::config::MapReader;

namespace {

// The metric of a plan by year: a yearly metric ("gw_launched"), not a year's.
void check_yearly_metric(const MapReader& p, const std::string& metric) {
  if (is_numeric_yearly_metric(metric)) return;
  std::vector<std::string> names;
  for (const auto& m : models::yearly_experiment_metrics())
    if (is_numeric_yearly_metric(m)) names.push_back(m);
  const std::string hint = sim::config::closest_match(metric, names);
  p.fail("metric", fmt::format("'{}' is not a yearly metric: a plan by year names one of {}{}",
                               metric, fmt::join(names, ", "),
                               hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
}

std::vector<PlanResource> read_resources(MapReader& p, const Document& doc) {
  std::vector<PlanResource> resources;
  for (const auto& [key, v] : p.entries("resources")) {
    const std::string where = doc.where(v);
    double step = 0;
    try {
      step = v.as<double>();
    } catch (const YAML::Exception&) {
      throw ConfigError(where, "experiment.plan.resources." + key.Scalar(),
                        "expected a number (the step)");
    }
    if (!(step > 0) || !std::isfinite(step))
      throw ConfigError(where, "experiment.plan.resources." + key.Scalar(),
                        fmt::format("the step must be greater than 0, got {}", step));
    if (key.Scalar() == "horizon_d" || key.Scalar() == "start_date")
      throw ConfigError(doc.where(key), "experiment.plan.resources." + key.Scalar(),
                        "a plan grows resources (pads, fleets, rates), not the calendar");
    resources.push_back({key.Scalar(), where, step});
  }
  if (resources.empty()) p.fail_here("needs at least one entry in resources");
  return resources;
}

}  // namespace

std::optional<PlanConfig> read_plan(MapReader& r, const Document& doc) {
  if (!r.has("plan")) {
    r.declare("plan");
    return std::nullopt;
  }
  MapReader p = r.map("plan");
  PlanConfig k;
  const YAML::Node plan_node = doc.root()["experiment"]["plan"];
  k.by_year = p.boolean("by_year", false);
  k.metric = p.string("metric", std::nullopt);
  k.metric_where = doc.where(plan_node["metric"]);
  if (k.by_year) {
    check_yearly_metric(p, k.metric);
    p.declare("target");  // a schedule: read once the base's calendar is known
    if (!p.has("target")) p.fail_here("missing required key 'target'");
    if (p.has("from_year")) {
      k.from_year = static_cast<int>(p.integer("from_year", std::nullopt, 1970, 9999));
    } else {
      p.declare("from_year");
    }
  } else {
    check_metric(p, "metric", k.metric);
    k.target = p.number("target", std::nullopt, -1e300, 1e300);
    if (p.has("from_year")) p.fail("from_year", "goes with by_year: true");
    p.declare("from_year");
  }
  k.resources = read_resources(p, doc);
  k.max_steps = p.integer("max_steps", 100, 1, 10000);
  k.plateau_steps = p.integer("plateau_steps", 2, 1, 10000);
  k.at_most = p.choice("goal", "at_least", {"at_least", "at_most"}) == "at_most";
  if (p.has("weigh")) {
    k.weigh = p.string("weigh", std::nullopt);
    if (!is_numeric_metric(k.weigh)) check_metric(p, "weigh", k.weigh);
    if (!is_numeric_metric(k.weigh))
      p.fail(
          "weigh",
          fmt::format("'{}' is a year's metric: a plan weighs by a whole-horizon metric (cost_usd)",
                      k.weigh));
  } else {
    p.declare("weigh");
  }
  p.finish();
  return k;
}

void check_plan(ExperimentConfig& c, const Document& doc,
                const std::vector<models::LabelledOverride>& with_set) {
  PlanConfig& plan = *c.plan;
  check_year(c, plan.metric, plan.metric_where, "experiment.plan.metric");
  if (plan.by_year) {
    doc.set_calendar({c.start_epoch_s, c.horizon_s});
    MapReader p(doc, doc.root()["experiment"]["plan"], "experiment.plan", nullptr, false);
    plan.year_target = p.timed_number("target", std::nullopt, -1e300, 1e300);
    if (plan.from_year && (*plan.from_year < c.years.front() || *plan.from_year > c.years.back()))
      p.fail("from_year", fmt::format("must be a year of the runs, {} to {}, got {}",
                                      c.years.front(), c.years.back(), *plan.from_year));
  }
  // Every resource names numbers (or a schedule of them), and one step of growth keeps the
  // scenario valid (a whole number stays whole, a value within its range): what the plan
  // would refuse mid-way.
  const std::string resolved = models::resolve_scenario(c.base, overrides_of(c, {}));
  for (const auto& res : plan.resources) {
    std::vector<Resource> grown = read_resource(resolved, res.path, res.where, c.start_date);
    for (Resource& v : grown) grow(v, c.start_date, res.step);
    auto o = with_set;
    for (auto& g : resource_overrides(res.path, grown, res.where)) o.push_back(std::move(g));
    models::resolve_scenario(c.base, o);
  }
}

}  // namespace starsim::experiment
