// Deciding on statistics: whether a point meets a target, judged on its 95 % confidence
// interval, not on its mean alone. A target is met only when the interval clears it (the lower
// bound at or above it; goal: at_most, the upper bound at or below it), missed only when the
// interval lies wholly on the wrong side, and undecided otherwise. An experiment's `precision`
// adds replications to an undecided point (or, in a sweep, to a point whose interval is wider
// than asked) up to max_replications; a point still undecided then is reported so.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace starsim::experiment {

enum class Verdict { MET, MISSED, UNDECIDED };

// "met", "missed", "undecided": plan.csv's, probes.csv's and answer.csv's words.
const char* verdict_name(Verdict v);

// The verdict on a mean and its 95 % CI half-width. One replication has no interval (ci is
// NaN): the mean alone decides, as a deterministic model's would.
Verdict judge(double mean, double ci, double target, bool at_most);

struct Precision {
  double relative_ci = 0;             // 0: none; else stop when ci <= relative_ci * |mean|
  std::int64_t max_replications = 0;  // 0: no precision asked (the replications are fixed)
  std::string metric;                 // a sweep's: the metric whose interval is judged
};

// Whether an interval is as narrow as asked (always, when no relative_ci is asked).
bool precise_enough(double mean, double ci, const Precision& p);

// The replications a point has next: double what it has, up to the maximum.
std::int64_t next_replications(std::int64_t now, const Precision& p);

struct Judged {
  double mean = 0, ci = 0;
  std::int64_t replications = 0;
  Verdict verdict = Verdict::UNDECIDED;
};

// Runs replications [0, first) of a point, then, while its verdict is undecided, its interval
// is not yet as narrow as asked, and the maximum is not reached, doubles them. run(from, to)
// runs replications [from, to) (false: a run failed, nullopt is returned); stats(n) gives the
// mean and CI half-width of the point's first n replications.
std::optional<Judged> replicate_until_decided(
    std::int64_t first, const Precision& p, double target, bool at_most,
    const std::function<bool(std::int64_t, std::int64_t)>& run,
    const std::function<std::pair<double, double>(std::int64_t)>& stats);

}  // namespace starsim::experiment
