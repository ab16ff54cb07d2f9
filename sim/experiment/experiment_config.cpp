#include "sim/experiment/experiment_config.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <set>

#include "models/launch/run_scenario.hpp"
#include "models/launch/yearly_metrics.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/experiment/expand.hpp"
#include "sim/experiment/plan_resources.hpp"

namespace starsim::experiment {

using sim::config::ConfigError;
using sim::config::Document;
using sim::config::MapReader;

namespace {

std::string value_text(const YAML::Node& v) {
  if (v.IsScalar()) return v.Scalar();
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);
  out.SetSeqFormat(YAML::Flow);
  out << v;
  return out.c_str();
}

const std::vector<std::string> NON_NUMERIC{"name", "seed", "config_sha256", "bottleneck", "wall_s"};

// A summary metric, or a year's (its year is checked once the years are known).
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

std::vector<Axis> read_axes(MapReader& r, const std::string& key, const Document& doc) {
  std::vector<Axis> axes;
  for (const auto& [k, v] : r.entries(key)) {
    Axis a;
    a.path = k.Scalar();
    a.where = doc.where(k);
    if (!v.IsSequence() || v.size() == 0)
      throw ConfigError(doc.where(v), r.path() + "." + key + "." + a.path,
                        "expected a non-empty list of values");
    for (auto it = v.begin(); it != v.end(); ++it) {
      a.values.push_back(value_text(*it));
      a.wheres.push_back(doc.where(*it));
    }
    axes.push_back(std::move(a));
  }
  return axes;
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

ExperimentConfig parse_experiment(const std::string& file) {
  const Document doc = Document::load_file(file);
  MapReader top(doc, doc.root(), "", nullptr);
  MapReader r = top.map("experiment");
  if (!top.has("experiment")) top.fail_here("missing required key 'experiment'");
  ExperimentConfig c;
  c.file = file;
  c.name = r.string("name", std::nullopt);
  for (char ch : c.name)
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.'))
      r.fail("name", fmt::format("'{}' may hold only letters, digits, '-', '_' and '.'", c.name));
  if (c.name.front() == '.') r.fail("name", "must not start with '.'");  // string() refuses ""
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
  for (const auto& [k, v] : r.entries("set")) {
    if (!v.IsDefined() || v.IsNull())
      throw ConfigError(doc.where_pair(k, v), "experiment.set." + k.Scalar(), "expected a value");
    c.set.push_back({k.Scalar(), value_text(v), doc.where(v), doc.where(k)});
  }
  c.grid = read_axes(r, "grid", doc);
  c.zip = read_axes(r, "zip", doc);
  for (const auto& a : c.zip)
    if (a.values.size() != c.zip.front().values.size())
      throw ConfigError(
          a.wheres.front(), "experiment.zip." + a.path,
          fmt::format("has {} values but '{}' has {}: zip lists vary together", a.values.size(),
                      c.zip.front().path, c.zip.front().values.size()));
  // A path varied twice would take only its last value, silently.
  {
    std::vector<std::pair<std::string, std::string>> seen;  // path, where it was first
    auto once = [&](const std::string& path, const std::string& where, const std::string& section) {
      for (const auto& [p, first] : seen)
        if (p == path)
          throw ConfigError(
              where, "experiment." + section + "." + path,
              fmt::format(
                  "is also given at {}: a path takes its values from one of set, grid and zip",
                  first));
      seen.emplace_back(path, where);
    };
    for (const auto& s : c.set) once(s.path, s.path_where, "set");
    for (const auto& a : c.grid) once(a.path, a.where, "grid");
    for (const auto& a : c.zip) once(a.path, a.where, "zip");
  }
  c.timelines = r.boolean("timelines", false);

  if (r.has("seek")) {
    MapReader s = r.map("seek");
    SeekConfig k;
    k.path = s.string("path", std::nullopt);
    const YAML::Node seek_node = doc.root()["experiment"]["seek"];
    k.where = doc.where(seek_node["path"]);
    k.min_where = seek_node["min"] ? doc.where(seek_node["min"]) : k.where;
    k.max_where = seek_node["max"] ? doc.where(seek_node["max"]) : k.where;
    k.min = s.integer("min", std::nullopt, -1'000'000'000, 1'000'000'000);
    k.max = s.integer("max", std::nullopt, -1'000'000'000, 1'000'000'000);
    if (k.max < k.min)
      s.fail("max", fmt::format("must not be less than min ({}), got {}", k.min, k.max));
    k.metric = s.string("metric", std::nullopt);
    check_metric(s, "metric", k.metric);
    k.metric_where = doc.where(seek_node["metric"]);
    k.target = s.number("target", std::nullopt, -1e300, 1e300);
    k.at_most = s.choice("goal", "at_least", {"at_least", "at_most"}) == "at_most";
    s.finish();
    c.seek = k;
  } else {
    r.declare("seek");
  }
  if (r.has("plan")) {
    MapReader p = r.map("plan");
    PlanConfig k;
    const YAML::Node plan_node = doc.root()["experiment"]["plan"];
    k.by_year = p.boolean("by_year", false);
    k.metric = p.string("metric", std::nullopt);
    k.metric_where = doc.where(plan_node["metric"]);
    if (k.by_year) {
      if (!is_numeric_yearly_metric(k.metric)) {
        std::vector<std::string> names;
        for (const auto& m : models::yearly_experiment_metrics())
          if (is_numeric_yearly_metric(m)) names.push_back(m);
        const std::string hint = sim::config::closest_match(k.metric, names);
        p.fail("metric",
               fmt::format("'{}' is not a yearly metric: a plan by year names one of {}{}",
                           k.metric, fmt::join(names, ", "),
                           hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
      }
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
      for (const char* key : {"from_year"})
        if (p.has(key)) p.fail(key, "goes with by_year: true");
      p.declare("from_year");
    }
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
      k.resources.push_back({key.Scalar(), where, step});
    }
    if (k.resources.empty()) p.fail_here("needs at least one entry in resources");
    k.max_steps = p.integer("max_steps", 100, 1, 10000);
    k.plateau_steps = p.integer("plateau_steps", 2, 1, 10000);
    k.at_most = p.choice("goal", "at_least", {"at_least", "at_most"}) == "at_most";
    if (p.has("weigh")) {
      k.weigh = p.string("weigh", std::nullopt);
      if (!is_numeric_metric(k.weigh)) check_metric(p, "weigh", k.weigh);
      if (!is_numeric_metric(k.weigh))
        p.fail("weigh",
               fmt::format(
                   "'{}' is a year's metric: a plan weighs by a whole-horizon metric (cost_usd)",
                   k.weigh));
    } else {
      p.declare("weigh");
    }
    p.finish();
    c.plan = k;
  } else {
    r.declare("plan");
  }
  if (c.seek && c.plan) r.fail("plan", "an experiment has a seek or a plan, not both");
  if (r.has("precision")) {
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
        q.fail("metric", fmt::format("a {} judges its own metric: remove this key",
                                     c.seek ? "seek" : "plan"));
      q.declare("metric");
    } else {
      pr.metric = q.string("metric", std::nullopt);
      check_metric(q, "metric", pr.metric);
      if (!(pr.relative_ci > 0))
        q.fail_here("a sweep's precision needs relative_ci (the interval it asks for)");
    }
    q.finish();
  } else {
    r.declare("precision");
  }
  if ((c.seek || c.plan) && (!c.grid.empty() || !c.zip.empty()))
    r.fail(c.seek ? "seek" : "plan",
           "a seek or a plan varies the scenario itself: use set, not grid or zip");
  std::size_t points = 1;
  for (const auto& a : c.grid) {
    points *= a.values.size();
    if (points > 1'000'000) break;
  }
  if (!c.zip.empty() && points <= 1'000'000) points *= c.zip.front().values.size();
  if (points * static_cast<std::size_t>(c.max_replications()) > 1'000'000)
    r.fail_here(
        fmt::format("more than 1,000,000 runs ({} points x {} replications); split the experiment",
                    points > 1'000'000 ? std::string("over 1,000,000") : std::to_string(points),
                    c.max_replications()));
  r.finish();
  top.finish();

  // Every value must make a valid scenario with the base and the set overrides; a bad path or
  // value is reported where it was written. Each value is checked once (not each combination).
  models::resolve_scenario(c.base, {});
  const auto with_set = overrides_of(c, {});
  models::resolve_scenario(c.base, with_set);
  for (const auto& a : c.grid) {
    for (std::size_t i = 0; i < a.values.size(); ++i) {
      auto o = with_set;
      o.push_back({a.path + "=" + a.values[i], a.wheres[i]});
      models::resolve_scenario(c.base, o);
    }
  }
  if (!c.zip.empty()) {
    for (std::size_t row = 0; row < c.zip.front().values.size(); ++row) {
      auto o = with_set;
      for (const auto& a : c.zip) o.push_back({a.path + "=" + a.values[row], a.wheres[row]});
      models::resolve_scenario(c.base, o);
    }
  }
  if (c.seek) {
    for (const auto& [v, where] :
         {std::pair{c.seek->min, c.seek->min_where}, std::pair{c.seek->max, c.seek->max_where}}) {
      auto o = with_set;
      o.push_back({c.seek->path + "=" + std::to_string(v), where});
      try {
        models::resolve_scenario(c.base, o);
      } catch (const ConfigError& e) {
        // A path that names no key is the path's fault: say so at the path.
        const std::string what = e.what();
        for (const char* about_path :
             {"unknown key", "out of range", "not a mapping", "not a list", "no such list"}) {
          if (what.find(about_path) != std::string::npos) {
            o.back().label = c.seek->where;
            models::resolve_scenario(c.base, o);
          }
        }
        throw;
      }
    }
  }
  // The calendar: the years of the `<metric>_<year>` columns, and a year a metric names.
  const models::ScenarioFacts base_facts = models::scenario_facts(c.base, with_set);
  c.start_date = base_facts.start_date;
  c.start_epoch_s = base_facts.start_epoch_s;
  c.horizon_s = base_facts.horizon_s;
  c.years = experiment_years(c);
  auto check_year = [&](const std::string& metric, const std::string& where,
                        const std::string& path) {
    const auto yearly = yearly_metric_of(metric);
    if (!yearly || std::find(c.years.begin(), c.years.end(), yearly->second) != c.years.end())
      return;
    throw ConfigError(where, path,
                      fmt::format("'{}' names {}, but the runs cover {} to {}", metric,
                                  yearly->second, c.years.front(), c.years.back()));
  };
  if (c.seek) check_year(c.seek->metric, c.seek->metric_where, "experiment.seek.metric");
  if (!c.precision.metric.empty())
    check_year(c.precision.metric, doc.where(doc.root()["experiment"]["precision"]["metric"]),
               "experiment.precision.metric");
  if (c.plan) {
    check_year(c.plan->metric, c.plan->metric_where, "experiment.plan.metric");
    if (c.plan->by_year) {
      doc.set_calendar({c.start_epoch_s, c.horizon_s});
      MapReader p(doc, doc.root()["experiment"]["plan"], "experiment.plan", nullptr, false);
      c.plan->year_target = p.timed_number("target", std::nullopt, -1e300, 1e300);
      if (c.plan->from_year &&
          (*c.plan->from_year < c.years.front() || *c.plan->from_year > c.years.back()))
        p.fail("from_year", fmt::format("must be a year of the runs, {} to {}, got {}",
                                        c.years.front(), c.years.back(), *c.plan->from_year));
    }
    // Every resource names numbers (or a schedule of them), and one step of growth keeps the
    // scenario valid (a whole number stays whole, a value within its range): what the plan
    // would refuse mid-way.
    const std::string resolved = models::resolve_scenario(c.base, overrides_of(c, {}));
    for (const auto& res : c.plan->resources) {
      std::vector<Resource> grown = read_resource(resolved, res.path, res.where, c.start_date);
      for (Resource& v : grown) grow(v, c.start_date, res.step);
      auto o = with_set;
      for (auto& g : resource_overrides(res.path, grown, res.where)) o.push_back(std::move(g));
      models::resolve_scenario(c.base, o);
    }
  }
  return c;
}

}  // namespace starsim::experiment
