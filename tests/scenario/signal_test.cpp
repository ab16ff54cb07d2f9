// sim::Signal's rule: waiters run in the order they began to wait, as actions at the instant of
// the notification, each once; one that begins to wait during the notification waits for the
// next one. One engine per process: ctest runs each TEST_CASE in its own process.
#include "sim/signal.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/kernel.hpp"

using namespace starsim::sim;

TEST_CASE("a signal's waiters run after the notifying action, at its instant, in order") {
  Kernel k;
  Signal sig("tower freed");
  std::vector<std::string> ran;
  at(1, [&] {
    sig.wait([&] { ran.push_back("a@" + std::to_string(now_s())); });
    sig.wait([&] { ran.push_back("b@" + std::to_string(now_s())); });
  });
  at(2, [&] {
    sig.notify_all();
    ran.push_back("notified");
    CHECK(sig.waiting() == 0);
  });
  k.run(10);
  CHECK(ran == std::vector<std::string>{"notified", "a@2.000000", "b@2.000000"});
}

TEST_CASE("a signal wakes each waiter once: a second notification finds nobody") {
  Kernel k;
  Signal sig("stand-down ended");
  int woken = 0;
  at(0, [&] { sig.wait([&] { ++woken; }); });
  at(1, [&] { sig.notify_all(); });
  at(2, [&] { sig.notify_all(); });
  at(3, [&] { CHECK(sig.waiting() == 0); });
  k.run(10);
  CHECK(woken == 1);
}

TEST_CASE("one that begins to wait during a notification waits for the next one") {
  Kernel k;
  Signal sig("tower freed");
  std::vector<std::string> ran;
  at(0, [&] {
    sig.wait([&] {
      ran.push_back("first@" + std::to_string(int(now_s())));
      // Waits again from inside its wake-up: the next notification, not this one.
      sig.wait([&] { ran.push_back("again@" + std::to_string(int(now_s()))); });
    });
  });
  at(5, [&] {
    sig.notify_all();
    // Begins to wait after the notification, at its instant, before the waiters ran.
    sig.wait([&] { ran.push_back("late@" + std::to_string(int(now_s()))); });
  });
  at(5, [&] { CHECK(sig.waiting() == 1); });  // "late"; the woken one is no longer waiting
  at(8, [&] { sig.notify_all(); });
  k.run(20);
  CHECK(ran == std::vector<std::string>{"first@5", "late@8", "again@8"});
  CHECK(sig.waiting() == 0);
}
