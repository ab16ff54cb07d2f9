#include "models/launch/launch_stats.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "models/events.hpp"
#include "sim/rng.hpp"
#include "sim/units.hpp"

using namespace starsim;
using models::LaunchStats;
using models::WaitCause;

namespace {
sim::Event liftoff(double t_h) { return {t_h * 3600.0, models::events::LAUNCH_LIFTED_OFF}; }
models::StatsFrame frame(double horizon_s, double slot_s = 0.0) {
  return {horizon_s, slot_s, 0, 0, 0};
}
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
  LaunchStats s(frame(100 * 3600.0));
  for (double t : {0.0, 1.0, 23.5, 24.0, 30.0, 47.9, 48.0}) s.on_event(liftoff(t));
  // (0, 24] holds 1, 23.5, 24 plus 0 is exactly 24 h before 24: excluded -> 3;
  // (23.9, 47.9] holds 24, 30, 47.9 -> 3; (24.5, 48.5] would hold 30, 47.9, 48 -> 3;
  // (0, 24) at t=23.5: 0, 1, 23.5 -> 3.
  CHECK(s.max_launches_24h() == 3);
  CHECK(s.launches() == 7);
  CHECK(s.interlaunch_gaps().count() == 6);
}

TEST_CASE("hourly slots count whole hours of the horizon with a liftoff") {
  LaunchStats s(frame(10.5 * 3600.0));  // 10 whole hours
  for (double t : {0.1, 0.9, 2.0, 9.99, 10.2}) s.on_event(liftoff(t));
  CHECK(s.hourly_slots_filled() == doctest::Approx(3.0 / 10.0));  // hours 0, 2, 9
}

TEST_CASE("waits are clipped at the horizon and the largest total is the bottleneck") {
  LaunchStats s(frame(100.0));
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

TEST_CASE("deployed payloads add their power and the mass their launch lifted") {
  LaunchStats s(frame(1e6));
  for (std::int64_t launch : {1, 2, 3}) {
    sim::Event up{1.0, models::events::LAUNCH_LIFTED_OFF};
    up.launch_id = launch;
    up.value = 100.0 * static_cast<double>(launch);  // t: 100, 200, 300
    s.on_event(up);
  }
  sim::Event failed{1.0, models::events::LAUNCH_FAILED};
  failed.launch_id = 2;  // its 200 t never reach orbit
  s.on_event(failed);
  for (std::int64_t launch : {3, 1}) {
    sim::Event d{5.0, models::events::PAYLOAD_DEPLOYED};
    d.launch_id = launch;
    d.value = 1e7;
    s.on_event(d);
  }
  CHECK(s.mass_to_orbit_t() == 400);
  CHECK(s.gw_launched() == doctest::Approx(0.02));
}

TEST_CASE("a summary row is a header line and a value line, quoted where needed") {
  models::SummaryRow row{{"name", "a,b"}, {"launches", "3"}, {"met", ""}};
  CHECK(models::summary_csv(row) == "name,launches,met\n\"a,b\",3,\n");
}

TEST_CASE("operational power counts payloads made operational less those that failed") {
  LaunchStats s(frame(1e9));
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
  LaunchStats none(frame(10 * 3600.0));
  CHECK(!none.slots_missed());
  LaunchStats s(frame(10 * 3600.0, 3600.0));  // slots at 0 h .. 9 h
  for (double t : {0.0, 0.0, 3.0, 9.0}) s.on_event(liftoff(t));
  CHECK(*s.slots_missed() == 7);
}

TEST_CASE("scrubs, failures, losses and production are counted from their events") {
  LaunchStats s(frame(1e9));
  using namespace models::events;
  for (auto name :
       {LAUNCH_SCRUBBED, LAUNCH_SCRUBBED, LAUNCH_FAILED, BOOSTER_LOST, SHIP_LOST, SHIP_LOST})
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

TEST_CASE("counts go to the calendar year of their event and waits are split at 1 January") {
  // From 2029-12-31, 3 days: 2029 has 1 day, 2030 has 2.
  const std::int64_t start = *sim::units::parse_date_s("2029-12-31");
  LaunchStats s({3 * 86400.0, 0.0, start, 5, 7});
  REQUIRE(s.years().size() == 2);
  CHECK(s.years()[0].span.year == 2029);
  CHECK(s.years()[0].span.days() == 1.0);
  CHECK(s.years()[1].span.days() == 2.0);
  s.on_event(liftoff(1));
  sim::Event built{20 * 3600.0, models::events::VEHICLE_PRODUCED};
  built.booster = 6;
  s.on_event(built);
  s.on_event(liftoff(30));
  s.on_event(liftoff(40));
  sim::Event lost{50 * 3600.0, models::events::SHIP_LOST};
  s.on_event(lost);
  s.charge_wait(WaitCause::BOOSTER, 22 * 3600.0, 26 * 3600.0);  // 2 h in each year
  s.charge_wait(WaitCause::TOWER, 60 * 3600.0, 80 * 3600.0);    // past the horizon (72 h): 12 h
  s.finish();
  const auto& y = s.years();
  CHECK(y[0].launches == 1);
  CHECK(y[1].launches == 2);
  CHECK(y[0].boosters_built == 1);
  CHECK(y[0].boosters_in_service_end == 6);
  CHECK(y[0].ships_in_service_end == 7);
  CHECK(y[1].ships_in_service_end == 6);
  CHECK(y[0].wait_s[static_cast<std::size_t>(WaitCause::BOOSTER)] == 2 * 3600.0);
  CHECK(y[1].wait_s[static_cast<std::size_t>(WaitCause::BOOSTER)] == 2 * 3600.0);
  CHECK(y[1].wait_s[static_cast<std::size_t>(WaitCause::TOWER)] == 12 * 3600.0);
  CHECK(y[0].bottleneck() == "booster");
  CHECK(y[1].bottleneck() == "tower");
  CHECK(s.wait_total_s(WaitCause::BOOSTER) == 4 * 3600.0);
}

TEST_CASE("a year without events still reads its end") {
  const std::int64_t start = *sim::units::parse_date_s("2030-01-01");
  LaunchStats s({3 * 365 * 86400.0, 0.0, start, 2, 3});
  sim::Event op{10.0, models::events::PAYLOAD_OPERATIONAL};
  op.value = 1e9;
  s.on_event(op);
  sim::Event retired{800 * 86400.0, models::events::VEHICLE_RETIRED};
  retired.booster = 0;
  s.on_event(retired);
  s.finish();
  REQUIRE(s.years().size() == 3);
  for (const auto& y : s.years()) CHECK(y.operational_w_end == 1e9);
  CHECK(s.years()[0].boosters_in_service_end == 2);
  CHECK(s.years()[1].boosters_in_service_end == 2);
  CHECK(s.years()[2].boosters_in_service_end == 1);
}
