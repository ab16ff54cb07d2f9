// An experiment's seek: the smallest value of one path, between min and max, that meets a target.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <utility>

#include "sim/experiment/expand.hpp"
#include "sim/experiment/experiment_config_parts.hpp"

namespace starsim::experiment {

using sim::config::ConfigError;
using sim::config::Document;
using sim::config::MapReader;

namespace {

// Whether `node` (the key path an error names: "sites[0]", "" for the top) is one the override
// path `path` walks through on its way to its own key ("sites[*].pads": [*] stands for any
// index): an error there (no such key, not a mapping, an index out of range, a path that does not
// parse) is the path's fault, not its value's, which is reported at the value's own key or below.
bool walked_by(const std::string& node, const std::string& path) {
  std::size_t i = 0, j = 0;
  while (i < node.size() && j < path.size()) {
    if (path.compare(j, 3, "[*]") == 0 && node[i] == '[') {
      const std::size_t close = node.find(']', i);
      if (close == std::string::npos) return false;
      i = close + 1;
      j += 3;
    } else if (node[i] == path[j]) {
      ++i;
      ++j;
    } else {
      return false;
    }
  }
  return i == node.size() && j < path.size() && (node.empty() || path[j] == '.' || path[j] == '[');
}

}  // namespace

std::optional<SeekConfig> read_seek(MapReader& r, const Document& doc) {
  if (!r.has("seek")) {
    r.declare("seek");
    return std::nullopt;
  }
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
  return k;
}

void check_seek(const ExperimentConfig& c, const std::vector<models::LabelledOverride>& with_set) {
  const SeekConfig& s = *c.seek;
  for (const auto& [v, where] : {std::pair{s.min, s.min_where}, std::pair{s.max, s.max_where}}) {
    auto o = with_set;
    o.push_back({s.path + "=" + std::to_string(v), where});
    try {
      models::resolve_scenario(c.base, o);
    } catch (const ConfigError& e) {
      // An error at a node the path walks through is the path's: say so at the path.
      if (walked_by(e.path(), s.path)) {
        o.back().label = s.where;
        models::resolve_scenario(c.base, o);
      }
      throw;
    }
  }
}

}  // namespace starsim::experiment
