// The fleet-wide stand-down after a launch failure: no site lifts off until it ends
// (standdown.started, value = days; standdown.ended). A failure during a stand-down extends it
// to the later end. Pads waiting for it resume in the order they began to wait, after
// standdown.ended.
#pragma once

#include "sim/event_log.hpp"
#include "sim/signal.hpp"

namespace starsim::models {

class StandDown {
 public:
  explicit StandDown(sim::EventLog& log) : log_(log), ended_("the end of the stand-down") {}

  // True from standdown.started until standdown.ended (a pad arriving at the very instant of
  // the end waits for it, zero time, so that every liftoff follows the event).
  bool in_force() const { return open_; }
  void start(double duration_s);
  // Runs `then` when the stand-down in force ends.
  void wait(sim::Action then) { ended_.wait(std::move(then)); }

 private:
  void check_end();

  sim::EventLog& log_;
  sim::Signal ended_;
  double until_s_ = -1.0;
  bool open_ = false;
};

}  // namespace starsim::models
