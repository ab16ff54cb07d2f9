// A launch that waited on spacing (or a slot) decides again at the end of the wait when the
// world changed meanwhile (models/launch/pad.cpp, Pad::lift_off): a stand-down begun during the
// wait grounds it, and a new calendar year counts it against the new year's cap.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;

namespace {

constexpr double HOUR = 3600.0;
constexpr double DAY = 86400.0;

const std::string INSTANT_FLIGHTS =
    "  booster: {fleet: 50, life_flights: 1000000, turnaround_h: 0}\n"
    "  ship: {fleet: 50, life_flights: 1000000, turnaround_h: 0}\n"
    "  phases: {stack_h: 3, propellant_load_h: 1, ascent_min: 0, booster_return_min: 0,\n"
    "           orbit_insertion_min: 0, deploy_h: 0, orbit_stay_h: 0, ship_return_h: 0,\n"
    "           catch_clear_h: 0}\n";

}  // namespace

TEST_CASE("a launch waiting on spacing when a stand-down begins does not lift off during it") {
  // Every launch fails and grounds every site for 3 h. Site `spaced` (one pad, 10 h apart)
  // lifts off at 4 h: a stand-down until 7 h. Site `other` (one pad, refurbished for 1 h) lifts
  // off at 7 h: until 10 h. The spaced pad is back at 7 h and ready at 11 h: it takes its turn
  // and waits on its spacing until 14 h. Meanwhile `other`, ready again at 12 h, lifts off and
  // fails: a stand-down until 15 h. At 14 h the spaced pad must stand down, not lift off.
  TempDir dir;
  const std::string yaml =
      "name: standdown-during-spacing\n"
      "start_date: 2030-01-01\n"
      "horizon_d: 3\n"
      "vehicle:\n" +
      INSTANT_FLIGHTS +
      "sites:\n"
      "  - {name: spaced, pads: 1, pad_refurb_h: 3, min_launch_spacing_h: 10}\n"
      "  - {name: other, pads: 1, pad_refurb_h: 1}\n"
      "payload: {interval_h: 0.001, integration_bays: 50, integration_h: 0}\n"
      "failures: {launch_failure_probability: 1, stand_down_d: 0.125, pad_damage_probability: 0}\n";
  run_ok(yaml, dir);
  const auto rows = timeline(dir);
  const auto starts = only(rows, "standdown.started"), ends = only(rows, "standdown.ended");
  const auto lifts = only(rows, "launch.lifted_off");
  REQUIRE(starts.size() >= 3);
  REQUIRE(ends.size() >= 3);
  // No liftoff strictly inside a stand-down (the one that starts it is at its first instant).
  for (const auto& lift : lifts) {
    for (std::size_t i = 0; i < starts.size() && i < ends.size(); ++i) {
      CAPTURE(lift.time_s);
      CAPTURE(lift.site);
      CHECK_FALSE((lift.time_s > starts[i].time_s && lift.time_s < ends[i].time_s));
    }
  }
  // The spaced site's second liftoff: at the end of the stand-down begun at 12 h, not at 14 h.
  std::vector<double> spaced;
  for (const auto& lift : lifts)
    if (lift.site == "spaced") spaced.push_back(lift.time_s);
  REQUIRE(spaced.size() >= 2);
  CHECK(spaced[0] == 4 * HOUR);
  CHECK(spaced[1] == 15 * HOUR);
}

TEST_CASE("a launch waiting on spacing across 1 January counts against the new year's cap") {
  // One site capped at 2 liftoffs a calendar year, 15 days apart, from 2030-12-20 for 70 days.
  // Pad 1 lifts off at 4 h (2030: 1). Pad 2 takes the turn under the cap and waits on the
  // spacing until 4 January 04:00: a new year began while it waited, so it decides again and
  // counts against 2031. 2031 then has room for two: 4 January and 19 January; the third waits
  // for 2032, past the horizon. Counted against 2030, a third liftoff would fit in 2031.
  TempDir dir;
  const std::string yaml =
      "name: new-year-during-spacing\n"
      "start_date: 2030-12-20\n"
      "horizon_d: 70\n"
      "vehicle:\n" +
      INSTANT_FLIGHTS +
      "sites:\n"
      "  - {name: capped, pads: 2, pad_refurb_h: 3, min_launch_spacing_h: 360,\n"
      "     annual_launch_cap: 2}\n"
      "payload: {interval_h: 1, integration_bays: 50, integration_h: 0}\n";
  Summary s = run_ok(yaml, dir);
  const auto lifts = only(timeline(dir), "launch.lifted_off");
  REQUIRE(lifts.size() >= 2);
  const double new_year_s = 12 * DAY;  // 2031-01-01 00:00 UTC
  int in_2030 = 0, in_2031 = 0;
  for (const auto& lift : lifts) (lift.time_s < new_year_s ? in_2030 : in_2031) += 1;
  CHECK(in_2030 == 1);
  CHECK(in_2031 == 2);
  CHECK(num(s, "launches") == 3);
  CHECK(lifts[0].time_s == doctest::Approx(4 * HOUR));
  CHECK(lifts[1].time_s == doctest::Approx(15 * DAY + 4 * HOUR));
  CHECK(lifts[2].time_s == doctest::Approx(30 * DAY + 4 * HOUR));
}
