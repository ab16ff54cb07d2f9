#include "sim/units.hpp"

#include <algorithm>
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

// Howard Hinnant's civil calendar algorithms (public domain), proleptic Gregorian.
std::int64_t days_from_civil(int year, unsigned month, unsigned day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (static_cast<std::int64_t>(month) + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + static_cast<std::int64_t>(day) - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return {static_cast<int>(y), static_cast<unsigned>(m), static_cast<unsigned>(d)};
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
  if (!y || !m || !d || *y < 1970 || *m < 1 || *m > 12 || *d < 1) return std::nullopt;
  static constexpr int DAYS_IN_MONTH[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
  const int max_day = DAYS_IN_MONTH[*m - 1] + (*m == 2 && leap ? 1 : 0);
  if (*d > max_day) return std::nullopt;
  return days_from_civil(*y, static_cast<unsigned>(*m), static_cast<unsigned>(*d)) * 86400;
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
  std::int64_t days = epoch_s >= 0 ? epoch_s / 86400 : (epoch_s - 86399) / 86400;
  std::int64_t rem = epoch_s - days * 86400;
  CivilDate c = civil_from_days(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", c.year, c.month, c.day,
                static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
                static_cast<int>(rem % 60));
  return buf;
}

}  // namespace starsim::sim::units
