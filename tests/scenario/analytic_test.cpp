// Scenarios whose answer arithmetic knows: the simulator must agree exactly (fixed durations)
// or within the statistical tolerance of renewal theory (random durations).
#include <doctest/doctest.h>

#include <cmath>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;

namespace {

// One pad, refurbished 5 h after each liftoff; stacking 2 h and loading 1 h: a pad cycle of
// 8 h. Boosters, ships (expended), payloads and bays are abundant.
std::string one_pad(const std::string& horizon_d) {
  return "name: one-pad\n"
         "horizon_d: " +
         horizon_d +
         "\n"
         "vehicle:\n"
         "  booster: {fleet: 5, turnaround_h: 0}\n"
         "  ship: {fleet: 400, turnaround_h: 0, recovery: expend}\n"
         "  phases: {stack_h: 2, propellant_load_h: 1, ascent_min: 3, booster_return_min: 5,\n"
         "           orbit_insertion_min: 6, deploy_h: 2, catch_clear_h: 1}\n"
         "sites:\n"
         "  - {name: solo, pads: 1, pad_refurb_h: 5}\n"
         "payload: {interval_h: 0.1, integration_bays: 4, integration_h: 0}\n";
}

// Liftoffs at 3 h + 8 h k strictly before the horizon.
int expected_one_pad_launches(double horizon_h) {
  int n = 0;
  while (3.0 + 8.0 * n < horizon_h) ++n;
  return n;
}

}  // namespace

TEST_CASE("one pad with everything else abundant launches once per pad cycle") {
  TempDir dir;
  Outcome o = run_scenario_text(one_pad("30"), dir);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  auto s = read_summary(dir / "out/summary.csv");
  // 720 h / 8 h: floor(horizon / cycle), the first liftoff after one stack-and-load.
  CHECK(s["launches"] == "90");
  CHECK(std::stoi(s["launches"]) == expected_one_pad_launches(720.0));
  CHECK(std::stod(s["interlaunch_p50_h"]) == doctest::Approx(8.0));
  CHECK(std::stod(s["interlaunch_p95_h"]) == doctest::Approx(8.0));
  CHECK(s["max_launches_24h"] == "3");
  CHECK(std::stod(s["pad_utilization"]) == doctest::Approx(1.0));
  CHECK(std::stod(s["hourly_slots_filled"]) == doctest::Approx(90.0 / 720.0));
  CHECK(std::stod(s["mass_to_orbit_t"]) == doctest::Approx(90 * 100.0));
  CHECK(std::stod(s["gw_launched"]) == doctest::Approx(90 * 100e3 * 100 / 1e9));
  CHECK(s["bottleneck"] == "none");  // nothing ever waits: the pad is the limit
}

TEST_CASE("a liftoff falling exactly on the horizon is not counted") {
  TempDir dir;
  // 723 h = 3 h + 90 x 8 h: the 91st liftoff would be exactly at the horizon.
  Outcome o = run_scenario_text(one_pad("30.125"), dir);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  auto s = read_summary(dir / "out/summary.csv");
  CHECK(std::stoi(s["launches"]) == expected_one_pad_launches(723.0));
  CHECK(s["launches"] == "90");
  for (const auto& r : read_timeline(dir / "out/timeline.csv")) CHECK(r.time_s < 723.0 * 3600);

  TempDir later;
  Outcome o2 = run_scenario_text(one_pad("30.15"), later);  // 723.6 h: now it is in
  REQUIRE_MESSAGE(o2.exit_code == 0, o2.err);
  CHECK(read_summary(later / "out/summary.csv")["launches"] == "91");
}

namespace {
// Three boosters, each back 22 h after its catch: a booster cycle of stack 1 h + load 1 h +
// turnaround 22 h = 24 h; ten pads, ships and payloads abundant.
std::string fleet_bound(const std::string& horizon_d, const std::string& turnaround) {
  return "name: fleet-bound\n"
         "horizon_d: " +
         horizon_d +
         "\n"
         "vehicle:\n"
         "  booster: {fleet: 3, life_flights: 100000, turnaround_h: " +
         turnaround +
         "}\n"
         "  ship: {fleet: 10, life_flights: 100000, turnaround_h: 0}\n"
         "  phases: {stack_h: 1, propellant_load_h: 1, ascent_min: 0, booster_return_min: 0,\n"
         "           orbit_insertion_min: 0, deploy_h: 0, orbit_stay_h: 0, ship_return_h: 0,\n"
         "           catch_clear_h: 0}\n"
         "sites:\n"
         "  - {name: wide, pads: 10, pad_refurb_h: 1}\n"
         "payload: {interval_h: 1, integration_bays: 2, integration_h: 0}\n";
}
}  // namespace

TEST_CASE("a fleet-bound site launches fleet / booster cycle") {
  TempDir dir;
  Outcome o = run_scenario_text(fleet_bound("30", "22"), dir);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  auto s = read_summary(dir / "out/summary.csv");
  // Each booster lifts off at 2 h + 24 h k: 30 flights in 720 h, 3 boosters.
  CHECK(s["launches"] == "90");
  // 3 boosters / 24 h x 8760 h = 1095 a year.
  CHECK(std::stod(s["launches_per_year"]) == doctest::Approx(1095.0));
  CHECK(s["bottleneck"] == "booster");
  // Waiting on boosters: 22 h per launch after the first wave (which waits 0).
  CHECK(std::stod(s["wait_booster_h"]) > 20.0);
}

TEST_CASE("with random turnarounds the fleet-bound rate is fleet / mean cycle") {
  TempDir dir;
  // Exponential turnaround, mean 22 h: mean cycle 24 h; ten years.
  Outcome o = run_scenario_text(fleet_bound("3650", "{dist: exponential, mean: 22}"), dir,
                                {"--no-timeline"});
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  const double launches = std::stod(read_summary(dir / "out/summary.csv")["launches"]);
  const double horizon_h = 3650 * 24.0, mean_h = 24.0, sd_h = 22.0;
  const double expected = 3 * horizon_h / mean_h;  // 10,950
  // Renewal CLT: var N(t) ~ t sd^2 / mean^3 per booster.
  const double sd = std::sqrt(3 * horizon_h * sd_h * sd_h / (mean_h * mean_h * mean_h));
  CAPTURE(expected);
  CAPTURE(sd);
  CHECK(std::abs(launches - expected) < 4 * sd);
}

TEST_CASE("a ship waits in orbit while its site's only tower is busy") {
  TempDir dir;
  const std::string yaml =
      "name: tower-conflict\n"
      "horizon_d: 0.5\n"
      "vehicle:\n"
      "  booster: {fleet: 3, turnaround_h: 0}\n"
      "  ship: {fleet: 3, turnaround_h: 0}\n"
      "  phases: {stack_h: 1, propellant_load_h: 1, ascent_min: 6, booster_return_min: 6,\n"
      "           orbit_insertion_min: 6, deploy_h: 0.3, orbit_stay_h: 1.5, ship_return_h: 0.5,\n"
      "           catch_clear_h: 0.5}\n"
      "sites:\n"
      "  - {name: solo, pads: 1, pad_refurb_h: 1}\n"
      "payload: {interval_h: 0.1, integration_bays: 2, integration_h: 0}\n";
  Outcome o = run_scenario_text(yaml, dir);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  auto rows = read_timeline(dir / "out/timeline.csv");
  auto hours = [](const Row& r) { return r.time_s / 3600.0; };

  // The tower is held from stacking until the booster's catch is cleared (liftoff + 0.7 h).
  auto stacks = only(rows, "stack.started");
  REQUIRE(stacks.size() == 4);
  CHECK(hours(stacks[0]) == doctest::Approx(0.0));
  CHECK(hours(stacks[1]) == doctest::Approx(3.0));
  // Ship 1 caught 6.2 h, tower cleared 6.7 h: the pad, free at 6 h, waits 0.7 h.
  CHECK(hours(stacks[2]) == doctest::Approx(6.7));
  CHECK(hours(stacks[3]) == doctest::Approx(10.4));

  auto lifts = only(rows, "launch.lifted_off");
  REQUIRE(lifts.size() == 3);
  CHECK(hours(lifts[2]) == doctest::Approx(8.7));

  // Ship 1 is ready to return at 4.0 h; the tower is stacking launch 2 until its booster
  // clears at 5.7 h: 1.7 h in orbit. Ship 2 ready at 7.0 h waits for 9.4 h: 2.4 h.
  auto deorbits = only(rows, "ship.deorbited");
  REQUIRE(deorbits.size() == 2);
  CHECK(hours(deorbits[0]) == doctest::Approx(5.7));
  CHECK(std::stod(deorbits[0].value) == doctest::Approx(1.7));
  CHECK(deorbits[0].ship == "S1");
  CHECK(hours(deorbits[1]) == doctest::Approx(9.4));
  CHECK(std::stod(deorbits[1].value) == doctest::Approx(2.4));

  auto s = read_summary(dir / "out/summary.csv");
  // The pad waited 0.7 h for the tower before launches 3 and 4: 1.4 h over 3 launches.
  CHECK(std::stod(s["wait_tower_h"]) == doctest::Approx(1.4 / 3));
}
