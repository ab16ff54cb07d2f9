// Units and the calendar: key-name units, dates and UTC formatting.
#include "sim/units.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <stdexcept>

namespace {
namespace units = starsim::sim::units;
constexpr std::int64_t DAY = 86400;
constexpr std::int64_t EPOCH_2030 = 1893456000;  // 2030-01-01T00:00:00Z
}  // namespace

TEST_CASE("a key's unit suffix gives its seconds per unit") {
  CHECK(units::seconds_per_unit_of_key("ascent_s") == 1.0);
  CHECK(units::seconds_per_unit_of_key("ascent_min") == 60.0);
  CHECK(units::seconds_per_unit_of_key("stack_h") == 3600.0);
  CHECK(units::seconds_per_unit_of_key("orbit_raise_d") == 86400.0);
  CHECK(units::seconds_per_unit_of_key("min_launch_spacing_h") == 3600.0);
}

TEST_CASE("a key without a time unit is a programming error") {
  CHECK_THROWS_AS(units::seconds_per_unit_of_key("payload_t"), std::logic_error);
  CHECK_THROWS_AS(units::seconds_per_unit_of_key("fleet"), std::logic_error);
  CHECK_THROWS_AS(units::seconds_per_unit_of_key("_h"), std::logic_error);
  CHECK_THROWS_AS(units::seconds_per_unit_of_key("delay_ms"), std::logic_error);
  CHECK_THROWS_AS(units::seconds_per_unit_of_key(""), std::logic_error);
}

TEST_CASE("a valid date parses to seconds since 1970 at UTC midnight") {
  CHECK(units::parse_date_s("1970-01-01") == std::optional<std::int64_t>(0));
  CHECK(units::parse_date_s("1970-01-02") == std::optional<std::int64_t>(DAY));
  CHECK(units::parse_date_s("2030-01-01") == std::optional<std::int64_t>(EPOCH_2030));
  CHECK(units::parse_date_s("2030-12-31") == std::optional<std::int64_t>(EPOCH_2030 + 364 * DAY));
  CHECK(units::parse_date_s("2000-03-01") == std::optional<std::int64_t>(951868800));
  CHECK(units::parse_date_s("9999-12-31").has_value());
}

TEST_CASE("February 29 exists only in leap years") {
  CHECK(units::parse_date_s("2032-02-29") ==
        std::optional<std::int64_t>(units::parse_date_s("2032-03-01").value() - DAY));
  CHECK(units::parse_date_s("2000-02-29") ==
        std::optional<std::int64_t>(951782400));  // 400-year rule
  CHECK_FALSE(units::parse_date_s("2030-02-29").has_value());
  CHECK_FALSE(units::parse_date_s("2100-02-29").has_value());  // 100-year rule
  CHECK_FALSE(units::parse_date_s("2032-02-30").has_value());
}

TEST_CASE("an invalid date is rejected") {
  for (const char* text : {"2030-02-30", "2030-04-31", "2030-13-01", "2030-00-10", "2030-01-00",
                           "2030-01-32", "1969-12-31", "2030-1-1", "2030/01/01", "30-01-01",
                           "2030-01-01T00:00", " 2030-01-01", "abcd-01-01", "2030-0a-01", ""}) {
    CAPTURE(text);
    CHECK_FALSE(units::parse_date_s(text).has_value());
  }
}

TEST_CASE("a time is formatted as ISO 8601 UTC") {
  CHECK(units::format_utc(0) == "1970-01-01T00:00:00Z");
  CHECK(units::format_utc(EPOCH_2030 + 5 * 3600L + 7 * 60L + 9) == "2030-01-01T05:07:09Z");
  CHECK(units::format_utc(951782400 + DAY - 1) == "2000-02-29T23:59:59Z");
  CHECK(units::format_utc(-1) == "1969-12-31T23:59:59Z");
  CHECK(units::format_utc(EPOCH_2030 + 365 * DAY) == "2031-01-01T00:00:00Z");
}

TEST_CASE("civil dates and day numbers convert both ways") {
  CHECK(units::days_from_civil(1970, 1, 1) == 0);
  CHECK(units::days_from_civil(2030, 1, 1) == EPOCH_2030 / DAY);
  CHECK(units::days_from_civil(1969, 12, 31) == -1);
  for (std::int64_t day : {std::int64_t{-1}, std::int64_t{0}, std::int64_t{11016},
                           std::int64_t{21915}, std::int64_t{2932896}}) {
    CAPTURE(day);
    units::CivilDate c = units::civil_from_days(day);
    CHECK(units::days_from_civil(c.year, c.month, c.day) == day);
  }
  units::CivilDate leap = units::civil_from_days(11016);
  CHECK(leap.year == 2000);
  CHECK(leap.month == 2u);
  CHECK(leap.day == 29u);
}
