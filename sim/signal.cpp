#include "sim/signal.hpp"

#include "sim/wait_queue.hpp"

namespace starsim::sim {

Signal::Signal(std::string name) : queue_(std::make_unique<WaitQueue>(std::move(name), 0)) {}
Signal::~Signal() = default;
Signal::Signal(Signal&&) noexcept = default;
Signal& Signal::operator=(Signal&&) noexcept = default;

void Signal::wait() {
  ++waiting_;
  queue_->acquire();
}

bool Signal::wait_until(double until_s) {
  ++waiting_;
  const bool notified = queue_->acquire_until(until_s);
  // A waiter that timed out is no longer queued; a notify_all() at the same instant may have
  // counted it already (then it left a token, and the next wait returns at once: a spurious
  // wake-up, which callers of a Signal re-check anyway).
  if (!notified && waiting_ > 0) --waiting_;
  return notified;
}

void Signal::notify_all() {
  unsigned n = waiting_;
  waiting_ = 0;
  for (unsigned i = 0; i < n; ++i) queue_->release();
}

}  // namespace starsim::sim
