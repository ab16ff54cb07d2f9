// A continuous level (SimPy's Container): a propellant farm filled at a constant rate up to its
// capacity. draw() blocks, first come first served, until the level covers the amount, then
// takes it. Tracks the time-weighted mean level. Units are the caller's (tonnes, t/s).
#pragma once

#include <memory>
#include <string>

namespace starsim::sim {

class WaitQueue;

class Tank {
 public:
  Tank(std::string name, double capacity, double initial, double fill_per_s);
  ~Tank();
  Tank(Tank&&) noexcept;
  Tank& operator=(Tank&&) noexcept;

  // Blocks until `amount` (<= capacity) is in the tank, then removes it.
  void draw(double amount);
  double level(double at_s) const;
  double mean_level(double until_s) const;
  const std::string& name() const { return name_; }

 private:
  void advance(double to_s);
  // Level and integral of the level from the last update to t (no state change).
  void project(double t, double& level, double& integral) const;

  std::string name_;
  double capacity_, fill_per_s_;
  double level_, last_s_ = 0.0, integral_ = 0.0;
  std::unique_ptr<WaitQueue> turn_;   // one drawer at a time, FIFO
  std::unique_ptr<WaitQueue> never_;  // a draw with no production blocks here for good
};

}  // namespace starsim::sim
