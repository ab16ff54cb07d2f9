#include "sim/resource.hpp"

#include <stdexcept>

#include "sim/kernel.hpp"
#include "sim/wait_queue.hpp"

namespace starsim::sim {

Resource::Resource(std::string name, std::int64_t capacity)
    : name_(std::move(name)), capacity_(capacity) {
  if (capacity < 0 || capacity > 1'000'000'000) throw std::logic_error("Resource: bad capacity");
  queue_ = std::make_unique<WaitQueue>(name_, static_cast<unsigned>(capacity));
}
Resource::~Resource() = default;
Resource::Resource(Resource&&) noexcept = default;
Resource& Resource::operator=(Resource&&) noexcept = default;

void Resource::acquire() {
  queue_->acquire();
  busy_.add(now_s(), 1.0);
}

bool Resource::try_acquire() {
  if (!queue_->try_acquire()) return false;
  busy_.add(now_s(), 1.0);
  return true;
}

void Resource::release() {
  if (busy_.level() <= 0.0) throw std::logic_error("Resource '" + name_ + "' released while free");
  busy_.add(now_s(), -1.0);
  queue_->release();
}

double Resource::utilization(double until_s) const {
  if (capacity_ == 0 || until_s <= 0.0) return 0.0;
  return busy_.integral(until_s) / (static_cast<double>(capacity_) * until_s);
}

}  // namespace starsim::sim
