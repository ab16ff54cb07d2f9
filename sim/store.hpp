// A pool of things (SimPy's Store): integrated payloads waiting for a pad, ready boosters,
// droneships in port. put() never waits; get(taker) hands the oldest item to `taker`: at once
// when one is there and nobody asked before, otherwise as soon as one is put, first come first
// served (the hand-over is an action at that instant, after the putter's). Tracks the
// time-weighted number of items held and the items put and taken (a queue's rates).
//
// get() returns a ticket: cancel(ticket) withdraws a taker that no longer wants an item (a
// pad closed down while it waited), and the item it would have had goes to the next one.
//
// put_at(time, item) puts an item that arrives later (a booster ready when its turnaround
// ends) as if put() ran then, but with no action of its own unless a taker is waiting then: the
// pool moves arrived items in when it is next used. A fleet of idle vehicles costs nothing.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/kernel.hpp"
#include "sim/time_weighted.hpp"

namespace starsim::sim {

template <class T>
class Store {
 public:
  using Taker = std::function<void(T)>;
  using Ticket = std::uint64_t;

  explicit Store(std::string name) : name_(std::move(name)) {}
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  void put(T item) {
    advance(now_s());
    ++puts_;
    items_.push_back(std::move(item));
    level_.set(now_s(), static_cast<double>(items_.size()));
    if (takers_.size() > promised_) {  // the oldest unpromised item goes to a waiting taker
      ++promised_;
      if (!serving_) {
        serving_ = true;
        at(now_s(), [this] { serve(); });
      }
    }
  }
  void put_at(double time_s, T item) {
    if (time_s <= now_s()) return put(std::move(item));
    later_.push_back({time_s, next_seq_++, std::move(item)});
    std::push_heap(later_.begin(), later_.end(), Later::after);
    if (!takers_.empty()) wake_for_next();
  }
  // Served at once (ticket 0) or later (a ticket to cancel).
  Ticket get(Taker taker) {
    advance(now_s());
    if (takers_.empty() && !items_.empty()) {
      taker(pop());
      return 0;
    }
    takers_.push_back({++last_ticket_, std::move(taker)});
    wake_for_next();
    return last_ticket_;
  }
  // Withdraws a waiting taker; false when it was served already (or never waited).
  bool cancel(Ticket ticket) {
    for (std::size_t i = 0; i < takers_.size(); ++i) {
      if (takers_[i].first != ticket || !takers_[i].second) continue;
      if (i < promised_) {
        takers_[i].second = nullptr;  // its item is handed on when the promise is served
      } else {
        takers_.erase(takers_.begin() + static_cast<std::ptrdiff_t>(i));
      }
      return true;
    }
    return false;
  }
  // Takes the oldest item now if nobody waits before; false otherwise.
  bool try_get(T& out) {
    advance(now_s());
    if (!takers_.empty() || items_.empty()) return false;
    out = pop();
    return true;
  }
  // Moves in what has arrived by until_s (before reading the levels at the horizon).
  void settle(double until_s) { advance(until_s); }

  const std::string& name() const { return name_; }
  std::size_t size() const { return items_.size(); }
  std::size_t waiting() const { return takers_.size(); }
  std::int64_t puts() const { return puts_; }
  std::int64_t gets() const { return gets_; }
  double mean_level(double until_s) const { return level_.mean(until_s); }
  double level_integral(double until_s) const { return level_.integral(until_s); }

 private:
  T pop() {
    if (items_.empty()) throw std::logic_error("Store '" + name_ + "': no item to hand out");
    ++gets_;
    T item = std::move(items_.front());
    items_.pop_front();
    level_.set(now_s(), static_cast<double>(items_.size()));
    return item;
  }
  struct Later {
    double time_s;
    std::uint64_t seq;
    T item;
    static bool after(const Later& a, const Later& b) {  // a heap's "less": the latest on top
      return a.time_s != b.time_s ? a.time_s > b.time_s : a.seq > b.seq;
    }
  };
  // Moves the items arrived by t in, in order of arrival.
  void advance(double t) {
    while (!later_.empty() && later_.front().time_s <= t) {
      std::pop_heap(later_.begin(), later_.end(), Later::after);
      Later l = std::move(later_.back());
      later_.pop_back();
      ++puts_;
      items_.push_back(std::move(l.item));
      level_.set(l.time_s, static_cast<double>(items_.size()));
    }
    if (takers_.size() > promised_ && items_.size() > promised_) {
      promised_ = std::min(takers_.size(), items_.size());
      if (!serving_) {
        serving_ = true;
        at(now_s(), [this] { serve(); });
      }
    }
  }
  // Takers wait and an item will arrive: an action then.
  void wake_for_next() {
    if (later_.empty()) return;
    const double t = later_.front().time_s;
    if (wake_time_s_ <= t && wake_time_s_ >= now_s()) return;  // one pending, soon enough
    sim::cancel(wake_);
    wake_time_s_ = t;
    wake_ = at(t, [this] {
      wake_time_s_ = -1.0;
      advance(now_s());
      if (takers_.size() > promised_) wake_for_next();
    });
  }
  void serve() {
    serving_ = false;
    bool withdrawn = false;
    while (promised_ > 0) {
      --promised_;
      Taker taker = std::move(takers_.front().second);
      takers_.pop_front();
      if (!taker) {
        withdrawn = true;  // cancelled: its item stays for the next taker
        continue;
      }
      taker(pop());
    }
    if (withdrawn) advance(now_s());
  }

  std::string name_;
  std::deque<T> items_;
  std::deque<std::pair<Ticket, Taker>> takers_;
  Ticket last_ticket_ = 0;
  std::vector<Later> later_;  // a heap: items yet to arrive
  std::uint64_t next_seq_ = 0;
  ActionId wake_;
  double wake_time_s_ = -1.0;
  std::size_t promised_ = 0;  // items at the front of items_ owed to the first takers
  bool serving_ = false;
  TimeWeighted level_;
  std::int64_t puts_ = 0, gets_ = 0;
};

}  // namespace starsim::sim
