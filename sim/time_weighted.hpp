// A time-weighted level (busy units, items in a pool): the integral of a step function of time,
// for utilizations and mean levels. Pure arithmetic, no simulated time of its own.
#pragma once

namespace starsim::sim {

class TimeWeighted {
 public:
  explicit TimeWeighted(double level = 0.0) : level_(level) {}
  // The level changes to `level` at time `now_s` (times never decrease).
  void set(double now_s, double level) {
    integral_ += level_ * (now_s - last_s_);
    last_s_ = now_s;
    level_ = level;
  }
  void add(double now_s, double delta) { set(now_s, level_ + delta); }
  double level() const { return level_; }
  // Integral of the level over [0, until_s], until_s >= the last change.
  double integral(double until_s) const { return integral_ + level_ * (until_s - last_s_); }
  double mean(double until_s) const { return until_s > 0 ? integral(until_s) / until_s : 0.0; }

 private:
  double level_ = 0.0;
  double last_s_ = 0.0;
  double integral_ = 0.0;
};

}  // namespace starsim::sim
