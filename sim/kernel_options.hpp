// The SimGrid options (--cfg=..., --log=...) starsim passes to its kernel: only those it tests.
// SimGrid aborts or crashes on many others (an unknown factory, a stack too small to run on,
// parallel contexts, a log file it cannot open), and a sweep's every run would die the same
// way; so each option is checked before anything runs or any output exists:
//   --cfg=contexts/factory:raw|thread|ucontext|boost   (the same timeline with each)
//   --cfg=contexts/stack-size:KIB                       (64 to 65536 KiB per actor)
//   --log=CATEGORY.thres:LEVEL                          (trace ... critical; to stderr)
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace starsim::sim {

// Throws config::ConfigError naming the first option starsim does not accept; `origin` prefixes
// its place when the options do not come from the command line ("STARSIM_SIMGRID_CFG").
void check_engine_options(const std::vector<std::string>& options, const std::string& origin = "");

// Each actor's stack in KiB when no --cfg=contexts/stack-size is given: 16 times the deepest
// the test suite needs (8 KiB runs every test; 4 KiB overflows). SimGrid's own default,
// 8 MiB, reserved 8 MiB of address space per actor: the baseline could not run under
// `ulimit -v 2000000`. AddressSanitizer's larger frames keep SimGrid's default.
constexpr int DEFAULT_STACK_KIB = 128;
constexpr int MIN_STACK_KIB = 64;
constexpr int MAX_STACK_KIB = 65536;

// The stack size the options give, or DEFAULT_STACK_KIB.
int stack_kib(const std::vector<std::string>& options);

}  // namespace starsim::sim
