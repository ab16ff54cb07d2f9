// Reading one scalar of a YAML document as the readers do (internal to sim/config): strict,
// finite numbers, the words YAML uses for infinity and NaN, and the texts of range errors.
#pragma once

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace starsim::sim::config {

inline const char* type_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "an empty value";
    default:
      return "a value";
  }
}

inline std::string fmt_number(double x) { return fmt::format("{}", x); }

inline std::string range_text(double x, double min, double max) {
  if (max >= 1e300)
    return fmt::format("must be at least {}, got {}", fmt_number(min), fmt_number(x));
  if (min <= -1e300)
    return fmt::format("must be at most {}, got {}", fmt_number(max), fmt_number(x));
  return fmt::format("must be between {} and {}, got {}", fmt_number(min), fmt_number(max),
                     fmt_number(x));
}

// Strict number parsing: the whole text, finite; YAML's .inf/.nan are named as such.
inline std::optional<double> parse_double(const std::string& text) {
  std::string_view s = text;
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double x = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return x;
}

inline bool is_non_finite_word(const std::string& text) {
  std::string t = text;
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  return t == ".nan" || t == ".inf" || t == "-.inf" || t == "+.inf" || t == "nan" || t == "inf" ||
         t == "-inf" || t == "infinity" || t == "-infinity";
}

}  // namespace starsim::sim::config
