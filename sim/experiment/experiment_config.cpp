#include "sim/experiment/experiment_config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <set>

#include "models/launch/run_scenario.hpp"
#include "models/launch/yearly_metrics.hpp"
#include "sim/config/names.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/experiment/expand.hpp"
#include "sim/experiment/experiment_config_parts.hpp"

namespace starsim::experiment {

using sim::config::ConfigError;
using sim::config::Document;
using sim::config::MapReader;

namespace {

const std::vector<std::string> NON_NUMERIC{"name", "seed", "config_sha256", "bottleneck", "wall_s"};

// Every calendar year some run of the experiment covers: the base's, or, when a grid, zip or
// seek varies the calendar, every point's.
std::vector<int> experiment_years(const ExperimentConfig& c) {
  auto calendar = [](const std::string& path) {
    return path == "start_date" || path == "horizon_d";
  };
  std::set<int> years;
  auto add = [&](const std::vector<models::LabelledOverride>& o) {
    for (int y : models::scenario_facts(c.base, o).years) years.insert(y);
  };
  bool varied = false;
  for (const auto& p : c.varied_paths()) varied = varied || calendar(p);
  if (varied) {
    for (const Point& p : expand_points(c)) add(overrides_of(c, p));
  } else if (c.seek && calendar(c.seek->path)) {
    for (std::int64_t v : {c.seek->min, c.seek->max}) {
      auto o = overrides_of(c, {});
      o.push_back({c.seek->path + "=" + std::to_string(v), c.seek->where});
      add(o);
    }
  } else {
    add(overrides_of(c, {}));
  }
  return {years.begin(), years.end()};
}

}  // namespace

bool is_numeric_metric(const std::string& column) {
  const auto& all = models::summary_columns();
  return std::find(all.begin(), all.end(), column) != all.end() &&
         std::find(NON_NUMERIC.begin(), NON_NUMERIC.end(), column) == NON_NUMERIC.end();
}

bool is_numeric_yearly_metric(const std::string& metric) {
  const auto& all = models::yearly_experiment_metrics();
  return metric != "bottleneck" && std::find(all.begin(), all.end(), metric) != all.end();
}

std::optional<std::pair<std::string, int>> yearly_metric_of(const std::string& column) {
  if (column.size() < 6 || column[column.size() - 5] != '_') return std::nullopt;
  int year = 0;
  const char* digits = column.data() + column.size() - 4;
  const auto [end, ec] = std::from_chars(digits, column.data() + column.size(), year);
  if (ec != std::errc() || end != column.data() + column.size()) return std::nullopt;
  const std::string metric = column.substr(0, column.size() - 5);
  if (!is_numeric_yearly_metric(metric)) return std::nullopt;
  return std::pair{metric, year};
}

void check_metric(const MapReader& r, const std::string& key, const std::string& metric) {
  if (is_numeric_metric(metric) || yearly_metric_of(metric)) return;
  std::vector<std::string> names;
  for (const auto& c : models::summary_columns())
    if (is_numeric_metric(c)) names.push_back(c);
  const std::string hint = sim::config::closest_match(metric, names);
  r.fail(
      key,
      fmt::format(
          "'{}' is not a numeric metric of summary.csv, nor a year's (such as gw_launched_2031){}",
          metric, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
}

void check_year(const ExperimentConfig& c, const std::string& metric, const std::string& where,
                const std::string& path) {
  const auto yearly = yearly_metric_of(metric);
  if (!yearly || std::find(c.years.begin(), c.years.end(), yearly->second) != c.years.end()) return;
  throw ConfigError(where, path,
                    fmt::format("'{}' names {}, but the runs cover {} to {}", metric,
                                yearly->second, c.years.front(), c.years.back()));
}

std::vector<std::string> ExperimentConfig::varied_paths() const {
  std::vector<std::string> out;
  for (const auto& a : grid) out.push_back(a.path);
  for (const auto& a : zip) out.push_back(a.path);
  return out;
}

bool is_experiment_file(const std::string& file) {
  try {
    return Document::load_file(file).root()["experiment"].IsDefined();
  } catch (const ConfigError&) {
    return false;
  }
}

namespace {

// precision: how many replications a point may take, and (a sweep's) the interval it asks for.
void read_precision(MapReader& r, ExperimentConfig& c) {
  if (!r.has("precision")) {
    r.declare("precision");
    return;
  }
  MapReader q = r.map("precision");
  Precision& pr = c.precision;
  pr.max_replications = q.integer("max_replications", std::nullopt, 1, 100000);
  if (pr.max_replications < c.replications)
    q.fail("max_replications", fmt::format("must be at least replications ({}), got {}",
                                           c.replications, pr.max_replications));
  if (q.has("relative_ci")) {
    pr.relative_ci = q.number("relative_ci", std::nullopt, 0.0, 1.0);
    if (!(pr.relative_ci > 0))
      q.fail("relative_ci", "must be greater than 0 (0.01: a 95 % CI within 1 % of the mean)");
  } else {
    q.declare("relative_ci");
  }
  if (c.seek || c.plan) {
    if (q.has("metric"))
      q.fail("metric",
             fmt::format("a {} judges its own metric: remove this key", c.seek ? "seek" : "plan"));
    q.declare("metric");
  } else {
    pr.metric = q.string("metric", std::nullopt);
    check_metric(q, "metric", pr.metric);
    if (!(pr.relative_ci > 0))
      q.fail_here("a sweep's precision needs relative_ci (the interval it asks for)");
  }
  q.finish();
}

}  // namespace

ExperimentConfig parse_experiment(const std::string& file) {
  const Document doc = Document::load_file(file);
  MapReader top(doc, doc.root(), "", nullptr);
  MapReader r = top.map("experiment");
  if (!top.has("experiment")) top.fail_here("missing required key 'experiment'");
  ExperimentConfig c;
  c.file = file;
  c.name = r.string("name", std::nullopt);
  if (const std::string bad = sim::config::name_problem(c.name, sim::config::NameKind::FOLDER);
      !bad.empty())
    r.fail("name", bad);
  const std::string base = r.string("base", std::nullopt);
  c.base = (std::filesystem::path(file).parent_path() / base).lexically_normal().string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(c.base, ec))
    r.fail("base", fmt::format("no scenario file at '{}'", c.base));
  if (is_experiment_file(c.base))
    r.fail("base",
           fmt::format("'{}' is an experiment, not a scenario: base names the scenario to vary",
                       c.base));
  c.replications = r.integer("replications", 1, 1, 100000);
  c.seed = static_cast<std::uint64_t>(r.integer("seed", 1, 0, std::int64_t{1} << 53));
  read_variations(r, doc, c);
  c.timelines = r.boolean("timelines", false);
  c.seek = read_seek(r, doc);
  c.plan = read_plan(r, doc);
  if (c.seek && c.plan) r.fail("plan", "an experiment has a seek or a plan, not both");
  read_precision(r, c);
  if ((c.seek || c.plan) && (!c.grid.empty() || !c.zip.empty()))
    r.fail(c.seek ? "seek" : "plan",
           "a seek or a plan varies the scenario itself: use set, not grid or zip");
  check_run_count(r, c);
  r.finish();
  top.finish();

  // Every value must make a valid scenario with the base and the set overrides; a bad path or
  // value is reported where it was written.
  models::resolve_scenario(c.base, {});
  const auto with_set = overrides_of(c, {});
  models::resolve_scenario(c.base, with_set);
  check_variations(c, with_set);
  if (c.seek) check_seek(c, with_set);
  // The calendar: the years of the `<metric>_<year>` columns, and a year a metric names.
  const models::ScenarioFacts base_facts = models::scenario_facts(c.base, with_set);
  c.start_date = base_facts.start_date;
  c.start_epoch_s = base_facts.start_epoch_s;
  c.horizon_s = base_facts.horizon_s;
  c.years = experiment_years(c);
  if (c.seek) check_year(c, c.seek->metric, c.seek->metric_where, "experiment.seek.metric");
  if (!c.precision.metric.empty())
    check_year(c, c.precision.metric, doc.where(doc.root()["experiment"]["precision"]["metric"]),
               "experiment.precision.metric");
  if (c.plan) check_plan(c, doc, with_set);
  return c;
}
}  // namespace starsim::experiment
