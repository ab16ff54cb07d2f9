// The simulation kernel facade: the only door from the models to SimGrid.
//
// One Kernel per process (SimGrid keeps one engine per process; a second one would inherit the
// first one's clock and callbacks). Workers are long-lived actors spawned once; run(horizon)
// ends the simulation at the horizon (half-open: nothing at the horizon itself is reported),
// carries an exception thrown in any actor out of run(), and turns a deadlock into a
// DeadlockError that names every blocked actor and what it waited on.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace starsim::sim {

class DeadlockError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A valid scenario that cannot be simulated as written (a modelling mistake): the program
// answers it like bad input, with its message and exit 2.
class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Simulated time stopped: millions of kernel calls at one instant (a cycle of zero durations).
class TimeStoppedError : public ModelError {
 public:
  using ModelError::ModelError;
};

enum class Lifetime {
  DAEMON,     // ends with the horizon (pads, vehicles, factories)
  MUST_FINISH  // the run is a deadlock if this actor is still blocked when nothing can move
};

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

  void spawn(const std::string& name, std::function<void()> body,
             Lifetime lifetime = Lifetime::DAEMON);
  // Runs until the horizon in seconds (infinity: until nothing can move).
  void run(double horizon_s);

  // Counters of blocking kernel calls (for benchmarks: calls per launch).
  struct Calls {
    long long sleeps = 0;
    long long waits = 0;
    long long releases = 0;
  };
  static const Calls& calls();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Refuses (config::ConfigError, "ulimit -v: ...") a run of this many actors when the address
// space that `ulimit -v` allows cannot hold their stacks: SimGrid would abort half-way with
// "Failed to allocate stack". Says which limit the run needs.
void check_address_space(std::int64_t actors);

// Simulated time in seconds since the start of the run.
double now_s();
// Blocks the calling actor for a duration (>= 0) or until an absolute time. A duration of 0 or a
// time not in the future returns at once without letting other actors run (as s4u does).
void sleep_for_s(double duration_s);
void sleep_until_s(double time_s);

}  // namespace starsim::sim
