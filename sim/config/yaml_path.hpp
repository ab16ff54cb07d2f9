// Paths into a YAML document: dotted keys and [i] indices, with [*] for every element
// (`sites[0].propellant.storage_t`, `sites[*].pads`). Shared by --set overrides and experiments.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace starsim::sim::config {

struct PathStep {
  enum class Kind { KEY, INDEX, ALL };
  Kind kind = Kind::KEY;
  std::string key;        // KIND::KEY
  std::size_t index = 0;  // Kind::INDEX
};

// Parses a path; throws std::invalid_argument with a message naming the offending character.
std::vector<PathStep> parse_path(std::string_view text);

// Renders steps back to text ("sites[0].pads").
std::string render_path(const std::vector<PathStep>& steps);

// A concrete path with every [i] replaced by [] ("sites[].pads"): the schema's name of a key.
std::string schema_path(std::string_view concrete_path);

}  // namespace starsim::sim::config
