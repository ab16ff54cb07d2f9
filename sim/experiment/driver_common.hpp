// What the experiment commands share (internal to sim/experiment): where a command writes,
// how it runs its runs, the base scenario it varies, targets.csv and number formats.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/experiment/drivers.hpp"
#include "sim/experiment/run_pool.hpp"

namespace starsim::experiment {

// --out, or results/<experiment name>.
std::string out_dir_of(const ExperimentConfig& c, const DriverOptions& o);
PoolOptions pool_options(const ExperimentConfig& c, const DriverOptions& o, const std::string& dir,
                         const std::string& title);
// The base scenario with the experiment's `set` overrides, resolved (YAML text).
std::string resolve_base(const ExperimentConfig& c);
// What makes a seek or a plan the same study, for --resume: the resolved base with the set
// overrides and the experiment file itself (its seek or plan, seed and replications).
std::string study_fingerprint(const ExperimentConfig& c);
// targets.csv: what the experiment is judged against, for a reader of the folder and for
// tools/plot: the base scenario's targets (after `set`; a scheduled one: its mean over the
// horizon), then the seek's or the plan's own.
std::string targets_csv(const ExperimentConfig& c, const std::string& kind,
                        const std::string& metric, std::optional<double> target);
// Whether a mean meets a target: at or above it, or with goal: at_most at or below it; a mean
// that is no number never does. The comparison's sign, for messages.
inline bool meets(double mean, double target, bool at_most) {
  return mean == mean && (at_most ? mean <= target : mean >= target);
}
inline const char* goal_sign(bool at_most) { return at_most ? "<=" : ">="; }
// A mean ("" when there is none) and a CI half-width ("n/a").
std::string fmt_num(double x);
std::string fmt_ci(double x);
// A mean for the terminal: six significant digits, never an exponent below 1e15 (1095930,
// 7868.67, 105.073); "n/a" for no number.
std::string fmt_mean(double x);
// A mean's interval and runs, for the terminal: "±715.4, 3 runs", or "1 run" (no interval).
std::string fmt_spread(double ci, std::int64_t runs);

}  // namespace starsim::experiment
