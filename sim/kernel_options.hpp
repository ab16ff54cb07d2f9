// The SimGrid options (--cfg=..., --log=...) starsim passes to its kernel: only those it tests.
// SimGrid aborts or crashes on many others (an unknown factory, a stack too small to run on,
// parallel contexts, a log file it cannot open), and a sweep's every run would die the same
// way; so each option is checked before anything runs or any output exists:
//   --cfg=contexts/factory:raw|thread|ucontext|boost   (the same timeline with each)
//   --cfg=contexts/stack-size:KIB                       (64 to 65536 KiB)
//   --log=CATEGORY.thres:LEVEL                          (trace ... critical; to stderr)
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace starsim::sim {

// Throws config::ConfigError naming the first option starsim does not accept; `origin` prefixes
// its place when the options do not come from the command line ("STARSIM_SIMGRID_CFG").
void check_engine_options(const std::vector<std::string>& options, const std::string& origin = "");

// The stack sizes --cfg=contexts/stack-size accepts, in KiB. starsim runs no actor (its state
// changes are timed actions), so the factory and the stack size change nothing; they are
// accepted, and tested to give the same timeline, for whoever sets them out of habit.
constexpr int MIN_STACK_KIB = 64;
constexpr int MAX_STACK_KIB = 65536;

}  // namespace starsim::sim
