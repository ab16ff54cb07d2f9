// A continuous level (SimPy's Container): a propellant farm filled at a constant rate up to its
// capacity. draw(amount, then) takes `amount` and runs `then` once the level covers it; draws
// are served one at a time, first come first served. Tracks the time-weighted mean level.
// Units are the caller's (tonnes, t/s). A draw that production can never cover waits until the
// rate changes. The rate and the capacity may change (a farm's schedule): a smaller capacity
// spills what it no longer holds.
#pragma once

#include <deque>
#include <string>
#include <utility>

#include "sim/kernel.hpp"

namespace starsim::sim {

class Tank {
 public:
  Tank(std::string name, double capacity, double initial, double fill_per_s);
  Tank(const Tank&) = delete;
  Tank& operator=(const Tank&) = delete;

  void draw(double amount, Action then);
  // From now on (amount must stay within every capacity the caller sets).
  void set_fill_per_s(double fill_per_s);
  void set_capacity(double capacity);
  double level(double at_s) const;
  double mean_level(double until_s) const;
  const std::string& name() const { return name_; }
  std::size_t waiting() const { return draws_.size(); }

 private:
  void advance(double to_s);
  // Level and integral of the level from the last update to t (no state change).
  void project(double t, double& level, double& integral) const;
  // Serves the first draw now if the level covers it, else wakes when it will.
  void serve_first();

  std::string name_;
  double capacity_, fill_per_s_;
  double level_, last_s_ = 0.0, integral_ = 0.0;
  std::deque<std::pair<double, Action>> draws_;  // amount, then; the first is served next
  bool waking_ = false;                          // an action will serve the first draw
  ActionId wake_;
};

}  // namespace starsim::sim
