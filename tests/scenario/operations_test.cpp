// The operations model (propellant, caps, queues, failures, weather, production, droneships,
// orbit, cadence) against what arithmetic and queueing theory know: exact answers where every
// duration is fixed, statistical tolerances (stated next to each check) where it is random.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;

namespace {

constexpr double HOUR = 3600.0;
constexpr double DAY = 86400.0;

double count(const std::vector<Row>& rows, const std::string& event) {
  return static_cast<double>(only(rows, event).size());
}

// Zero-duration mission phases: only the pad's own work (stack, load, refurbish) takes time,
// and a tower is never held beyond the instant of a catch.
const std::string INSTANT_PHASES =
    "  phases: {stack_h: 1, propellant_load_h: 1, ascent_min: 0, booster_return_min: 0,\n"
    "           orbit_insertion_min: 0, deploy_h: 0, orbit_stay_h: 0, ship_return_h: 0,\n"
    "           catch_clear_h: 0}\n";

// ------------------------------------------------------------------------------- propellant

// A farm of 5000 t filled at 10,000 t/day from empty, 5000 t a launch: one launch's propellant
// every 12 h. Boosters, ships (expended) and payloads are abundant; each pad works 3 h a
// launch (stack 1 h, load 1 h, refurbish 1 h), far less than 12 h.
std::string propellant_bound(int pads) {
  return "name: propellant-bound\n"
         "horizon_d: 365\n"
         "vehicle:\n"
         "  propellant_t: 5000\n"
         "  booster: {fleet: 5, life_flights: 1000000, turnaround_h: 0}\n"
         "  ship: {fleet: 800, recovery: expend}\n"
         "  phases: {stack_h: 1, propellant_load_h: 1, ascent_min: 0, booster_return_min: 0,\n"
         "           catch_clear_h: 0}\n"
         "sites:\n"
         "  - name: farm\n"
         "    pads: " +
         std::to_string(pads) +
         "\n"
         "    pad_refurb_h: 1\n"
         "    propellant: {production_t_per_day: 10000, storage_t: 5000, initial_t: 0}\n"
         "payload: {interval_h: 1, integration_bays: 2, integration_h: 0}\n";
}

}  // namespace

TEST_CASE("a propellant-bound site launches production / propellant_t a day") {
  // The farm holds 5000 t exactly at 12 h, 24 h, ...: the first draw (at 1 h, after stacking)
  // waits until 12 h, and every later draw comes 12 h after the one before. Liftoffs at
  // 12 k + 1 h (k >= 1) before 8760 h: k = 1..729. In the long run 10000 / 5000 = 2 a day.
  const int expected = 729;
  {
    TempDir dir;
    Summary s = run_ok(propellant_bound(4), dir);
    CHECK(num(s, "launches") == expected);
    CHECK(std::abs(num(s, "launches_per_year") - 2 * 365.0) <= 2.0);
    CHECK(s["bottleneck"] == "propellant");
    CHECK(num(s, "wait_propellant_h") > 0);
    // The level climbs linearly from 0 to 5000 t between two draws and is full exactly at the
    // horizon (8760 h = 730 x 12 h): a sawtooth whose mean is 2500 t.
    CHECK(num(s, "propellant_stock_mean_t") == doctest::Approx(2500.0).epsilon(1e-6));
    CHECK(num(s, "interlaunch_p50_h") == doctest::Approx(12.0));
    CHECK(num(s, "interlaunch_p95_h") == doctest::Approx(12.0));

    auto lifts = only(timeline(dir), "launch.lifted_off");
    REQUIRE(lifts.size() == static_cast<std::size_t>(expected));
    for (std::size_t i = 0; i < lifts.size(); ++i)
      CHECK(lifts[i].time_s == doctest::Approx((12.0 * static_cast<double>(i + 1) + 1.0) * HOUR));

    // Every pad-hour is either the pad's own work (3 h a launch, the one in progress at the
    // horizon partly done) or charged to a wait: 4 pads x 8760 h.
    const double launches = num(s, "launches");
    const double waits_h = launches * (num(s, "wait_propellant_h") + num(s, "wait_payload_h") +
                                       num(s, "wait_booster_h") + num(s, "wait_ship_h") +
                                       num(s, "wait_tower_h") + num(s, "wait_range_h"));
    const double pad_hours = 4 * 8760.0;
    CAPTURE(waits_h);
    CHECK(waits_h + 3.0 * launches <= pad_hours + 1e-6);
    CHECK(waits_h + 3.0 * launches >= pad_hours - 4 * 3.0);
  }
  {
    // One pad: its first draw waits 11 h (1 h -> 12 h), every later one 9 h (the pad is back
    // 3 h after the draw), and the draw open at the horizon (8751 h -> 8760 h) 9 h more.
    TempDir dir;
    Summary s = run_ok(propellant_bound(1), dir, {"--no-timeline"});
    CHECK(num(s, "launches") == expected);
    CHECK(s["bottleneck"] == "propellant");
    CHECK(num(s, "wait_propellant_h") == doctest::Approx((11.0 + 9.0 * expected) / expected));
    CHECK(num(s, "propellant_stock_mean_t") == doctest::Approx(2500.0).epsilon(1e-6));
  }
}

// ----------------------------------------------------------------------------------- caps

namespace {

// Two pads with a 3 h cycle (about 16 launches a day), everything else abundant, capped at 25
// liftoffs a calendar year.
std::string capped(const std::string& start_date, const std::string& horizon_d) {
  return "name: capped\n"
         "start_date: " +
         start_date +
         "\n"
         "horizon_d: " +
         horizon_d +
         "\n"
         "vehicle:\n"
         "  booster: {fleet: 5, life_flights: 1000000, turnaround_h: 0}\n"
         "  ship: {fleet: 5, life_flights: 1000000, turnaround_h: 0}\n" +
         INSTANT_PHASES +
         "sites:\n"
         "  - {name: capped, pads: 2, pad_refurb_h: 1, annual_launch_cap: 25}\n"
         "payload: {interval_h: 2, integration_bays: 2, integration_h: 0}\n";
}

// Liftoffs in [from_d, to_d) days of simulated time.
int liftoffs_between(const std::vector<Row>& lifts, double from_d, double to_d) {
  int n = 0;
  for (const auto& r : lifts)
    if (r.time_s >= from_d * DAY && r.time_s < to_d * DAY) ++n;
  return n;
}

}  // namespace

TEST_CASE("a capped site launches exactly its cap in every calendar year") {
  {
    // 2030 (365 d), 2031 (365 d) and the leap year 2032 (366 d): 1096 days, three years.
    TempDir dir;
    Summary s = run_ok(capped("2030-01-01", "1096"), dir);
    CHECK(num(s, "launches") == 75);
    CHECK(s["bottleneck"] == "cap");
    CHECK(num(s, "wait_cap_h") > 0);
    auto lifts = only(timeline(dir), "launch.lifted_off");
    CHECK(liftoffs_between(lifts, 0, 365) == 25);
    CHECK(liftoffs_between(lifts, 365, 730) == 25);
    CHECK(liftoffs_between(lifts, 730, 1096) == 25);
    // The pads, held back by the cap, lift off again at the first instant of the new year.
    CHECK(liftoffs_between(lifts, 365, 365 + 1.0 / 24) >= 1);
    CHECK(liftoffs_between(lifts, 730, 730 + 1.0 / 24) >= 1);
  }
  {
    // From 2030-07-01, 365 days: July to December 2030 (184 d), then 2031 until July 1st.
    // The cap counts calendar years, not years of the run: 25 + 25.
    TempDir dir;
    Summary s = run_ok(capped("2030-07-01", "365"), dir);
    CHECK(num(s, "launches") == 50);
    CHECK(s["bottleneck"] == "cap");
    auto lifts = only(timeline(dir), "launch.lifted_off");
    CHECK(liftoffs_between(lifts, 0, 184) == 25);
    CHECK(liftoffs_between(lifts, 184, 365) == 25);
    CHECK(liftoffs_between(lifts, 184, 184 + 1.0 / 24) >= 1);
  }
}

// ------------------------------------------------------------------------- M/M/c integration

namespace {

// Erlang C: the probability that an arrival waits in an M/M/c queue with offered load a < c.
double erlang_c(int c, double a) {
  double sum = 0, term = 1;  // term = a^k / k!
  for (int k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double last = term * c / (c - a);
  return last / (sum + last);
}

// Poisson payloads (mean interval 4 h, lambda = 0.25/h) into 3 bays with exponential
// integration (mean 9 h, mu = 1/9 per h): a = 2.25, utilization 0.75. The pads take the
// integrated payloads slowly (one pad, refurbished for years): they pile up after the bays,
// which does not touch the bays' queue.
const double MMC_LAMBDA = 0.25, MMC_MU = 1.0 / 9.0;
const int MMC_C = 3;
std::string mmc(const std::string& horizon_d) {
  return "name: mmc\n"
         "horizon_d: " +
         horizon_d +
         "\n"
         "vehicle:\n"
         "  booster: {fleet: 1, turnaround_h: 0}\n"
         "  ship: {fleet: 1, turnaround_h: 0}\n"
         "sites:\n"
         "  - {name: slow, pads: 1, pad_refurb_h: 1000000}\n"
         "payload:\n"
         "  interval_h: {dist: exponential, mean: 4}\n"
         "  integration_bays: 3\n"
         "  integration_h: {dist: exponential, mean: 9}\n";
}

}  // namespace

TEST_CASE("the integration bays are an M/M/c queue: mean wait matches Erlang C") {
  const double a = MMC_LAMBDA / MMC_MU;
  const double wq = erlang_c(MMC_C, a) / (MMC_C * MMC_MU - MMC_LAMBDA);  // 6.813 h
  REQUIRE(wq == doctest::Approx(6.8131).epsilon(1e-4));

  // Ten replications of ten years (about 21,900 payloads each), started empty: the warm-up
  // bias is a few relaxation times (tens of hours) against 87,600 h.
  const int n = 10;
  std::vector<double> waits;
  for (int seed = 1; seed <= n; ++seed) {
    TempDir dir;
    Summary s = run_ok(mmc("3650"), dir, {"--no-timeline", "--seed", std::to_string(seed)});
    waits.push_back(num(s, "integration_wait_mean_h"));
    CHECK(num(s, "bay_utilization") == doctest::Approx(a / MMC_C).epsilon(0.03));
  }
  double mean = 0;
  for (double w : waits) mean += w;
  mean /= n;
  double ss = 0;
  for (double w : waits) ss += (w - mean) * (w - mean);
  const double sd = std::sqrt(ss / (n - 1));
  const double t_975_df9 = 2.262157;
  const double half_width = t_975_df9 * sd / std::sqrt(static_cast<double>(n));
  CAPTURE(mean);
  CAPTURE(wq);
  CAPTURE(half_width);
  CHECK(std::abs(mean - wq) < half_width);
  CHECK(half_width < 0.1 * wq);  // the interval is narrow enough to mean something
}

TEST_CASE("Little's law holds for the integration queue") {
  TempDir dir;
  Summary s = run_ok(mmc("3650"), dir, {"--seed", "11"});
  const double lq = num(s, "integration_queue_mean");
  const double wq_h = num(s, "integration_wait_mean_h");
  // With the rate actually produced the law holds on the sample path, up to the payloads
  // still waiting at the horizon.
  const double produced = count(timeline(dir), "payload.produced");
  const double rate_per_h = produced / (3650 * 24.0);
  CAPTURE(lq);
  CAPTURE(wq_h);
  CAPTURE(rate_per_h);
  CHECK(lq == doctest::Approx(rate_per_h * wq_h).epsilon(0.01));
  // With the nominal rate: the arrivals' own noise (1/sqrt(21,900) = 0.7%) within 3%.
  CHECK(lq == doctest::Approx(MMC_LAMBDA * wq_h).epsilon(0.03));
  // And both near the theory: Lq = lambda Wq = 1.70 (one run: 10%).
  const double theory =
      MMC_LAMBDA * erlang_c(MMC_C, MMC_LAMBDA / MMC_MU) / (MMC_C * MMC_MU - MMC_LAMBDA);
  CHECK(lq == doctest::Approx(theory).epsilon(0.10));
}

// ----------------------------------------------------------------------- failures, stand-down

namespace {

// Every launch fails (the stack is lost), and grounds every site for stand_down_d. Two sites,
// one with two pads and a 1 h launch spacing; vehicles and payloads abundant.
std::string always_failing(const std::string& pad_damage, const std::string& stand_down_d,
                           const std::string& pad_repair_d) {
  return "name: always-failing\n"
         "horizon_d: 100\n"
         "vehicle:\n"
         "  booster: {fleet: 60, turnaround_h: 0}\n"
         "  ship: {fleet: 60, turnaround_h: 0}\n"
         "  phases: {stack_h: 1, propellant_load_h: 1}\n"
         "sites:\n"
         "  - {name: east, pads: 2, pad_refurb_h: 1, min_launch_spacing_h: 1}\n"
         "  - {name: west, pads: 1, pad_refurb_h: 1}\n"
         "payload: {interval_h: 1, integration_bays: 2, integration_h: 0}\n"
         "failures:\n"
         "  launch_failure_probability: 1\n"
         "  pad_damage_probability: " +
         pad_damage +
         "\n"
         "  stand_down_d: " +
         stand_down_d +
         "\n"
         "  pad_repair_d: " +
         pad_repair_d + "\n";
}

}  // namespace

TEST_CASE("a stand-down holds every liftoff for at least its length") {
  TempDir dir;
  Summary s = run_ok(always_failing("0", "10", "30"), dir);
  const double launches = num(s, "launches");
  // At least one liftoff per stand-down (100 d / 10 d), at most one per pad and stand-down.
  CHECK(launches >= 10);
  CHECK(launches <= 3 * 11);
  CHECK(num(s, "launch_failures") == launches);
  CHECK(num(s, "boosters_lost") == launches);
  CHECK(num(s, "ships_lost") == launches);
  CHECK(num(s, "attempts") == launches);
  CHECK(num(s, "wait_standdown_h") > 0);
  CHECK(s["bottleneck"] == "standdown");
  CHECK(num(s, "gw_launched") == 0);  // nothing reached orbit

  auto rows = timeline(dir);
  CHECK(count(rows, "launch.failed") == launches);
  CHECK(count(rows, "booster.lost") == launches);
  CHECK(count(rows, "ship.lost") == launches);
  CHECK(count(rows, "booster.recovered") == 0);
  CHECK(count(rows, "payload.deployed") == 0);
  int failures_checked = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].event != "launch.failed") continue;
    const double t = rows[i].time_s;
    // Every later liftoff (in the timeline's order) waits out the stand-down. Liftoffs at the
    // same instant, before this failure was known, come before it in the timeline.
    for (std::size_t j = i + 1; j < rows.size(); ++j)
      if (rows[j].event == "launch.lifted_off") {
        INFO("launch " << rows[j].launch_id << " after the failure of launch "
                       << rows[i].launch_id);
        CHECK(rows[j].time_s >= t + 10 * DAY - 1e-3);
      }
    ++failures_checked;
  }
  CHECK(failures_checked == launches);

  // A stand-down starts at a failure with value 10 (days) and ends exactly 10 days later.
  auto started = only(rows, "standdown.started"), ended = only(rows, "standdown.ended");
  REQUIRE(!started.empty());
  for (const auto& st : started) {
    CHECK(std::stod(st.value) == doctest::Approx(10.0));
    bool at_failure = false;
    for (const auto& f : only(rows, "launch.failed")) at_failure |= f.time_s == st.time_s;
    CHECK(at_failure);
  }
  // The last one may end at or after the horizon.
  CHECK(ended.size() + 1 >= started.size());
  CHECK(ended.size() <= started.size());
  for (std::size_t k = 0; k < ended.size(); ++k)
    CHECK(ended[k].time_s == doctest::Approx(started[k].time_s + 10 * DAY));
  for (std::size_t k = ended.size(); k < started.size(); ++k)
    CHECK(started[k].time_s + 10 * DAY >= 100 * DAY - 1e-3);
  // The next stand-down starts when the first liftoff after the previous one fails.
  for (std::size_t k = 1; k < started.size(); ++k) CHECK(started[k].time_s >= ended[k - 1].time_s);
}

TEST_CASE("a damaged pad is repaired exactly pad_repair_d later and launches nothing meanwhile") {
  TempDir dir;
  Summary s = run_ok(always_failing("1", "2", "5"), dir);
  auto rows = timeline(dir);
  auto damaged = only(rows, "pad.damaged"), repaired = only(rows, "pad.repaired");
  const double launches = num(s, "launches");
  CHECK(static_cast<double>(damaged.size()) == launches);  // every failure damages its pad
  REQUIRE(damaged.size() >= 10);
  int paired = 0;
  for (const auto& d : damaged) {
    INFO("pad " << d.site << "/" << d.pad << " damaged at " << d.time_s / DAY << " d");
    const double due = d.time_s + 5 * DAY;
    const Row* repair = nullptr;
    for (const auto& r : repaired)
      if (r.site == d.site && r.pad == d.pad && r.time_s > d.time_s) {
        repair = &r;
        break;
      }
    if (due >= 100 * DAY - 1e-3) {
      CHECK(repair == nullptr);
      continue;
    }
    REQUIRE(repair != nullptr);
    CHECK(repair->time_s == doctest::Approx(due));
    ++paired;
    // Its failed launch is the pad's last liftoff before the repair.
    for (const auto& l : only(rows, "launch.lifted_off"))
      if (l.site == d.site && l.pad == d.pad && l.time_s > d.time_s) CHECK(l.time_s >= due);
  }
  CHECK(static_cast<double>(paired) == static_cast<double>(repaired.size()));
}

// ----------------------------------------------------------------------------------- weather

namespace {

// One pad, 1.5 h of its own work per launch, everything else abundant and instantaneous:
// weather is the only wait. A scrub recycles 2 h.
std::string weathered(const std::string& scrub_probability) {
  return "name: weathered\n"
         "horizon_d: 365\n"
         "vehicle:\n"
         "  booster: {fleet: 2, life_flights: 1000000, turnaround_h: 0}\n"
         "  ship: {fleet: 2, life_flights: 1000000, turnaround_h: 0}\n"
         "  phases: {stack_h: 0.5, propellant_load_h: 0.5, ascent_min: 0, booster_return_min: 0,\n"
         "           orbit_insertion_min: 0, deploy_h: 0, orbit_stay_h: 0, ship_return_h: 0,\n"
         "           catch_clear_h: 0}\n"
         "sites:\n"
         "  - name: wet\n"
         "    pads: 1\n"
         "    pad_refurb_h: 0.5\n"
         "    weather: {scrub_probability: " +
         scrub_probability +
         ", recycle_h: 2}\n"
         "payload: {interval_h: 1, integration_bays: 1, integration_h: 0}\n";
}

}  // namespace

TEST_CASE("weather scrubs are geometric: p / (1 - p) scrubs per launch") {
  TempDir dir;
  Summary s = run_ok(weathered("0.5"), dir, {"--no-timeline"});
  const double launches = num(s, "launches"), scrubs = num(s, "scrubs");
  REQUIRE(launches > 1000);
  CHECK(num(s, "attempts") == launches + scrubs);
  // Scrubs before a liftoff: geometric, mean p/(1-p) = 1, variance p/(1-p)^2 = 2.
  const double sd = std::sqrt(2.0 * launches);
  CAPTURE(launches);
  CAPTURE(scrubs);
  CHECK(std::abs(scrubs - launches) < 4 * sd);
  // Each scrub is a 2 h recycle, the only wait (the one open at the horizon is cut there).
  CHECK(s["bottleneck"] == "weather");
  for (const char* other : {"wait_payload_h", "wait_booster_h", "wait_ship_h", "wait_tower_h",
                            "wait_range_h", "wait_propellant_h", "wait_cap_h", "wait_standdown_h"})
    CHECK_MESSAGE(num(s, other) == 0, other);
  const double weather_h = num(s, "wait_weather_h") * launches;
  CHECK(weather_h <= 2.0 * scrubs + 1e-6);
  CHECK(weather_h >= 2.0 * (scrubs - 1) - 1e-6);
  CHECK(std::abs(num(s, "wait_weather_h") - 2.0 * 1.0) < 2.0 * 4 * std::sqrt(2.0 / launches));
  // The mean launch cycle is 1.5 h + 2 h x 1 scrub: 8760 / 3.5 = 2503 launches (renewal).
  CHECK(launches == doctest::Approx(8760.0 / 3.5).epsilon(0.05));
}

TEST_CASE("monthly scrub probabilities scrub only in the month that has one") {
  TempDir dir;
  Summary s = run_ok(weathered("[0, 0, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0]"), dir);
  auto scrubs = only(timeline(dir), "launch.scrubbed");
  CHECK(num(s, "scrubs") == static_cast<double>(scrubs.size()));
  // March 2030: days 59 (March 1st) to 90 (April 1st). About one scrub per launch there,
  // some 31 x 24 / 3.5 = 213 of them.
  CHECK(scrubs.size() > 100);
  for (const auto& r : scrubs) {
    INFO("scrub at day " << r.time_s / DAY);
    CHECK(r.time_s >= 59 * DAY);
    CHECK(r.time_s < 90 * DAY);
  }
}

// -------------------------------------------------------------------------- production, life

namespace {

// No boosters at the start; one built a day (7 a week), each retired after one flight.
std::string produced_boosters(const std::string& horizon_d) {
  return "name: produced\n"
         "horizon_d: " +
         horizon_d +
         "\n"
         "vehicle:\n"
         "  booster: {fleet: 0, production_per_week: 7, life_flights: 1, turnaround_h: 0}\n"
         "  ship: {fleet: 3, life_flights: 1000000, turnaround_h: 0}\n"
         "  phases: {stack_h: 1, propellant_load_h: 1, catch_clear_h: 0}\n"
         "sites:\n"
         "  - {name: factory, pads: 2, pad_refurb_h: 1}\n"
         "payload: {interval_h: 1, integration_bays: 1, integration_h: 0}\n";
}

}  // namespace

TEST_CASE("boosters are produced at their weekly rate and retire at their flight life") {
  // Every production line delivers its first unit at the start, then one an interval (1 d):
  // at 0, 1, ..., 30 d in [0, 30.5 d) -> ceil(30.5) = 31; at 0..29 d in [0, 30 d) -> 30 (the
  // one due exactly at the horizon is not run).
  struct Case {
    std::string horizon_d;
    int built;
  };
  for (const Case& c : {Case{"30.5", 31}, Case{"30", 30}}) {
    CAPTURE(c.horizon_d);
    TempDir dir;
    Summary s = run_ok(produced_boosters(c.horizon_d), dir);
    CHECK(num(s, "boosters_built") == c.built);
    CHECK(num(s, "ships_built") == 0);
    auto rows = timeline(dir);
    auto produced = only(rows, "vehicle.produced");
    REQUIRE(produced.size() == static_cast<std::size_t>(c.built));
    for (std::size_t k = 0; k < produced.size(); ++k) {
      CHECK(produced[k].time_s == doctest::Approx(static_cast<double>(k) * DAY));
      CHECK(produced[k].booster == "B" + std::to_string(k + 1));
    }
    // Each booster flies once, on the day it is built (2 h of stacking and loading).
    CHECK(num(s, "launches") == c.built);
    CHECK(s["bottleneck"] == "booster");
    // life_flights 1: every recovered booster retires at its recovery, after one flight.
    auto recovered = only(rows, "booster.recovered");
    std::vector<Row> retired;
    for (const auto& r : only(rows, "vehicle.retired"))
      if (!r.booster.empty()) retired.push_back(r);
    CHECK(recovered.size() == static_cast<std::size_t>(c.built));
    REQUIRE(retired.size() == recovered.size());
    for (std::size_t k = 0; k < retired.size(); ++k) {
      CHECK(retired[k].booster == recovered[k].booster);
      CHECK(retired[k].time_s == doctest::Approx(recovered[k].time_s));
      CHECK(retired[k].value == "1");
    }
  }
}

// ------------------------------------------------------------------------------- droneships

TEST_CASE("a single droneship with a 2-day cycle limits its site to one launch per cycle") {
  TempDir dir;
  Summary s = run_ok(
      "name: droneship\n"
      "horizon_d: 60\n"
      "vehicle:\n"
      "  booster: {fleet: 10, life_flights: 1000000, turnaround_h: 0, recovery: droneship}\n"
      "  ship: {fleet: 10, life_flights: 1000000, turnaround_h: 0}\n"
      "  phases: {stack_h: 1, propellant_load_h: 1, ascent_min: 3, booster_return_min: 5}\n"
      "sites:\n"
      "  - name: sea\n"
      "    pads: 4\n"
      "    pad_refurb_h: 1\n"
      "    droneships: {count: 1, cycle_d: 2}\n"
      "payload: {interval_h: 1, integration_bays: 1, integration_h: 0}\n",
      dir);
  // The droneship is taken at stacking and is back 2 d after the landing (liftoff + 8 min):
  // liftoffs every 2 d 2 h 8 min from 2 h on, 29 of them before 60 d.
  const double cycle_h = 48 + 2 + 8.0 / 60;
  int expected = 0;
  while (2.0 + cycle_h * expected < 60 * 24.0) ++expected;
  CHECK(num(s, "launches") == expected);
  CHECK(num(s, "launches") <= 60 / 2 + 1);
  CHECK(s["bottleneck"] == "droneship");
  CHECK(num(s, "wait_droneship_h") > 0);

  auto rows = timeline(dir);
  auto lifts = only(rows, "launch.lifted_off");
  for (std::size_t k = 1; k < lifts.size(); ++k)
    CHECK(lifts[k].time_s - lifts[k - 1].time_s == doctest::Approx(cycle_h * HOUR));
  auto recovered = only(rows, "booster.recovered");
  auto returned = only(rows, "droneship.returned");
  CHECK(recovered.size() == lifts.size());
  REQUIRE(!returned.empty());
  for (const auto& back : returned) {
    INFO("launch " << back.launch_id);
    CHECK(back.value == "1");
    bool found = false;
    for (const auto& rec : recovered)
      if (rec.launch_id == back.launch_id) {
        found = true;
        CHECK(back.time_s == doctest::Approx(rec.time_s + 2 * DAY));
        CHECK(back.booster == rec.booster);
        CHECK(rec.value == "1");
      }
    CHECK(found);
  }
  // All but a landing within 2 days of the horizon have their droneship back.
  int late = 0;
  for (const auto& rec : recovered) late += rec.time_s + 2 * DAY >= 60 * DAY ? 1 : 0;
  CHECK(returned.size() + static_cast<std::size_t>(late) == recovered.size());
}

// -------------------------------------------------------------------------------- orbit, power

namespace {

std::string in_orbit(const std::string& annual_failure_rate) {
  return "name: in-orbit\n"
         "horizon_d: 365\n"
         "vehicle:\n"
         "  booster: {fleet: 10, life_flights: 1000000, turnaround_h: 0}\n"
         "  ship: {fleet: 20, life_flights: 1000000, turnaround_h: 0}\n"
         "  phases: {stack_h: 1, propellant_load_h: 1, orbit_stay_h: 1}\n"
         "sites:\n"
         "  - {name: orbit, pads: 1, pad_refurb_h: 1}\n"
         "payload: {interval_h: 1, integration_bays: 1, integration_h: 0, orbit_raise_d: 30,\n"
         "          early_failure_probability: 0, annual_failure_rate: " +
         annual_failure_rate + "}\n";
}

}  // namespace

TEST_CASE("payloads become operational orbit_raise_d after release") {
  TempDir dir;
  Summary s = run_ok(in_orbit("0"), dir);
  auto rows = timeline(dir);
  const double horizon_s = 365 * DAY;
  double watts = 0;
  int due = 0;
  for (const auto& d : only(rows, "payload.deployed"))
    if (d.time_s + 30 * DAY < horizon_s) {
      watts += std::stod(d.value);
      ++due;
    }
  auto operational = only(rows, "payload.operational");
  CHECK(operational.size() == static_cast<std::size_t>(due));
  CHECK(due > 1000);
  // Those released in the last 30 days are not operational yet.
  CHECK(num(s, "gw_operational") == doctest::Approx(watts / 1e9));
  CHECK(num(s, "gw_operational") < num(s, "gw_launched"));
  CHECK(count(rows, "payload.failed") == 0);
  // Each one exactly 30 days after its own release.
  std::map<std::string, double> deployed_at;
  for (const auto& d : only(rows, "payload.deployed")) deployed_at[d.payload] = d.time_s;
  for (const auto& o : operational) {
    REQUIRE(deployed_at.count(o.payload) == 1);
    CHECK(o.time_s == doctest::Approx(deployed_at[o.payload] + 30 * DAY));
    CHECK(o.value == "10000000");  // 100 t x 100 W/kg
  }
}

TEST_CASE("operational payloads fail at their annual rate (exponential survival)") {
  // Rate 0.5 a year: an operational payload survives to the horizon with exp(-0.5 t / 365 d).
  // The count of failures is a sum of Bernoulli(1 - exp(-r (H - t_operational))) variables;
  // three seeds pooled, within 4 standard deviations.
  const double rate = 0.5, horizon_s = 365 * DAY;
  double failed = 0, expected = 0, variance = 0;
  for (int seed = 1; seed <= 3; ++seed) {
    TempDir dir;
    Summary s = run_ok(in_orbit("0.5"), dir, {"--seed", std::to_string(seed)});
    auto rows = timeline(dir);
    auto operational = only(rows, "payload.operational");
    auto failures = only(rows, "payload.failed");
    failed += static_cast<double>(failures.size());
    for (const auto& o : operational) {
      const double p = 1.0 - std::exp(-rate * (horizon_s - o.time_s) / (365 * DAY));
      expected += p;
      variance += p * (1 - p);
    }
    // Power: operational minus failed, each 10 MW.
    CHECK(num(s, "gw_operational") ==
          doctest::Approx(static_cast<double>(operational.size() - failures.size()) * 0.01));
    // A failure follows its own payload's operational event.
    std::set<std::string> up;
    for (const auto& r : rows) {
      if (r.event == "payload.operational") up.insert(r.payload);
      if (r.event == "payload.failed") {
        CHECK(up.count(r.payload) == 1);
        CHECK(std::stod(r.value) == doctest::Approx(1e7));
        up.erase(r.payload);
      }
    }
  }
  CAPTURE(failed);
  CAPTURE(expected);
  const double sd = std::sqrt(variance);
  CAPTURE(sd);
  CHECK(expected > 500);
  CHECK(std::abs(failed - expected) < 4 * sd);
}

// ---------------------------------------------------------------------------------- cadence

TEST_CASE("with hourly slots every liftoff is on the hour and missed slots are counted") {
  TempDir dir;
  Summary s = run_ok(
      "name: slotted\n"
      "horizon_d: 30\n"
      "vehicle:\n"
      "  booster: {fleet: 10, life_flights: 1000000, turnaround_h: 0}\n"
      "  ship: {fleet: 20, life_flights: 1000000, turnaround_h: 0}\n"
      "  phases: {stack_h: {dist: uniform, min: 1, max: 3},\n"
      "           propellant_load_h: {dist: exponential, mean: 0.7}}\n"
      "sites:\n"
      "  - {name: slotted, pads: 2, pad_refurb_h: {dist: uniform, min: 2, max: 9}}\n"
      "payload: {interval_h: 1, integration_bays: 1, integration_h: 0}\n"
      "cadence: {slot_interval_h: 1}\n",
      dir);
  auto rows = timeline(dir);
  auto lifts = only(rows, "launch.lifted_off");
  REQUIRE(lifts.size() > 50);
  std::set<std::int64_t> filled;
  for (const auto& l : lifts) {
    const double slots = l.time_s / HOUR;
    INFO("liftoff at " << l.time_s << " s");
    CHECK(std::abs(slots - std::round(slots)) * HOUR < 1e-3);  // written with 3 decimals
    filled.insert(std::llround(slots));
  }
  const std::int64_t hours = std::int64_t{30} * 24;
  CHECK(num(s, "slots_missed") ==
        static_cast<double>(hours - static_cast<std::int64_t>(filled.size())));
  CHECK(num(s, "hourly_slots_filled") ==
        doctest::Approx(static_cast<double>(filled.size()) / static_cast<double>(hours)));
  CHECK(num(s, "wait_slot_h") > 0);
  // slot.missed names each slot without a liftoff (value: its start, in hours), once a slot
  // is over; the last slot ends at the horizon, which is not run.
  std::set<std::int64_t> missed;
  for (const auto& m : only(rows, "slot.missed")) {
    const auto k = std::llround(std::stod(m.value));
    CHECK(m.time_s == doctest::Approx(static_cast<double>(k + 1) * HOUR));
    CHECK(filled.count(k) == 0);
    missed.insert(k);
  }
  for (std::int64_t k = 0; k + 1 < hours; ++k) CHECK((filled.count(k) + missed.count(k)) == 1);
  CHECK(missed.size() + filled.size() + (filled.count(hours - 1) ? 0 : 1) ==
        static_cast<std::size_t>(hours));
}

// ------------------------------------------------------------------------------- occupancy

// pad.refurbished, pad.repaired and tower.cleared close every interval a pad or a tower is busy,
// so occupancy rebuilt from the timeline alone (as tools/plot draws it) must add up to the
// summary's utilizations, which the kernel integrates on its own. The baseline for 30 days, with
// a high failure rate and pad damage so that failures, repairs and ship catches all occur.
TEST_CASE("pad and tower occupancy rebuilt from the timeline equals the summary's utilizations") {
  TempDir dir;
  Outcome o = run_starsim(
      {"run", std::string(STARSIM_SOURCE_DIR) + "/configs/scenarios/baseline.yaml", "--set",
       "horizon_d=30", "--set", "failures.launch_failure_probability=0.02", "--set",
       "failures.pad_damage_probability=0.5", "--set", "failures.stand_down_d=1", "--set",
       "failures.pad_repair_d=2", "--out", dir / "out", "--quiet"},
      dir);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  Summary s = read_summary(dir / "out/summary.csv");
  const auto rows = timeline(dir);
  CHECK(count(rows, "launch.failed") > 0);
  CHECK(count(rows, "pad.repaired") > 0);
  CHECK(count(rows, "ship.deorbited") > 0);
  const double horizon = 30 * DAY;
  std::map<std::string, double> pad_from, tower_from;  // "site/pad" -> start of the open interval
  double pad_busy = 0, tower_busy = 0;
  auto open = [](std::map<std::string, double>& from, const std::string& key, double t) {
    INFO(key << " taken at " << t << " while busy");
    CHECK(from.count(key) == 0);
    from[key] = t;
  };
  auto close = [](std::map<std::string, double>& from, const std::string& key, double t,
                  double& busy) {
    INFO(key << " freed at " << t << " while free");
    REQUIRE(from.count(key) == 1);
    busy += t - from[key];
    from.erase(key);
  };
  for (const auto& r : rows) {
    const std::string key = r.site + "/" + r.pad;
    if (r.event == "stack.started") {
      open(pad_from, key, r.time_s);
      open(tower_from, key, r.time_s);
    } else if (r.event == "ship.deorbited" && !r.pad.empty()) {
      open(tower_from, key, r.time_s);
    } else if (r.event == "pad.refurbished" || r.event == "pad.repaired") {
      close(pad_from, key, r.time_s, pad_busy);
    } else if (r.event == "tower.cleared") {
      close(tower_from, key, r.time_s, tower_busy);
    }
  }
  for (const auto& [key, t] : pad_from) pad_busy += horizon - t;
  for (const auto& [key, t] : tower_from) tower_busy += horizon - t;
  const double pads = 12;  // baseline: 3 sites x 4 pads, one tower each
  CHECK(pad_busy / (pads * horizon) == doctest::Approx(num(s, "pad_utilization")).epsilon(1e-6));
  CHECK(tower_busy / (pads * horizon) ==
        doctest::Approx(num(s, "tower_utilization")).epsilon(1e-6));
}
