#include "sim/tank.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/kernel.hpp"
#include "sim/wait_queue.hpp"

namespace starsim::sim {

Tank::Tank(std::string name, double capacity, double initial, double fill_per_s)
    : name_(std::move(name)), capacity_(capacity), fill_per_s_(fill_per_s), level_(initial) {
  if (!(capacity >= 0) || !(initial >= 0) || initial > capacity || !(fill_per_s >= 0))
    throw std::logic_error("Tank '" + name_ + "': bad capacity, level or rate");
  turn_ = std::make_unique<WaitQueue>(name_, 1);
  never_ = std::make_unique<WaitQueue>(name_ + " (no production)", 0);
}
Tank::~Tank() = default;
Tank::Tank(Tank&&) noexcept = default;
Tank& Tank::operator=(Tank&&) noexcept = default;

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
    integral += level_ * to_full + 0.5 * fill_per_s_ * to_full * to_full + capacity_ * (dt - to_full);
    level = capacity_;
  }
}

void Tank::advance(double to_s) {
  project(to_s, level_, integral_);
  last_s_ = std::max(last_s_, to_s);
}

void Tank::draw(double amount) {
  if (!(amount >= 0) || amount > capacity_)
    throw std::logic_error("Tank '" + name_ + "': draw larger than the capacity");
  turn_->acquire();
  advance(now_s());
  if (level_ < amount) {
    if (fill_per_s_ <= 0) never_->acquire();  // never released: a deadlock names this tank
    sleep_for_s((amount - level_) / fill_per_s_);
    advance(now_s());
  }
  level_ = std::max(0.0, level_ - amount);
  turn_->release();
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
