// A counted resource served first come, first served (SimPy's Resource): pads' towers,
// integration bays, the range. Tracks time-weighted use for utilization.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "sim/time_weighted.hpp"

namespace starsim::sim {

class WaitQueue;

class Resource {
 public:
  Resource(std::string name, std::int64_t capacity);
  ~Resource();
  Resource(Resource&&) noexcept;
  Resource& operator=(Resource&&) noexcept;

  void acquire();      // blocks until a unit is free (FIFO)
  bool try_acquire();  // takes a unit if one is free now
  void release();

  const std::string& name() const { return name_; }
  std::int64_t capacity() const { return capacity_; }
  std::int64_t in_use() const { return static_cast<std::int64_t>(busy_.level()); }
  // Busy unit-seconds over [0, until_s] / (capacity * until_s).
  double utilization(double until_s) const;
  double busy_integral_s(double until_s) const { return busy_.integral(until_s); }

 private:
  std::string name_;
  std::int64_t capacity_;
  std::unique_ptr<WaitQueue> queue_;
  TimeWeighted busy_;
};

}  // namespace starsim::sim
