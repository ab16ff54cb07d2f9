// Simulated time meets a Timed quantity: an action at each of its steps within the run.
#pragma once

#include <cstddef>
#include <utility>

#include "sim/kernel.hpp"
#include "sim/timed.hpp"

namespace starsim::sim {

// Runs on_step(value) at every step of x after now (the kernel must exist), one pending action
// at a time: a century of daily ramp steps holds one action, not 36,500. x must outlive the run.
template <class T, class F>
void at_each_step(const Timed<T>& x, F on_step) {
  std::size_t i = 0;
  while (i < x.steps() && x.step_time_s(i) <= now_s()) ++i;
  if (i == x.steps()) return;
  at(x.step_time_s(i), [&x, on_step = std::move(on_step), i]() mutable {
    on_step(x.step_value(i));
    at_each_step(x, std::move(on_step));
  });
}

}  // namespace starsim::sim
