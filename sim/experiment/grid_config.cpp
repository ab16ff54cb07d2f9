// An experiment's variations: fixed overrides (`set`), a cartesian `grid` and paired `zip` lists.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <utility>

#include "sim/experiment/expand.hpp"
#include "sim/experiment/experiment_config_parts.hpp"

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

// A path varied twice would take only its last value, silently.
void refuse_paths_varied_twice(const ExperimentConfig& c) {
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

}  // namespace

void read_variations(MapReader& r, const Document& doc, ExperimentConfig& c) {
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
  refuse_paths_varied_twice(c);
}

void check_run_count(const MapReader& r, const ExperimentConfig& c) {
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
}

// Each value is checked once (not each combination); a bad path or value is reported where it
// was written.
void check_variations(const ExperimentConfig& c,
                      const std::vector<models::LabelledOverride>& with_set) {
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
}

}  // namespace starsim::experiment
