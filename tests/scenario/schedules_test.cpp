// Values that change over time and learning curves, in simulated time, against hand
// arithmetic: every duration below is fixed, so every count and instant is exact.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;

namespace {

constexpr double HOUR = 3600.0;
constexpr double DAY = 86400.0;

// The pad-bound site of the harness, a payload every 6 minutes (never short).
std::string pad_bound(const std::string& pads, const std::string& extra_site = "",
                      const std::string& horizon_d = "20") {
  return pad_bound_scenario(pads, extra_site, horizon_d, "0.1");
}

std::vector<double> liftoff_hours(const std::vector<Row>& rows, const std::string& pad) {
  std::vector<double> out;
  for (const auto& r : only(rows, "launch.lifted_off"))
    if (pad.empty() || r.pad == pad) out.push_back(r.time_s / HOUR);
  return out;
}

int between(const std::vector<double>& hours, double from_h, double to_h) {
  int n = 0;
  for (double h : hours) n += h >= from_h && h < to_h;
  return n;
}

}  // namespace

TEST_CASE("a pad added mid-horizon doubles a pad-bound site's launches from its date, exactly") {
  TempDir one, grown;
  run_ok(pad_bound("1"), one);
  run_ok(pad_bound("{schedule: {2030-01-01: 1, 2030-01-11: 2}}"), grown);
  const auto alone = liftoff_hours(timeline(one), "1");
  const auto rows = timeline(grown);
  // Pad 1 lifts off every 7 h from 4 h on: 34 times in each 10 days; the added pad does not
  // disturb it.
  CHECK(liftoff_hours(rows, "1") == alone);
  CHECK(between(alone, 0, 240) == 34);
  CHECK(between(alone, 240, 480) == 34);
  // Pad 2 comes online empty at day 10 (240 h): it stacks at once, lifts off at 244 h, then
  // every 7 h.
  const auto added = liftoff_hours(rows, "2");
  REQUIRE(added.size() == 34);
  for (std::size_t j = 0; j < added.size(); ++j)
    CHECK(added[j] == doctest::Approx(244.0 + 7.0 * static_cast<double>(j)));
  const auto all = liftoff_hours(rows, "");
  CHECK(between(all, 0, 240) == 34);
  CHECK(between(all, 240, 480) == 68);
}

TEST_CASE("a pad closed down by its schedule finishes the launch it is stacking, then stops") {
  TempDir dir;
  run_ok(pad_bound("{schedule: {2030-01-01: 2, 2030-01-11: 1}}"), dir);
  const auto rows = timeline(dir);
  // Pad 2 runs 0.1 h behind pad 1 (its first payload came 0.1 h later): it is stacking since
  // 238.1 h when day 10 (240 h) begins, still lifts off at 242.1 h, refurbishes until 245.1 h,
  // and takes no new payload.
  const auto closed = liftoff_hours(rows, "2");
  CHECK(closed.back() == doctest::Approx(242.1));
  CHECK(between(closed, 0, 240) == 34);
  for (const auto& r : only(rows, "stack.started"))
    if (r.pad == "2") CHECK(r.time_s < 240 * HOUR);
  CHECK(between(liftoff_hours(rows, "1"), 240, 480) == 34);
  // Payload-bound (a payload every 10 h, a pad needs 7 h): at 240 h both pads wait for one. The
  // closed pad gives up its place in the queue: every later payload goes to pad 1.
  TempDir waiting;
  Summary s = run_ok(pad_bound("{schedule: {2030-01-01: 2, 2030-01-11: 1}}"), waiting,
                     {"--set", "payload.interval_h=10"});
  const auto starved = timeline(waiting);
  for (const auto& r : only(starved, "stack.started"))
    if (r.pad == "2") CHECK(r.time_s < 240 * HOUR);
  CHECK(between(liftoff_hours(starved, "1"), 240, 480) == 24);  // payloads 24 to 47
  CHECK(num(s, "launches") == 48);
  TempDir y;
  run_ok(pad_bound("{schedule: {2030-01-01: 2, 2030-01-11: 1}}", "", "366"), y);
  CHECK(read_table(y / "out/yearly.csv").front().at("pads_end") == "1");
}

TEST_CASE("a site that opens on a date launches nothing before it") {
  TempDir dir;
  Summary s = run_ok(pad_bound("{schedule: {2029-06-01: 0, 2030-01-06: 1}}"), dir);
  const auto lifts = liftoff_hours(timeline(dir), "");
  REQUIRE_FALSE(lifts.empty());
  CHECK(lifts.front() ==
        doctest::Approx(5 * 24 + 4.0));  // day 5, after 3 h of stacking and 1 of loading
  CHECK(num(s, "launches") == 51);       // at 4 + 7k h after it opens, within the 360 h left
}

TEST_CASE("a cap that changes on 1 January caps each calendar year at its own value") {
  TempDir dir;
  run_ok(pad_bound("1", "    annual_launch_cap: {schedule: {2030-01-01: 10, 2031-01-01: 20}}\n",
                   "730"),
         dir);
  const auto years = read_table(dir / "out/yearly.csv");
  REQUIRE(years.size() == 2);
  CHECK(years[0].at("year") == "2030");
  CHECK(years[0].at("launches") == "10");
  CHECK(years[1].at("launches") == "20");
  CHECK(years[0].at("bottleneck") == "cap");
  // The stack that waited on the cap lifts off at the first instant of 2031.
  const auto lifts = liftoff_hours(timeline(dir), "");
  CHECK(lifts[10] == doctest::Approx(365 * 24.0));
}

TEST_CASE("a cap raised in mid-year wakes the stack waiting on it at once") {
  TempDir dir;
  Summary s =
      run_ok(pad_bound("1", "    annual_launch_cap: {schedule: {2030-01-01: 10, 2030-07-01: 15}}\n",
                       "365"),
             dir);
  CHECK(num(s, "launches") == 15);
  const auto lifts = liftoff_hours(timeline(dir), "");
  CHECK(lifts[10] == doctest::Approx(181 * 24.0));  // 1 July is day 181 of 2030
}

TEST_CASE(
    "a production rate that doubles on a date doubles the units made from then, without losing a "
    "part of one") {
  TempDir dir;
  run_ok(
      pad_bound("1") + "", dir,
      {"--set", "vehicle.booster.production_per_week={schedule: {2030-01-01: 7, 2030-01-11: 14}}"});
  std::vector<double> days;
  for (const auto& r : only(timeline(dir), "vehicle.produced")) days.push_back(r.time_s / DAY);
  REQUIRE(days.size() == 30);
  for (int k = 0; k < 10; ++k) CHECK(days[static_cast<std::size_t>(k)] == doctest::Approx(k));
  for (int k = 0; k < 20; ++k)
    CHECK(days[static_cast<std::size_t>(10 + k)] == doctest::Approx(10 + 0.5 * k));
}

TEST_CASE("a payload interval that halves on a date doubles the payloads made from then") {
  TempDir dir;
  run_ok(pad_bound("1"), dir,
         {"--set", "payload.interval_h={schedule: {2030-01-01: 2, 2030-01-11: 1}}"});
  std::vector<double> hours;
  for (const auto& r : only(timeline(dir), "payload.produced")) hours.push_back(r.time_s / HOUR);
  CHECK(between(hours, 0, 240) == 120);
  CHECK(between(hours, 240, 480) == 240);
}

TEST_CASE("a fleet schedule delivers its increase ready on its date") {
  TempDir dir;
  run_ok(pad_bound("1"), dir,
         {"--set", "vehicle.booster.fleet={schedule: {2030-01-01: 1, 2030-01-06: 3}}"});
  const auto made = only(timeline(dir), "vehicle.produced");
  REQUIRE(made.size() == 2);
  CHECK(made[0].time_s == 5 * DAY);
  CHECK(made[0].booster == "B2");
  CHECK(made[1].booster == "B3");
}

TEST_CASE("payload mass and specific power are those in force at liftoff") {
  TempDir dir;
  Summary s =
      run_ok(pad_bound("1"), dir,
             {"--set", "vehicle.payload_t={schedule: {2030-01-01: 100, 2030-01-11: 150}}", "--set",
              "payload.specific_power_w_per_kg={schedule: {2030-01-01: 100, 2030-01-16: 200}}"});
  for (const auto& r : only(timeline(dir), "launch.lifted_off"))
    CHECK(std::stod(r.value) == (r.time_s < 10 * DAY ? 100.0 : 150.0));
  for (const auto& r : only(timeline(dir), "payload.deployed"))
    CHECK(std::stod(r.value) == (r.time_s < 10 * DAY ? 1e7 : r.time_s < 15 * DAY ? 1.5e7 : 3e7));
  // 34 launches of 100 t, then 34 of 150 t (instant flights: released at liftoff).
  CHECK(num(s, "mass_to_orbit_t") == 34 * 100 + 34 * 150);
}

TEST_CASE("a farm whose production starts on a date covers the first launch half a day later") {
  TempDir dir;
  const std::string farm =
      "    propellant: {production_t_per_day: {schedule: {2030-01-01: 0, 2030-01-06: 10000}}, "
      "storage_t: 5000, "
      "initial_t: 0}\n";
  run_ok(pad_bound("1", farm), dir);
  const auto lifts = liftoff_hours(timeline(dir), "");
  REQUIRE_FALSE(lifts.empty());
  CHECK(lifts.front() ==
        doctest::Approx(5 * 24 + 12 + 1.0));  // 5000 t at 10,000 t/day, then 1 h of loading
}

// ------------------------------------------------------------------------ learning curves

TEST_CASE(
    "a learning curve gives the n-th stack first x n^log2(rate), floored, and the throughput "
    "follows") {
  TempDir dir;
  // One pad; stacking alone takes time: 8 h, 4 h, 2.67 h, 2 h, 1.6 h, ... floored at 1 h.
  Summary s =
      run_ok(pad_bound("1", "", "2"), dir,
             {"--set", "vehicle.phases.stack_h={learning: {first: 8, rate: 0.5, floor: 1}}",
              "--set", "vehicle.phases.propellant_load_h=0", "--set", "sites[0].pad_refurb_h=0"});
  const auto rows = timeline(dir);
  const auto stacks = only(rows, "stack.started"), loaded = only(rows, "propellant.loaded");
  REQUIRE(loaded.size() >= 10);
  for (std::size_t k = 0; k < loaded.size(); ++k) {
    const double n = static_cast<double>(k + 1);
    CHECK((loaded[k].time_s - stacks[k].time_s) / HOUR ==
          doctest::Approx(std::max(1.0, 8.0 * std::pow(n, -1.0))).epsilon(1e-6));
  }
  // By hand: liftoffs at the running sums of max(1, 8 / n) hours, within 48 h.
  double t = 0;
  int launches = 0;
  for (int n = 1;; ++n) {
    t += std::max(1.0, 8.0 / n);
    if (t >= 48) break;
    ++launches;
  }
  CHECK(num(s, "launches") == launches);
}

TEST_CASE("a turnaround that learns per vehicle counts each booster's own flights") {
  TempDir dir;
  // One booster; stack 1 h, nothing else takes time but its turnaround: 16 h, 8 h, 5.33 h, ...
  run_ok(pad_bound("1", "", "3"), dir,
         {"--set", "vehicle.booster.fleet=1", "--set",
          "vehicle.booster.turnaround_h={learning: {first: 16, rate: 0.5, floor: 2, per: vehicle}}",
          "--set", "vehicle.phases.stack_h=1", "--set", "vehicle.phases.propellant_load_h=0",
          "--set", "sites[0].pad_refurb_h=0"});
  const auto lifts = liftoff_hours(timeline(dir), "");
  REQUIRE(lifts.size() >= 8);
  double expected = 1.0;
  for (std::size_t k = 0; k < 8; ++k) {
    CHECK(lifts[k] == doctest::Approx(expected).epsilon(1e-6));
    expected += std::max(2.0, 16.0 / static_cast<double>(k + 1)) +
                1.0;  // turnaround after flight k+1, then stack
  }
}

TEST_CASE(
    "a launch failure probability that learns falls from certain to negligible after the first "
    "launch") {
  TempDir dir;
  Summary s =
      run_ok(pad_bound("1"), dir,
             {"--set", "failures.launch_failure_probability={learning: {first: 1, rate: 1e-12}}",
              "--set", "failures.stand_down_d=0"});
  const auto failed = only(timeline(dir), "launch.failed");
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].launch_id == "1");
  CHECK(num(s, "launches") > 60);
}

TEST_CASE("a stand-down's length is the one in force at the failure") {
  // Every launch fails; a stand-down lasts 2 days until day 10, then 1 day.
  TempDir dir;
  run_ok(pad_bound("1"), dir,
         {"--set", "failures.launch_failure_probability=1", "--set",
          "failures.stand_down_d={schedule: {2030-01-01: 2, 2030-01-11: 1}}"});
  const auto rows = timeline(dir);
  const auto started = only(rows, "standdown.started");
  const auto ended = only(rows, "standdown.ended");
  REQUIRE(started.size() >= 8);
  REQUIRE(ended.size() >= started.size() - 1);
  int before = 0, after = 0;
  for (std::size_t i = 0; i + 1 < started.size(); ++i) {
    const double length_d = (ended[i].time_s - started[i].time_s) / DAY;
    if (started[i].time_s < 10 * DAY) {
      CHECK(length_d == doctest::Approx(2.0));
      ++before;
    } else {
      CHECK(length_d == doctest::Approx(1.0));
      ++after;
    }
  }
  CHECK(before >= 4);
  CHECK(after >= 4);
}

// ------------------------------------------------------------------------------- by year

TEST_CASE("yearly.csv's rows add up to summary.csv's totals") {
  TempDir dir;
  // The baseline over three and a half years, from mid-year: partial first and last years,
  // failures, scrubs, production and every cause of waiting.
  Summary s =
      run_ok(read_text(std::string(STARSIM_SOURCE_DIR) + "/configs/scenarios/baseline.yaml"), dir,
             {"--set", "start_date=2030-07-01", "--set", "horizon_d=1300", "--no-timeline"});
  const auto years = read_table(dir / "out/yearly.csv");
  REQUIRE(years.size() == 5);
  CHECK(years.front().at("year") == "2030");
  CHECK(num(years.front(), "days") == 184);
  CHECK(years.back().at("year") == "2034");
  double days = 0;
  for (const auto& y : years) days += num(y, "days");
  CHECK(days == 1300);
  CHECK(num(years.back(), "days") == 20);
  for (const char* column : {"launches", "attempts", "scrubs", "launch_failures", "boosters_lost",
                             "ships_lost", "boosters_built", "ships_built"}) {
    double total = 0;
    for (const auto& y : years) total += num(y, column);
    CAPTURE(column);
    CHECK(total == num(s, column));
  }
  for (const char* column : {"mass_to_orbit_t", "gw_launched"}) {
    double total = 0;
    for (const auto& y : years) total += num(y, column);
    CAPTURE(column);
    CHECK(total == doctest::Approx(num(s, column)).epsilon(1e-12));
  }
  CHECK(num(years.back(), "gw_launched_cumulative") ==
        doctest::Approx(num(s, "gw_launched")).epsilon(1e-12));
  CHECK(num(years.back(), "gw_operational_end") ==
        doctest::Approx(num(s, "gw_operational")).epsilon(1e-12));
  // Waits: each year's hours a launch times its launches add up to the horizon's.
  for (const char* column : {"wait_booster_h", "wait_weather_h", "wait_range_h", "wait_tower_h"}) {
    double total_h = 0;
    for (const auto& y : years) total_h += num(y, column) * num(y, "launches");
    CAPTURE(column);
    CHECK(total_h == doctest::Approx(num(s, column) * num(s, "launches")).epsilon(1e-9));
  }
  // A partial year is judged on its rate over its days.
  CHECK(num(years.front(), "launches_per_year") ==
        doctest::Approx(num(years.front(), "launches") * 365 / 184));
}

TEST_CASE(
    "a ramped target is judged year by year, and the first year that meets it is the summary's") {
  TempDir dir;
  // 1,251 launches in 2030 and 1,251 in 2031 (every 7 h), against a target ramped from 0 to
  // 2,500 over the two years: 2030's mean target is about 625, 2031's about 1,875.
  Summary s =
      run_ok(pad_bound("1", "", "730"), dir,
             {"--set", "targets.launches_per_year={ramp: {2030-01-01: 0, 2032-01-01: 2500}}",
              "--no-timeline"});
  const auto years = read_table(dir / "out/yearly.csv");
  REQUIRE(years.size() == 2);
  CHECK(years[0].at("launches_target_met") == "true");
  CHECK(years[1].at("launches_target_met") == "false");
  CHECK(num(years[0], "launches_target") == doctest::Approx(625).epsilon(0.01));
  CHECK(num(years[1], "launches_target") == doctest::Approx(1875).epsilon(0.01));
  CHECK(s.at("first_year_launches_target_met") == "2030");
  CHECK(s.at("first_year_gw_target_met").empty());
}
