// The simulation kernel facade: the only door from the models to SimGrid.
//
// Simulated time is a queue of timed actions: the models' state changes (a turnaround done, a
// vehicle caught, a payload operational, a pad's next step) are callbacks over plain data,
// scheduled with sim::at or sim::after. SimGrid's kernel timers are the event queue: one timer
// is armed for the earliest pending instant, and the actions due then run in the order they
// were scheduled (time, then sequence number), whatever SimGrid's timer heap does with ties.
// No actor is created: the cost of a state change is a callback, not a context switch, and no
// count of vehicles, pads or years changes what the kernel holds beyond the pending actions.
//
// One Kernel per process (SimGrid keeps one engine per process; a second would inherit the
// first one's clock and callbacks). run(horizon) ends at the horizon (half-open: an action due
// at the horizon does not run) and carries an exception thrown by an action out of run().
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace starsim::sim {

// A valid scenario that cannot be simulated as written (a modelling mistake): the program
// answers it like bad input, with its message and exit 2.
class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Simulated time stopped: millions of actions at one instant (a cycle of zero durations).
class TimeStoppedError : public ModelError {
 public:
  using ModelError::ModelError;
};

using Action = std::function<void()>;

class Kernel {
 public:
  // Throws std::logic_error if a Kernel was already created in this process.
  Kernel();
  ~Kernel();
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  // SimGrid options ("--cfg=...", "--log=...") for the engine of this process, with those of
  // the environment's STARSIM_SIMGRID_CFG; call before the Kernel is created (the command line
  // passes them through). Throws config::ConfigError for an option starsim does not accept
  // (kernel_options.hpp). Without it, a Kernel runs with the default options.
  static void set_engine_options(std::vector<std::string> options);

  // Runs the pending actions until the horizon in seconds (infinity: until none is left). The
  // clock ends at the horizon.
  void run(double horizon_s);

  // What the run cost the kernel (for benchmarks): actions run, and the distinct instants at
  // which SimGrid's timer fired.
  struct Counts {
    long long actions = 0;
    long long instants = 0;
    std::size_t most_pending = 0;  // the most actions pending at once
  };
  static const Counts& counts();

  // Calls `watch` between instants, once every `every_instants` instants, with the clock at
  // the instant just run (nullptr: no watch). For a progress line: the watch is no action, so
  // it adds nothing to the agenda, the counts or the timeline, and draws no random number.
  // It must not schedule actions or throw. Every 1,024 instants costs a long run nothing.
  static void set_watch(std::function<void(double now_s)> watch, long long every_instants = 1024);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Simulated time in seconds since the start of the run.
double now_s();
// Names a scheduled action, to cancel it.
struct ActionId {
  std::uint32_t slot = 0;
  std::uint64_t seq = UINT64_MAX;  // none
};

// Runs `action` at the absolute time time_s (>= now_s()), after every action scheduled
// earlier for the same instant. An action due at or after the horizon is not kept.
ActionId at(double time_s, Action action);
// Runs `action` after delay_s (>= 0) seconds.
ActionId after(double delay_s, Action action);
// The action will not run (nothing if it ran already). It costs no instant of its own.
void cancel(ActionId id);

}  // namespace starsim::sim
