// The rule every seek, plan and precise sweep decides by: a target is met only when the 95 %
// interval clears it, missed only when the interval lies wholly short of it, and replications
// are doubled while a point is undecided, up to the experiment's maximum.
#include "sim/experiment/decision.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

using namespace starsim::experiment;

TEST_CASE(
    "a target is met only when the interval clears it, and missed only when it lies wholly short") {
  // At least 10,000: 10,195 +- 557 reaches down to 9,638: undecided, not met.
  CHECK(judge(10195, 557, 10000, false) == Verdict::UNDECIDED);
  CHECK(judge(10600, 557, 10000, false) == Verdict::MET);
  CHECK(judge(10557, 557, 10000, false) == Verdict::MET);  // the bound on the target meets it
  CHECK(judge(9400, 557, 10000, false) == Verdict::MISSED);
  CHECK(judge(9443, 557, 10000, false) == Verdict::UNDECIDED);
  // At most (a cost): the upper bound must be at or below the target.
  CHECK(judge(1.0, 0.05, 1.1, true) == Verdict::MET);
  CHECK(judge(1.08, 0.05, 1.1, true) == Verdict::UNDECIDED);
  CHECK(judge(1.2, 0.05, 1.1, true) == Verdict::MISSED);
  // One replication has no interval: the value decides; no ok run meets nothing.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(judge(10001, nan, 10000, false) == Verdict::MET);
  CHECK(judge(9999, nan, 10000, false) == Verdict::MISSED);
  CHECK(judge(nan, nan, 10000, false) == Verdict::MISSED);
  CHECK(std::string(verdict_name(Verdict::UNDECIDED)) == "undecided");
}

namespace {

// A point whose mean stays at `mean` and whose interval narrows as 1 / sqrt(n).
struct FakePoint {
  double mean, ci_at_one;
  std::int64_t n = 0;
  std::vector<std::pair<std::int64_t, std::int64_t>> batches = {};
  bool run(std::int64_t from, std::int64_t to) {
    CHECK(from == n);  // batches follow one another
    batches.emplace_back(from, to);
    n = to;
    return true;
  }
  std::pair<double, double> stats(std::int64_t of) const {
    CHECK(of == n);  // judged on the replications run so far
    return {mean, ci_at_one / std::sqrt(static_cast<double>(of))};
  }
};

std::optional<Judged> decide(FakePoint& f, std::int64_t first, const Precision& p, double target) {
  return replicate_until_decided(
      first, p, target, false, [&](auto a, auto b) { return f.run(a, b); },
      [&](std::int64_t of) { return f.stats(of); });
}

}  // namespace

TEST_CASE(
    "replications double while a point is undecided, up to the maximum, and stop once decided") {
  // Mean 10,400, CI 1,000/sqrt(n): undecided at 3 (577) and 6 (408), met at 12 (289).
  FakePoint f{10400, 1000};
  const auto j = decide(f, 3, Precision{0, 100, ""}, 10000);
  REQUIRE(j);
  CHECK(j->verdict == Verdict::MET);
  CHECK(j->replications == 12);
  CHECK(f.batches == std::vector<std::pair<std::int64_t, std::int64_t>>{{0, 3}, {3, 6}, {6, 12}});
  // Mean 10,300 capped at 8: undecided at 3, 6 and 8 (354): said so.
  FakePoint g{10300, 1000};
  const auto k = decide(g, 3, Precision{0, 8, ""}, 10000);
  CHECK(k->verdict == Verdict::UNDECIDED);
  CHECK(k->replications == 8);
  // Without precision (the maximum is the replications) nothing is added.
  FakePoint h{10200, 1000};
  CHECK(decide(h, 3, Precision{0, 3, ""}, 10000)->replications == 3);
  // A decided point is not replicated further.
  FakePoint m{20000, 1000};
  CHECK(decide(m, 3, Precision{0, 100, ""}, 10000)->replications == 3);
  // relative_ci: an undecided point whose interval is already within 5 % of its mean stops.
  FakePoint r{10010, 1000};
  const auto q = decide(r, 4, Precision{0.05, 1000, ""}, 10000);
  CHECK(q->verdict == Verdict::UNDECIDED);
  CHECK(q->replications == 4);  // 500 <= 0.05 x 10,010
  // A failed run: no judgement.
  CHECK(!replicate_until_decided(
      3, Precision{0, 10, ""}, 1, false, [](auto, auto) { return false; },
      [](std::int64_t) {
        return std::pair{0.0, 0.0};
      }));
}

TEST_CASE(
    "precision: an interval is narrow enough within relative_ci of the mean, and one replication "
    "never is") {
  CHECK(precise_enough(100, 1, Precision{0.01, 10, ""}));
  CHECK(!precise_enough(100, 1.01, Precision{0.01, 10, ""}));
  CHECK(!precise_enough(100, std::numeric_limits<double>::quiet_NaN(), Precision{0.01, 10, ""}));
  CHECK(precise_enough(100, 50, Precision{0, 10, ""}));  // none asked
  CHECK(next_replications(3, Precision{0, 10, ""}) == 6);
  CHECK(next_replications(6, Precision{0, 10, ""}) == 10);
  CHECK(next_replications(1, Precision{0, 10, ""}) == 2);
}
