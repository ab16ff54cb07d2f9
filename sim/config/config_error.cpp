#include "sim/config/config_error.hpp"

#include <fmt/format.h>

namespace starsim::sim::config {

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
  }
  return out;
}

ConfigError::ConfigError(const std::string& where, const std::string& path,
                         const std::string& message)
    : std::runtime_error(printable(where + ": " + (path.empty() ? "" : path + ": ") + message)),
      where_(where),
      path_(path) {}

}  // namespace starsim::sim::config
