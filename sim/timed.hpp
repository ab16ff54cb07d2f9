// A quantity that changes with simulated time, in steps: a value in force at the start, then
// a new value from each step's time on. A scenario writes it as a plain value (a constant), a
// `{schedule: {DATE: value, ...}}` (steps on those dates) or a `{ramp: {DATE: value, ...}}`
// (linear between the dates, stepped at every midnight); the reader (sim/config) turns both
// into steps, so the models meet one form. Pure data: no simulated time is read here.
//
// at_each_step (sim/timed_steps.hpp) runs an action at every step of the run.
#pragma once

#include <algorithm>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

namespace starsim::sim {

template <class T>
class Timed {
 public:
  Timed() : values_{T{}} {}
  Timed(T value) : values_{std::move(value)} {}  // NOLINT: a constant converts implicitly

  // From time_s (seconds since the start, > 0 and after the last step) the value is `value`.
  void step(double time_s, T value) {
    if (!(time_s > 0) || (!times_.empty() && !(time_s > times_.back())))
      throw std::logic_error("Timed::step: steps come after the start, in increasing time");
    times_.push_back(time_s);
    values_.push_back(std::move(value));
  }

  // The value in force at t_s: the last step at or before it.
  const T& at(double t_s) const {
    if (times_.empty() || t_s < times_.front()) return values_.front();
    const auto it = std::upper_bound(times_.begin(), times_.end(), t_s);
    return values_[static_cast<std::size_t>(it - times_.begin())];
  }
  // The value in force just before t_s (at the end of a span that ends at t_s).
  const T& before(double t_s) const {
    const auto it = std::lower_bound(times_.begin(), times_.end(), t_s);
    return values_[static_cast<std::size_t>(it - times_.begin())];
  }
  const T& initial() const { return values_.front(); }
  bool constant() const { return times_.empty(); }

  // The steps after the start, in time order.
  std::size_t steps() const { return times_.size(); }
  double step_time_s(std::size_t i) const { return times_[i]; }
  const T& step_value(std::size_t i) const { return values_[i + 1]; }
  // When the value next changes after t_s: infinity when it never does.
  double next_step_after(double t_s) const {
    const auto it = std::upper_bound(times_.begin(), times_.end(), t_s);
    return it == times_.end() ? std::numeric_limits<double>::infinity() : *it;
  }

  // Every value it takes (the initial one first).
  const std::vector<T>& values() const { return values_; }

 private:
  std::vector<double> times_;  // times_[i]: when values_[i + 1] takes over
  std::vector<T> values_;
};

// The time average of a numeric quantity over [from_s, to_s) (its value at from_s when the
// span is empty).
template <class T>
double mean_over(const Timed<T>& x, double from_s, double to_s) {
  if (!(to_s > from_s)) return static_cast<double>(x.at(from_s));
  double integral = 0.0, t = from_s;
  while (t < to_s) {
    const double next = std::min(to_s, x.next_step_after(t));
    integral += static_cast<double>(x.at(t)) * (next - t);
    t = next;
  }
  return integral / (to_s - from_s);
}

// The largest value it takes from the start on.
template <class T>
T max_value(const Timed<T>& x) {
  return *std::max_element(x.values().begin(), x.values().end());
}

}  // namespace starsim::sim
