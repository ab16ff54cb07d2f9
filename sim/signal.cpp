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

void Signal::notify_all() {
  unsigned n = waiting_;
  waiting_ = 0;
  for (unsigned i = 0; i < n; ++i) queue_->release();
}

}  // namespace starsim::sim
