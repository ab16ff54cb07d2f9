#include "sim/resource.hpp"

#include <stdexcept>

namespace starsim::sim {

Resource::Resource(std::string name, std::int64_t capacity)
    : name_(std::move(name)), capacity_(capacity), free_(capacity) {
  if (capacity < 0 || capacity > 1'000'000'000) throw std::logic_error("Resource: bad capacity");
}

void Resource::acquire(Action then) {
  if (waiters_.empty() && free_ > 0) {
    --free_;
    busy_.add(now_s(), 1.0);
    then();
    return;
  }
  waiters_.push_back(std::move(then));
}

bool Resource::try_acquire() {
  if (!waiters_.empty() || free_ == 0) return false;
  --free_;
  busy_.add(now_s(), 1.0);
  return true;
}

void Resource::release() {
  if (busy_.level() <= 0.0) throw std::logic_error("Resource '" + name_ + "' released while free");
  busy_.add(now_s(), -1.0);
  if (waiters_.size() > promised_) {
    ++promised_;
    if (!serving_) {
      serving_ = true;
      at(now_s(), [this] { serve(); });
    }
  } else {
    ++free_;
  }
}

void Resource::serve() {
  serving_ = false;
  while (promised_ > 0) {
    --promised_;
    Action then = std::move(waiters_.front());
    waiters_.pop_front();
    busy_.add(now_s(), 1.0);
    then();
  }
}

double Resource::utilization(double until_s) const {
  if (capacity_ == 0 || until_s <= 0.0) return 0.0;
  return busy_.integral(until_s) / (static_cast<double>(capacity_) * until_s);
}

}  // namespace starsim::sim
