// A FIFO counting semaphore over suspended SimGrid actors (kernel.cpp), labelled for deadlock
// reports. Internal to sim/: models use Resource, Store, Tank and Signal. A wait that need not
// block costs no kernel call.
#pragma once

#include <memory>
#include <string>

namespace starsim::sim {

class WaitQueue {
 public:
  WaitQueue(std::string label, unsigned initial);
  ~WaitQueue();
  WaitQueue(const WaitQueue&) = delete;
  WaitQueue& operator=(const WaitQueue&) = delete;

  void acquire();   // blocks, first come first served
  bool try_acquire();
  // Blocks until acquired (true) or until the absolute time `until_s` (false).
  bool acquire_until(double until_s);
  void release();
  const std::string& label() const { return label_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string label_;
};

}  // namespace starsim::sim
