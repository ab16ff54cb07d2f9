#include "models/failure/standdown.hpp"

#include <algorithm>

#include "models/events.hpp"
#include "sim/kernel.hpp"
#include "sim/units.hpp"

namespace starsim::models {

void StandDown::start(double duration_s) {
  const double now = sim::now_s();
  if (open_ && until_s_ <= now) check_end();  // one that ends at this very instant ends first
  until_s_ = std::max(until_s_, now + duration_s);
  if (open_) return;
  open_ = true;
  log_.emit({now, events::STANDDOWN_STARTED, -1, -1, -1, -1, -1, -1,
             duration_s / sim::units::SECONDS_PER_DAY});
  sim::at(until_s_, [this] { check_end(); });
}

void StandDown::check_end() {
  if (!open_) return;
  if (until_s_ > sim::now_s()) {  // extended meanwhile
    sim::at(until_s_, [this] { check_end(); });
    return;
  }
  open_ = false;
  log_.emit({sim::now_s(), events::STANDDOWN_ENDED});
  ended_.notify_all();
}

}  // namespace starsim::models
