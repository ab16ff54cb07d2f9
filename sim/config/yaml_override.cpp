// Document::apply_override: "--set PATH=VALUE" on a loaded document. The path may name list
// entries ([i]) or all of them ([]); missing maps are created, and every node made here is
// located at the assignment in errors.
#include <fmt/format.h>

#include <stdexcept>

#include "sim/config/scalar_text.hpp"
#include "sim/config/yaml_path.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/config/yaml_text.hpp"

namespace starsim::sim::config {

void Document::apply_override(const std::string& assignment, const std::string& given_label) {
  const std::string label = given_label.empty() ? "--set " + assignment : given_label;
  auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) throw ConfigError(label, "", "expected PATH=VALUE");
  std::vector<PathStep> steps;
  try {
    steps = parse_path(assignment.substr(0, eq));
  } catch (const std::invalid_argument& e) {
    throw ConfigError(label, "", e.what());
  }
  if (steps.front().kind != PathStep::Kind::KEY)
    throw ConfigError(label, "", "a path starts with a key");
  YAML::Node value = load_yaml(assignment.substr(eq + 1), label, false);
  mark_origin(value, label);

  std::vector<YAML::Node> current{root_};
  std::vector<PathStep> walked;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const PathStep& step = steps[i];
    const bool last = i + 1 == steps.size();
    std::vector<YAML::Node> next;
    for (YAML::Node cur : current) {
      const std::string here = render_path(walked);
      if (step.kind == PathStep::Kind::KEY) {
        if (!cur.IsMap())
          throw ConfigError(label, here, fmt::format("is {}, not a mapping", type_name(cur)));
        if (last) {
          cur[step.key] = value;
          continue;
        }
        YAML::Node child = cur[step.key];
        const bool list_next = steps[i + 1].kind != PathStep::Kind::KEY;
        if ((!child.IsDefined() || child.IsNull()) && list_next) {
          walked.push_back(step);
          throw ConfigError(label, render_path(walked), "no such list in the scenario");
        }
        if (!child.IsDefined() || child.IsNull()) {
          YAML::Node fresh(YAML::NodeType::Map);
          mark_origin(fresh, label);
          cur[step.key] = fresh;
          next.push_back(fresh);
        } else {
          next.push_back(child);
        }
      } else {
        if (!cur.IsSequence())
          throw ConfigError(label, here, fmt::format("is {}, not a list", type_name(cur)));
        std::size_t size = cur.size();
        std::vector<std::size_t> indices;
        if (step.kind == PathStep::Kind::ALL) {
          for (std::size_t k = 0; k < size; ++k) indices.push_back(k);
        } else if (step.index >= size) {
          throw ConfigError(label, here,
                            fmt::format("index {} is out of range (the list has {} entr{})",
                                        step.index, size, size == 1 ? "y" : "ies"));
        } else {
          indices.push_back(step.index);
        }
        for (std::size_t k : indices) {
          if (last) {
            cur[k] = value;
          } else {
            next.push_back(cur[k]);
          }
        }
      }
    }
    walked.push_back(step);
    current = std::move(next);
  }
}

}  // namespace starsim::sim::config
