// Values that change over time and with experience: sim::Timed and sim::Learned, and how the
// reader turns schedules, ramps and learning curves into them, or refuses them with the place.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <string>

#include "models/scenario/scenario_config.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/learning.hpp"
#include "sim/rng.hpp"
#include "sim/timed.hpp"

namespace {

using starsim::models::ScenarioConfig;
using starsim::sim::Distribution;
using starsim::sim::Experience;
using starsim::sim::Learned;
using starsim::sim::LearningCurve;
using starsim::sim::LearnPer;
using starsim::sim::Timed;
using starsim::sim::config::ConfigError;
using starsim::sim::config::Document;

constexpr double DAY = 86400.0;

// A one-site scenario from 2030-01-01 for 365 days, with `site` and `top` lines added.
std::string scenario(const std::string& site, const std::string& top = "") {
  return "name: t\nstart_date: 2030-01-01\nhorizon_d: 365\n" + top + "sites:\n  - name: a\n" + site;
}

ScenarioConfig parse(const std::string& text, const std::vector<std::string>& overrides = {}) {
  Document doc = Document::load_string(text, "t.yaml");
  for (const auto& o : overrides) doc.apply_override(o);
  return starsim::models::parse_scenario(doc);
}

std::string error_of(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    parse(text, overrides);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

std::string resolved(const std::string& text) {
  Document doc = Document::load_string(text, "t.yaml");
  starsim::models::parse_scenario(doc);
  return starsim::models::resolved_yaml(doc);
}

}  // namespace

// ------------------------------------------------------------------------------ Timed itself

TEST_CASE(
    "a Timed value is its initial value until its first step, then each step's from its time on") {
  Timed<double> x(1.0);
  x.step(10.0, 2.0);
  x.step(20.0, 5.0);
  CHECK(x.at(0.0) == 1.0);
  CHECK(x.at(9.999) == 1.0);
  CHECK(x.at(10.0) == 2.0);
  CHECK(x.at(25.0) == 5.0);
  CHECK(x.before(10.0) == 1.0);  // at the end of a span that ends at 10
  CHECK(x.before(10.5) == 2.0);
  CHECK(x.next_step_after(10.0) == 20.0);
  CHECK(std::isinf(x.next_step_after(20.0)));
  CHECK(starsim::sim::mean_over(x, 0.0, 30.0) ==
        doctest::Approx((10 * 1.0 + 10 * 2.0 + 10 * 5.0) / 30));
  CHECK(starsim::sim::mean_over(x, 5.0, 15.0) == doctest::Approx(1.5));
  CHECK(starsim::sim::max_value(x) == 5.0);
  CHECK_THROWS(x.step(20.0, 1.0));  // steps strictly after one another
}

TEST_CASE(
    "the n-th occurrence of a learning curve takes first x n^log2(rate), never below the floor") {
  const Learned halving(Distribution::fixed(48), LearningCurve{0.5, 4, LearnPer::FLEET, 0});
  starsim::sim::RandomStream rng(1, "x");
  CHECK(halving.sample(rng, 1) == 48);
  CHECK(halving.sample(rng, 2) == 24);
  CHECK(halving.sample(rng, 4) == 12);
  CHECK(halving.sample(rng, 8) == 6);
  CHECK(halving.sample(rng, 16) == 4);  // 3, floored
  CHECK(halving.sample(rng, 1000) == 4);
  const Learned wright(Distribution::fixed(48), LearningCurve{0.85, 0, LearnPer::FLEET, 0});
  for (int n : {1, 2, 3, 10, 100}) {
    CAPTURE(n);
    CHECK(wright.sample(rng, n) ==
          doctest::Approx(48 * std::pow(n, std::log2(0.85))).epsilon(1e-15));
  }
  CHECK(wright.sample(rng, 2) == doctest::Approx(48 * 0.85));
  // `prior` occurrences came before the start: the first of the run is the (prior + 1)-th.
  const Learned experienced(Distribution::fixed(48), LearningCurve{0.5, 0, LearnPer::FLEET, 3});
  CHECK(experienced.sample(rng, 1) == 12);
  const Learned risk(Distribution::fixed(0.2), LearningCurve{0.5, 0.01, LearnPer::FLEET, 0});
  CHECK(risk.probability(1) == 0.2);
  CHECK(risk.probability(2) == 0.1);
  CHECK(risk.probability(64) == 0.01);
  CHECK(Learned(Distribution::fixed(0.3)).probability(7) == 0.3);
}

TEST_CASE("experience is counted by fleet, site, pad and the vehicle's own count") {
  Experience e;
  const Learned by_fleet(Distribution::fixed(1), LearningCurve{0.5, 0, LearnPer::FLEET, 0});
  const Learned by_site(Distribution::fixed(1), LearningCurve{0.5, 0, LearnPer::SITE, 0});
  const Learned by_pad(Distribution::fixed(1), LearningCurve{0.5, 0, LearnPer::PAD, 0});
  const Learned by_vehicle(Distribution::fixed(1), LearningCurve{0.5, 0, LearnPer::VEHICLE, 0});
  CHECK(e.next(by_fleet, 0, 0, 9) == 1);  // site 0 pad 0
  CHECK(e.next(by_site, 1, 0, 9) == 1);   // site 1 pad 0: its first
  CHECK(e.next(by_pad, 0, 1, 9) == 1);    // site 0 pad 1: its first
  CHECK(e.next(by_site, 0, 0, 9) == 3);   // site 0's third
  CHECK(e.next(by_pad, 0, 0, 9) ==
        3);  // site 0 pad 0: its third (calls 1 and 4 were its first two)
  CHECK(e.next(by_fleet, 1, 0, 9) == 6);
  CHECK(e.next(by_vehicle, 0, 0, 42) == 42);
}

// ------------------------------------------------------------------------- reading schedules

TEST_CASE(
    "a schedule reads as steps from its dates, and dates before the start give the value at the "
    "start") {
  const ScenarioConfig c = parse(scenario(
      "    pads: {schedule: {2029-01-01: 1, 2029-06-01: 2, 2030-03-01: 4, 2030-07-01: 0}}\n"));
  const Timed<std::int64_t>& pads = c.sites[0].pads;
  CHECK(pads.initial() == 2);
  REQUIRE(pads.steps() == 2);
  CHECK(pads.step_time_s(0) == 59 * DAY);  // 1 March 2030 is day 59
  CHECK(pads.step_value(0) == 4);
  CHECK(pads.step_time_s(1) == 181 * DAY);
  CHECK(pads.step_value(1) == 0);
  // The list form reads the same.
  const ScenarioConfig l =
      parse(scenario("    pads: {schedule: [[2029-01-01, 1], [2029-06-01, 2], [2030-03-01, 4], "
                     "[2030-07-01, 0]]}\n"));
  CHECK(l.sites[0].pads.values() == pads.values());
  CHECK(resolved(scenario("    pads: {schedule: [[2029-01-01, 1], [2030-03-01, 4]]}\n"))
            .find("pads:\n      schedule:\n        2029-01-01: 1\n        2030-03-01: 4\n") !=
        std::string::npos);
}

TEST_CASE(
    "a ramp is linear between its dates, stepped at each midnight, and constant after its last") {
  const std::string ramp =
      scenario("", "vehicle: {payload_t: {ramp: {2029-12-22: 50, 2030-01-11: 150}}}\n");
  const Timed<double>& t = parse(ramp).vehicle.payload_t;
  CHECK(t.initial() == doctest::Approx(100));  // day 10 of 20
  for (int d = 1; d <= 10; ++d) CHECK(t.at(d * DAY) == doctest::Approx(100 + 5 * d));
  CHECK(t.at(10.5 * DAY) == 150);
  CHECK(t.at(300 * DAY) == 150);
  CHECK(t.steps() == 10);
  CHECK(
      resolved(ramp).find("payload_t:\n    ramp:\n      2029-12-22: 50\n      2030-01-11: 150\n") !=
      std::string::npos);
}

TEST_CASE("a schedule's single value can be set on the command line") {
  const std::string file = scenario("    pads: {schedule: {2030-01-01: 1, 2030-06-01: 2}}\n");
  const ScenarioConfig c =
      parse(file, {"sites[0].pads.schedule.2030-06-01=5", "sites[0].pads.schedule.2030-09-01=7"});
  CHECK(c.sites[0].pads.values() == std::vector<std::int64_t>{1, 5, 7});
  const ScenarioConfig l =
      parse(scenario("    pads: {schedule: [[2030-01-01, 1], [2030-06-01, 2]]}\n"),
            {"sites[0].pads.schedule[1][0]=2030-08-01"});
  CHECK(l.sites[0].pads.step_time_s(0) == 212 * DAY);
}

TEST_CASE("schedules and ramps are refused with the place and the reason") {
  const std::string pads = "    pads: ";
  CHECK(error_of(scenario(pads + "{schedule: {2030-02-01: 1, 2030-06-01: 2}}\n")) ==
        "t.yaml:6:23: sites[0].pads.schedule: starts on 2030-02-01, after start_date 2030-01-01: "
        "give the value at "
        "the start (a date on or before 2030-01-01)");
  CHECK(error_of(scenario(pads + "{schedule: {2030-01-01: 1, 2030-06-01: 2, 2030-03-01: 3}}\n")) ==
        "t.yaml:6:53: sites[0].pads.schedule: dates go in increasing order: 2030-03-01 comes after "
        "2030-06-01");
  CHECK(error_of(scenario(pads + "{schedule: [[2030-01-01, 1], [2030-01-01, 2]]}\n")) ==
        "t.yaml:6:41: sites[0].pads.schedule: 2030-01-01 is given twice");
  CHECK(error_of(scenario(pads + "{schedule: {2030-01-01: 1, 2030-13-01: 2}}\n")) ==
        "t.yaml:6:38: sites[0].pads.schedule: expected a date YYYY-MM-DD, got '2030-13-01'");
  CHECK(error_of(scenario(pads + "{schedule: {2030-01-01: 1, 2030-06-01: 10001}}\n")) ==
        "t.yaml:6:50: sites[0].pads.schedule.2030-06-01: must be between 0 and 10000, got 10001");
  CHECK(error_of(scenario(pads + "{schedule: {2030-01-01: 1, 2030-06-01: 2.5}}\n")) ==
        "t.yaml:6:50: sites[0].pads.schedule.2030-06-01: expected an integer, got '2.5'");
  CHECK(error_of(scenario(pads + "{schedule: {2030-01-01: 1, 2030-06-01: }}\n")) ==
        "t.yaml:6:38: sites[0].pads.schedule.2030-06-01: no value for 2030-06-01");
  CHECK(error_of(scenario(pads + "{ramp: {2030-01-01: 1, 2030-06-01: 2}}\n")) ==
        "t.yaml:6:12: sites[0].pads: changes in whole steps: a ramp is not accepted here, write "
        "{schedule: ...}");
  CHECK(error_of(scenario(pads + "{schedul: {2030-01-01: 1}}\n")) ==
        "t.yaml:6:12: sites[0].pads: unknown key 'schedul' (did you mean 'schedule'?): expected a "
        "number or "
        "{schedule: {DATE: value, ...}}");
  CHECK(error_of(scenario(pads + "{schedule: {}}\n")) ==
        "t.yaml:6:22: sites[0].pads.schedule: needs at least one date");
  CHECK(error_of(scenario(pads + "{schedule: 3}\n")) ==
        "t.yaml:6:22: sites[0].pads.schedule: expected a mapping of dates to values (or a list of "
        "[DATE, value] "
        "pairs), got a value");
  CHECK(error_of(scenario(pads + "{schedule: {2030-01-01: 0}}\n")) ==
        "t.yaml:6:11: sites[0].pads: the site never has a pad: its schedule is 0 throughout");
  CHECK(error_of(scenario(pads + "0\n")) ==
        "t.yaml:6:11: sites[0].pads: must be between 1 and 10000, got 0");
  CHECK(error_of(scenario("", "vehicle: {payload_t: {ramp: {2030-01-01: 1}}}\n")) ==
        "t.yaml:4:29: vehicle.payload_t.ramp: a ramp needs at least two dates");
  CHECK(error_of(scenario(
            "", "vehicle: {booster: {fleet: {schedule: {2030-01-01: 5, 2030-06-01: 3}}}}\n")) ==
        "t.yaml:4:67: vehicle.booster.fleet.schedule.2030-06-01: only grows: 3 after 5 (vehicles "
        "leave by loss, "
        "expending or retirement, not by date)");
  CHECK(error_of(scenario(
            "    propellant: {storage_t: {schedule: {2030-01-01: 8000, 2030-06-01: 4000}}}\n")) ==
        "t.yaml:6:29: sites[0].propellant.storage_t: must hold at least one launch's "
        "vehicle.propellant_t (5000 t) "
        "at every date, got 4000");
  CHECK(error_of(scenario("",
                          "payload: {interval_h: {schedule: {2030-01-01: 1, 2030-02-01: {dist: "
                          "exponential, mean: 0}}}}\n")) ==
        "t.yaml:4:88: payload.interval_h.schedule.2030-02-01.mean: must be greater than 0, got 0");
  CHECK(error_of(scenario(pads + "2\n"), {"sites[0].pads={schedule: {2031-01-01: 1}}"}) ==
        "--set sites[0].pads={schedule: {2031-01-01: 1}}: sites[0].pads.schedule: starts on "
        "2031-01-01, after "
        "start_date 2030-01-01: give the value at the start (a date on or before 2030-01-01)");
}

TEST_CASE("a schedule's date at or past the horizon is warned about, not refused") {
  Document doc = Document::load_string(
      scenario("    pads: {schedule: {2030-01-01: 1, 2031-01-01: 2}}\n"), "t.yaml");
  starsim::models::parse_scenario(doc);
  REQUIRE(doc.warnings().size() == 1);
  CHECK(doc.warnings()[0] ==
        "t.yaml:6:38: warning: sites[0].pads.schedule: 2031-01-01 is at or after the end of the "
        "horizon (2031-01-01): "
        "it never applies");
  // A ramp's first date past the horizon still shapes the line before it: only the next one is
  // warned about.
  Document ramp = Document::load_string(
      scenario(
          "",
          "vehicle: {payload_t: {ramp: {2030-01-01: 100, 2031-07-01: 200, 2032-01-01: 300}}}\n"),
      "t.yaml");
  starsim::models::parse_scenario(ramp);
  REQUIRE(ramp.warnings().size() == 1);
  CHECK(ramp.warnings()[0].find("2032-01-01 is at or after the end of the horizon") !=
        std::string::npos);
}

TEST_CASE("learning curves are read in the key's unit and refused with the place and the reason") {
  const ScenarioConfig c = parse(scenario("",
                                          "vehicle: {booster: {turnaround_h: {learning: {first: "
                                          "48, rate: 0.85, floor: 4, per: vehicle, "
                                          "prior: 5}}}}\n"));
  const Learned& t = c.vehicle.booster.turnaround_s;
  REQUIRE(t.learns());
  CHECK(t.first().params()[0] == 48 * 3600.0);
  CHECK(t.curve().floor == 4 * 3600.0);
  CHECK(t.curve().rate == 0.85);
  CHECK(t.curve().per == LearnPer::VEHICLE);
  CHECK(t.curve().prior == 5);
  const std::string v = "vehicle: {phases: {stack_h: {learning: ";
  CHECK(error_of(scenario("", v + "{first: 8, rate: 0}}}}\n")) ==
        "t.yaml:4:57: vehicle.phases.stack_h.learning.rate: must be greater than 0 and at most 1 "
        "(0.85: each "
        "doubling of the count takes 85 %), got 0");
  CHECK(error_of(scenario("", v + "{first: 8, rate: 1.5}}}}\n")) ==
        "t.yaml:4:57: vehicle.phases.stack_h.learning.rate: must be between 0 and 1, got 1.5");
  CHECK(error_of(scenario("", v + "{first: 8, rate: 0.9, floor: 9}}}}\n")) ==
        "t.yaml:4:69: vehicle.phases.stack_h.learning.floor: 9 is above first's mean (8): the "
        "curve would never apply");
  CHECK(error_of(scenario("", v + "{first: 8, rate: 0.9, per: pad}}}}\n")) ==
        "t.yaml:4:67: vehicle.phases.stack_h.learning.per: this key does not learn per pad: it "
        "learns per fleet or "
        "site or vehicle");
  CHECK(error_of(scenario("", v + "{first: 8, rate: 0.9, per: fleets}}}}\n")) ==
        "t.yaml:4:67: vehicle.phases.stack_h.learning.per: must be one of fleet, site, pad, "
        "vehicle; got 'fleets' "
        "(did you mean 'fleet'?)");
  CHECK(error_of(scenario("", v + "{rate: 0.9}}}}\n")) ==
        "t.yaml:4:40: vehicle.phases.stack_h.learning: missing required key 'first'");
  CHECK(error_of(scenario("", v + "{first: 8, rate: 0.9, exponent: 2}}}}\n")) ==
        "t.yaml:4:62: vehicle.phases.stack_h.learning: unknown key 'exponent'");
  CHECK(error_of(scenario(
            "", "failures: {launch_failure_probability: {learning: {first: 1.5, rate: 0.5}}}\n")) ==
        "t.yaml:4:59: failures.launch_failure_probability.learning.first: must be between 0 and 1, "
        "got 1.5");
  const ScenarioConfig d = parse(scenario("",
                                          "vehicle: {phases: {stack_h: {learning: {first: {dist: "
                                          "exponential, mean: 6}, rate: 0.9}}}}\n"));
  CHECK(d.vehicle.phases.stack_s.first().kind() == starsim::sim::DistKind::EXPONENTIAL);
  CHECK(d.vehicle.phases.stack_s.first().mean() == 6 * 3600.0);
}
