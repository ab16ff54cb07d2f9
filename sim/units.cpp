#include "sim/units.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace starsim::sim::units {

namespace {
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
}  // namespace

double seconds_per_unit_of_key(std::string_view key) {
  if (ends_with(key, "_min")) return SECONDS_PER_MINUTE;
  if (ends_with(key, "_h")) return SECONDS_PER_HOUR;
  if (ends_with(key, "_d")) return SECONDS_PER_DAY;
  if (ends_with(key, "_s")) return 1.0;
  throw std::logic_error("key '" + std::string(key) + "' names no time unit");
}

// The calendar is C++20's <chrono> (proleptic Gregorian, days since 1970-01-01).
std::int64_t days_from_civil(int year, unsigned month, unsigned day) {
  const std::chrono::sys_days date{std::chrono::year{year} / std::chrono::month{month} /
                                   std::chrono::day{day}};
  return date.time_since_epoch().count();
}

CivilDate civil_from_days(std::int64_t days_since_epoch) {
  const std::chrono::year_month_day date{
      std::chrono::sys_days{std::chrono::days{days_since_epoch}}};
  return {static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
          static_cast<unsigned>(date.day())};
}

std::optional<std::int64_t> parse_date_s(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t n) -> std::optional<int> {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  };
  auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
  if (!y || !m || !d || *y < 1970) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{*y},
                                         std::chrono::month{static_cast<unsigned>(*m)},
                                         std::chrono::day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;  // month 13, 31 April, 29 February of a common year
  return std::int64_t{std::chrono::sys_days{date}.time_since_epoch().count()} * 86400;
}

double YearSpan::year_days() const {
  return static_cast<double>(days_from_civil(year + 1, 1, 1) - days_from_civil(year, 1, 1));
}

std::vector<YearSpan> calendar_years(std::int64_t start_epoch_s, double horizon_s) {
  std::vector<YearSpan> out;
  const int first = civil_from_days(start_epoch_s / 86400).year;
  double from = 0.0;
  for (int y = first; from < horizon_s; ++y) {
    const double next = static_cast<double>(days_from_civil(y + 1, 1, 1) * 86400 - start_epoch_s);
    out.push_back({y, from, std::min(next, horizon_s)});
    from = next;
  }
  return out;
}

std::string format_utc(std::int64_t epoch_s) {
  const std::chrono::sys_seconds t{std::chrono::seconds{epoch_s}};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const CivilDate c = civil_from_days(day.time_since_epoch().count());
  const std::chrono::hh_mm_ss time{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", c.year, c.month, c.day,
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return buf;
}

}  // namespace starsim::sim::units
