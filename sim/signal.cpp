#include "sim/signal.hpp"

#include <memory>

namespace starsim::sim {

void Signal::notify_all() {
  if (waiters_.empty()) return;
  auto woken = std::make_shared<std::deque<Action>>(std::move(waiters_));
  waiters_.clear();
  at(now_s(), [woken] {
    for (Action& then : *woken) then();
  });
}

}  // namespace starsim::sim
