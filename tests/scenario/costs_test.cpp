// Costs and the ground footprint against hand arithmetic: every duration is fixed and every
// price a plain number, so each figure is exact.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;

namespace {

// The harness's pad-bound site for 20 days (a launch every 7 h, at 4 + 7k h: 68 launches), with
// costs.
std::string pad_bound_costed(const std::string& costs, const std::string& extra_site = "") {
  return pad_bound_scenario("1", extra_site, "20", "0.1") + "costs: " + costs + "\n";
}

}  // namespace

TEST_CASE(
    "with only a propellant price, a launch costs exactly its propellant: LOX and CH4 by the mix") {
  TempDir dir;
  Summary s = run_ok(pad_bound_costed("{lox_usd_per_t: 100, ch4_usd_per_t: 400}"), dir);
  REQUIRE(num(s, "launches") == 68);
  // 5,000 t a launch, 78.3 % LOX: 3,915 t x $100 + 1,085 t x $400.
  CHECK(num(s, "cost_per_launch_usd") == doctest::Approx(3915 * 100.0 + 1085 * 400.0));
  CHECK(num(s, "cost_usd") == doctest::Approx(num(s, "cost_propellant_usd")));
  CHECK(num(s, "propellant_t") == doctest::Approx(68 * 5000.0));
  CHECK(num(s, "lox_t") == doctest::Approx(68 * 3915.0));
  CHECK(num(s, "ch4_t") == doctest::Approx(68 * 1085.0));
  CHECK(num(s, "cost_vehicles_usd") == 0);
}

TEST_CASE("with only vehicle costs and no reuse, a launch costs the two unit costs") {
  TempDir dir;
  Summary s =
      run_ok(pad_bound_costed("{booster_build_usd: 90000000, ship_build_usd: 40000000}"), dir,
             {"--set", "vehicle.booster.recovery=expend", "--set", "vehicle.ship.recovery=expend"});
  REQUIRE(num(s, "launches") == 50);  // the fleets of 50, each stage flown once
  CHECK(num(s, "cost_per_launch_usd") == doctest::Approx(130e6));
  CHECK(num(s, "cost_vehicles_usd") == doctest::Approx(50 * 130e6));
}

TEST_CASE(
    "a stage lost in a failure costs the flights it will never fly: reused or lost, a launch's "
    "vehicles cost the same") {
  // Every launch fails: each stage flies once (1/100 of its cost) and is lost (the other 99/100).
  TempDir dir;
  Summary s = run_ok(
      pad_bound_costed("{booster_build_usd: 90000000, ship_build_usd: 40000000}"), dir,
      {"--set", "failures.launch_failure_probability=1", "--set", "failures.stand_down_d=0",
       "--set", "vehicle.booster.life_flights=100", "--set", "vehicle.ship.life_flights=100"});
  REQUIRE(num(s, "launch_failures") == num(s, "launches"));
  CHECK(num(s, "cost_per_launch_usd") == doctest::Approx(130e6));
  // Reused stages that never fail cost 1/100 of their unit cost a flight.
  TempDir reused;
  Summary r = run_ok(
      pad_bound_costed("{booster_build_usd: 90000000, ship_build_usd: 40000000}"), reused,
      {"--set", "vehicle.booster.life_flights=100", "--set", "vehicle.ship.life_flights=100"});
  CHECK(num(r, "cost_per_launch_usd") == doctest::Approx(1.3e6));
  CHECK(num(r, "capex_vehicles_built_usd") ==
        0);  // the fleet at the start is not bought in the horizon
}

TEST_CASE(
    "the n-th booster built costs first x n^log2(rate), the fleet at the start counted first") {
  // 2 boosters at the start, then one built a day for 20 days (units 3 to 22) at a rate of 0.5:
  // the n-th costs 1,000,000 / n.
  TempDir dir;
  Summary s = run_ok(
      pad_bound_costed("{booster_build_usd: {learning: {first: 1000000, rate: 0.5}}}"), dir,
      {"--set", "vehicle.booster.fleet=2", "--set", "vehicle.booster.production_per_week=7"});
  REQUIRE(num(s, "boosters_built") == 20);
  double want = 0;
  for (int n = 3; n <= 22; ++n) want += 1e6 / n;
  CHECK(num(s, "capex_vehicles_built_usd") == doctest::Approx(want));
  // The programme's cash counts the fleet at the start too: units 1 to 22 (and nothing else costs).
  CHECK(num(s, "programme_cost_usd") == doctest::Approx(want + 1e6 / 1 + 1e6 / 2));
  // The floor: never below 100,000 (from the 10th unit on).
  TempDir floored;
  Summary f = run_ok(
      pad_bound_costed(
          "{booster_build_usd: {learning: {first: 1000000, rate: 0.5, floor: 100000}}}"),
      floored,
      {"--set", "vehicle.booster.fleet=2", "--set", "vehicle.booster.production_per_week=7"});
  double want_floored = 0;
  for (int n = 3; n <= 22; ++n) want_floored += std::max(1e5, 1e6 / n);
  CHECK(num(f, "capex_vehicles_built_usd") == doctest::Approx(want_floored));
}

TEST_CASE("pads cost by the day of their schedule, launches and payloads by the launch") {
  TempDir dir;
  // One pad, a second from day 10 (2030-01-11): 30 pad-days in 20 days, at $36.5 M a pad-year.
  Summary s = run_ok(
      pad_bound_scenario("{schedule: {2030-01-01: 1, 2030-01-11: 2}}", "", "20", "0.1") +
          "costs: {pad_usd_per_year: 36500000, launch_fixed_usd: 1000, payload_usd_per_kg: 2}\n",
      dir);
  CHECK(num(s, "cost_pads_usd") == doctest::Approx(30 * 100000.0));
  CHECK(num(s, "cost_launch_fixed_usd") == doctest::Approx(num(s, "launches") * 1000));
  CHECK(num(s, "cost_payload_usd") == doctest::Approx(num(s, "launches") * 100 * 1000 * 2.0));
  // $/kg leaves the payload out; $/W counts everything.
  CHECK(num(s, "cost_per_kg_usd") ==
        doctest::Approx((num(s, "cost_pads_usd") + num(s, "cost_launch_fixed_usd")) /
                        (num(s, "mass_to_orbit_t") * 1000)));
  CHECK(num(s, "cost_per_w_launched_usd") ==
        doctest::Approx(num(s, "cost_usd") / (num(s, "gw_launched") * 1e9)));
}

TEST_CASE(
    "the ground's energy is the tonnes loaded times each farm's MWh a tonne, its power that energy "
    "over the horizon") {
  TempDir dir;
  Summary s =
      run_ok(pad_bound_scenario(
                 "1", "    propellant: {production_t_per_day: 1000000, energy_mwh_per_t: 0.5}\n",
                 "20", "0.1"),
             dir);
  REQUIRE(num(s, "launches") == 68);
  CHECK(num(s, "ground_energy_gwh") == doctest::Approx(68 * 5000 * 0.5 / 1000.0));
  CHECK(num(s, "ground_power_gw_mean") == doctest::Approx(68 * 5000 * 0.5 / 1000.0 / (20 * 24)));
  CHECK(num(s, "ground_power_share") ==
        doctest::Approx(num(s, "ground_power_gw_mean") / num(s, "gw_per_year")));
  // Without a farm, a tonne takes the mix's default: 0.783 x 0.4 + 0.217 x 0.8 MWh.
  TempDir plain;
  Summary p = run_ok(pad_bound_scenario("1", "", "20", "0.1"), plain);
  CHECK(num(p, "ground_energy_gwh") ==
        doctest::Approx(68 * 5000 * (0.783 * 0.4 + 0.217 * 0.8) / 1000.0));
}

TEST_CASE("a farm bound by its grid makes grid_mw x 24 / energy_mwh_per_t tonnes a day") {
  // 1,000 t a launch; 1 MWh a tonne on a 41.667 MW grid: 1,000 t a day, one launch a day (the
  // farm holds one launch, full at the start: draws at 3 h, 27 h, ...), against 68 unbound.
  TempDir dir;
  Summary s = run_ok(
      pad_bound_scenario("1",
                         "    propellant: {production_t_per_day: 1000000, storage_t: 1000,\n"
                         "                 energy_mwh_per_t: 1, grid_mw: 41.666666666666664}\n",
                         "20", "0.1"),
      dir, {"--set", "vehicle.propellant_t=1000"});
  CHECK(num(s, "launches") == 20);
  CHECK(s.at("bottleneck") == "propellant");
}

TEST_CASE("a run without costs: leaves the cost columns empty and still weighs the propellant") {
  TempDir dir;
  Summary s = run_ok(pad_bound_scenario("1", "", "20", "0.1"), dir);
  for (const char* column :
       {"cost_usd", "cost_per_launch_usd", "cost_vehicles_usd", "capex_vehicles_built_usd"})
    CHECK(s.at(column).empty());
  CHECK(num(s, "propellant_t") == 68 * 5000);
  CHECK(read_text(dir / "out/scenario.resolved.yaml").find("costs:") == std::string::npos);
  const auto years = read_table(dir / "out/yearly.csv");
  REQUIRE(years.size() == 1);
  CHECK(years[0].at("cost_usd").empty());
  CHECK(years[0].at("propellant_t") == "340000");
}

TEST_CASE("yearly costs add up to the summary's, and a price schedule applies from its date") {
  TempDir dir;
  // LOX and CH4 at $100 a tonne in 2030, $200 from 2031, over two years.
  Summary s = run_ok(pad_bound_scenario("1", "", "730", "0.1") +
                         "costs: {lox_usd_per_t: {schedule: {2030-01-01: 100, 2031-01-01: 200}},\n"
                         "        ch4_usd_per_t: {schedule: {2030-01-01: 100, 2031-01-01: 200}}, "
                         "pad_usd_per_year: 1000}\n",
                     dir);
  const auto years = read_table(dir / "out/yearly.csv");
  REQUIRE(years.size() == 2);
  CHECK(std::stod(years[0].at("cost_propellant_usd")) ==
        doctest::Approx(std::stod(years[0].at("propellant_t")) * 100));
  CHECK(std::stod(years[1].at("cost_propellant_usd")) ==
        doctest::Approx(std::stod(years[1].at("propellant_t")) * 200));
  CHECK(std::stod(years[0].at("cost_pads_usd")) == doctest::Approx(1000));
  for (const char* column :
       {"cost_usd", "cost_propellant_usd", "cost_pads_usd", "propellant_t", "ground_energy_gwh"})
    CHECK(std::stod(years[0].at(column)) + std::stod(years[1].at(column)) ==
          doctest::Approx(num(s, column)));
}

TEST_CASE(
    "a watt on the ground costs its capex and energy over its life per share of the time it runs, "
    "and in orbit its cost per W launched per watt delivered") {
  TempDir dir;
  // Ground: $10/W + 1.5 x 8,766 h x 5 y x 0.8 x $0.10/kWh / 1000, over 0.8.
  // Orbit: only the payload costs, $2/W; capacity 0.5, no degradation or failures: $4/W.
  Summary s = run_ok(
      pad_bound_costed("{payload_usd_per_w: 2}") +
          "reference:\n"
          "  ground: {capex_usd_per_w: 10, energy_usd_per_kwh: 0.1, pue: 1.5, capacity_factor: 0.8,"
          " life_years: 5}\n"
          "  orbit: {capacity_factor: 0.5, life_years: 5}\n",
      dir);
  const double ground = (10 + 1.5 * 8766 * 5 * 0.8 * 0.1 / 1000) / 0.8;
  CHECK(num(s, "ground_cost_per_w_usd") == doctest::Approx(ground));
  // The payloads lost in no failure: the cost per W launched is the price per W.
  CHECK(num(s, "cost_per_w_launched_usd") == doctest::Approx(2.0));
  CHECK(num(s, "orbit_cost_per_w_usd") == doctest::Approx(4.0));
  CHECK(num(s, "orbit_to_ground_cost_ratio") == doctest::Approx(4.0 / ground));
  CHECK(s.at("first_year_orbit_cheaper") == "2030");  // 4 < 18.3
}

TEST_CASE(
    "degradation and failures in orbit shrink the watt delivered by their mean over the life") {
  TempDir dir;
  // 10 % lost a year and 5 % of the payloads failing a year, over 4 years; 2 % lost early:
  // k = -ln(0.9) + 0.05, the mean of e^(-kt) over 4 years is (1 - e^(-4k)) / 4k.
  Summary s = run_ok(pad_bound_costed("{payload_usd_per_w: 2}") +
                         "reference:\n"
                         "  ground: {capex_usd_per_w: 1}\n"
                         "  orbit: {degradation_per_year: 0.1, life_years: 4}\n",
                     dir,
                     {"--set", "payload.early_failure_probability=0.02", "--set",
                      "payload.annual_failure_rate=0.05"});
  const double k = -std::log(0.9) + 0.05;
  const double share = 0.98 * (1 - std::exp(-4 * k)) / (4 * k);
  CHECK(num(s, "orbit_cost_per_w_usd") ==
        doctest::Approx(num(s, "cost_per_w_launched_usd") / share));
  CHECK(num(s, "ground_cost_per_w_usd") == doctest::Approx(1.0));
  CHECK(s.at("first_year_orbit_cheaper").empty());  // about $2.9 a W against $1
}

TEST_CASE(
    "the first year orbit is cheaper follows each year's cost: a payload price that falls on 1 "
    "January") {
  TempDir dir;
  // $3/W in 2030 and $1/W from 2031, against a ground watt of $2: orbit is cheaper from 2031.
  Summary s = run_ok(pad_bound_scenario("1", "", "730", "0.1") +
                         "costs: {payload_usd_per_w: {schedule: {2030-01-01: 3, 2031-01-01: 1}}}\n"
                         "reference: {ground: {capex_usd_per_w: 2}}\n",
                     dir);
  const auto years = read_table(dir / "out/yearly.csv");
  REQUIRE(years.size() == 2);
  CHECK(std::stod(years[0].at("orbit_to_ground_cost_ratio")) == doctest::Approx(1.5));
  CHECK(std::stod(years[1].at("orbit_to_ground_cost_ratio")) == doctest::Approx(0.5));
  CHECK(s.at("first_year_orbit_cheaper") == "2031");
}
