#include "sim/experiment/plan_resources.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <stdexcept>

#include "sim/config/config_error.hpp"
#include "sim/config/yaml_path.hpp"
#include "sim/config/yaml_text.hpp"

namespace starsim::experiment {

using sim::config::ConfigError;

double Resource::at(const std::string& date) const {
  double v = steps.front().second;
  for (const auto& [d, x] : steps)
    if (d <= date) v = x;
  return v;
}

namespace {

// The nodes a path names in a document ([*] gives every element).
std::vector<YAML::Node> nodes_at(const YAML::Node& root, const std::string& path,
                                 const std::string& where) {
  using sim::config::PathStep;
  std::vector<PathStep> steps;
  try {
    steps = sim::config::parse_path(path);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(where, "", e.what());
  }
  std::vector<YAML::Node> nodes{root};
  for (const PathStep& s : steps) {
    std::vector<YAML::Node> next;
    for (const YAML::Node& n : nodes) {
      if (s.kind == PathStep::Kind::KEY && n.IsMap() && n[s.key]) {
        next.push_back(n[s.key]);
      } else if (s.kind == PathStep::Kind::INDEX && n.IsSequence() && s.index < n.size()) {
        next.push_back(n[s.index]);
      } else if (s.kind == PathStep::Kind::ALL && n.IsSequence()) {
        for (std::size_t i = 0; i < n.size(); ++i) next.push_back(n[i]);
      } else {
        throw ConfigError(where, path, "names no value in the resolved scenario");
      }
    }
    nodes = std::move(next);
  }
  if (nodes.empty()) throw ConfigError(where, path, "names no value in the resolved scenario");
  return nodes;
}

double number_of(const YAML::Node& n, const std::string& path, const std::string& where) {
  try {
    return n.as<double>();
  } catch (const YAML::Exception&) {
    throw ConfigError(where, path, "is not a number in the scenario (only numbers can be grown)");
  }
}

}  // namespace

std::vector<Resource> read_resource(const std::string& resolved_yaml, const std::string& path,
                                    const std::string& where, const std::string& start_date) {
  std::vector<Resource> out;
  for (const YAML::Node& n :
       nodes_at(sim::config::load_yaml(resolved_yaml, "the resolved scenario"), path, where)) {
    Resource r;
    if (n.IsMap() && n["ramp"]) {
      throw ConfigError(
          where, path,
          "is a ramp in the scenario: a plan grows numbers or schedules (write it as a schedule)");
    } else if (n.IsMap() && n["schedule"] && n["schedule"].IsMap()) {
      for (auto it = n["schedule"].begin(); it != n["schedule"].end(); ++it)
        r.steps.emplace_back(it->first.as<std::string>(), number_of(it->second, path, where));
    } else {
      r.steps.emplace_back(start_date, number_of(n, path, where));
    }
    out.push_back(std::move(r));
  }
  return out;
}

void grow(Resource& r, const std::string& from_date, double step) {
  const double before = r.at(from_date);
  bool dated = false;
  for (auto& [d, x] : r.steps) {
    if (d >= from_date) x += step;
    dated = dated || d == from_date;
  }
  if (dated) return;
  std::size_t i = 0;
  while (i < r.steps.size() && r.steps[i].first < from_date) ++i;
  r.steps.insert(r.steps.begin() + static_cast<std::ptrdiff_t>(i), {from_date, before + step});
}

std::vector<models::LabelledOverride> resource_overrides(const std::string& path,
                                                         const std::vector<Resource>& values,
                                                         const std::string& where) {
  std::vector<models::LabelledOverride> out;
  const auto star = path.find("[*]");
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::string p = path;
    if (star != std::string::npos) p.replace(star, 3, fmt::format("[{}]", i));
    const auto& steps = values[i].steps;
    if (steps.size() == 1) {
      out.push_back({fmt::format("{}={}", p, steps.front().second), where});
      continue;
    }
    std::string schedule;
    for (const auto& [d, x] : steps)
      schedule += fmt::format("{}{}: {}", schedule.empty() ? "" : ", ", d, x);
    out.push_back({fmt::format("{}={{schedule: {{{}}}}}", p, schedule), where});
  }
  return out;
}

std::string values_on(const std::vector<Resource>& values, const std::string& date) {
  std::string out;
  for (const Resource& r : values) out += fmt::format("{}{}", out.empty() ? "" : " ", r.at(date));
  return out;
}

}  // namespace starsim::experiment
