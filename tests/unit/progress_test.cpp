// The time-left estimate of the progress lines (sim/progress_line.hpp) and the sweep's line
// (sim/experiment/run_pool.hpp): the pace is that of the work done by this process, so a
// resumed sweep does not count the runs its journal already held as done in no time.
#include <doctest/doctest.h>

#include <string>

#include "sim/experiment/run_pool.hpp"
#include "sim/progress_line.hpp"

using starsim::experiment::sweep_progress_text;
using starsim::sim::wall_left_s;
using starsim::sim::wall_left_text;

TEST_CASE("the wall time left is the pace so far times what is left") {
  CHECK(*wall_left_s(10.0, 10.0, 30.0) == doctest::Approx(30.0));
  CHECK(*wall_left_s(2.0, 0.25, 0.75) ==
        doctest::Approx(6.0));  // a run a quarter through its horizon
  CHECK(*wall_left_s(5.0, 4.0, 0.0) == 0.0);
  CHECK_FALSE(wall_left_s(3.0, 0.0, 10.0));  // nothing done yet: no pace to go by
  CHECK(wall_left_text(std::nullopt) == "time left unknown");
  CHECK(wall_left_text(12.34) == "~12.3 s left");
  CHECK(wall_left_text(600.0) == "~10 min left");
}

TEST_CASE("a resumed sweep's time left counts only the runs finished by this invocation") {
  // 60 runs were in the journal; 10 more took 10 s: 30 left take 30 s, not 10 / 70 * 30.
  const std::string line = sweep_progress_text("resumed", 70, 60, 100, 1, 10.0);
  CHECK(line == "resumed: 70/100 runs, 1 failed, 10.0 s elapsed, ~30.0 s left");
  // Right after --resume nothing has finished yet: no estimate (it used to say ~0.0 s left).
  CHECK(sweep_progress_text("resumed", 60, 60, 100, 0, 0.2) ==
        "resumed: 60/100 runs, 0 failed, 0.2 s elapsed, time left unknown");
  // A fresh sweep: every run is this invocation's.
  CHECK(sweep_progress_text("fresh", 25, 0, 100, 0, 5.0) ==
        "fresh: 25/100 runs, 0 failed, 5.0 s elapsed, ~15.0 s left");
}
