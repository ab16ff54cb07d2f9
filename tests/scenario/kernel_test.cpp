// The kernel facade and its primitives, in simulated time. One engine per process: ctest runs
// each TEST_CASE in its own process.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "sim/event_log.hpp"
#include "sim/kernel.hpp"
#include "sim/resource.hpp"
#include "sim/signal.hpp"
#include "sim/store.hpp"
#include "sim/tank.hpp"

using namespace starsim::sim;

TEST_CASE("an exception thrown in an actor comes out of run()") {
  Kernel k;
  k.spawn("worker", [] {
    sleep_for_s(5);
    throw std::runtime_error("boom at 5 s");
  });
  k.spawn("bystander", [] {
    for (;;) sleep_for_s(1);
  });
  CHECK_THROWS_WITH_AS(k.run(100), "boom at 5 s", std::runtime_error);
  CHECK(now_s() == doctest::Approx(5.0));
}

TEST_CASE("a deadlock names each blocked actor and what it waits on") {
  Kernel k;
  Resource boosters("ready boosters", 0);
  Resource towers("tower solo/1", 1);
  k.spawn("pad solo/1", [&] { boosters.acquire(); }, Lifetime::MUST_FINISH);
  k.spawn("ship S1", [&] {
    towers.acquire();
    towers.acquire();
  }, Lifetime::MUST_FINISH);
  try {
    k.run(std::numeric_limits<double>::infinity());
    FAIL("no deadlock reported");
  } catch (const DeadlockError& e) {
    const std::string what = e.what();
    CAPTURE(what);
    CHECK(what.find("'pad solo/1' waits on 'ready boosters'") != std::string::npos);
    CHECK(what.find("'ship S1' waits on 'tower solo/1'") != std::string::npos);
  }
}

TEST_CASE("a second kernel in one process is refused") {
  Kernel k;
  CHECK_THROWS_AS(Kernel(), std::logic_error);
}

TEST_CASE("the run ends at the horizon and the log drops what falls on it") {
  Kernel k;
  EventLog log(10.0, 0, {});
  int seen = 0;
  log.observe([&](const Event&) { ++seen; });
  k.spawn("ticker", [&] {
    for (;;) {
      log.emit({now_s(), "tick.happened"});
      sleep_for_s(2.5);
    }
  });
  k.run(10.0);
  CHECK(now_s() == doctest::Approx(10.0));
  CHECK(seen == 4);  // 0, 2.5, 5, 7.5; the tick at 10 is outside [0, 10)
  CHECK(log.events() == 4);
}

TEST_CASE("a resource serves waiters first come, first served") {
  Kernel k;
  Resource r("bay", 1);
  std::vector<std::pair<int, double>> served;
  for (int i = 0; i < 3; ++i) {
    k.spawn("user " + std::to_string(i), [&, i] {
      sleep_for_s(i);  // arrive at 0, 1, 2
      r.acquire();
      served.emplace_back(i, now_s());
      sleep_for_s(10);
      r.release();
    });
  }
  k.run(100);
  REQUIRE(served.size() == 3);
  CHECK(served[0] == std::pair<int, double>{0, 0.0});
  CHECK(served[1] == std::pair<int, double>{1, 10.0});
  CHECK(served[2] == std::pair<int, double>{2, 20.0});
  CHECK(r.utilization(100) == doctest::Approx(0.3));
}

TEST_CASE("a store hands out the oldest item and blocks when empty") {
  Kernel k;
  Store<int> s("boosters");
  std::vector<std::pair<int, double>> got;
  k.spawn("taker", [&] {
    for (int i = 0; i < 3; ++i) {
      const int item = s.get();  // before now_s(): argument order is unspecified
      got.emplace_back(item, now_s());
    }
  });
  k.spawn("maker", [&] {
    s.put(7);
    s.put(8);
    sleep_for_s(4);
    s.put(9);
  });
  k.run(10);
  REQUIRE(got.size() == 3);
  CHECK(got[0] == std::pair<int, double>{7, 0.0});
  CHECK(got[1] == std::pair<int, double>{8, 0.0});
  CHECK(got[2].first == 9);
  CHECK(got[2].second == doctest::Approx(4.0));
  CHECK(s.size() == 0);
}

TEST_CASE("a tank fills at its rate and a draw waits until the level covers it") {
  Kernel k;
  Tank t("propellant", 100.0, 0.0, 1.0);  // 1 unit/s up to 100
  std::vector<double> done;
  k.spawn("first", [&] {
    t.draw(50);
    done.push_back(now_s());
  });
  k.spawn("second", [&] {
    sleep_for_s(1);
    t.draw(50);
    done.push_back(now_s());
  });
  k.run(300);
  REQUIRE(done.size() == 2);
  CHECK(done[0] == doctest::Approx(50.0));
  CHECK(done[1] == doctest::Approx(100.0));
  CHECK(t.level(300) == doctest::Approx(100.0));  // full again at 200 s
  // Level 0 to 50 on [0, 50), 0 to 50 on [50, 100), 0 to 100 on [100, 200), 100 after.
  const double integral = 1250 + 1250 + 5000 + 100 * 100;
  CHECK(t.mean_level(300) == doctest::Approx(integral / 300));
}

TEST_CASE("a signal wakes every waiter") {
  Kernel k;
  Signal sig("tower freed");
  std::vector<double> woke;
  for (int i = 0; i < 3; ++i) k.spawn("waiter " + std::to_string(i), [&] {
    sig.wait();
    woke.push_back(now_s());
  });
  k.spawn("notifier", [&] {
    sleep_for_s(7);
    sig.notify_all();
  });
  k.run(20);
  CHECK(woke == std::vector<double>{7.0, 7.0, 7.0});
}
