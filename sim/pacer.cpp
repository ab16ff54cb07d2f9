#include "sim/pacer.hpp"

namespace starsim::sim {

void Pacer::set(std::optional<Distribution> interval) {
  if (interval_) {
    left_ = (due_s_ - now_s()) / interval_->mean();
    cancel(pending_);
  }
  interval_ = std::move(interval);
  if (!interval_) return;
  due_s_ = now_s() + left_ * interval_->mean();
  pending_ = at(due_s_, [this] { complete(); });
}

void Pacer::complete() {
  unit_();
  due_s_ = now_s() + interval_->sample(rng_);
  pending_ = at(due_s_, [this] { complete(); });
}

}  // namespace starsim::sim
