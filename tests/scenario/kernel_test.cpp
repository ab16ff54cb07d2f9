// The kernel facade and its primitives, in simulated time. One engine per process: ctest runs
// each TEST_CASE in its own process.
#include "sim/kernel.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/event_log.hpp"
#include "sim/resource.hpp"
#include "sim/signal.hpp"
#include "sim/store.hpp"
#include "sim/tank.hpp"

using namespace starsim::sim;

TEST_CASE("actions run in time order, and at one instant in the order they were scheduled") {
  Kernel k;
  std::vector<std::string> ran;
  at(5, [&] { ran.push_back("b@5"); });
  at(2, [&] {
    ran.push_back("a@2");
    at(5, [&] { ran.push_back("d@5, scheduled at 2"); });
    after(0, [&] {
      ran.push_back("c@2, scheduled at 2");
      at(2, [&] { ran.push_back("c2@2"); });
    });
  });
  at(5, [&] {
    ran.push_back("e@5");
    after(0, [&] { ran.push_back("f@5, scheduled at 5"); });
  });
  k.run(100);
  // At 5: b, e, then d (scheduled later, at 2), then f (scheduled during the instant).
  CHECK(ran == std::vector<std::string>{"a@2", "c@2, scheduled at 2", "c2@2", "b@5", "e@5",
                                        "d@5, scheduled at 2", "f@5, scheduled at 5"});
  CHECK(now_s() == doctest::Approx(100.0));
  CHECK(Kernel::counts().actions == 7);
  CHECK(Kernel::counts().instants == 2);  // 2 and 5
}

TEST_CASE("an exception thrown by an action comes out of run(), and nothing runs after it") {
  Kernel k;
  int later = 0;
  at(5, [] { throw std::runtime_error("boom at 5 s"); });
  at(6, [&] { ++later; });
  CHECK_THROWS_WITH_AS(k.run(100), "boom at 5 s", std::runtime_error);
  CHECK(later == 0);
}

TEST_CASE("a second kernel in one process is refused") {
  Kernel k;
  CHECK_THROWS_AS(Kernel(), std::logic_error);
}

TEST_CASE(
    "the run ends at the horizon: an action due at it does not run, nor does the log keep it") {
  Kernel k;
  EventLog log(10.0, 0, {});
  int seen = 0;
  log.observe([&](const Event&) { ++seen; });
  std::function<void()> tick = [&] {
    log.emit({now_s(), "tick.happened"});
    after(2.5, tick);
  };
  at(0, tick);
  k.run(10.0);
  CHECK(now_s() == doctest::Approx(10.0));
  CHECK(seen == 4);  // 0, 2.5, 5, 7.5; the tick at 10 is outside [0, 10)
  CHECK(log.events() == 4);
}

TEST_CASE("a cancelled action does not run") {
  Kernel k;
  int ran = 0;
  const ActionId id = at(3, [&] { ++ran; });
  at(1, [&, id] { cancel(id); });
  at(4, [&] { ran += 10; });
  k.run(10);
  CHECK(ran == 10);
}

TEST_CASE("time that stops at one instant is an error, not a hang") {
  Kernel k;
  std::function<void()> spin = [&] { after(0, spin); };
  at(1, spin);
  CHECK_THROWS_WITH_AS(k.run(10), doctest::Contains("simulated time stopped at t=1 s"),
                       TimeStoppedError);
}

TEST_CASE("a resource serves waiters first come, first served") {
  Kernel k;
  Resource r("bay", 1);
  std::vector<std::pair<int, double>> served;
  for (int i = 0; i < 3; ++i) {
    at(i, [&, i] {  // arrive at 0, 1, 2
      r.acquire([&, i] {
        served.emplace_back(i, now_s());
        after(10, [&] { r.release(); });
      });
    });
  }
  // A try_acquire cannot take a unit owed to a waiter.
  bool stolen = true;
  at(10, [&] { stolen = r.try_acquire(); });
  k.run(100);
  REQUIRE(served.size() == 3);
  CHECK(served[0] == std::pair<int, double>{0, 0.0});
  CHECK(served[1] == std::pair<int, double>{1, 10.0});
  CHECK(served[2] == std::pair<int, double>{2, 20.0});
  CHECK_FALSE(stolen);
  CHECK(r.utilization(100) == doctest::Approx(0.3));
}

TEST_CASE("a store hands out the oldest item, first come first served, and waits when empty") {
  Kernel k;
  Store<int> s("boosters");
  std::vector<std::pair<int, double>> got;
  std::function<void()> take = [&] {
    s.get([&](int item) {
      got.emplace_back(item, now_s());
      if (got.size() < 3) take();
    });
  };
  at(0, [&] {
    s.put(7);
    s.put(8);
    take();
  });
  at(4, [&] { s.put(9); });
  k.run(10);
  REQUIRE(got.size() == 3);
  CHECK(got[0] == std::pair<int, double>{7, 0.0});
  CHECK(got[1] == std::pair<int, double>{8, 0.0});
  CHECK(got[2].first == 9);
  CHECK(got[2].second == doctest::Approx(4.0));
  CHECK(s.size() == 0);
}

TEST_CASE("an item put for later arrives at its time: to a waiting taker then, or into the pool") {
  Kernel k;
  Store<int> s("ready boosters");
  std::vector<std::pair<int, double>> got;
  at(0, [&] {
    s.put_at(6, 1);
    s.put_at(3, 2);
    s.get([&](int item) { got.emplace_back(item, now_s()); });  // waits for the first to arrive
  });
  at(1, [&] { s.put_at(2, 3); });  // arrives before the others
  k.run(10);
  REQUIRE(got.size() == 1);
  CHECK(got[0] == std::pair<int, double>{3, 2.0});
  // Nobody waited for the others: no action of their own, and the pool counts them from their
  // arrival: 1 item on [3, 6), 2 on [6, 10).
  s.settle(10);
  CHECK(s.size() == 2);
  CHECK(s.level_integral(10) == doctest::Approx(3 + 2 * 4));
  CHECK(Kernel::counts().actions == 3 + 1);  // at 0, at 1, the wake at 2 and its hand-over
}

TEST_CASE(
    "a tank fills at its rate and a draw waits until the level covers it, one draw at a time") {
  Kernel k;
  Tank t("propellant", 100.0, 0.0, 1.0);  // 1 unit/s up to 100
  std::vector<double> done;
  at(0, [&] { t.draw(50, [&] { done.push_back(now_s()); }); });
  at(1, [&] { t.draw(50, [&] { done.push_back(now_s()); }); });
  k.run(300);
  REQUIRE(done.size() == 2);
  CHECK(done[0] == doctest::Approx(50.0));
  CHECK(done[1] == doctest::Approx(100.0));
  CHECK(t.level(300) == doctest::Approx(100.0));  // full again at 200 s
  // Level 0 to 50 on [0, 50), 0 to 50 on [50, 100), 0 to 100 on [100, 200), 100 after.
  const double integral = 1250 + 1250 + 5000 + 100 * 100;
  CHECK(t.mean_level(300) == doctest::Approx(integral / 300));
}

TEST_CASE("a signal wakes every waiter, in the order they began to wait") {
  Kernel k;
  Signal sig("tower freed");
  std::vector<std::pair<int, double>> woke;
  for (int i = 0; i < 3; ++i)
    at(i, [&, i] { sig.wait([&, i] { woke.emplace_back(i, now_s()); }); });
  at(7, [&] { sig.notify_all(); });
  k.run(20);
  CHECK(woke == std::vector<std::pair<int, double>>{{0, 7.0}, {1, 7.0}, {2, 7.0}});
}

TEST_CASE("a taker withdrawn from a store gets nothing, and its item goes to the next one") {
  Kernel k;
  Store<int> s("payloads");
  std::vector<std::pair<char, int>> got;
  Store<int>::Ticket a = 0, b = 0, c = 0;
  at(0, [&] {
    a = s.get([&](int item) { got.emplace_back('a', item); });
    b = s.get([&](int item) { got.emplace_back('b', item); });
    c = s.get([&](int item) { got.emplace_back('c', item); });
  });
  at(1, [&] { CHECK(s.cancel(a)); });  // waiting, nothing promised yet: simply gone
  at(2, [&] {
    s.put(10);           // promised to b, handed over after this action
    CHECK(s.cancel(b));  // withdrawn between the promise and the hand-over
  });
  at(3, [&] { CHECK_FALSE(s.cancel(a)); });  // twice: nothing to withdraw
  k.run(10);
  CHECK(got == std::vector<std::pair<char, int>>{{'c', 10}});
  CHECK(s.size() == 0);
  CHECK(s.waiting() == 0);
}

TEST_CASE(
    "a tank's rate and capacity change from now: a waiting draw is served when the new rate covers "
    "it") {
  Kernel k;
  Tank t("farm", 100.0, 0.0, 0.0);  // empty, not producing
  std::vector<double> done;
  at(0, [&] { t.draw(50, [&] { done.push_back(now_s()); }); });  // waits: nothing produced
  at(10, [&] { t.set_fill_per_s(2.0); });                        // 50 units 25 s later
  at(60, [&] { t.set_capacity(20.0); });                         // it held 50: 30 spill
  k.run(100);
  REQUIRE(done.size() == 1);
  CHECK(done[0] == doctest::Approx(35.0));
  CHECK(t.level(60) == doctest::Approx(20.0));
  CHECK(t.level(100) == doctest::Approx(20.0));
}
