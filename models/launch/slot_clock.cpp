#include "models/launch/slot_clock.hpp"

#include "models/events.hpp"
#include "sim/kernel.hpp"

namespace starsim::models {

void SlotClock::start() {
  if (slot_s_ > 0) sim::at(slot_s_, [this] { tick(1); });
}

void SlotClock::fill(std::int64_t slot) {
  if (slot == last_) return;
  previous_ = last_;
  last_ = slot;
}

void SlotClock::tick(std::int64_t k) {
  // Slot k-1 has ended.
  if (!filled(k - 1))
    log_.emit({sim::now_s(), events::SLOT_MISSED, -1, -1, -1, -1, -1, -1,
               static_cast<double>(k - 1) * slot_s_ / 3600.0});
  sim::at(static_cast<double>(k + 1) * slot_s_, [this, k] { tick(k + 1); });
}

}  // namespace starsim::models
