// A run that crashes is recorded with its status, and the sweep goes on.
#include <doctest/doctest.h>

#include <cstdlib>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;

TEST_CASE("a run that crashes is recorded with its status and the sweep goes on") {
  TempDir d;
  const std::string exp = std::string(STARSIM_SOURCE_DIR) + "/configs/experiments/tiny-sweep.yaml";
  ::setenv("STARSIM_FAULT_RUN", "3", 1);  // run 3 aborts (SIGABRT) in its child process
  Outcome o = run_starsim({"sweep", exp, "--jobs", "2", "--out", d / "out", "--quiet"}, d);
  ::unsetenv("STARSIM_FAULT_RUN");
  CHECK(o.exit_code == 1);
  CHECK(o.err ==
        "starsim sweep: 1 run failed (--resume runs them again):\n"
        "  run 3 (point 1, replication 1): killed (signal 6)\n");
  std::istringstream runs(read_text(d / "out/runs.csv"));
  std::string line;
  std::getline(runs, line);
  int ok = 0, killed = 0;
  while (std::getline(runs, line)) {
    if (line.size() >= 3 && line.compare(line.size() - 3, 3, ",ok") == 0) ++ok;
    if (line.rfind("3,", 0) == 0) {
      CHECK(line.find("killed (signal 6)") != std::string::npos);
      ++killed;
    }
  }
  CHECK(ok == 7);
  CHECK(killed == 1);
  // The summary counts it as failed at its point and averages the others.
  CHECK(read_text(d / "out/summary.csv").find(",1,1,") != std::string::npos);
  // Its folder is kept with the log, to show why.
  CHECK(std::filesystem::exists(d / "out/runs/run-3/run.log"));
}

TEST_CASE("--resume refuses a folder written by a different experiment") {
  TempDir d;
  const std::string exp = std::string(STARSIM_SOURCE_DIR) + "/configs/experiments/tiny-sweep.yaml";
  REQUIRE(run_starsim({"sweep", exp, "--out", d / "out", "--quiet"}, d).exit_code == 0);
  const std::string runs = read_text(d / "out/runs.csv");
  // The same experiment with another seed (and its base named absolutely).
  std::string text = read_text(exp);
  const auto at = text.find("seed: 7");
  REQUIRE(at != std::string::npos);
  text.replace(at, 7, "seed: 8");
  const auto base = text.find("../scenarios/baseline.yaml");
  REQUIRE(base != std::string::npos);
  text.replace(base, 26, std::string(STARSIM_SOURCE_DIR) + "/configs/scenarios/baseline.yaml");
  write_text(d / "changed.yaml", text);
  Outcome o =
      run_starsim({"sweep", d / "changed.yaml", "--resume", "--out", d / "out", "--quiet"}, d);
  CHECK(o.exit_code == 2);
  CHECK(o.err.find("different experiment") != std::string::npos);
  CHECK(read_text(d / "out/runs.csv") == runs);
}
