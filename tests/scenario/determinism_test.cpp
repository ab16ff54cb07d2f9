// Reproducibility: the same scenario and seed give byte-identical outputs (all but the wall
// time), whatever SimGrid's context factory; a golden timeline pins the model's behaviour.
#include <doctest/doctest.h>

#include <cstdlib>
#include <sstream>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;

namespace {

const std::string GOLDEN_DIR = std::string(STARSIM_SOURCE_DIR) + "/tests/golden";

// summary.csv without the wall_s value (the only figure that depends on the machine).
std::string summary_without_wall(const std::string& path) {
  auto s = read_summary(path);
  s.erase("wall_s");
  std::ostringstream out;
  for (const auto& [k, v] : s) out << k << '=' << v << '\n';
  return out.str();
}

// The first line where two texts differ, for a readable failure.
std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream x(a), y(b);
  std::string la, lb;
  for (int line = 1;; ++line) {
    bool ga = static_cast<bool>(std::getline(x, la)), gb = static_cast<bool>(std::getline(y, lb));
    if (!ga && !gb) return "identical";
    if (la != lb || ga != gb)
      return "line " + std::to_string(line) + ":\n  expected: " + la + "\n  got:      " + lb;
  }
}

}  // namespace

TEST_CASE("two runs of the same scenario and seed give identical outputs") {
  TempDir a, b;
  const std::string scenario = std::string(STARSIM_SOURCE_DIR) + "/configs/scenarios/baseline.yaml";
  for (const TempDir* d : {&a, &b}) {
    Outcome o =
        run_starsim({"run", scenario, "--set", "horizon_d=20", "--out", *d / "out", "--quiet"}, *d);
    REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  }
  CHECK(read_text(a / "out/timeline.csv") == read_text(b / "out/timeline.csv"));
  CHECK(read_text(a / "out/scenario.resolved.yaml") == read_text(b / "out/scenario.resolved.yaml"));
  CHECK(summary_without_wall(a / "out/summary.csv") == summary_without_wall(b / "out/summary.csv"));
  CHECK(read_text(a / "out/timeline.csv").size() > 10000);
}

TEST_CASE("every SimGrid option starsim accepts gives the same timeline as the default ones") {
  TempDir a;
  const std::string scenario = GOLDEN_DIR + "/small.yaml";
  Outcome oa = run_starsim({"run", scenario, "--out", a / "out", "--quiet"}, a);
  REQUIRE_MESSAGE(oa.exit_code == 0, oa.err);
  for (const char* option : {"--cfg=contexts/factory:raw", "--cfg=contexts/factory:thread",
                             "--cfg=contexts/factory:ucontext", "--cfg=contexts/factory:boost",
                             "--cfg=contexts/stack-size:64", "--cfg=contexts/stack-size:65536",
                             "--log=root.thres:critical", "--log=s4u_actor.thres:error"}) {
    CAPTURE(option);
    TempDir b;
    Outcome ob = run_starsim({"run", scenario, "--out", b / "out", "--quiet", option}, b);
    REQUIRE_MESSAGE(ob.exit_code == 0, ob.err);
    CHECK(ob.err.empty());
    CHECK(read_text(a / "out/timeline.csv") == read_text(b / "out/timeline.csv"));
  }
}

TEST_CASE("a different seed gives a different timeline") {
  TempDir a, b;
  const std::string scenario = GOLDEN_DIR + "/small.yaml";
  REQUIRE(run_starsim({"run", scenario, "--out", a / "out", "--quiet"}, a).exit_code == 0);
  REQUIRE(
      run_starsim({"run", scenario, "--seed", "43", "--out", b / "out", "--quiet"}, b).exit_code ==
      0);
  CHECK(read_text(a / "out/timeline.csv") != read_text(b / "out/timeline.csv"));
}

// Regenerate after an intended change of meaning: STARSIM_UPDATE_GOLDEN=1 ctest -R golden
static void check_golden(const std::string& name) {
  TempDir d;
  Outcome o =
      run_starsim({"run", GOLDEN_DIR + "/" + name + ".yaml", "--out", d / "out", "--quiet"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  const std::string got = read_text(d / "out/timeline.csv");
  const std::string golden_path = GOLDEN_DIR + "/" + name + ".timeline.csv";
  if (std::getenv("STARSIM_UPDATE_GOLDEN")) write_text(golden_path, got);
  const std::string expected = read_text(golden_path);
  REQUIRE_MESSAGE(!expected.empty(), "missing " << golden_path);
  INFO(first_difference(expected, got));
  CHECK(expected == got);
}

static bool has_event(const std::string& timeline, const std::string& event) {
  return timeline.find("," + event + ",") != std::string::npos;
}

TEST_CASE("the golden timeline of a small scenario is unchanged") {
  check_golden("small");
  // It shows what it is meant to: waits in orbit, retirements, both sites.
  const std::string t = read_text(GOLDEN_DIR + "/small.timeline.csv");
  CHECK(has_event(t, "ship.deorbited"));
  CHECK(has_event(t, "vehicle.retired"));
  CHECK(t.find(",slc-37,") != std::string::npos);
}

TEST_CASE("the golden timeline of the operations model is unchanged") {
  check_golden("operations");
  // Scrubs, a failure with pad damage and a stand-down, droneship cycles, production, orbit
  // raising with early and operational failures, missed slots, lost vehicles.
  const std::string t = read_text(GOLDEN_DIR + "/operations.timeline.csv");
  for (const char* e :
       {"launch.scrubbed", "launch.failed", "pad.damaged", "pad.repaired", "standdown.started",
        "standdown.ended", "droneship.returned", "vehicle.produced", "payload.operational",
        "payload.failed", "slot.missed", "booster.lost", "ship.lost"}) {
    CAPTURE(e);
    CHECK(has_event(t, e));
  }
}
