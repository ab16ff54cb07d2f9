// The slotted cadence (cadence.slot_interval_h): liftoffs only on slot boundaries. At the start
// of each slot the clock looks back at the one before: without a liftoff on its boundary it was
// missed (slot.missed, value = its start in hours). It keeps the last two slots filled, so a
// liftoff at the very start of slot k, run before the check of slot k-1, still counts for k.
#pragma once

#include <cstdint>

#include "sim/event_log.hpp"

namespace starsim::models {

class SlotClock {
 public:
  SlotClock(double slot_interval_s, sim::EventLog& log) : slot_s_(slot_interval_s), log_(log) {}
  void start();  // nothing without slots
  void fill(std::int64_t slot);

 private:
  bool filled(std::int64_t slot) const { return last_ == slot || previous_ == slot; }
  void tick(std::int64_t k);

  double slot_s_;
  sim::EventLog& log_;
  std::int64_t last_ = -1, previous_ = -1;
};

}  // namespace starsim::models
