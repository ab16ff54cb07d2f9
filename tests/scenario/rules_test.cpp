// Rules at the edges of time: what happens at the horizon, at a stand-down's end and at ties.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "models/failure/standdown.hpp"
#include "sim/event_log.hpp"
#include "sim/kernel.hpp"
#include "tests/scenario/harness.hpp"

using namespace starsim::test;
namespace sim = starsim::sim;

TEST_CASE("pads waiting for a stand-down resume first come, first served, after standdown.ended") {
  sim::Kernel k;
  sim::EventLog log(100.0, 0, {});
  std::vector<std::string> order;
  log.observe([&](const sim::Event& e) { order.push_back(std::string(e.name)); });
  starsim::models::StandDown sd(log);
  auto wait = [&](const std::string& who) {
    if (!sd.in_force()) return order.push_back(who + " went");
    order.push_back(who + " waits");
    sd.wait([&, who] { order.push_back(who + " resumed"); });
  };
  sim::at(11, [&] { wait("C"); });    // scheduled first: runs before the end check at 11
  sim::at(1, [&] { sd.start(10); });  // until 11
  sim::at(3, [&] { wait("B"); });
  sim::at(2, [&] { wait("A"); });
  sim::at(5, [&] { sd.start(3); });  // ends at 8: no extension
  sim::at(12, [&] { wait("D"); });
  k.run(100);
  CHECK(order == std::vector<std::string>{"standdown.started", "A waits", "B waits", "C waits",
                                          "standdown.ended", "A resumed", "B resumed", "C resumed",
                                          "D went"});
}

TEST_CASE(
    "a payload that would enter a bay exactly at the horizon is not counted in "
    "integration_wait_mean_h") {
  // One bay, 10 h a payload, a payload an hour: P1 at 0 h enters at once, P2 (1 h) at 10 h
  // (waited 9 h), P3 (2 h) would enter at 20 h, the horizon: not counted. Mean (0 + 9) / 2.
  TempDir dir;
  Outcome o = run_scenario_text(
      "name: bays\n"
      "horizon_d: 0.8333333333333334\n"  // 20 h
      "vehicle: {booster: {fleet: 0}, ship: {fleet: 0}}\n"
      "sites: [{name: solo}]\n"
      "payload: {interval_h: 1, integration_bays: 1, integration_h: 10}\n",
      dir);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  auto s = read_summary(dir / "out/summary.csv");
  CHECK(std::stod(s["integration_wait_mean_h"]) == doctest::Approx(4.5));
  CHECK(only(read_timeline(dir / "out/timeline.csv"), "payload.integrated").size() ==
        1);  // P1 at 10 h
}
