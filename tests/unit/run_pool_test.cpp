// run_all, the fork pool: each run once, in a child of its own, at most --jobs at a time; every
// finished run journalled with its status; a run that fails or crashes reported as such while
// the others go on; a run already in the journal not run again.
#include "sim/experiment/run_pool.hpp"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/temp_dir.hpp"

namespace fs = std::filesystem;
namespace ex = starsim::experiment;

namespace {

// A site bound by its booster fleet: 30 days give 30 launches a booster.
const std::string FLEET_BOUND = STARSIM_SOURCE_DIR "/tests/data/experiments/fleet-bound.yaml";
const std::vector<std::string> PATHS{"vehicle.booster.fleet"};
using starsim::test::TempDir;

// Sets an environment variable for the life of the object (the children inherit it).
class EnvVar {
 public:
  EnvVar(const char* name, const std::string& value) : name_(name) {
    ::setenv(name, value.c_str(), 1);
  }
  ~EnvVar() { ::unsetenv(name_); }
  EnvVar(const EnvVar&) = delete;
  EnvVar& operator=(const EnvVar&) = delete;

 private:
  const char* name_;
};

// One run of fleet-bound per fleet size, run i with seed 100 + i.
std::vector<ex::RunSpec> runs_of(const std::vector<std::string>& fleets) {
  std::vector<ex::RunSpec> specs;
  for (std::size_t i = 0; i < fleets.size(); ++i) {
    ex::RunSpec s;
    s.run = s.point = static_cast<std::int64_t>(i);
    s.seed = 100 + i;
    s.varied_values = {fleets[i]};
    s.overrides = {{"vehicle.booster.fleet=" + fleets[i], "test"}};
    specs.push_back(s);
  }
  return specs;
}

struct Outcome {
  ex::Table table;                 // the journal read back
  std::vector<std::string> lines;  // the journal's lines, header first
};

// Runs the specs `jobs` at a time into `dir`, through a journal that already holds `kept`.
Outcome run(const std::vector<ex::RunSpec>& specs, int jobs, const std::string& dir,
            ex::Table kept = {}) {
  kept.header = ex::runs_header(PATHS, {});
  const std::string journal = dir + "/journal.csv";
  std::ofstream(journal, std::ios::binary) << ex::Journal::text(kept);
  ex::PoolOptions o;
  o.jobs = jobs;
  o.base = FLEET_BOUND;
  o.out_dir = dir;
  o.quiet = true;
  o.title = "run_pool_test";
  {
    ex::Journal j(journal, kept);
    ex::run_all(specs, o, j);
  }
  Outcome out;
  out.table = ex::Journal::read(journal, ex::JournalCheck{kept.header});
  std::ifstream in(journal);
  for (std::string line; std::getline(in, line);) out.lines.push_back(line);
  return out;
}

std::string cell(const ex::Table& t, std::int64_t run, const std::string& column) {
  const auto col = static_cast<std::size_t>(std::find(t.header.begin(), t.header.end(), column) -
                                            t.header.begin());
  REQUIRE(col < t.header.size());
  return t.rows.at(run).at(col);
}

}  // namespace

TEST_CASE("run_all runs each run once with its own overrides and seed") {
  TempDir dir;
  const Outcome out = run(runs_of({"1", "2", "3", "4"}), 2, dir.path());
  REQUIRE(out.lines.size() == 5);  // the header and one row a run
  REQUIRE(out.table.rows.size() == 4);
  for (std::int64_t run = 0; run < 4; ++run) {
    CAPTURE(run);
    CHECK(cell(out.table, run, "status") == "ok");
    CHECK(cell(out.table, run, "seed") == std::to_string(100 + run));
    CHECK(cell(out.table, run, "vehicle.booster.fleet") == std::to_string(run + 1));
    CHECK(cell(out.table, run, "launches") == std::to_string(30 * (run + 1)));
  }
  CHECK(!fs::exists(dir.path() + "/runs"));  // an ok run keeps no folder without timelines
}

TEST_CASE("the runs' rows are the same whatever the number of jobs") {
  const auto specs = runs_of({"3", "1", "4", "1", "5"});
  TempDir one, three;
  const Outcome serial = run(specs, 1, one.path());
  const Outcome parallel = run(specs, 3, three.path());
  CHECK(serial.table.rows.size() == 5);
  CHECK(parallel.table.runs_csv() == serial.table.runs_csv());
}

TEST_CASE("a run already in the journal is not run again") {
  TempDir dir;
  ex::Table kept;
  std::vector<std::string> row(ex::runs_header(PATHS, {}).size());
  row.front() = "0";
  row.back() = "failed (exit 9)";  // what the journal says stands
  kept.rows[0] = row;
  const Outcome out = run(runs_of({"1", "2"}), 2, dir.path(), kept);
  CHECK(out.lines.size() == 3);
  CHECK(cell(out.table, 0, "status") == "failed (exit 9)");
  CHECK(cell(out.table, 1, "status") == "ok");
}

TEST_CASE("a failing or crashing run is reported with its exit code and the others go on") {
  TempDir dir;
  // Run 1's override is out of range (a config error: exit 2); run 3 aborts.
  const EnvVar fault("STARSIM_FAULT_RUN", "3");
  const Outcome out = run(runs_of({"2", "-1", "3", "2", "1"}), 2, dir.path());
  REQUIRE(out.table.rows.size() == 5);
  CHECK(cell(out.table, 0, "status") == "ok");
  CHECK(cell(out.table, 1, "status") == "failed (exit 2)");
  CHECK(cell(out.table, 2, "status") == "ok");
  CHECK(cell(out.table, 3, "status") == "killed (signal 6)");
  CHECK(cell(out.table, 4, "status") == "ok");
  CHECK(cell(out.table, 4, "launches") == "30");
  CHECK(cell(out.table, 1, "launches").empty());  // a failed run has no metrics
  // A failed run keeps its folder, with its error in run.log; an ok run's is removed.
  std::ifstream log(dir.path() + "/runs/run-1/run.log");
  std::stringstream text;
  text << log.rdbuf();
  CHECK(text.str().find("vehicle.booster.fleet") != std::string::npos);
  CHECK(fs::exists(dir.path() + "/runs/run-3/run.log"));
  CHECK(!fs::exists(dir.path() + "/runs/run-0"));
}

TEST_CASE("a run that fails with an error exits 1 and is reported so") {
  TempDir dir;
  const EnvVar fault("STARSIM_FAULT_RUN", "0:error");
  const Outcome out = run(runs_of({"1", "2"}), 1, dir.path());
  CHECK(cell(out.table, 0, "status") == "failed (exit 1)");
  CHECK(cell(out.table, 1, "status") == "ok");
}
