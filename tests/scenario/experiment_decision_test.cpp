// Seek and plan decide on the 95 % interval, add replications to an undecided point when the
// experiment asks for a precision, explain every step, and stop on a plateau.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;

namespace {

const std::string BASELINE = STARSIM_SOURCE_DIR "/configs/scenarios/baseline.yaml";

// The baseline at 0.8 h a payload: about 7,900 launches a year, +- about 700 over 3 runs.
std::string baseline_plan(const std::string& name, const std::string& extra) {
  return "experiment:\n  name: " + name + "\n  base: " + BASELINE +
         "\n  replications: 3\n  seed: 5\n  set: {payload.interval_h: 0.8}\n" + extra +
         "  plan:\n    metric: launches_per_year\n    target: 7800\n    max_steps: 1\n"
         "    resources: {vehicle.booster.fleet: 10}\n";
}

// One pad bound by its propellant farm (10,000 t a day, 5,000 t a launch: two launches a
// day, 729 in the year); storage beyond one launch's load buys nothing.
const std::string PROPELLANT_BOUND =
    "name: propellant-bound\n"
    "horizon_d: 365\n"
    "vehicle:\n"
    "  propellant_t: 5000\n"
    "  booster: {fleet: 5, life_flights: 1000000, turnaround_h: 0}\n"
    "  ship: {fleet: 800, recovery: expend}\n"
    "  phases: {stack_h: 1, propellant_load_h: 1, ascent_min: 0, booster_return_min: 0,\n"
    "           catch_clear_h: 0}\n"
    "sites:\n"
    "  - name: farm\n"
    "    pads: 4\n"
    "    pad_refurb_h: 1\n"
    "    propellant: {production_t_per_day: 10000, storage_t: 5000, initial_t: 0}\n"
    "payload: {interval_h: 1, integration_bays: 2, integration_h: 0}\n";

}  // namespace

TEST_CASE(
    "a plan step whose interval straddles the target is undecided, not met, and precision adds "
    "replications") {
  TempDir d;
  write_text(d / "fixed.yaml", baseline_plan("fixed", ""));
  Outcome o = run_starsim({"plan", d / "fixed.yaml", "--out", d / "fixed", "--quiet"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  auto steps = read_table(d / "fixed/plan.csv");
  REQUIRE(!steps.empty());
  const double mean = std::stod(steps[0].at("launches_per_year_mean"));
  const double ci = std::stod(steps[0].at("launches_per_year_ci95"));
  // The case this test is about: the mean clears 7,800 but the interval does not.
  REQUIRE(mean >= 7800);
  REQUIRE(mean - ci < 7800);
  CHECK(steps[0].at("replications") == "3");
  CHECK(steps[0].at("verdict") == "undecided");
  CHECK(steps.size() == 2);  // so the plan grew (max_steps: 1)

  write_text(d / "precise.yaml", baseline_plan("precise", "  precision: {max_replications: 24}\n"));
  o = run_starsim({"plan", d / "precise.yaml", "--out", d / "precise"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  steps = read_table(d / "precise/plan.csv");
  REQUIRE(!steps.empty());
  const int reps = std::stoi(steps[0].at("replications"));
  CHECK(reps > 3);  // 6, 12 or 24: doubled while undecided
  CHECK((steps[0].at("verdict") != "undecided" || reps == 24));
  // The step's mean is over all its runs: runs.csv holds them, point 0, replications 0..reps-1.
  const auto runs = read_table(d / "precise/runs.csv");
  int of_step0 = 0;
  for (const auto& r : runs) of_step0 += r.at("point") == "0" ? 1 : 0;
  CHECK(of_step0 == reps);
  CHECK(o.out.find("(±") != std::string::npos);
  CHECK(o.out.find(std::to_string(reps) + " runs)") != std::string::npos);
}

TEST_CASE(
    "a precision that asks for fewer replications than the first batch, or a seek's metric, is "
    "refused") {
  TempDir d;
  write_text(d / "e.yaml", baseline_plan("bad", "  precision: {max_replications: 2}\n"));
  Outcome o = run_starsim({"check", d / "e.yaml"}, d);
  CHECK(o.exit_code == 2);
  CHECK(o.err.find("e.yaml:7:33: experiment.precision.max_replications") != std::string::npos);
  CHECK(o.err.find("must be at least replications (3), got 2") != std::string::npos);
  write_text(d / "m.yaml",
             baseline_plan("bad", "  precision: {max_replications: 6, metric: launches}\n"));
  o = run_starsim({"check", d / "m.yaml"}, d);
  CHECK(o.exit_code == 2);
  CHECK(o.err.find("a plan judges its own metric") != std::string::npos);
}

TEST_CASE("a plan whose growth buys nothing stops on a plateau, undoes it and says what binds") {
  TempDir d;
  write_text(d / "base.yaml", PROPELLANT_BOUND);
  write_text(d / "e.yaml",
             "experiment:\n  name: flat\n  base: base.yaml\n  plan:\n    metric: launches\n    "
             "target: 1000\n"
             "    resources: {'sites[0].propellant.storage_t': 5000}\n");
  Outcome o = run_starsim({"plan", d / "e.yaml", "--out", d / "out"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  const auto steps = read_table(d / "out/plan.csv");
  REQUIRE(steps.size() == 3);  // the base, then two growth steps that bought nothing
  CHECK(steps[0].at("launches_mean") == "729");
  CHECK(steps[0].at("bottleneck") == "propellant");
  for (std::size_t i = 1; i < 3; ++i) {
    CHECK(steps[i].at("gain") == "0");
    CHECK(steps[i].at("why").find("relieves the bottleneck propellant") != std::string::npos);
    CHECK(steps[i].at("relieved").rfind("wait_propellant_h ", 0) == 0);
  }
  CHECK(o.out.find("stopped on a plateau: the last 2 growth steps bought nothing") !=
        std::string::npos);
  CHECK(o.out.find("propellant binds now") != std::string::npos);
  // Undone: the planned scenario keeps the storage it had.
  CHECK(read_text(d / "out/scenario.planned.yaml").find("storage_t: 5000\n") != std::string::npos);
}

TEST_CASE(
    "a seek lists every probe with its verdict and bottleneck, and says where growth levels off") {
  TempDir d;
  // A pad lifts off every 7 h (3 h refurbishment, 3 h stacking, 1 h loading): 1,251 a year; the
  // farm makes 8 loads a day (2,919 in the year): 1 pad 1,251, 2 pads 2,502, then the farm binds.
  // Ships are expended: 8,000 of them, and payloads every 6 minutes, never bind.
  std::string base = PROPELLANT_BOUND;
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"production_t_per_day: 10000",
                                                                     "production_t_per_day: 40000"},
                                 {"stack_h: 1", "stack_h: 3"},
                                 {"pad_refurb_h: 1", "pad_refurb_h: 3"},
                                 {"fleet: 5,", "fleet: 50,"},
                                 {"fleet: 800,", "fleet: 8000,"},
                                 {"interval_h: 1,", "interval_h: 0.1,"}})
    base.replace(base.find(from), from.size(), to);
  write_text(d / "base.yaml", base);
  write_text(d / "e.yaml",
             "experiment:\n  name: pads\n  base: base.yaml\n  seek: {path: 'sites[0].pads', min: "
             "1, max: 6,"
             " metric: launches, target: 2600}\n");
  Outcome o = run_starsim({"seek", d / "e.yaml", "--out", d / "out"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  const auto probes = read_table(d / "out/probes.csv");  // in value order
  REQUIRE(probes.size() == 4);
  CHECK(probes[0].at("value") == "1");
  CHECK(probes[0].at("verdict") == "missed");
  CHECK(probes[1].at("launches_mean") == "2502");
  CHECK(probes[2].at("value") == "3");
  CHECK(probes[2].at("verdict") == "met");
  CHECK(probes[2].at("bottleneck") == "propellant");
  CHECK(probes[3].at("value") == "6");
  CHECK(probes[3].at("launches_mean") == "2919");
  CHECK(read_table(d / "out/answer.csv")[0].at("value") == "3");
  CHECK(o.out.find("from sites[0].pads = 3 to 6 (the max), launches levels off") !=
        std::string::npos);
  CHECK(o.out.find("the bottleneck there is propellant") != std::string::npos);
  // A target above what the farm gives: unreachable, with the max's bottleneck named.
  write_text(d / "u.yaml",
             "experiment:\n  name: pads\n  base: base.yaml\n  seek: {path: 'sites[0].pads', min: "
             "1, max: 6,"
             " metric: launches, target: 3000}\n");
  o = run_starsim({"seek", d / "u.yaml", "--out", d / "u"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  CHECK(o.out.find("unreachable: launches at sites[0].pads = 6 (the max) is 2919") !=
        std::string::npos);
  CHECK(o.out.find("missed    bottleneck propellant") != std::string::npos);
}

TEST_CASE(
    "a sweep, a seek and a plan end with the headline: launches and GW a year, targets met, "
    "bottleneck shares") {
  TempDir d;
  write_text(d / "base.yaml", PROPELLANT_BOUND + "targets: {launches_per_year: 700}\n");
  write_text(d / "e.yaml", "experiment:\n  name: reps\n  base: base.yaml\n  replications: 2\n");
  Outcome o = run_starsim({"sweep", d / "e.yaml", "--out", d / "out"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  // 729 launches in 365 days, 10 MW each, the same in both runs.
  CHECK(o.out.find("\n  launches/year 729 ±0 (target met in 2 of 2), GW/year 7.29 ±0; bottleneck "
                   "propellant 2 of 2\n") != std::string::npos);
}

TEST_CASE("seek and plan --resume go on with the runs the folder holds and give the same answer") {
  TempDir d;
  write_text(d / "base.yaml", PROPELLANT_BOUND);
  write_text(d / "e.yaml",
             "experiment:\n  name: flat\n  base: base.yaml\n  replications: 2\n  plan:\n    "
             "metric: launches\n"
             "    target: 1000\n    resources: {'sites[0].propellant.storage_t': 5000}\n");
  REQUIRE(run_starsim({"plan", d / "e.yaml", "--out", d / "whole", "--quiet"}, d).exit_code == 0);
  REQUIRE(run_starsim({"plan", d / "e.yaml", "--out", d / "cut", "--quiet"}, d).exit_code == 0);
  // Cut the journal after its header and two runs, as an interrupted plan leaves it.
  const std::string journal = read_text(d / "cut/journal.csv");
  std::size_t at = 0;
  for (int line = 0; line < 3; ++line) at = journal.find('\n', at) + 1;
  write_text(d / "cut/journal.csv", journal.substr(0, at));
  Outcome again = run_starsim({"plan", d / "e.yaml", "--out", d / "cut"}, d);
  CHECK(again.exit_code == 2);  // it holds finished runs: --resume or --force
  CHECK(again.err.find("--resume to go on with them") != std::string::npos);
  Outcome resumed =
      run_starsim({"plan", d / "e.yaml", "--out", d / "cut", "--resume", "--quiet"}, d);
  REQUIRE_MESSAGE(resumed.exit_code == 0, resumed.err);
  for (const std::string f : {"plan.csv", "runs.csv", "summary.csv", "scenario.planned.yaml"}) {
    CAPTURE(f);
    CHECK(read_text(d / "cut/" + f) == read_text(d / "whole/" + f));
  }
  // Another experiment in the folder: refused.
  write_text(d / "e.yaml",
             read_text(d / "e.yaml").replace(read_text(d / "e.yaml").find("1000"), 4, "1100"));
  Outcome other = run_starsim({"plan", d / "e.yaml", "--out", d / "cut", "--resume"}, d);
  CHECK(other.exit_code == 2);
  CHECK(other.err.find("holds a plan of a different experiment") != std::string::npos);
}

TEST_CASE(
    "a plan grows the integration bays for a payload bottleneck only while the bays are busy") {
  TempDir d;
  // Two pads that could launch far faster than payloads come (one every 2 h: 720 in 60 days).
  write_text(d / "base.yaml",
             "name: payload-bound\nhorizon_d: 60\n"
             "vehicle:\n"
             "  booster: {fleet: 50, life_flights: 1000000, turnaround_h: 0}\n"
             "  ship: {fleet: 8000, recovery: expend}\n"
             "  phases: {stack_h: 1, propellant_load_h: 1, ascent_min: 0, booster_return_min: 0, "
             "catch_clear_h: 0}\n"
             "sites:\n  - {name: pad, pads: 2, pad_refurb_h: 1}\n"
             "payload: {interval_h: 2, integration_bays: 2, integration_h: 0}\n");
  const std::string plan =
      "  plan:\n    metric: launches\n    target: 1000\n"
      "    resources: {payload.integration_bays: 2, 'sites[*].pads': 1}\n";
  // Integration takes no time: the bays are idle, the factory binds, and no step may grow bays.
  write_text(d / "factory.yaml", "experiment:\n  name: factory\n  base: base.yaml\n" + plan);
  Outcome o = run_starsim({"plan", d / "factory.yaml", "--out", d / "f"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  CHECK(read_table(d / "f/plan.csv").size() == 1);
  CHECK(o.out.find("the bays are 0 % busy: the payload factory binds") != std::string::npos);
  // 10 h a payload in 2 bays: 0.2 an hour, 286 in the horizon; the bays are busy and grow, 2 at a
  // step, until the factory binds again (6 bays: 0.6 an hour, above the factory's 0.5).
  write_text(
      d / "bays.yaml",
      "experiment:\n  name: bays\n  base: base.yaml\n  set: {payload.integration_h: 10}\n" + plan);
  o = run_starsim({"plan", d / "bays.yaml", "--out", d / "b"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  const auto steps = read_table(d / "b/plan.csv");
  REQUIRE(steps.size() == 3);
  CHECK(steps[0].at("launches_mean") == "286");
  CHECK(steps[1].at("resource") == "payload.integration_bays");
  CHECK(steps[1].at("launches_mean") == "572");
  CHECK(steps[2].at("value") == "6");
  CHECK(o.out.find("the payload factory binds") != std::string::npos);
}
