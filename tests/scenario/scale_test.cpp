// Scale: vehicles are data, so a million-vehicle fleet and a century of production are valid
// scenarios whose answers arithmetic knows. (Their speed and memory are tools/bench's.)
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;

namespace {

// One pad cycling every 8 h (stack 2 h, load 1 h, refurbishment 5 h); payloads abundant.
std::string one_pad(const std::string& horizon_d, const std::string& booster,
                    const std::string& ship, const std::string& payload_interval_h = "0.1") {
  return "name: scale\n"
         "horizon_d: " +
         horizon_d +
         "\n"
         "vehicle:\n"
         "  booster: " +
         booster +
         "\n"
         "  ship: " +
         ship +
         "\n"
         "  phases: {stack_h: 2, propellant_load_h: 1, ascent_min: 3, booster_return_min: 5,\n"
         "           orbit_insertion_min: 6, deploy_h: 2, catch_clear_h: 1}\n"
         "sites:\n"
         "  - {name: solo, pads: 1, pad_refurb_h: 5}\n"
         "payload: {interval_h: " +
         payload_interval_h + ", integration_bays: 4, integration_h: 0}\n";
}

}  // namespace

TEST_CASE(
    "a fleet of a million boosters and a million ships runs: one pad still launches once a cycle") {
  TempDir dir;
  // 30 days: liftoffs at 3 h + 8 h k, 90 of them (analytic_test's one-pad cycle), whatever the
  // fleet; each launch takes a booster never flown before (the ready pool is first in, first out).
  Outcome o = run_scenario_text(one_pad("30", "{fleet: 1000000, turnaround_h: 0}",
                                        "{fleet: 1000000, turnaround_h: 0, recovery: expend}"),
                                dir, {"--no-timeline"});
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  auto s = read_summary(dir / "out/summary.csv");
  CHECK(s["launches"] == "90");
  CHECK(s["bottleneck"] == "none");
  // 90 flights of about 10 minutes each among a million boosters: barely used.
  CHECK(std::stod(s["booster_utilization"]) < 1e-4);
  CHECK(std::stod(s["booster_utilization"]) > 0);
}

TEST_CASE("a century of production builds one booster a day, each flying once on its day") {
  TempDir dir;
  // No booster at the start, one built a day from the start (the first at t = 0): 36,500 in
  // [0, 36,500 d); each flies on the day it is built, 3 h later, and retires at its recovery.
  // Two payloads a day (one spare: 36,500 wait at the end, within the queue's bound).
  Outcome o = run_scenario_text(
      one_pad("36500", "{fleet: 0, production_per_week: 7, life_flights: 1, turnaround_h: 0}",
              "{fleet: 3, life_flights: 1000000, turnaround_h: 0}", "12"),
      dir, {"--no-timeline"});
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  auto s = read_summary(dir / "out/summary.csv");
  CHECK(s["boosters_built"] == "36500");
  CHECK(s["launches"] == "36500");
  CHECK(s["bottleneck"] == "booster");
  CHECK(std::stod(s["launches_per_year"]) == doctest::Approx(365.0));
}
