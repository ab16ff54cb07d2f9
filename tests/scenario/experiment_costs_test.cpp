// Experiments that target and weigh costs: a seek and a plan with goal: at_most, and a plan
// that grows the resource with the best gain per dollar. Pads are the only limit, so every
// figure is hand arithmetic.
#include <doctest/doctest.h>

#include <string>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;

namespace {

// Two pad-bound sites over 2030: a pad at `fast` lifts off every 7 h (1,251 a year), one at
// `slow` every 14 h (refurbishment 10 h: 626 a year). A pad costs $100 M a year, a launch $1 M.
const std::string TWO_SITES =
    "name: two-sites\n"
    "start_date: 2030-01-01\n"
    "horizon_d: 365\n"
    "vehicle:\n"
    "  booster: {fleet: 50, life_flights: 1000000, turnaround_h: 0}\n"
    "  ship: {fleet: 50, life_flights: 1000000, turnaround_h: 0}\n"
    "  phases: {stack_h: 3, propellant_load_h: 1, ascent_min: 0, booster_return_min: 0,\n"
    "           orbit_insertion_min: 0, deploy_h: 0, orbit_stay_h: 0, ship_return_h: 0, "
    "catch_clear_h: 0}\n"
    "sites:\n"
    "  - {name: fast, pads: 1, pad_refurb_h: 3}\n"
    "  - {name: slow, pads: 1, pad_refurb_h: 10}\n"
    "payload: {interval_h: 0.1, integration_bays: 50, integration_h: 0}\n"
    "costs: {pad_usd_per_year: 100000000, launch_fixed_usd: 1000000}\n";

std::string experiment(const std::string& name, const std::string& body) {
  return "experiment:\n  name: " + name + "\n  base: base.yaml\n  replications: 1\n" + body;
}

}  // namespace

TEST_CASE(
    "a weighed plan grows the resource that buys the most per dollar, and says what each would "
    "have bought") {
  TempDir d;
  write_text(d / "base.yaml", TWO_SITES);
  // 1,251 + 626 = 1,877 a year; 3,000 needs one more pad. At the fast site it buys 1,251
  // launches for $100 M + $1,251 M; at the slow one 626 for $100 M + $626 M: the fast one buys
  // more per dollar (0.93 against 0.86 a $M), though the slow one is listed first.
  write_text(d / "e.yaml", experiment("weighed",
                                      "  plan:\n"
                                      "    metric: launches_per_year\n"
                                      "    target: 3000\n"
                                      "    weigh: cost_usd\n"
                                      "    resources: {'sites[1].pads': 1, 'sites[0].pads': 1}\n"));
  Outcome o = run_starsim({"plan", d / "e.yaml", "--out", d / "out", "--quiet"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  const auto steps = read_table(d / "out/plan.csv");
  REQUIRE(steps.size() == 2);
  CHECK(steps[0].at("launches_per_year_mean") == "1877");
  CHECK(steps[1].at("resource") == "sites[0].pads");
  CHECK(steps[1].at("launches_per_year_mean") == "3128");
  CHECK(steps[1].at("tried") ==
        "sites[1].pads +626 for +7.26e+08; sites[0].pads +1251 for +1.351e+09");
  CHECK(std::stod(steps[1].at("cost_usd_mean")) == doctest::Approx(3128e6 + 300e6));
}

TEST_CASE("a weighed plan stops when no resource improves the metric, naming what each bought") {
  TempDir d;
  write_text(d / "base.yaml", TWO_SITES);
  write_text(d / "e.yaml", experiment("useless",
                                      "  plan:\n"
                                      "    metric: launches_per_year\n"
                                      "    target: 3000\n"
                                      "    weigh: cost_usd\n"
                                      "    resources: {payload.integration_bays: 1}\n"));
  Outcome o = run_starsim({"plan", d / "e.yaml", "--out", d / "out"}, d);
  CHECK(o.exit_code == 0);
  CHECK(o.out.find("stopped: no listed resource improves launches_per_year beyond its 95 % "
                   "interval (each grown on "
                   "its own: payload.integration_bays +0 for +0)") != std::string::npos);
}

TEST_CASE("a seek and a plan with goal: at_most meet a cost target from above") {
  TempDir d;
  write_text(d / "base.yaml", TWO_SITES);
  // A launch costs $1 M + the pads' $100 M a year each over the launches: with n pads at the
  // fast site and one at the slow, (1,251 n + 626) launches for $(1,251 n + 626) M + $100 (n + 1)
  // M. Per launch: n = 1: $1.1066 M, n = 2: $1.0959 M, n = 3: $1.0914 M: the smallest n at or below
  // $1.1 M is 2.
  write_text(d / "seek.yaml",
             experiment("seek-cost",
                        "  seek: {path: 'sites[0].pads', min: 1, max: 8,"
                        " metric: cost_per_launch_usd, target: 1100000, goal: at_most}\n"));
  Outcome s = run_starsim({"seek", d / "seek.yaml", "--out", d / "seek"}, d);
  REQUIRE_MESSAGE(s.exit_code == 0, s.err);
  CHECK(read_table(d / "seek/answer.csv")[0].at("value") == "2");
  CHECK(s.out.find(
            "with cost_per_launch_usd <= 1100000 (its 95 % interval clear of the target) is 2") !=
        std::string::npos);
  // Weighed, the plan grows the fast site's pads (the slow site's raise the cost per launch).
  write_text(d / "plan.yaml",
             experiment("plan-cost",
                        "  plan: {metric: cost_per_launch_usd, target: 1100000,"
                        " goal: at_most, weigh: cost_usd,"
                        " resources: {'sites[1].pads': 1, 'sites[0].pads': 1}}\n"));
  Outcome p = run_starsim({"plan", d / "plan.yaml", "--out", d / "plan"}, d);
  REQUIRE_MESSAGE(p.exit_code == 0, p.err);
  const auto steps = read_table(d / "plan/plan.csv");
  REQUIRE(steps.size() == 2);
  CHECK(steps[1].at("resource") == "sites[0].pads");
  CHECK(steps[1].at("value") == "2");
  CHECK(p.out.find("target met: cost_per_launch_usd 1095") != std::string::npos);
}
