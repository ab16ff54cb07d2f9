// A production line whose pace may change (the payload factory, a stage's production): it
// completes a unit, then the next one an interval later, drawn from the interval in force. Its
// first unit comes as soon as it first runs (at the start, as every production line). When the
// pace changes, the time still to go to the next unit is scaled by new mean / old mean: the
// work in progress carries over, so a rate that steps from r1 to r2 makes r1 units a unit of
// time, then r2, without losing or gaining a part of one (exact for fixed intervals, and for
// exponential ones by their lack of memory). A stopped line keeps the part of a unit it made.
#pragma once

#include <optional>

#include "sim/distribution.hpp"
#include "sim/kernel.hpp"
#include "sim/rng.hpp"

namespace starsim::sim {

class Pacer {
 public:
  // unit: what a completed unit does. rng: where the intervals are drawn.
  Pacer(RandomStream& rng, Action unit) : rng_(rng), unit_(std::move(unit)) {}
  Pacer(const Pacer&) = delete;
  Pacer& operator=(const Pacer&) = delete;

  // From now on, intervals drawn from `interval` (mean > 0); nullopt stops the line.
  void set(std::optional<Distribution> interval);

 private:
  void complete();

  RandomStream& rng_;
  Action unit_;
  std::optional<Distribution> interval_;
  double left_ = 0.0;  // of a mean interval, to the next unit, while stopped
  double due_s_ = 0.0;
  ActionId pending_;
};

}  // namespace starsim::sim
