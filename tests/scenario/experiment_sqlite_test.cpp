// results.sqlite through the starsim binary: what a sweep writes beside runs.csv, read back with
// Debian's sqlite3 command, holds runs.csv's runs, varied values and every filled cell, one a
// row; the same bytes whatever --jobs; a merge of shards writes the whole sweep's; seek and plan
// write one too.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;

namespace {

const std::string EXPERIMENTS = STARSIM_SOURCE_DIR "/tests/data/experiments/";
const std::string SWEEP =
    EXPERIMENTS + "baseline-sweep.yaml";  // 6 points x 3 = 18 runs, 3 varied paths

// A cell of runs.csv is a plain number when it reads whole as one.
bool plain_number(const std::string& cell, double& x) {
  if (cell.empty()) return false;
  std::size_t used = 0;
  try {
    x = std::stod(cell, &used);
  } catch (const std::exception&) {
    return false;
  }
  return used == cell.size();
}

// OUT/results.sqlite against OUT/runs.csv, cell by cell: `varied` columns after the fixed four.
void check_against_runs_csv(const std::string& out, std::size_t varied) {
  const std::string db = out + "/results.sqlite";
  const auto csv = csv_rows(read_text(out + "/runs.csv"));
  REQUIRE(csv.size() > 1);
  const auto& header = csv.front();
  const std::size_t runs = csv.size() - 1;

  CHECK(sqlite_rows(db, "SELECT count(*) FROM runs") ==
        std::vector<std::vector<std::string>>{{std::to_string(runs)}});
  const auto run_rows =
      sqlite_rows(db, "SELECT run, point, replication, seed, status FROM runs ORDER BY run");
  REQUIRE(run_rows.size() == runs);
  for (std::size_t i = 0; i < runs; ++i) {
    CAPTURE(i);
    CHECK(run_rows[i] == std::vector<std::string>{csv[i + 1][0], csv[i + 1][1], csv[i + 1][2],
                                                  csv[i + 1][3], csv[i + 1].back()});
  }

  // Every (run, column) the database holds, as the text it holds or its number printed exactly.
  std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>>
      held;  // -> (value, text)
  for (const auto& r : sqlite_rows(db, "SELECT run, path, value FROM params"))
    held[{r.at(0), r.at(1)}] = {"", r.at(2)};
  for (const auto& r :
       sqlite_rows(db, "SELECT run, name, printf('%!.17g', value), text FROM metrics"))
    held[{r.at(0), r.at(1)}] = {r.at(2), r.at(3)};
  for (const auto& r : sqlite_rows(
           db, "SELECT run, name || '_' || year, printf('%!.17g', value), text FROM yearly"))
    held[{r.at(0), r.at(1)}] = {r.at(2), r.at(3)};

  std::size_t filled = 0;
  for (std::size_t i = 1; i < csv.size(); ++i) {
    for (std::size_t col = 4; col + 1 < header.size(); ++col) {
      const std::string& cell = csv[i].at(col);
      if (cell.empty() && col >= 4 + varied) continue;  // an empty metric has no row
      ++filled;
      CAPTURE(csv[i][0]);
      CAPTURE(header[col]);
      const auto it = held.find({csv[i][0], header[col]});
      REQUIRE(it != held.end());
      double x = 0;
      if (col >= 4 + varied && plain_number(cell, x)) {
        CHECK(it->second.second == "");
        CHECK(std::stod(it->second.first) == x);  // the same double, not a rounding of it
      } else {
        CHECK(it->second.second == cell);
      }
    }
  }
  CHECK(held.size() == filled);  // and nothing else
}

}  // namespace

TEST_CASE(
    "a sweep's results.sqlite holds runs.csv's runs and cells, one a row, the same bytes whatever "
    "--jobs") {
  TempDir dir;
  for (const char* jobs : {"1", "2"}) {
    Outcome o = run_starsim(
        {"sweep", SWEEP, "--out", dir / ("jobs" + std::string(jobs)), "--quiet", "--jobs", jobs},
        dir);
    REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  }
  check_against_runs_csv(dir / "jobs2", 3);
  CHECK(read_text(dir / "jobs1/results.sqlite") == read_text(dir / "jobs2/results.sqlite"));
  // The mean of a point by SQL is summary.csv's (and results.sqlite's summary table's).
  const auto summary = read_table(dir / "jobs2/summary.csv");
  REQUIRE(summary.size() == 6);
  const auto mean = sqlite_rows(
      dir / "jobs2/results.sqlite",
      "SELECT printf('%!.17g', avg(value)) FROM metrics JOIN runs USING (run) "
      "WHERE name = 'launches_per_year' AND status = 'ok' GROUP BY point ORDER BY point");
  const auto kept =
      sqlite_rows(dir / "jobs2/results.sqlite",
                  "SELECT printf('%!.17g', value) FROM summary "
                  "WHERE name = 'launches_per_year' AND stat = 'mean' ORDER BY point");
  REQUIRE(mean.size() == 6);
  REQUIRE(kept.size() == 6);
  for (std::size_t p = 0; p < 6; ++p) {
    CAPTURE(p);
    CHECK(std::stod(mean[p][0]) ==
          doctest::Approx(std::stod(summary[p].at("launches_per_year_mean"))).epsilon(1e-12));
    CHECK(std::stod(kept[p][0]) == std::stod(summary[p].at("launches_per_year_mean")));
  }

  // Shards merged write the whole sweep's bytes.
  for (const char* k : {"0", "1"}) {
    Outcome o = run_starsim({"sweep", SWEEP, "--out", dir / ("shard" + std::string(k)), "--quiet",
                             "--jobs", "2", "--shard", k + std::string("/2")},
                            dir);
    REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  }
  Outcome merged =
      run_starsim({"merge", dir / "shard0", dir / "shard1", "--out", dir / "merged"}, dir);
  REQUIRE_MESSAGE(merged.exit_code == 0, merged.err);
  CHECK(read_text(dir / "merged/results.sqlite") == read_text(dir / "jobs1/results.sqlite"));
}

TEST_CASE("a sweep by year has its <metric>_<year> cells in results.sqlite's yearly table") {
  TempDir d;
  write_text(d / "base.yaml", pad_bound_scenario("1", "", "1096", "0.5"));
  write_text(d / "e.yaml",
             "experiment:\n  name: years\n  base: base.yaml\n  replications: 2\n"
             "  grid: {'sites[0].pads': [1, 2]}\n"
             "  set: {targets.launches_per_year: 1000}\n");
  Outcome o = run_starsim({"sweep", d / "e.yaml", "--out", d / "out", "--quiet"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  check_against_runs_csv(d / "out", 1);
  // 2030, 2031, 2032 for each of the 4 runs.
  CHECK(sqlite_rows(d / "out/results.sqlite",
                    "SELECT year, count(*) FROM yearly WHERE name = 'launches' GROUP BY year") ==
        std::vector<std::vector<std::string>>{{"2030", "4"}, {"2031", "4"}, {"2032", "4"}});
  CHECK(
      sqlite_rows(
          d / "out/results.sqlite",
          "SELECT point, year, value FROM yearly_summary WHERE name = 'launches' AND stat = 'mean' "
          "AND year = 2030 ORDER BY point") ==
      std::vector<std::vector<std::string>>{{"0", "2030", "1251.0"}, {"1", "2030", "2502.0"}});
}

TEST_CASE("seek and plan write results.sqlite beside their runs.csv") {
  TempDir dir;
  Outcome seek = run_starsim(
      {"seek", EXPERIMENTS + "fleet-seek.yaml", "--out", dir / "seek", "--jobs", "2"}, dir);
  REQUIRE_MESSAGE(seek.exit_code == 0, seek.err);
  check_against_runs_csv(dir / "seek", 1);
  Outcome plan = run_starsim(
      {"plan", EXPERIMENTS + "fleet-plan.yaml", "--out", dir / "plan", "--jobs", "2"}, dir);
  REQUIRE_MESSAGE(plan.exit_code == 0, plan.err);
  check_against_runs_csv(dir / "plan", 0);
}

TEST_CASE("results.sqlite holds each kept run's timeline, one event a row, integers as integers") {
  TempDir d;
  write_text(d / "e.yaml", "experiment:\n  name: tl\n  base: " STARSIM_SOURCE_DIR
                           "/configs/scenarios/baseline.yaml\n"
                           "  replications: 2\n  set: {horizon_d: 2}\n  timelines: true\n");
  Outcome o = run_starsim({"sweep", d / "e.yaml", "--out", d / "out", "--quiet"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  const std::string db = d / "out/results.sqlite";
  for (const std::string run : {"0", "1"}) {
    CAPTURE(run);
    const auto timeline = csv_rows(read_text(d / "out/runs/run-" + run + "/timeline.csv"));
    REQUIRE(timeline.size() > 10);
    CHECK(sqlite_rows(db, "SELECT count(*) FROM timeline WHERE run = " + run) ==
          std::vector<std::vector<std::string>>{{std::to_string(timeline.size() - 1)}});
    // Row by row, every cell as the CSV has it (empty cells NULL, printed empty).
    const auto rows = sqlite_rows(
        db,
        "SELECT printf('%.3f', time_s), time_utc, event, launch_id, site, pad, booster, "
        "ship, payload, value FROM timeline WHERE run = " +
            run + " ORDER BY row");
    REQUIRE(rows.size() == timeline.size() - 1);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      for (std::size_t c = 0; c < 9; ++c) CHECK(rows[i][c] == timeline[i + 1][c]);
      if (!timeline[i + 1][9].empty())
        CHECK(std::stod(rows[i][9]) == std::stod(timeline[i + 1][9]));
    }
  }
  CHECK(sqlite_rows(
            db, "SELECT DISTINCT typeof(launch_id) FROM timeline WHERE launch_id IS NOT NULL") ==
        std::vector<std::vector<std::string>>{{"integer"}});
  // Without timelines the table is there, empty.
  o = run_starsim({"sweep", SWEEP, "--out", d / "none", "--quiet"}, d);
  REQUIRE(o.exit_code == 0);
  CHECK(sqlite_rows(d / "none/results.sqlite", "SELECT count(*) FROM timeline") ==
        std::vector<std::vector<std::string>>{{"0"}});
}
