#include "sim/experiment/expand.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "sim/config/yaml_path.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/config/yaml_text.hpp"
#include "sim/splitmix64.hpp"

namespace starsim::experiment {

std::vector<Point> expand_points(const ExperimentConfig& c) {
  std::vector<std::vector<PathValue>> combos{{}};
  for (const Axis& a : c.grid) {
    std::vector<std::vector<PathValue>> next;
    for (const auto& prefix : combos) {
      for (std::size_t i = 0; i < a.values.size(); ++i) {
        auto combo = prefix;
        combo.push_back({a.path, a.values[i], a.wheres[i]});
        next.push_back(std::move(combo));
      }
    }
    combos = std::move(next);
  }
  if (!c.zip.empty()) {
    std::vector<std::vector<PathValue>> next;
    for (const auto& prefix : combos) {
      for (std::size_t row = 0; row < c.zip.front().values.size(); ++row) {
        auto combo = prefix;
        for (const Axis& a : c.zip) combo.push_back({a.path, a.values[row], a.wheres[row]});
        next.push_back(std::move(combo));
      }
    }
    combos = std::move(next);
  }
  std::vector<Point> points;
  points.reserve(combos.size());
  for (auto& combo : combos)
    points.push_back({static_cast<std::int64_t>(points.size()), std::move(combo)});
  return points;
}

std::vector<models::LabelledOverride> overrides_of(const ExperimentConfig& c, const Point& p) {
  std::vector<models::LabelledOverride> out;
  for (const auto& s : c.set) out.push_back({s.path + "=" + s.value, s.where});
  for (const auto& v : p.values) out.push_back({v.path + "=" + v.value, v.where});
  return out;
}

std::uint64_t run_seed(std::uint64_t experiment_seed, std::int64_t run) {
  // The (run + 1)-th output of splitmix64 started at the experiment seed.
  std::uint64_t state = experiment_seed + sim::SPLITMIX64_GAMMA * static_cast<std::uint64_t>(run);
  return sim::splitmix64_next(state) & ((std::uint64_t{1} << 53) - 1);
}

RunSpec make_run(const ExperimentConfig& c, const Point& p, std::int64_t run,
                 std::int64_t replication) {
  RunSpec r;
  r.run = run;
  r.point = p.index;
  r.replication = replication;
  r.seed = run_seed(c.seed, replication);
  for (const auto& v : p.values) r.varied_values.push_back(v.value);
  r.overrides = overrides_of(c, p);
  return r;
}

std::vector<RunSpec> expand_runs(const ExperimentConfig& c) {
  std::vector<RunSpec> runs;
  for (const Point& p : expand_points(c))
    for (std::int64_t rep = 0; rep < c.max_replications(); ++rep)
      runs.push_back(make_run(c, p, static_cast<std::int64_t>(runs.size()), rep));
  return runs;
}

}  // namespace starsim::experiment
