// A pool of things (SimPy's Store): boosters ready to fly, integrated payloads waiting for a
// pad. put() never blocks; get() blocks until an item is there, first come first served, and
// hands out the oldest item. Tracks the time-weighted number of items held.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "sim/kernel.hpp"
#include "sim/time_weighted.hpp"

namespace starsim::sim {

class WaitQueue;

// The untyped part: a token per item, over the kernel's wait queue.
class StoreTokens {
 public:
  explicit StoreTokens(const std::string& name);
  ~StoreTokens();
  StoreTokens(StoreTokens&&) noexcept;
  StoreTokens& operator=(StoreTokens&&) noexcept;
  void take();      // blocks until a token is there
  bool try_take();
  void give();

 private:
  std::unique_ptr<WaitQueue> queue_;
};

template <class T>
class Store {
 public:
  explicit Store(std::string name) : name_(std::move(name)), tokens_(name_) {}

  void put(T item) {
    ++puts_;
    items_.push_back(std::move(item));
    level_.set(now_s(), static_cast<double>(items_.size()));
    tokens_.give();
  }
  T get() {
    tokens_.take();
    return pop();
  }
  bool try_get(T& out) {
    if (!tokens_.try_take()) return false;
    out = pop();
    return true;
  }

  const std::string& name() const { return name_; }
  std::size_t size() const { return items_.size(); }
  // Items put and taken since the start (for the arrival and departure rates of a queue).
  std::int64_t puts() const { return puts_; }
  std::int64_t gets() const { return gets_; }
  double mean_level(double until_s) const { return level_.mean(until_s); }
  double level_integral(double until_s) const { return level_.integral(until_s); }

 private:
  T pop() {
    if (items_.empty()) throw std::logic_error("Store '" + name_ + "': token without item");
    ++gets_;
    T item = std::move(items_.front());
    items_.pop_front();
    level_.set(now_s(), static_cast<double>(items_.size()));
    return item;
  }

  std::string name_;
  StoreTokens tokens_;
  std::deque<T> items_;
  TimeWeighted level_;
  std::int64_t puts_ = 0, gets_ = 0;
};

}  // namespace starsim::sim
