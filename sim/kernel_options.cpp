#include "sim/kernel_options.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <string_view>

#include "sim/config/config_error.hpp"

namespace starsim::sim {

namespace {

constexpr std::string_view FACTORY = "--cfg=contexts/factory:";
constexpr std::string_view STACK = "--cfg=contexts/stack-size:";
constexpr std::string_view LOG = "--log=";
constexpr std::array<std::string_view, 4> FACTORIES{"raw", "thread", "ucontext", "boost"};
constexpr std::array<std::string_view, 7> LEVELS{"trace",   "debug", "verbose", "info",
                                                 "warning", "error", "critical"};

const std::string ACCEPTED = fmt::format(
    "starsim accepts --cfg=contexts/factory:raw|thread|ucontext|boost, "
    "--cfg=contexts/stack-size:KIB ({} to {}) and --log=CATEGORY.thres:LEVEL "
    "(trace, debug, verbose, info, warning, error or critical)",
    MIN_STACK_KIB, MAX_STACK_KIB);

bool starts(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// "123" -> 123; nothing else (no sign, no suffix).
std::optional<long> whole_number(std::string_view s) {
  long x = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || x < 0) return std::nullopt;
  return x;
}

bool category_name(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
  });
}

[[noreturn]] void refuse(const std::string& option, const std::string& why) {
  throw config::ConfigError(option, "", why + "; " + ACCEPTED);
}

}  // namespace

void check_engine_options(const std::vector<std::string>& options, const std::string& origin) {
  for (const std::string& given : options) {
    const std::string o = origin.empty() ? given : origin + ": " + given;
    const std::string_view s = given;
    if (starts(s, FACTORY)) {
      const auto v = s.substr(FACTORY.size());
      if (std::find(FACTORIES.begin(), FACTORIES.end(), v) == FACTORIES.end())
        refuse(o, fmt::format("'{}' is not a context factory", v));
    } else if (starts(s, STACK)) {
      const auto kib = whole_number(s.substr(STACK.size()));
      if (!kib || *kib < MIN_STACK_KIB || *kib > MAX_STACK_KIB)
        refuse(o, fmt::format("the stack size is a whole number of KiB from {} to {}",
                              MIN_STACK_KIB, MAX_STACK_KIB));
    } else if (starts(s, LOG)) {
      const auto v = s.substr(LOG.size());
      const auto dot = v.rfind(".thres:");
      if (dot == std::string_view::npos || !category_name(v.substr(0, dot)))
        refuse(o, "only a log threshold can be set (no appender, layout or file)");
      const auto level = v.substr(dot + 7);
      if (std::find(LEVELS.begin(), LEVELS.end(), level) == LEVELS.end())
        refuse(o, fmt::format("'{}' is not a log level", level));
    } else {
      refuse(o, "not a SimGrid option starsim accepts");
    }
  }
}

}  // namespace starsim::sim
