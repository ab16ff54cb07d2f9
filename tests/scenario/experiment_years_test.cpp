// Experiments on the path, year by year, through the starsim binary: a sweep's `<metric>_<year>`
// columns and its yearly.csv, a seek on a year's metric, and a plan that grows pads year by year
// on a pad-bound scenario whose answer arithmetic knows (every duration fixed).
#include <doctest/doctest.h>

#include <string>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;

namespace {

// The pad-bound site of the harness over 2030, 2031 and the leap year 2032: a pad lifts off
// 1,251 times a year; a payload every half hour.
const std::string PAD_BOUND = pad_bound_scenario("1", "", "1096", "0.5");

void write_base(const TempDir& d) { write_text(d / "base.yaml", PAD_BOUND); }

std::string experiment(const std::string& name, const std::string& body) {
  return "experiment:\n  name: " + name + "\n  base: base.yaml\n" + body;
}

}  // namespace

TEST_CASE(
    "a sweep carries each year's metrics as <metric>_<year> columns and a yearly.csv per point and "
    "year") {
  TempDir d;
  write_base(d);
  write_text(d / "e.yaml",
             experiment("years",
                        "  replications: 2\n  grid: {'sites[0].pads': [1, 2]}\n"
                        "  set: {targets.launches_per_year: {schedule: {2030-01-01: 1000, "
                        "2031-07-02: 3000}}}\n"));
  Outcome o = run_starsim({"sweep", d / "e.yaml", "--out", d / "out", "--quiet"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  const auto runs = read_table(d / "out/runs.csv");
  REQUIRE(runs.size() == 4);
  for (const auto& r : runs) {
    const int pads = std::stoi(r.at("sites[0].pads"));
    CHECK(r.at("launches_2030") == std::to_string(1251 * pads));
    CHECK(r.at("pads_end_2032") == std::to_string(pads));
    CHECK(r.at("bottleneck_2031") == "none");  // nothing waits: the pads are the limit
    CHECK(std::stod(r.at("launches_2030")) + std::stod(r.at("launches_2031")) +
              std::stod(r.at("launches_2032")) ==
          std::stod(r.at("launches")));
  }
  const auto yearly = read_table(d / "out/yearly.csv");
  REQUIRE(yearly.size() == 6);  // 2 points x 3 years
  CHECK(yearly[0].at("point") == "0");
  CHECK(yearly[0].at("year") == "2030");
  CHECK(yearly[0].at("runs") == "2");
  CHECK(yearly[0].at("launches_mean") == "1251");
  CHECK(yearly[5].at("year") == "2032");
  CHECK(yearly[5].at("pads_end_mean") == "2");
  CHECK(yearly[5].at("bottleneck_mode") == "none");
  // Each year's own target, as the run's yearly.csv has it (2031: 182 days of 1,000 and 183 of
  // 3,000), so a year's verdict can be read and drawn from the sweep alone.
  CHECK(yearly[0].at("launches_target_mean") == "1000");
  CHECK(std::stod(yearly[1].at("launches_target_mean")) ==
        doctest::Approx((182 * 1000.0 + 183 * 3000.0) / 365));
  CHECK(yearly[2].at("launches_target_mean") == "3000");
  CHECK(yearly[0].at("launches_target_met_mean") == "1");
  CHECK(yearly[2].at("launches_target_met_mean") == "0");
  CHECK(yearly[5].at("launches_target_met_mean") == "0");
  CHECK(runs[0].at("launches_target_2032") == "3000");
  // summary.csv stays one row a point, over the whole horizon.
  const auto summary = read_table(d / "out/summary.csv");
  REQUIRE(summary.size() == 2);
  CHECK(summary[0].count("launches_2030_mean") == 0);
  CHECK(read_text(d / "out/manifest.txt").find("\nyears 2030 2031 2032\n") != std::string::npos);
}

TEST_CASE("a seek targets one year's metric") {
  TempDir d;
  write_base(d);
  write_text(d / "e.yaml", experiment("seek-year",
                                      "  seek: {path: 'sites[0].pads', min: 1, max: 8, metric: "
                                      "launches_2031, target: 3000}\n"));
  Outcome o = run_starsim({"seek", d / "e.yaml", "--out", d / "out", "--quiet"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  const auto answer = read_table(d / "out/answer.csv");
  REQUIRE(answer.size() == 1);
  CHECK(answer[0].at("value") == "3");  // 3 x 1,251 = 3,753 >= 3,000 > 2 x 1,251
  CHECK(answer[0].at("metric") == "launches_2031");
  // A year the runs do not cover is refused where it is written.
  write_text(
      d / "late.yaml",
      experiment(
          "late",
          "  seek: {path: 'sites[0].pads', min: 1, max: 8, metric: launches_2040, target: 1}\n"));
  Outcome late = run_starsim({"check", d / "late.yaml"}, d);
  CHECK(late.exit_code == 2);
  CHECK(late.err == d / "late.yaml:4:57: experiment.seek.metric: 'launches_2040' names 2040, but "
                        "the runs cover 2030 "
                        "to 2032\n");
}

TEST_CASE(
    "a plan by year grows pads from 1 January of the year that needs them, and leaves earlier "
    "years as they were") {
  TempDir d;
  write_base(d);
  // A pad gives 1,251 launches a year: 2030 needs 1, 2031 needs 2 (2,000), 2032 needs 3 (3,500;
  // 2032 is a leap year: 1,254 a pad).
  write_text(
      d / "e.yaml",
      experiment("ramp",
                 "  plan:\n"
                 "    by_year: true\n"
                 "    metric: launches\n"
                 "    target: {schedule: {2030-01-01: 1000, 2031-01-01: 2000, 2032-01-01: 3500}}\n"
                 "    resources: {'sites[0].pads': 1}\n"));
  Outcome o = run_starsim({"plan", d / "e.yaml", "--out", d / "out", "--quiet"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  const auto years = read_table(d / "out/plan_years.csv");
  REQUIRE(years.size() == 3);
  CHECK(years[0].at("met") == "true");
  CHECK(years[0].at("added").empty());
  CHECK(years[1].at("added") == "sites[0].pads x1");
  CHECK(years[2].at("added") == "sites[0].pads x1");
  CHECK(years[0].at("launches_mean") == "1251");
  CHECK(years[2].at("target") == "3500");
  const std::string planned = read_text(d / "out/scenario.planned.yaml");
  CHECK(planned.find("pads:\n      schedule:\n        2030-01-01: 1\n        2031-01-01: 2\n       "
                     " 2032-01-01: 3\n") != std::string::npos);
  // Every step ran the same seeds and grew from a later year: 2030 is the same in every step.
  const auto runs = read_table(d / "out/runs.csv");
  REQUIRE(runs.size() == 3);
  for (const auto& r : runs) CHECK(r.at("launches_2030") == "1251");
  const auto steps = read_table(d / "out/plan.csv");
  REQUIRE(steps.size() == 5);  // 2030 at step 0; 2031 at step 0, then 1; 2032 at step 1, then 2
  CHECK(steps[2].at("resource") == "sites[0].pads");
  CHECK(steps[2].at("value") == "2");
}
