// The command line: exit codes 0/1/2, messages on stderr, outputs written atomically, earlier
// results never destroyed by bad input.
#include <doctest/doctest.h>

#include <filesystem>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;
namespace fs = std::filesystem;

namespace {
const std::string BASELINE = std::string(STARSIM_SOURCE_DIR) + "/configs/scenarios/baseline.yaml";

const std::string SMALL =
    "name: small\n"
    "horizon_d: 2\n"
    "sites:\n"
    "  - name: solo\n"
    "    pads: 1\n";
}  // namespace

TEST_CASE("--version and --help exit 0, no arguments exits 2") {
  TempDir d;
  Outcome v = run_starsim({"--version"}, d);
  CHECK(v.exit_code == 0);
  CHECK(v.out.rfind("starsim ", 0) == 0);
  Outcome h = run_starsim({"--help"}, d);
  CHECK(h.exit_code == 0);
  CHECK(h.out.find("starsim run SCENARIO") != std::string::npos);
  CHECK(run_starsim({}, d).exit_code == 2);
  Outcome u = run_starsim({"fly"}, d);
  CHECK(u.exit_code == 2);
  CHECK(u.err.find("unknown command 'fly'") != std::string::npos);
}

TEST_CASE("a run writes the timeline, the summary and the resolved scenario") {
  TempDir d;
  Outcome o = run_scenario_text(SMALL, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  CHECK(read_text(d / "out/timeline.csv")
            .rfind("time_s,time_utc,event,launch_id,site,pad,booster,ship,payload,value\n", 0) ==
        0);
  auto s = read_summary(d / "out/summary.csv");
  CHECK(s["name"] == "small");
  CHECK(s["seed"] == "1");
  CHECK(s["config_sha256"].size() == 64);
  CHECK(std::stoi(s["launches"]) > 0);
  CHECK(s["launches_target_met"].empty());  // no targets: empty, not false
  const std::string resolved = read_text(d / "out/scenario.resolved.yaml");
  CHECK(resolved.find("turnaround_h:") != std::string::npos);  // defaults filled in
  CHECK(resolved.find("integration_bays: 8") != std::string::npos);
  // Nothing left under a temporary name.
  for (const auto& e : fs::directory_iterator(d / "out"))
    CHECK(e.path().filename().string().find(".tmp.") == std::string::npos);
}

TEST_CASE("the resolved scenario runs to the same result and fingerprint") {
  TempDir d;
  REQUIRE(run_scenario_text(SMALL, d).exit_code == 0);
  TempDir again;
  Outcome o = run_starsim(
      {"run", d / "out/scenario.resolved.yaml", "--out", again / "out", "--quiet"}, again);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  CHECK(read_text(d / "out/timeline.csv") == read_text(again / "out/timeline.csv"));
  CHECK(read_summary(d / "out/summary.csv")["config_sha256"] ==
        read_summary(again / "out/summary.csv")["config_sha256"]);
}

TEST_CASE("--no-timeline writes no timeline and --seed overrides the scenario's seed") {
  TempDir d;
  Outcome o = run_scenario_text(SMALL, d, {"--no-timeline", "--seed", "9"});
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  CHECK(!fs::exists(d / "out/timeline.csv"));
  CHECK(read_summary(d / "out/summary.csv")["seed"] == "9");
}

TEST_CASE("a misspelt key is a file:line:col error with exit 2") {
  TempDir d;
  Outcome o = run_scenario_text(SMALL + "payload:\n  integration_bay: 3\n", d);
  CHECK(o.exit_code == 2);
  CHECK(o.err ==
        d / "scenario.yaml" +
            ":7:3: payload: unknown key 'integration_bay' (did you mean 'integration_bays'?)\n");
}

TEST_CASE("a misspelt --set path names the override and exits 2") {
  TempDir d;
  Outcome o = run_scenario_text(SMALL, d, {"--set", "sites[0].pdas=3"});
  CHECK(o.exit_code == 2);
  CHECK(o.err == "--set sites[0].pdas=3: sites[0]: unknown key 'pdas' (did you mean 'pads'?)\n");
  Outcome range = run_scenario_text(SMALL, d, {"--set", "sites[4].pads=3"});
  CHECK(range.exit_code == 2);
  CHECK(range.err.find("index 4 is out of range (the list has 1 entry)") != std::string::npos);
  Outcome value = run_scenario_text(SMALL, d, {"--set", "vehicle.booster.fleet=many"});
  CHECK(value.exit_code == 2);
  CHECK(
      value.err ==
      "--set vehicle.booster.fleet=many: vehicle.booster.fleet: expected an integer, got 'many'\n");
}

TEST_CASE("a missing file, a folder and a bad option exit 2 with a message") {
  TempDir d;
  Outcome missing = run_starsim({"run", d / "nope.yaml"}, d);
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == d / "nope.yaml" + ": cannot read: No such file or directory\n");
  Outcome folder = run_starsim({"check", d.path()}, d);
  CHECK(folder.exit_code == 2);
  CHECK(folder.err.find("is a directory") != std::string::npos);
  Outcome option = run_starsim({"run", BASELINE, "--fast"}, d);
  CHECK(option.exit_code == 2);
  CHECK(option.err.find("--fast") != std::string::npos);
}

TEST_CASE("bad input never destroys earlier results") {
  TempDir d;
  REQUIRE(run_scenario_text(SMALL, d).exit_code == 0);
  const std::string timeline = read_text(d / "out/timeline.csv");
  const std::string summary = read_text(d / "out/summary.csv");
  Outcome bad = run_scenario_text(SMALL + "horizon_d: 3\n", d);  // a duplicate key
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("duplicate key 'horizon_d' (first at line 2)") != std::string::npos);
  CHECK(read_text(d / "out/timeline.csv") == timeline);
  CHECK(read_text(d / "out/summary.csv") == summary);
}

TEST_CASE("check validates the baseline without running it") {
  TempDir d;
  Outcome o = run_starsim({"check", BASELINE}, d);
  CHECK(o.exit_code == 0);
  CHECK(o.out.find("scenario 'baseline' is valid") != std::string::npos);
}

TEST_CASE("the baseline prints a summary that names the target and the bottleneck") {
  TempDir d;
  Outcome o = run_starsim({"run", BASELINE, "--out", d / "out", "--no-timeline"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  CHECK(o.out.find("target launches") != std::string::npos);
  CHECK(o.out.find("bottleneck") != std::string::npos);
  auto s = read_summary(d / "out/summary.csv");
  CHECK(std::stoi(s["launches"]) > 5000);
}
