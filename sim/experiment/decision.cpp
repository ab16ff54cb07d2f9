#include "sim/experiment/decision.hpp"

#include <algorithm>
#include <cmath>

namespace starsim::experiment {

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::MET:
      return "met";
    case Verdict::MISSED:
      return "missed";
    case Verdict::UNDECIDED:
      return "undecided";
  }
  return "undecided";
}

Verdict judge(double mean, double ci, double target, bool at_most) {
  if (std::isnan(mean)) return Verdict::MISSED;  // no ok run: nothing meets a target
  const double half = std::isnan(ci) ? 0.0 : ci;
  const double low = mean - half, high = mean + half;
  if (at_most)
    return high <= target ? Verdict::MET : low > target ? Verdict::MISSED : Verdict::UNDECIDED;
  return low >= target ? Verdict::MET : high < target ? Verdict::MISSED : Verdict::UNDECIDED;
}

bool precise_enough(double mean, double ci, const Precision& p) {
  if (!(p.relative_ci > 0)) return true;
  if (std::isnan(ci)) return false;  // one replication: no interval yet
  return ci <= p.relative_ci * std::fabs(mean);
}

std::int64_t next_replications(std::int64_t now, const Precision& p) {
  return std::min(p.max_replications, std::max<std::int64_t>(2, 2 * now));
}

std::optional<Judged> replicate_until_decided(
    std::int64_t first, const Precision& p, double target, bool at_most,
    const std::function<bool(std::int64_t, std::int64_t)>& run,
    const std::function<std::pair<double, double>(std::int64_t)>& stats) {
  Judged j;
  if (!run(0, first)) return std::nullopt;
  j.replications = first;
  for (;;) {
    std::tie(j.mean, j.ci) = stats(j.replications);
    j.verdict = judge(j.mean, j.ci, target, at_most);
    // Decided, or no more to run: done. A point whose interval is as narrow as asked but still
    // straddles the target is as close to it as the experiment cares to tell: undecided.
    if (j.verdict != Verdict::UNDECIDED || (p.relative_ci > 0 && precise_enough(j.mean, j.ci, p)))
      return j;
    if (j.replications >= p.max_replications) return j;
    const std::int64_t next = next_replications(j.replications, p);
    if (!run(j.replications, next)) return std::nullopt;
    j.replications = next;
  }
}

}  // namespace starsim::experiment
