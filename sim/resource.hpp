// A counted resource served first come, first served (SimPy's Resource): a pad's tower, a
// site's launch turn. acquire(then) runs `then` holding a unit: at once when one is free and
// nobody waits before, otherwise when one is released (the hand-over is an action at that
// instant). Tracks time-weighted use for utilization.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>

#include "sim/kernel.hpp"
#include "sim/time_weighted.hpp"

namespace starsim::sim {

class Resource {
 public:
  Resource(std::string name, std::int64_t capacity);
  Resource(const Resource&) = delete;
  Resource& operator=(const Resource&) = delete;

  void acquire(Action then);
  bool try_acquire();  // takes a unit if one is free now and nobody waits
  void release();

  const std::string& name() const { return name_; }
  std::int64_t capacity() const { return capacity_; }
  std::int64_t in_use() const { return static_cast<std::int64_t>(busy_.level()); }
  std::size_t waiting() const { return waiters_.size(); }
  // Busy unit-seconds over [0, until_s] / (capacity * until_s).
  double utilization(double until_s) const;
  double busy_integral_s(double until_s) const { return busy_.integral(until_s); }

 private:
  void serve();

  std::string name_;
  std::int64_t capacity_, free_;
  std::deque<Action> waiters_;
  std::size_t promised_ = 0;  // units released and owed to the first waiters
  bool serving_ = false;
  TimeWeighted busy_;
};

}  // namespace starsim::sim
