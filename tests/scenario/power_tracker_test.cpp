// PowerTracker on its own: payloads released in orbit raise it, become operational (or are lost
// on the way) and fail at the annual rate. One engine per process: ctest runs each TEST_CASE in
// its own process.
#include "models/orbit/power_tracker.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "models/payload/payload_config.hpp"
#include "sim/event_log.hpp"
#include "sim/kernel.hpp"

namespace sim = starsim::sim;
using starsim::models::PayloadConfig;
using starsim::models::PowerTracker;

namespace {

constexpr double DAY = 86400.0;
constexpr double YEAR = 365.0 * DAY;

struct Seen {
  double time_s;
  std::string name;
  std::int64_t payload;
  double value;
};

// Deploys `count` payloads of `watts` at time 0 and runs until `horizon_s`: the tracker's events.
std::vector<Seen> run(const PayloadConfig& config, int count, double watts, double horizon_s,
                      std::size_t* operational_at_end = nullptr) {
  sim::Kernel k;
  sim::EventLog log(horizon_s, 0, {"site"});
  std::vector<Seen> seen;
  log.observe([&](const sim::Event& e) {
    seen.push_back({e.time_s, std::string(e.name), e.payload, e.value});
  });
  PowerTracker tracker(config, 42, log);
  sim::at(0, [&] {
    for (int i = 0; i < count; ++i) tracker.deployed(i, 0, i, watts);
  });
  k.run(horizon_s);
  if (operational_at_end) *operational_at_end = tracker.operational_units();
  return seen;
}

std::vector<Seen> named(const std::vector<Seen>& all, const std::string& name) {
  std::vector<Seen> out;
  for (const auto& s : all)
    if (s.name == name) out.push_back(s);
  return out;
}

}  // namespace

TEST_CASE("a payload becomes operational at the end of its orbit raising, with its watts") {
  PayloadConfig c;
  c.orbit_raise_s = sim::Distribution::fixed(30 * DAY);
  const auto seen = run(c, 3, 2.5e6, 100 * DAY);
  const auto operational = named(seen, "payload.operational");
  REQUIRE(operational.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(operational[i].time_s == 30 * DAY);
    CHECK(operational[i].payload ==
          static_cast<std::int64_t>(i));  // in the order they were released
    CHECK(operational[i].value == 2.5e6);
  }
  CHECK(named(seen, "payload.failed").empty());  // no failure rate: they never fail
}

TEST_CASE("a payload lost on the way fails at a uniform moment of the raising, losing no watts") {
  PayloadConfig c;
  c.orbit_raise_s = sim::Distribution::fixed(10 * DAY);
  c.early_failure_probability = 1.0;
  const int n = 4000;
  const auto seen = run(c, n, 1e6, 20 * DAY);
  CHECK(named(seen, "payload.operational").empty());
  const auto failed = named(seen, "payload.failed");
  REQUIRE(failed.size() == n);
  double sum = 0;
  for (const auto& f : failed) {
    CHECK(f.value == 0.0);
    CHECK(f.time_s >= 0.0);
    CHECK(f.time_s <= 10 * DAY);
    sum += f.time_s;
  }
  // Uniform on [0, 10 d]: mean 5 d, sd 10 / sqrt(12) d; the mean of n within 4 standard errors.
  const double se = 10 * DAY / std::sqrt(12.0 * n);
  CHECK(std::abs(sum / n - 5 * DAY) < 4 * se);
}

TEST_CASE("operational payloads fail at the annual rate: mean life 1 / rate years") {
  // 3000 payloads operational at 1 day, failing at 0.5 a year: exponential lives of mean 2
  // years. Over 60 years every one fails once (e^-30 of one surviving); the mean life is within
  // 4 standard errors (an exponential's sd is its mean): 2 y +- 4 x 2 / sqrt(3000) = +- 0.146 y.
  PayloadConfig c;
  c.orbit_raise_s = sim::Distribution::fixed(1 * DAY);
  c.annual_failure_rate = 0.5;
  const int n = 3000;
  const double watts = 1e6;
  std::size_t left = 99;
  const auto seen = run(c, n, watts, 60 * YEAR, &left);
  REQUIRE(named(seen, "payload.operational").size() == n);
  const auto failed = named(seen, "payload.failed");
  REQUIRE(failed.size() == n);
  CHECK(left == 0);
  std::set<std::int64_t> ids;
  double life_sum = 0;
  for (const auto& f : failed) {
    CHECK(f.value == watts);  // the watts lost
    ids.insert(f.payload);
    life_sum += f.time_s - 1 * DAY;
  }
  CHECK(ids.size() == static_cast<std::size_t>(n));  // each fails once
  const double mean_life_y = life_sum / n / YEAR;
  CAPTURE(mean_life_y);
  CHECK(std::abs(mean_life_y - 2.0) < 4 * 2.0 / std::sqrt(static_cast<double>(n)));
}

TEST_CASE("the power operational is what became operational minus what failed since") {
  // Half a year at 1 a year: about 40% of 1000 fail. At every event the units the tracker holds
  // are the operational ones counted from the events, and the watts follow.
  PayloadConfig c;
  c.orbit_raise_s = sim::Distribution::exponential(5 * DAY);
  c.annual_failure_rate = 1.0;
  const double watts = 3e5;
  std::size_t left = 0;
  const auto seen = run(c, 1000, watts, 0.5 * YEAR, &left);
  double operational_w = 0;
  for (const auto& s : seen) {
    if (s.name == "payload.operational") operational_w += s.value;
    if (s.name == "payload.failed") operational_w -= s.value;
  }
  const auto failed = named(seen, "payload.failed").size();
  CHECK(failed > 300);
  CHECK(failed < 500);
  CHECK(left == 1000 - failed);
  CHECK(operational_w == doctest::Approx(static_cast<double>(left) * watts));
}
