// A broadcast signal: wait(then) runs `then` at the next notify_all() (a tower freed, a
// stand-down ended). Waiters run in the order they began to wait, as actions at the instant
// of the notification; one that begins to wait during them waits for the next one.
#pragma once

#include <deque>
#include <string>

#include "sim/kernel.hpp"

namespace starsim::sim {

class Signal {
 public:
  explicit Signal(std::string name) : name_(std::move(name)) {}
  Signal(const Signal&) = delete;
  Signal& operator=(const Signal&) = delete;

  void wait(Action then) { waiters_.push_back(std::move(then)); }
  void notify_all();
  std::size_t waiting() const { return waiters_.size(); }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::deque<Action> waiters_;
};

}  // namespace starsim::sim
