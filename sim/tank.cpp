#include "sim/tank.hpp"

#include <algorithm>
#include <stdexcept>

namespace starsim::sim {

Tank::Tank(std::string name, double capacity, double initial, double fill_per_s)
    : name_(std::move(name)), capacity_(capacity), fill_per_s_(fill_per_s), level_(initial) {
  if (!(capacity >= 0) || !(initial >= 0) || initial > capacity || !(fill_per_s >= 0))
    throw std::logic_error("Tank '" + name_ + "': bad capacity, level or rate");
}

void Tank::project(double t, double& level, double& integral) const {
  double dt = t - last_s_;
  level = level_;
  integral = integral_;
  if (dt <= 0) return;
  double to_full = fill_per_s_ > 0 ? (capacity_ - level_) / fill_per_s_ : dt;
  if (dt <= to_full) {
    integral += level_ * dt + 0.5 * fill_per_s_ * dt * dt;
    level = std::min(capacity_, level_ + fill_per_s_ * dt);
  } else {
    integral +=
        level_ * to_full + 0.5 * fill_per_s_ * to_full * to_full + capacity_ * (dt - to_full);
    level = capacity_;
  }
}

void Tank::advance(double to_s) {
  project(to_s, level_, integral_);
  last_s_ = std::max(last_s_, to_s);
}

void Tank::draw(double amount, Action then) {
  if (!(amount >= 0) || amount > capacity_)
    throw std::logic_error("Tank '" + name_ + "': draw larger than the capacity");
  draws_.emplace_back(amount, std::move(then));
  if (draws_.size() == 1) serve_first();
}

void Tank::serve_first() {
  while (!draws_.empty() && !waking_) {
    advance(now_s());
    const double amount = draws_.front().first;
    if (level_ < amount) {
      if (fill_per_s_ <= 0) return;  // never covered: the draw waits for good
      waking_ = true;
      wake_ = after((amount - level_) / fill_per_s_, [this] {
        waking_ = false;
        advance(now_s());
        level_ =
            std::max(level_, draws_.front().first);  // rounding: the wait was computed to cover it
        serve_first();
      });
      return;
    }
    level_ = std::max(0.0, level_ - amount);
    Action then = std::move(draws_.front().second);
    draws_.pop_front();
    then();
  }
}

void Tank::set_fill_per_s(double fill_per_s) {
  if (!(fill_per_s >= 0)) throw std::logic_error("Tank '" + name_ + "': bad rate");
  advance(now_s());
  fill_per_s_ = fill_per_s;
  if (waking_) {  // the wake was computed for the old rate
    cancel(wake_);
    waking_ = false;
  }
  serve_first();
}

void Tank::set_capacity(double capacity) {
  if (!(capacity >= 0)) throw std::logic_error("Tank '" + name_ + "': bad capacity");
  advance(now_s());
  capacity_ = capacity;
  level_ = std::min(level_, capacity_);
  if (waking_) {
    cancel(wake_);
    waking_ = false;
  }
  serve_first();
}

double Tank::level(double at_s) const {
  double level = 0, integral = 0;
  project(at_s, level, integral);
  return level;
}

double Tank::mean_level(double until_s) const {
  if (until_s <= 0) return level_;
  double level = 0, integral = 0;
  project(until_s, level, integral);
  return integral / until_s;
}

}  // namespace starsim::sim
