// Growing an experiment: a finished sweep given more replications or more values, then
// --resume, reuses every finished run (matched by its values and replication, renumbered) and
// runs only the new ones; --runs runs a subset; a sweep with precision replicates each point
// until its interval is as narrow as asked.
#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <string>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;

namespace {

const std::string BASELINE = STARSIM_SOURCE_DIR "/configs/scenarios/baseline.yaml";

std::string sweep(const std::string& name, int replications, const std::string& pads,
                  int seed = 7) {
  return "experiment:\n  name: " + name + "\n  base: " + BASELINE +
         "\n  replications: " + std::to_string(replications) + "\n  seed: " + std::to_string(seed) +
         "\n  set: {horizon_d: 5}\n  grid:\n    sites[*].pads: " + pads +
         "\n    vehicle.booster.fleet: [20, 40]\n";
}

// runs.csv's rows without their run and point cells: what a run is, wherever it is numbered.
std::set<std::string> runs_by_content(const std::string& path) {
  std::set<std::string> out;
  for (const auto& row : read_table(path)) {
    std::string key;
    for (const auto& [column, cell] : row)
      if (column != "run" && column != "point") key += column + "=" + cell + ";";
    out.insert(key);
  }
  return out;
}

}  // namespace

TEST_CASE(
    "a sweep grown by replications reuses its finished runs byte for byte and runs only the new "
    "ones") {
  TempDir d;
  write_text(d / "e.yaml", sweep("grow", 2, "[1, 2]"));
  REQUIRE(run_starsim({"sweep", d / "e.yaml", "--out", d / "grown", "--quiet"}, d).exit_code == 0);
  const auto before = runs_by_content(d / "grown/runs.csv");
  write_text(d / "e.yaml", sweep("grow", 3, "[1, 2]"));
  Outcome o = run_starsim({"sweep", d / "e.yaml", "--out", d / "grown", "--resume"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  CHECK(o.out.find("12 runs (0 failed; 8 reused from the folder)") != std::string::npos);
  // The journal took the 8 old runs and appended 4: nothing was run twice.
  CHECK(read_table(d / "grown/journal.csv").size() == 12);
  const auto after = runs_by_content(d / "grown/runs.csv");
  for (const auto& run : before) CHECK(after.count(run) == 1);
  // And the grown folder is what a fresh sweep of the grown experiment writes.
  REQUIRE(run_starsim({"sweep", d / "e.yaml", "--out", d / "fresh", "--quiet"}, d).exit_code == 0);
  for (const std::string f : {"runs.csv", "summary.csv", "yearly.csv"}) {
    CAPTURE(f);
    CHECK(read_text(d / "grown/" + f) == read_text(d / "fresh/" + f));
  }
}

TEST_CASE("a sweep grown by a value reuses the other points' runs, and another seed is refused") {
  TempDir d;
  write_text(d / "e.yaml", sweep("grow", 2, "[1, 3]"));
  REQUIRE(run_starsim({"sweep", d / "e.yaml", "--out", d / "grown", "--quiet"}, d).exit_code == 0);
  write_text(d / "e.yaml",
             sweep("grow", 2, "[1, 2, 3]"));  // a value in the middle: points renumbered
  Outcome o = run_starsim({"sweep", d / "e.yaml", "--out", d / "grown", "--resume"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  CHECK(o.out.find("12 runs (0 failed; 8 reused from the folder)") != std::string::npos);
  REQUIRE(run_starsim({"sweep", d / "e.yaml", "--out", d / "fresh", "--quiet"}, d).exit_code == 0);
  CHECK(read_text(d / "grown/runs.csv") == read_text(d / "fresh/runs.csv"));
  CHECK(read_text(d / "grown/summary.csv") == read_text(d / "fresh/summary.csv"));
  // Another seed makes other runs: nothing to reuse, refused.
  write_text(d / "e.yaml", sweep("grow", 2, "[1, 2, 3]", 8));
  o = run_starsim({"sweep", d / "e.yaml", "--out", d / "grown", "--resume"}, d);
  CHECK(o.exit_code == 2);
  CHECK(o.err.find("holds a sweep of a different experiment") != std::string::npos);
  CHECK(o.err.find("its base, set, seed and varied paths must stay as they were") !=
        std::string::npos);
}

TEST_CASE(
    "--runs runs a subset of a sweep, --resume completes it, and a run out of range is exit 2") {
  TempDir d;
  write_text(d / "e.yaml", sweep("subset", 2, "[1, 2]"));
  Outcome o =
      run_starsim({"sweep", d / "e.yaml", "--out", d / "part", "--runs", "1-2,5", "--quiet"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  const auto rows = read_table(d / "part/runs.csv");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].at("run") == "1");
  CHECK(rows[1].at("run") == "2");
  CHECK(rows[2].at("run") == "5");
  REQUIRE(run_starsim({"sweep", d / "e.yaml", "--out", d / "part", "--resume", "--quiet"}, d)
              .exit_code == 0);
  REQUIRE(run_starsim({"sweep", d / "e.yaml", "--out", d / "whole", "--quiet"}, d).exit_code == 0);
  CHECK(read_text(d / "part/runs.csv") == read_text(d / "whole/runs.csv"));
  struct Case {
    std::string runs, message;
  };
  for (const Case& c :
       {Case{"8", "run 8 is not a run of this experiment (it has runs 0 to 7)"},
        Case{"3-1", "'3-1', a range that ends before it starts"},
        Case{"1,x", "has 'x', not a run index"}, Case{"", "has '', not a run index"}}) {
    CAPTURE(c.runs);
    o = run_starsim({"sweep", d / "e.yaml", "--out", d / "bad", "--runs", c.runs}, d);
    CHECK(o.exit_code == 2);
    CHECK(o.err.find(c.message) != std::string::npos);
  }
}

TEST_CASE(
    "a sweep with precision replicates each point until its interval is within relative_ci of its "
    "mean") {
  TempDir d;
  write_text(d / "e.yaml",
             "experiment:\n  name: precise\n  base: " + BASELINE +
                 "\n  replications: 2\n  seed: 3\n  set: {horizon_d: 30}\n"
                 "  precision: {metric: launches, relative_ci: 0.05, max_replications: 16}\n"
                 "  grid:\n    payload.interval_h: [24, 1]\n");
  Outcome o = run_starsim({"sweep", d / "e.yaml", "--out", d / "out", "--jobs", "2"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  const auto summary = read_table(d / "out/summary.csv");
  REQUIRE(summary.size() == 2);
  bool some_grew = false;
  for (const auto& point : summary) {
    const int runs = std::stoi(point.at("runs"));
    const double mean = std::stod(point.at("launches_mean")),
                 ci = std::stod(point.at("launches_ci95"));
    CAPTURE(runs);
    CHECK((ci <= 0.05 * mean || runs == 16));                    // as narrow as asked, or the limit
    CHECK((runs == 2 || runs == 4 || runs == 8 || runs == 16));  // doubled, round by round
    some_grew = some_grew || runs > 2;
  }
  CHECK(some_grew);  // one payload a day is deterministic (CI 0); one an hour is not
  // The same runs with one job: the rounds depend on results alone.
  REQUIRE(run_starsim({"sweep", d / "e.yaml", "--out", d / "one", "--jobs", "1", "--quiet"}, d)
              .exit_code == 0);
  CHECK(read_text(d / "one/runs.csv") == read_text(d / "out/runs.csv"));
  // Shards and --runs cannot split a sweep whose replications depend on its own results.
  o = run_starsim({"sweep", d / "e.yaml", "--out", d / "s", "--shard", "0/2"}, d);
  CHECK(o.exit_code == 2);
  CHECK(o.err.find("takes neither --shard nor --runs") != std::string::npos);
}

TEST_CASE(
    "merge takes batches of other seeds as more replications of the same points, each run keeping "
    "its seed") {
  TempDir d;
  write_text(d / "a.yaml", sweep("batches", 2, "[1, 2]", 7));
  write_text(d / "b.yaml", sweep("batches", 2, "[1, 2]", 8));
  REQUIRE(run_starsim({"sweep", d / "a.yaml", "--out", d / "a", "--quiet"}, d).exit_code == 0);
  REQUIRE(run_starsim({"sweep", d / "b.yaml", "--out", d / "b0", "--shard", "0/2", "--quiet"}, d)
              .exit_code == 0);
  REQUIRE(run_starsim({"sweep", d / "b.yaml", "--out", d / "b1", "--shard", "1/2", "--quiet"}, d)
              .exit_code == 0);
  REQUIRE(run_starsim({"sweep", d / "b.yaml", "--out", d / "b", "--quiet"}, d).exit_code == 0);
  Outcome o = run_starsim({"merge", d / "a", d / "b0", d / "b1", "--out", d / "m"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  CHECK(o.out.find("merged 16 runs from 3 folders (2 batches of other seeds") != std::string::npos);
  const auto merged = read_table(d / "m/runs.csv"), first = read_table(d / "a/runs.csv"),
             second = read_table(d / "b/runs.csv");
  REQUIRE(merged.size() == 16);
  // Point p's replications: the first batch's 0 and 1, then the second's as 2 and 3.
  for (std::size_t p = 0; p < 4; ++p) {
    for (std::size_t r = 0; r < 4; ++r) {
      const auto& row = merged[p * 4 + r];
      const auto& from = r < 2 ? first[p * 2 + r] : second[p * 2 + r - 2];
      CAPTURE(p);
      CAPTURE(r);
      CHECK(row.at("run") == std::to_string(p * 4 + r));
      CHECK(row.at("point") == std::to_string(p));
      CHECK(row.at("replication") == std::to_string(r));
      CHECK(row.at("seed") == from.at("seed"));
      CHECK(row.at("launches") == from.at("launches"));
    }
  }
  CHECK(read_table(d / "m/summary.csv")[0].at("runs") == "4");
  CHECK(read_text(d / "m/manifest.txt").find("\nbatches 7 x8 8 x8\n") != std::string::npos);
  // The same batch twice, a batch missing a shard, and a batch of another base: refused.
  o = run_starsim({"merge", d / "a", d / "b0", d / "b1", d / "b", "--out", d / "m2"}, d);
  CHECK(o.exit_code == 2);  // b is b0 and b1 again, split otherwise
  CHECK(o.err.find("or of another split into shards") != std::string::npos);
  write_text(d / "a3.yaml", sweep("batches", 3, "[1, 2]", 7));
  REQUIRE(run_starsim({"sweep", d / "a3.yaml", "--out", d / "a3", "--quiet"}, d).exit_code == 0);
  o = run_starsim({"merge", d / "a", d / "a3", "--out", d / "m2"}, d);
  CHECK(o.exit_code == 2);  // the same seed: the same runs
  CHECK(o.err.find("two batches have seed 7") != std::string::npos);
  o = run_starsim({"merge", d / "a", d / "b0", "--out", d / "m3"}, d);
  CHECK(o.exit_code == 2);
  CHECK(o.err.find("the shards of seed 8 hold 4 of 8 runs") != std::string::npos);
  std::string other = sweep("batches", 2, "[1, 2]", 9);
  other.replace(other.find("horizon_d: 5"), 12, "horizon_d: 6");
  write_text(d / "c.yaml", other);
  REQUIRE(run_starsim({"sweep", d / "c.yaml", "--out", d / "c", "--quiet"}, d).exit_code == 0);
  o = run_starsim({"merge", d / "a", d / "c", "--out", d / "m4"}, d);
  CHECK(o.exit_code == 2);
  CHECK(o.err.find("is a sweep of another base scenario") != std::string::npos);
}
