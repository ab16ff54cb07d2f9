// A broadcast signal: wait() blocks the caller until the next notify_all() (a tower freed, a
// stand-down ended). Waiters wake in the order they began to wait.
#pragma once

#include <memory>
#include <string>

namespace starsim::sim {

class WaitQueue;

class Signal {
 public:
  explicit Signal(std::string name);
  ~Signal();
  Signal(Signal&&) noexcept;
  Signal& operator=(Signal&&) noexcept;

  void wait();
  // Waits for the next notify_all() or the absolute time until_s; true when notified.
  bool wait_until(double until_s);
  void notify_all();
  unsigned waiting() const { return waiting_; }

 private:
  std::unique_ptr<WaitQueue> queue_;
  unsigned waiting_ = 0;
};

}  // namespace starsim::sim
