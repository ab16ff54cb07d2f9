#include "sim/config/names.hpp"

#include <fmt/format.h>

#include <cctype>

namespace starsim::sim::config {

std::string name_problem(std::string_view name, NameKind kind) {
  const bool dots = kind == NameKind::FOLDER;
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || (dots && c == '.'))
      continue;
    return dots ? fmt::format("'{}' may hold only letters, digits, '-', '_' and '.'", name)
                : fmt::format("'{}' may hold only letters, digits, '-' and '_'", name);
  }
  if (dots && !name.empty() && name.front() == '.')
    return fmt::format("'{}' must not start with '.'", name);
  return "";
}

}  // namespace starsim::sim::config
