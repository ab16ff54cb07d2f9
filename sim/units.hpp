// Units and the calendar. Every physical quantity carries its unit in its name; simulated time
// is seconds (double) from start_date, UTC. Conversion happens once, when a file is read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace starsim::sim::units {

constexpr double SECONDS_PER_MINUTE = 60.0;
constexpr double SECONDS_PER_HOUR = 3600.0;
constexpr double SECONDS_PER_DAY = 86400.0;
constexpr double DAYS_PER_YEAR = 365.0;

// Seconds in the unit a key's name ends with: _s, _min, _h, _d. Throws std::logic_error for a
// key without a time unit (a programming error, not bad input).
double seconds_per_unit_of_key(std::string_view key);

// "YYYY-MM-DD" (a valid Gregorian date, 1970-9999) -> seconds since 1970-01-01T00:00:00Z.
std::optional<std::int64_t> parse_date_s(std::string_view text);

struct CivilDate {
  int year;
  unsigned month;  // 1-12
  unsigned day;    // 1-31
};
CivilDate civil_from_days(std::int64_t days_since_epoch);
std::int64_t days_from_civil(int year, unsigned month, unsigned day);

// The calendar years a run covers: [from_s, to_s) in simulated seconds (from the start), the
// first and last maybe partial.
struct YearSpan {
  int year;
  double from_s, to_s;
  double days() const { return (to_s - from_s) / SECONDS_PER_DAY; }
  double year_days() const;  // 365 or 366
};
std::vector<YearSpan> calendar_years(std::int64_t start_epoch_s, double horizon_s);

// "2030-01-01T05:07:09Z" for a whole number of seconds since the epoch.
std::string format_utc(std::int64_t epoch_s);

}  // namespace starsim::sim::units
