#include "models/launch/launch_stats.hpp"

#include <doctest/doctest.h>

#include "models/events.hpp"
#include "sim/rng.hpp"

#include <cmath>

using namespace starsim;
using models::LaunchStats;
using models::WaitCause;

namespace {
sim::Event liftoff(double t_h) { return {t_h * 3600.0, models::events::LAUNCH_LIFTED_OFF}; }
}  // namespace

TEST_CASE("percentiles interpolate linearly between order statistics") {
  std::vector<double> v{4, 1, 3, 2};
  CHECK(*models::percentile(v, 0.5) == doctest::Approx(2.5));
  CHECK(*models::percentile(v, 0.95) == doctest::Approx(3.85));
  CHECK(*models::percentile(v, 0.0) == 1);
  CHECK(*models::percentile(v, 1.0) == 4);
  std::vector<double> empty;
  CHECK(!models::percentile(empty, 0.5));
}

TEST_CASE("the busiest 24 hours counts liftoffs in any window of 24 hours") {
  LaunchStats s(100 * 3600.0, 100.0);
  for (double t : {0.0, 1.0, 23.5, 24.0, 30.0, 47.9, 48.0}) s.on_event(liftoff(t));
  // (0, 24] holds 1, 23.5, 24 plus 0 is exactly 24 h before 24: excluded -> 3;
  // (23.9, 47.9] holds 24, 30, 47.9 -> 3; (24.5, 48.5] would hold 30, 47.9, 48 -> 3;
  // (0, 24) at t=23.5: 0, 1, 23.5 -> 3.
  CHECK(s.max_launches_24h() == 3);
  CHECK(s.launches() == 7);
  CHECK(s.interlaunch_gaps().count() == 6);
}

TEST_CASE("hourly slots count whole hours of the horizon with a liftoff") {
  LaunchStats s(10.5 * 3600.0, 100.0);  // 10 whole hours
  for (double t : {0.1, 0.9, 2.0, 9.99, 10.2}) s.on_event(liftoff(t));
  CHECK(s.hourly_slots_filled() == doctest::Approx(3.0 / 10.0));  // hours 0, 2, 9
}

TEST_CASE("waits are clipped at the horizon and the largest total is the bottleneck") {
  LaunchStats s(100.0, 100.0);
  CHECK(s.bottleneck() == "none");
  s.charge_wait(WaitCause::BOOSTER, 10, 40);
  s.charge_wait(WaitCause::TOWER, 50, 70);
  s.charge_wait(WaitCause::TOWER, 90, 150);  // only 10 s fall before the horizon
  s.charge_wait(WaitCause::SHIP, 120, 130);  // after the horizon: nothing
  CHECK(s.wait_total_s(WaitCause::BOOSTER) == 30);
  CHECK(s.wait_total_s(WaitCause::TOWER) == 30);
  CHECK(s.wait_total_s(WaitCause::SHIP) == 0);
  s.charge_wait(WaitCause::TOWER, 0, 1);
  CHECK(s.bottleneck() == "tower");
}

TEST_CASE("deployed payloads add their mass and power") {
  LaunchStats s(1e6, 100.0);
  sim::Event d{5.0, models::events::PAYLOAD_DEPLOYED};
  d.value = 1e7;  // 100 t at 100 W/kg
  s.on_event(d);
  s.on_event(d);
  CHECK(s.mass_to_orbit_t() == 200);
  CHECK(s.gw_launched() == doctest::Approx(0.02));
}

TEST_CASE("a summary row is a header line and a value line, quoted where needed") {
  models::SummaryRow row{{"name", "a,b"}, {"launches", "3"}, {"met", ""}};
  CHECK(models::summary_csv(row) == "name,launches,met\n\"a,b\",3,\n");
}

TEST_CASE("operational power counts payloads made operational less those that failed") {
  LaunchStats s(1e9, 100.0);
  sim::Event op{1.0, models::events::PAYLOAD_OPERATIONAL};
  op.value = 1e7;
  sim::Event lost_early{2.0, models::events::PAYLOAD_FAILED};
  lost_early.value = 0.0;
  sim::Event failed{3.0, models::events::PAYLOAD_FAILED};
  failed.value = 1e7;
  s.on_event(op);
  s.on_event(op);
  s.on_event(lost_early);
  CHECK(s.gw_operational() == doctest::Approx(0.02));
  s.on_event(failed);
  CHECK(s.gw_operational() == doctest::Approx(0.01));
}

TEST_CASE("missed slots are the slots of the horizon without a liftoff on their boundary") {
  LaunchStats none(10 * 3600.0, 100.0);
  CHECK(!none.slots_missed());
  LaunchStats s(10 * 3600.0, 100.0, 3600.0);  // slots at 0 h .. 9 h
  for (double t : {0.0, 0.0, 3.0, 9.0}) s.on_event(liftoff(t));
  CHECK(*s.slots_missed() == 7);
}

TEST_CASE("scrubs, failures, losses and production are counted from their events") {
  LaunchStats s(1e9, 100.0);
  using namespace models::events;
  for (auto name : {LAUNCH_SCRUBBED, LAUNCH_SCRUBBED, LAUNCH_FAILED, BOOSTER_LOST, SHIP_LOST, SHIP_LOST})
    s.on_event({1.0, name});
  sim::Event built_booster{1.0, VEHICLE_PRODUCED};
  built_booster.booster = 4;
  sim::Event built_ship{1.0, VEHICLE_PRODUCED};
  built_ship.ship = 9;
  s.on_event(built_booster);
  s.on_event(built_ship);
  s.on_event(built_ship);
  CHECK(s.scrubs() == 2);
  CHECK(s.launch_failures() == 1);
  CHECK(s.boosters_lost() == 1);
  CHECK(s.ships_lost() == 2);
  CHECK(s.boosters_built() == 1);
  CHECK(s.ships_built() == 2);
}

TEST_CASE("gap percentiles are exact for repeated values and within 0.1% otherwise") {
  models::GapHistogram h;
  CHECK(!h.percentile(0.5));
  for (int i = 0; i < 1000; ++i) h.add(8 * 3600.0);
  CHECK(*h.percentile(0.5) == 8 * 3600.0);
  CHECK(*h.percentile(0.95) == 8 * 3600.0);
  models::GapHistogram r;
  std::vector<double> values;
  sim::RandomStream rng(3, "gaps");
  for (int i = 0; i < 20000; ++i) {
    const double x = -3600.0 * std::log(rng.uniform01_open_low()) + (i % 7 == 0 ? 0.0 : 1.0);
    values.push_back(x);
    r.add(x);
  }
  r.add(0.0);
  values.push_back(0.0);
  for (double q : {0.0, 0.05, 0.5, 0.95, 1.0}) {
    std::vector<double> copy = values;
    const double exact = *models::percentile(copy, q);
    CAPTURE(q);
    CHECK(*r.percentile(q) == doctest::Approx(exact).epsilon(1e-3));
  }
}
