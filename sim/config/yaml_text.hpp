// The one door from YAML text to yaml-cpp nodes. Every YAML text starsim reads (a scenario, an
// experiment, a --set value, an experiment's values, a resolved scenario read back) goes
// through load_yaml, which bounds what yaml-cpp alone does not:
//   - size: at most 4 MiB, and no NUL byte (a binary file);
//   - depth: at most 200 levels, counted through aliases (yaml-cpp's own guard stops its
//     recursion at 2,000 and is reported with its position too);
//   - aliases: one that refers to the node it is inside of (a cycle: yaml-cpp builds a cyclic
//     graph and every walk over it recurses forever), and a total of more than 1,000,000 nodes
//     with every alias expanded (an alias bomb: yaml-cpp shares the nodes, but every walk
//     expands them);
//   - documents: one per text; a second one after `---` would be silently ignored.
// A scenario holds a few hundred nodes; the limits leave room for long lists of values.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>

namespace starsim::sim::config {

struct YamlLimits {
  std::size_t max_bytes = std::size_t{4} << 20;
  int max_depth = 200;
  std::size_t max_nodes = 1'000'000;
};

// Parses one YAML document. `where` names the text in errors: a file name, whose errors read
// "file:L:C: message" (1-based), or a label such as "--set PATH=VALUE" when positions inside
// the text mean nothing to the user (with_positions false). Throws ConfigError; an empty text
// gives a null node.
YAML::Node load_yaml(const std::string& text, const std::string& where, bool with_positions = true,
                     const YamlLimits& limits = {});

}  // namespace starsim::sim::config
