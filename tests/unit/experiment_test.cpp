// Experiments without running anything: parsing and validating experiment files (every file in
// tests/data/bad_experiments has one defect and names its error on its first line), expanding
// grid x zip x replications into runs with their seeds, and the statistics of summary.csv.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "models/launch/run_scenario.hpp"
#include "models/launch/yearly_metrics.hpp"
#include "sim/config/yaml_path.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/experiment/drivers.hpp"
#include "sim/experiment/expand.hpp"
#include "sim/experiment/experiment_config.hpp"
#include "sim/experiment/plan_resources.hpp"
#include "sim/experiment/results_table.hpp"
#include "tests/temp_dir.hpp"
#include "tests/unit/expected_error_files.hpp"

namespace {

namespace fs = std::filesystem;
using starsim::sim::config::ConfigError;
namespace ex = starsim::experiment;

const std::string SOURCE = STARSIM_SOURCE_DIR;
const std::string BASELINE = SOURCE + "/configs/scenarios/baseline.yaml";
const std::string FLEET_BOUND = SOURCE + "/tests/data/experiments/fleet-bound.yaml";
const std::string BAD_EXPERIMENTS_DIR = SOURCE + "/tests/data/bad_experiments";
using starsim::test::TempDir;

std::string experiment_text(const std::string& base, const std::string& body) {
  return "experiment:\n  name: unit\n  base: " + base + "\n" + body;
}

std::vector<std::string> values_of(const ex::Point& p) {
  std::vector<std::string> out;
  for (const auto& v : p.values) out.push_back(v.value);
  return out;
}

std::vector<std::string> paths_of(const ex::Point& p) {
  std::vector<std::string> out;
  for (const auto& v : p.values) out.push_back(v.path);
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

// ------------------------------------------------------------------------------- expansion

TEST_CASE("a grid expands to the cartesian product in file order, the last path varying fastest") {
  TempDir dir;
  const auto file = dir.write("grid.yaml", experiment_text(FLEET_BOUND,
                                                           "  grid:\n"
                                                           "    vehicle.booster.fleet: [3, 4, 5]\n"
                                                           "    sites[0].pads: [1, 2]\n"));
  const ex::ExperimentConfig c = ex::parse_experiment(file);
  CHECK(c.varied_paths() == Strings{"vehicle.booster.fleet", "sites[0].pads"});
  const auto points = ex::expand_points(c);
  REQUIRE(points.size() == 6);
  const std::vector<Strings> expected{{"3", "1"}, {"3", "2"}, {"4", "1"},
                                      {"4", "2"}, {"5", "1"}, {"5", "2"}};
  for (std::size_t i = 0; i < points.size(); ++i) {
    CAPTURE(i);
    CHECK(points[i].index == static_cast<std::int64_t>(i));
    CHECK(paths_of(points[i]) == c.varied_paths());
    CHECK(values_of(points[i]) == expected[i]);
  }
  // Each value remembers where it was written, for errors at run time.
  CHECK(points[0].values[0].where == file + ":5:29");
  CHECK(points[5].values[1].where == file + ":6:24");
}

TEST_CASE("zip lists vary together, one point per row") {
  TempDir dir;
  const auto file =
      dir.write("zip.yaml", experiment_text(FLEET_BOUND,
                                            "  zip:\n"
                                            "    vehicle.booster.fleet: [3, 4, 5]\n"
                                            "    vehicle.ship.fleet: [10, 20, 30]\n"));
  const auto c = ex::parse_experiment(file);
  const auto points = ex::expand_points(c);
  REQUIRE(points.size() == 3);
  CHECK(values_of(points[0]) == Strings{"3", "10"});
  CHECK(values_of(points[1]) == Strings{"4", "20"});
  CHECK(values_of(points[2]) == Strings{"5", "30"});
}

TEST_CASE("grid x zip combines every grid point with every zip row, grid paths first") {
  TempDir dir;
  // zip written before grid in the file: the columns are still grid paths, then zip paths.
  const auto file = dir.write("grid-zip.yaml", experiment_text(FLEET_BOUND,
                                                               "  zip:\n"
                                                               "    vehicle.booster.fleet: [3, 4]\n"
                                                               "    vehicle.ship.fleet: [10, 20]\n"
                                                               "  grid:\n"
                                                               "    sites[0].pads: [1, 2, 3]\n"
                                                               "    horizon_d: [2, 4]\n"));
  const auto c = ex::parse_experiment(file);
  CHECK(c.varied_paths() ==
        Strings{"sites[0].pads", "horizon_d", "vehicle.booster.fleet", "vehicle.ship.fleet"});
  const auto points = ex::expand_points(c);
  REQUIRE(points.size() == 12);
  std::vector<Strings> expected;
  for (const char* pads : {"1", "2", "3"})
    for (const char* horizon : {"2", "4"})
      for (const auto& [fleet, ships] : {std::pair{"3", "10"}, std::pair{"4", "20"}})
        expected.push_back({pads, horizon, fleet, ships});
  for (std::size_t i = 0; i < points.size(); ++i) {
    CAPTURE(i);
    CHECK(values_of(points[i]) == expected[i]);
  }
}

TEST_CASE("an experiment with neither grid nor zip has one point") {
  TempDir dir;
  const auto c = ex::parse_experiment(
      dir.write("plain.yaml", experiment_text(FLEET_BOUND, "  replications: 4\n")));
  const auto points = ex::expand_points(c);
  REQUIRE(points.size() == 1);
  CHECK(points[0].values.empty());
  CHECK(c.varied_paths().empty());
  const auto runs = ex::expand_runs(c);
  REQUIRE(runs.size() == 4);
  for (const auto& r : runs) CHECK(r.point == 0);
}

TEST_CASE("set applies to every run, before the point's own values") {
  TempDir dir;
  const auto file = dir.write("set.yaml", experiment_text(FLEET_BOUND,
                                                          "  replications: 2\n"
                                                          "  set:\n"
                                                          "    horizon_d: 5\n"
                                                          "    vehicle.ship.fleet: 12\n"
                                                          "  grid:\n"
                                                          "    vehicle.booster.fleet: [3, 4]\n"));
  const auto c = ex::parse_experiment(file);
  REQUIRE(c.set.size() == 2);
  CHECK(c.set[0].path == "horizon_d");
  CHECK(c.set[0].where == file + ":6:16");
  // set paths are fixed, not varied: they are no columns of runs.csv.
  CHECK(c.varied_paths() == Strings{"vehicle.booster.fleet"});
  const auto runs = ex::expand_runs(c);
  REQUIRE(runs.size() == 4);
  for (const auto& r : runs) {
    CAPTURE(r.run);
    REQUIRE(r.overrides.size() == 3);
    CHECK(r.overrides[0].assignment == "horizon_d=5");
    CHECK(r.overrides[1].assignment == "vehicle.ship.fleet=12");
    CHECK(r.overrides[2].assignment == "vehicle.booster.fleet=" + r.varied_values[0]);
    CHECK(r.overrides[2].label == file + (r.point == 0 ? ":9:29" : ":9:32"));
    const YAML::Node resolved = YAML::Load(starsim::models::resolve_scenario(c.base, r.overrides));
    CHECK(resolved["horizon_d"].as<double>() == 5.0);
    CHECK(resolved["vehicle"]["ship"]["fleet"].as<int>() == 12);
    CHECK(resolved["vehicle"]["booster"]["fleet"].as<std::string>() == r.varied_values[0]);
  }
}

TEST_CASE(
    "replications multiply the runs, and run, point and replication indices are in run order") {
  TempDir dir;
  const auto file = dir.write("reps.yaml", experiment_text(FLEET_BOUND,
                                                           "  replications: 3\n"
                                                           "  seed: 77\n"
                                                           "  grid:\n"
                                                           "    sites[0].pads: [1, 2]\n"
                                                           "  zip:\n"
                                                           "    vehicle.booster.fleet: [3, 4]\n"
                                                           "    vehicle.ship.fleet: [10, 20]\n"));
  const auto c = ex::parse_experiment(file);
  CHECK(c.replications == 3);
  CHECK(c.seed == 77);
  const auto points = ex::expand_points(c);
  const auto runs = ex::expand_runs(c);
  REQUIRE(points.size() == 4);
  REQUIRE(runs.size() == 12);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& r = runs[i];
    CAPTURE(i);
    CHECK(r.run == static_cast<std::int64_t>(i));
    CHECK(r.point == static_cast<std::int64_t>(i / 3));
    CHECK(r.replication == static_cast<std::int64_t>(i % 3));
    CHECK(r.seed == ex::run_seed(77, r.replication));  // common random numbers across points
    CHECK(r.varied_values == values_of(points[i / 3]));
    const auto again = ex::make_run(c, points[i / 3], r.run, r.replication);
    CHECK(again.seed == r.seed);
    CHECK(again.varied_values == r.varied_values);
  }
  // Replications of one point differ only in their seed.
  CHECK(runs[0].seed != runs[1].seed);
  CHECK(runs[0].varied_values == runs[1].varied_values);
}

TEST_CASE("a [*] path is a column header verbatim and sets the key in every site") {
  TempDir dir;
  const auto file =
      dir.write("star.yaml", experiment_text(BASELINE,
                                             "  set:\n"
                                             "    horizon_d: 2\n"
                                             "  grid:\n"
                                             "    sites[*].pads: [3, 7]\n"
                                             "    sites[*].propellant.storage_t: [120000]\n"));
  const auto c = ex::parse_experiment(file);
  CHECK(c.varied_paths() == Strings{"sites[*].pads", "sites[*].propellant.storage_t"});
  const auto header = ex::runs_header(c.varied_paths(), c.years);
  CHECK(c.years == std::vector<int>{2030});
  REQUIRE(header.size() > 6);
  CHECK(Strings(header.begin(), header.begin() + 6) == Strings{"run", "point", "replication",
                                                               "seed", "sites[*].pads",
                                                               "sites[*].propellant.storage_t"});
  CHECK(header.back() == "status");

  const auto points = ex::expand_points(c);
  REQUIRE(points.size() == 2);
  const int pads_of_point[] = {3, 7};
  for (std::size_t point = 0; point < 2; ++point) {
    CAPTURE(point);
    const int pads = pads_of_point[point];
    const YAML::Node resolved =
        YAML::Load(starsim::models::resolve_scenario(c.base, ex::overrides_of(c, points[point])));
    const YAML::Node sites = resolved["sites"];
    REQUIRE(sites.size() == 3);  // the baseline's three sites
    for (std::size_t i = 0; i < sites.size(); ++i) {
      CAPTURE(i);
      CHECK(sites[i]["pads"].as<int>() == pads);
      CHECK(sites[i]["propellant"]["storage_t"].as<double>() == 120000.0);
      CHECK(sites[i]["pad_refurb_h"].as<double>() == 6.0);  // the rest of the site is untouched
    }
  }
  // The helper the plan uses reads one value per element.
  const std::string resolved =
      starsim::models::resolve_scenario(c.base, ex::overrides_of(c, points[1]));
  auto values = [&](const std::string& path) {
    std::vector<double> out;
    for (const auto& r : ex::read_resource(resolved, path, "here", "2030-01-01"))
      out.push_back(r.at("2030-01-01"));
    return out;
  };
  CHECK(values("sites[*].pads") == std::vector<double>{7, 7, 7});
  CHECK(values("sites[1].pads") == std::vector<double>{7});
  CHECK(values("vehicle.booster.fleet") == std::vector<double>{40});
  CHECK_THROWS_AS(values("sites[*].padz"), ConfigError);
  CHECK_THROWS_AS(values("vehicle.booster.turnaround_h"), ConfigError);
}

TEST_CASE(
    "a plan's resource grows from a date: the values before it stay, a schedule keeps its dates") {
  const std::string resolved =
      "sites:\n  - pads: 2\n  - pads:\n      schedule:\n        2029-01-01: 1\n        2031-01-01: "
      "3\n";
  auto r = ex::read_resource(resolved, "sites[*].pads", "here", "2030-01-01");
  REQUIRE(r.size() == 2);
  for (auto& x : r) ex::grow(x, "2030-07-01", 1);
  CHECK(r[0].steps ==
        std::vector<std::pair<std::string, double>>{{"2030-01-01", 2}, {"2030-07-01", 3}});
  CHECK(r[1].steps == std::vector<std::pair<std::string, double>>{
                          {"2029-01-01", 1}, {"2030-07-01", 2}, {"2031-01-01", 4}});
  ex::grow(r[1], "2031-01-01", 2);  // a date it has: that step and the later ones grow
  CHECK(r[1].at("2031-06-01") == 6);
  CHECK(r[1].at("2030-12-31") == 2);
  const auto o = ex::resource_overrides("sites[*].pads", r, "here");
  REQUIRE(o.size() == 2);
  CHECK(o[0].assignment == "sites[0].pads={schedule: {2030-01-01: 2, 2030-07-01: 3}}");
  CHECK(o[1].assignment ==
        "sites[1].pads={schedule: {2029-01-01: 1, 2030-07-01: 2, 2031-01-01: 6}}");
  CHECK(ex::values_on(r, "2031-01-01") == "3 6");
  auto plain = ex::read_resource("vehicle: {booster: {fleet: 4}}", "vehicle.booster.fleet", "here",
                                 "2030-01-01");
  ex::grow(plain[0], "2030-01-01", 2);  // from the start: still a plain number
  CHECK(ex::resource_overrides("vehicle.booster.fleet", plain, "here")[0].assignment ==
        "vehicle.booster.fleet=6");
  CHECK_THROWS_AS(
      ex::read_resource("vehicle: {booster: {production_per_week: {ramp: {2030-01-01: 1}}}}",
                        "vehicle.booster.production_per_week", "here", "2030-01-01"),
      ConfigError);
}

TEST_CASE("an experiment file is told from a scenario file") {
  TempDir dir;
  CHECK(ex::is_experiment_file(dir.write("e.yaml", experiment_text(FLEET_BOUND, ""))));
  CHECK_FALSE(ex::is_experiment_file(FLEET_BOUND));
  CHECK_FALSE(ex::is_experiment_file(BASELINE));
  CHECK_FALSE(ex::is_experiment_file(SOURCE + "/tests/data/experiments/no-such-file.yaml"));
}

TEST_CASE("the experiment defaults, and a seek and a plan as read") {
  TempDir dir;
  const auto plain = ex::parse_experiment(dir.write("d.yaml", experiment_text(FLEET_BOUND, "")));
  CHECK(plain.name == "unit");
  CHECK(plain.base == FLEET_BOUND);
  CHECK(plain.replications == 1);
  CHECK(plain.seed == 1);
  CHECK_FALSE(plain.timelines);
  CHECK_FALSE(plain.seek.has_value());
  CHECK_FALSE(plain.plan.has_value());

  const auto seek = ex::parse_experiment(SOURCE + "/tests/data/experiments/fleet-seek.yaml");
  REQUIRE(seek.seek.has_value());
  CHECK(seek.seek->path == "vehicle.booster.fleet");
  CHECK(seek.seek->min == 1);
  CHECK(seek.seek->max == 16);
  CHECK(seek.seek->metric == "launches");
  CHECK(seek.seek->target == 200.0);
  CHECK(seek.base == FLEET_BOUND);  // relative to the experiment file

  const auto plan = ex::parse_experiment(SOURCE + "/tests/data/experiments/fleet-plan.yaml");
  REQUIRE(plan.plan.has_value());
  CHECK(plan.plan->metric == "launches");
  CHECK(plan.plan->target == 200.0);
  CHECK(plan.plan->max_steps == 10);
  REQUIRE(plan.plan->resources.size() == 2);
  CHECK(plan.plan->resources[0].path == "vehicle.booster.fleet");
  CHECK(plan.plan->resources[0].step == 1.0);
  CHECK(plan.plan->resources[1].path == "sites[*].pads");

  CHECK(ex::is_numeric_metric("launches"));
  CHECK(ex::is_numeric_metric("gw_per_year"));
  CHECK(ex::is_numeric_metric("launches_target_met"));
  CHECK_FALSE(ex::is_numeric_metric("bottleneck"));
  CHECK_FALSE(ex::is_numeric_metric("config_sha256"));
  CHECK_FALSE(ex::is_numeric_metric("wall_s"));
  CHECK_FALSE(ex::is_numeric_metric("launchs"));
}

// ----------------------------------------------------------------------------------- seeds

TEST_CASE("run_seed is deterministic, differs across runs and experiments, and stays below 2^53") {
  constexpr std::uint64_t LIMIT = std::uint64_t{1} << 53;
  CHECK(ex::run_seed(7, 0) == ex::run_seed(7, 0));
  CHECK(ex::run_seed(7, 12345) == ex::run_seed(7, 12345));
  for (std::uint64_t seed :
       {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{7}, LIMIT - 1, LIMIT}) {
    CAPTURE(seed);
    std::set<std::uint64_t> seen;
    for (std::int64_t run = 0; run < 5000; ++run) {
      const std::uint64_t s = ex::run_seed(seed, run);
      CHECK(s < LIMIT);
      seen.insert(s);
    }
    CHECK(seen.size() == 5000);
  }
  // Another experiment seed gives other run seeds.
  int same = 0;
  for (std::int64_t run = 0; run < 1000; ++run)
    same += ex::run_seed(1, run) == ex::run_seed(2, run) ? 1 : 0;
  CHECK(same == 0);
  // A known value: splitmix64 pins the seeds of every sweep ever run; changing it changes results.
  CHECK(ex::run_seed(42, 0) == 6529064058449557ULL);
}

// ------------------------------------------------------------------------------ statistics

TEST_CASE("t_975 is the 97.5 % quantile of Student's t to 1e-6") {
  // Reference values (R's qt(0.975, df), to 7 significant digits).
  const std::pair<std::int64_t, double> known[] = {
      {1, 12.706205}, {2, 4.302653},   {9, 2.262157},    {29, 2.045230},
      {30, 2.042272}, {100, 1.983972}, {1000, 1.962339}, {1000000, 1.959966}};
  for (const auto& df_t : known) {
    CAPTURE(df_t.first);
    CHECK(std::abs(ex::t_975(df_t.first) - df_t.second) < 1e-6);
  }
  // Decreasing towards the normal quantile.
  for (std::int64_t df = 1; df < 200; ++df) {
    CAPTURE(df);
    CHECK(ex::t_975(df + 1) < ex::t_975(df));
    CHECK(ex::t_975(df) > 1.959964);
  }
  CHECK(std::isnan(ex::t_975(0)));
}

namespace {

// run,point,replication,seed, one varied path, three metrics (bottleneck is text), status.
ex::Table hand_made_table() {
  ex::Table t;
  t.header = {"run",           "point",    "replication",         "seed",       "sites[*].pads",
              "config_sha256", "launches", "launches_target_met", "bottleneck", "status"};
  t.varied = 1;
  auto row = [&](std::int64_t run, const std::string& point, const std::string& pads,
                 const std::string& launches, const std::string& met, const std::string& bottleneck,
                 const std::string& status) {
    t.rows[run] = {
        std::to_string(run), point, std::to_string(run % 4), "100", pads, "abc", launches, met,
        bottleneck,          status};
  };
  // Point 0: 10, 20, 30 and one failed run (its numbers, were there any, must not count).
  row(0, "0", "1", "10", "true", "booster", "ok");
  row(1, "0", "1", "20", "false", "pad", "ok");
  row(2, "0", "1", "999", "true", "pad", "failed (exit 1)");
  row(3, "0", "1", "30", "true", "booster", "ok");
  // Point 1: one run: no spread.
  row(4, "1", "2", "5", "false", "ship", "ok");
  // Point 2: every run failed.
  row(5, "2", "3", "", "", "", "killed (signal 9)");
  row(6, "2", "3", "", "", "", "failed (exit 2)");
  return t;
}

std::vector<Strings> summary_rows(const ex::Table& t) {
  std::vector<Strings> rows;
  std::string csv = t.summary_csv();
  std::size_t pos = 0;
  while (pos < csv.size()) {
    const std::size_t nl = csv.find('\n', pos);
    rows.push_back(ex::parse_csv_line(csv.substr(pos, nl - pos)));
    pos = nl + 1;
  }
  return rows;
}

}  // namespace

TEST_CASE("summary_csv gives mean, sample sd, ci95 = t sd / sqrt(n), min and max per point") {
  const auto rows = summary_rows(hand_made_table());
  REQUIRE(rows.size() == 4);  // header + 3 points
  const Strings expected_header{"point",
                                "sites[*].pads",
                                "runs",
                                "runs_failed",
                                "launches_mean",
                                "launches_sd",
                                "launches_ci95",
                                "launches_min",
                                "launches_max",
                                "launches_target_met_mean",
                                "launches_target_met_sd",
                                "launches_target_met_ci95",
                                "launches_target_met_min",
                                "launches_target_met_max",
                                "bottleneck_mode"};
  CHECK(rows[0] == expected_header);
  for (const auto& r : rows) REQUIRE(r.size() == expected_header.size());

  // Point 0: three ok runs 10, 20, 30 (the failed one excluded but counted).
  const auto& p0 = rows[1];
  CHECK(p0[0] == "0");
  CHECK(p0[1] == "1");
  CHECK(p0[2] == "3");
  CHECK(p0[3] == "1");
  CHECK(std::stod(p0[4]) == doctest::Approx(20.0));
  CHECK(std::stod(p0[5]) == doctest::Approx(10.0));  // sample sd: n - 1 in the denominator
  CHECK(std::stod(p0[6]) == doctest::Approx(4.302653 * 10.0 / std::sqrt(3.0)));
  CHECK(p0[7] == "10");
  CHECK(p0[8] == "30");
  // true/false average as the share of runs: 2 of 3.
  CHECK(std::stod(p0[9]) == doctest::Approx(2.0 / 3.0));
  CHECK(std::stod(p0[10]) == doctest::Approx(std::sqrt(1.0 / 3.0)));
  CHECK(std::stod(p0[11]) == doctest::Approx(4.302653 * std::sqrt(1.0 / 3.0) / std::sqrt(3.0)));
  CHECK(p0[12] == "0");
  CHECK(p0[13] == "1");
  CHECK(p0[14] == "booster");  // booster 2, pad 1 (the failed run's pad is not counted)

  // Point 1: one run: no sd nor CI.
  const auto& p1 = rows[2];
  CHECK(p1[0] == "1");
  CHECK(p1[1] == "2");
  CHECK(p1[2] == "1");
  CHECK(p1[3] == "0");
  CHECK(Strings(p1.begin() + 4, p1.begin() + 9) == Strings{"5", "", "", "5", "5"});
  CHECK(Strings(p1.begin() + 9, p1.begin() + 14) == Strings{"0", "", "", "0", "0"});
  CHECK(p1[14] == "ship");

  // Point 2: every run failed: counted, and no statistics at all.
  const auto& p2 = rows[3];
  CHECK(p2[0] == "2");
  CHECK(p2[1] == "3");
  CHECK(p2[2] == "0");
  CHECK(p2[3] == "2");
  for (std::size_t i = 4; i < p2.size(); ++i) CHECK(p2[i] == "");
}

TEST_CASE(
    "summary_csv: a run that never meets a target makes the point's first year never, not the mean "
    "of the others") {
  ex::Table t;
  t.header = {"run",      "point", "replication", "seed", "rate", "first_year_gw_target_met",
              "launches", "status"};
  t.varied = 1;
  auto row = [&](std::int64_t run, const std::string& point, const std::string& year,
                 const std::string& status) {
    t.rows[run] = {std::to_string(run), point, "0", "1", point, year, "7", status};
  };
  row(0, "0", "2031", "ok");  // point 0: every run meets it
  row(1, "0", "2033", "ok");
  row(2, "1", "2031", "ok");  // point 1: one run never does
  row(3, "1", "", "ok");
  row(4, "1", "", "failed (exit 1)");  // a failed run is not a never
  row(5, "2", "", "ok");               // point 2: none does
  row(6, "3", "2032", "ok");           // point 3: the failed run does not make it never
  row(7, "3", "", "failed (exit 1)");
  const auto rows = summary_rows(t);
  REQUIRE(rows.size() == 5);
  REQUIRE(rows[0][4] == "first_year_gw_target_met_mean");
  CHECK(Strings(rows[1].begin() + 4, rows[1].begin() + 9) ==
        Strings{"2032", rows[1][5], rows[1][6], "2031", "2033"});
  CHECK(std::stod(rows[1][5]) == doctest::Approx(std::sqrt(2.0)));
  CHECK(Strings(rows[2].begin() + 4, rows[2].begin() + 9) == Strings{"", "", "", "2031", ""});
  CHECK(Strings(rows[3].begin() + 4, rows[3].begin() + 9) == Strings{"", "", "", "", ""});
  CHECK(Strings(rows[4].begin() + 4, rows[4].begin() + 9) ==
        Strings{"2032", "", "", "2032", "2032"});
  // Other metrics keep the usual rule: an empty cell is no value, not a never.
  CHECK(rows[2][9] == "7");
}

TEST_CASE(
    "paired_difference pairs the runs of two points by replication, as common random numbers") {
  ex::Table t;
  t.header = {"run", "point", "replication", "seed", "x", "launches", "status"};
  t.varied = 1;
  auto row = [&](std::int64_t run, const std::string& point, const std::string& rep,
                 const std::string& v, const std::string& status) {
    t.rows[run] = {std::to_string(run), point, rep, "1", "", v, status};
  };
  row(0, "0", "0", "10", "ok");
  row(1, "0", "1", "20", "ok");
  row(2, "0", "2", "30", "ok");
  row(3, "1", "0", "13", "ok");  // +3
  row(4, "1", "1", "25", "ok");  // +5
  row(5, "1", "2", "34", "ok");  // +4
  row(6, "1", "3", "99", "ok");  // no pair
  row(7, "2", "0", "99", "failed (exit 1)");
  const auto [mean, ci] = t.paired_difference(0, 1, "launches");
  CHECK(mean == doctest::Approx(4.0));
  CHECK(ci == doctest::Approx(4.302653 * 1.0 / std::sqrt(3.0)));  // sd of 3, 5, 4 is 1
  CHECK(
      std::isnan(t.paired_difference(0, 2, "launches").first));  // a failed run pairs with nothing
}

TEST_CASE("mean_ci and bottleneck_mode use the ok runs of one point") {
  const ex::Table t = hand_made_table();
  const auto [mean, ci] = t.mean_ci(0, "launches");
  CHECK(mean == doctest::Approx(20.0));
  CHECK(ci == doctest::Approx(4.302653 * 10.0 / std::sqrt(3.0)));
  const auto [share, share_ci] = t.mean_ci(0, "launches_target_met");
  CHECK(share == doctest::Approx(2.0 / 3.0));
  CHECK(share_ci > 0);
  const auto [one, no_ci] = t.mean_ci(1, "launches");
  CHECK(one == doctest::Approx(5.0));
  CHECK(std::isnan(no_ci));
  CHECK(std::isnan(t.mean_ci(2, "launches").first));
  CHECK(std::isnan(t.mean_ci(7, "launches").first));  // no such point

  CHECK(t.bottleneck_mode(0) == "booster");
  CHECK(t.bottleneck_mode(1) == "ship");
  CHECK(t.bottleneck_mode(2) == "");

  // Ties go to the first seen in run order.
  ex::Table tie = t;
  tie.rows[3][8] = "pad";  // point 0: booster, pad, pad (ok) -> pad
  CHECK(tie.bottleneck_mode(0) == "pad");
  tie.rows[3][9] = "failed (exit 1)";  // now booster 1, pad 1: booster came first
  CHECK(tie.bottleneck_mode(0) == "booster");
}

TEST_CASE("runs_csv writes the header and the rows in run order, whatever order they came in") {
  ex::Table t;
  t.header = {"run", "point", "replication", "seed", "a", "status"};
  t.varied = 1;
  t.rows[2] = {"2", "1", "0", "5", "x,y", "ok"};
  t.rows[0] = {"0", "0", "0", "3", "say \"hi\"", "ok"};
  t.rows[1] = {"1", "0", "1", "4", "", "failed (exit 1)"};
  const std::string csv = t.runs_csv();
  CHECK(csv ==
        "run,point,replication,seed,a,status\n"
        "0,0,0,3,\"say \"\"hi\"\"\",ok\n"
        "1,0,1,4,,failed (exit 1)\n"
        "2,1,0,5,\"x,y\",ok\n");
}

TEST_CASE("parse_csv_line reads what csv_line writes") {
  const std::vector<Strings> cases{{"a"},
                                   {""},
                                   {"", ""},
                                   {"1", "", "3"},
                                   {"sites[*].pads", "x,y", "say \"hi\"", "{fleet: 3, life: 2}"},
                                   {"trailing", ""}};
  for (const auto& cells : cases) {
    std::string line = ex::csv_line(cells);
    REQUIRE(!line.empty());
    CHECK(line.back() == '\n');
    line.pop_back();
    CHECK(ex::parse_csv_line(line) == cells);
  }
  CHECK(ex::parse_csv_line("a,\"b,c\",d") == Strings{"a", "b,c", "d"});
  CHECK(ex::parse_csv_line("\"\"\"\"") == Strings{"\""});
  CHECK(ex::parse_csv_line("1,2,") == Strings{"1", "2", ""});
}

TEST_CASE(
    "runs.csv columns: the fixed four, the varied paths, every metric but wall time, status") {
  const auto h = ex::runs_header({"p"}, {2030, 2031});
  CHECK(h[4] == "p");
  CHECK(std::find(h.begin(), h.end(), "wall_s") == h.end());
  CHECK(std::find(h.begin(), h.end(), "name") == h.end());
  CHECK(std::count(h.begin(), h.end(), "seed") == 1);
  CHECK(std::find(h.begin(), h.end(), "launches") != h.end());
  CHECK(std::find(h.begin(), h.end(), "bottleneck") != h.end());
  // Then every yearly metric of every year, metric by metric.
  const auto& yearly = starsim::models::yearly_experiment_metrics();
  CHECK(h.size() == 4 + 1 + ex::run_metric_columns().size() + 2 * yearly.size() + 1);
  const auto first = std::find(h.begin(), h.end(), "launches_2030");
  REQUIRE(first != h.end());
  CHECK(*(first + 1) == "launches_2031");
  CHECK(*(first + 2) == yearly[1] + "_2030");
  CHECK(ex::yearly_metric_of("gw_launched_2031") ==
        std::pair<std::string, int>{"gw_launched", 2031});
  CHECK(!ex::yearly_metric_of("bottleneck_2031"));
  CHECK(!ex::yearly_metric_of("gw_launched_31"));
  CHECK(!ex::yearly_metric_of("launches"));
}

TEST_CASE("the plan relieves each bottleneck with the right resources") {
  CHECK(ex::relieving_paths("booster").front() == "vehicle.booster.fleet");
  CHECK(ex::relieving_paths("ship").front() == "vehicle.ship.fleet");
  CHECK(ex::relieving_paths("payload") == Strings{"payload.integration_bays"});
  CHECK(ex::relieving_paths("tower") == Strings{"sites[].pads"});
  CHECK(ex::relieving_paths("none") == Strings{"sites[].pads"});
  CHECK(ex::relieving_paths("range") == Strings{"sites[].pads"});
  CHECK(ex::relieving_paths("propellant").front() == "sites[].propellant.production_t_per_day");
  CHECK(ex::relieving_paths("droneship") == Strings{"sites[].droneships.count"});
  CHECK(ex::relieving_paths("cap") == Strings{"sites[].annual_launch_cap"});
  for (const char* cause : {"weather", "standdown", "slot", "", "nonsense"}) {
    CAPTURE(cause);
    CHECK(ex::relieving_paths(cause).empty());
  }
  // Every relieving path is a schema path a plan's resource can match.
  for (const char* cause :
       {"booster", "ship", "payload", "tower", "propellant", "droneship", "cap"})
    for (const auto& path : ex::relieving_paths(cause))
      CHECK(starsim::sim::config::schema_path(path) == path);
  CHECK(starsim::sim::config::schema_path("sites[*].pads") == "sites[].pads");
}

// ------------------------------------------------------------------------- bad experiments

namespace {

std::vector<std::string> bad_experiment_files() {
  return starsim::test::yaml_files_in(BAD_EXPERIMENTS_DIR);
}

std::string actual_experiment_error(const std::string& file) {
  return starsim::test::config_error_of([&] { (void)ex::parse_experiment(file); });
}

}  // namespace

TEST_CASE("there are at least 12 bad experiment files") {
  CHECK(bad_experiment_files().size() >= 12);
}

TEST_CASE("every bad experiment file gives exactly the error its first line expects") {
  for (const std::string& file : bad_experiment_files()) {
    SUBCASE(fs::path(file).filename().string().c_str()) {
      CAPTURE(file);
      REQUIRE_MESSAGE(ex::is_experiment_file(file), "starsim check must read it as an experiment");
      const std::string expected = starsim::test::expected_error(file);
      REQUIRE_MESSAGE(!expected.empty(), "the first line must be '# expect: L:C: message'");
      CHECK(actual_experiment_error(file) == file + ":" + expected);
    }
  }
}

TEST_CASE("the example and test experiments are valid") {
  std::vector<std::string> files;
  for (const char* folder : {"/configs/experiments", "/tests/data/experiments"})
    for (const auto& entry : fs::directory_iterator(SOURCE + folder))
      if (entry.path().extension() == ".yaml" && ex::is_experiment_file(entry.path().string()))
        files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  CHECK(files.size() >= 9);
  for (const auto& file : files) {
    CAPTURE(file);
    CHECK(actual_experiment_error(file) == "");
  }
}
