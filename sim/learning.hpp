// Durations and probabilities that fall with experience (Wright's law): the n-th occurrence
// takes first x n^log2(rate), never below the floor. A rate of 0.85 means every doubling of
// the count takes 85 % of the time. `first` may be a distribution: each draw is scaled by the
// curve's factor. The count n is the caller's (by fleet, site, pad or vehicle: `per`), plus
// `prior`, the occurrences before the start.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/distribution.hpp"
#include "sim/rng.hpp"

namespace starsim::sim {

// What counts as experience: every occurrence in the scenario, those at the same site, at the
// same pad, or with the same vehicle.
enum class LearnPer { FLEET, SITE, PAD, VEHICLE };
const char* learn_per_name(LearnPer per);

struct LearningCurve {
  double rate = 1.0;   // (0, 1]: the factor per doubling of the count
  double floor = 0.0;  // the value never falls below it (in the quantity's unit)
  LearnPer per = LearnPer::FLEET;
  std::int64_t prior = 0;  // occurrences before the start

  // first x (n + prior)^log2(rate) for the n-th occurrence of the run (n >= 1).
  double factor(std::int64_t n) const;
};

class Learned {
 public:
  Learned() = default;
  Learned(Distribution first) : first_(std::move(first)) {}  // NOLINT: no curve: as before
  Learned(Distribution first, LearningCurve curve) : first_(std::move(first)), curve_(curve) {}

  bool learns() const { return curve_.has_value(); }
  const LearningCurve& curve() const { return *curve_; }
  const Distribution& first() const { return first_; }

  // The n-th occurrence (1-based; ignored without a curve): a draw of `first`, scaled by the
  // curve, floored.
  double sample(RandomStream& rng, std::int64_t n) const;
  // A probability: `first` is fixed; the n-th occurrence's value, floored, at most 1.
  double probability(std::int64_t n) const;
  // A number: `first` is fixed; the n-th occurrence's value, floored (a unit cost).
  double value(std::int64_t n) const;
  // Every parameter multiplied by factor > 0, the floor too (unit conversion).
  Learned scaled(double factor) const;

 private:
  Distribution first_;
  std::optional<LearningCurve> curve_;
};

// The occurrences of one kind of work (stacks, refurbishments, turnarounds, launches), counted
// every way a curve may learn from: all of them, by site, by pad. A vehicle counts its own
// flights. Counted whether a curve learns or not, so that sites with and without curves share
// one fleet count.
class Experience {
 public:
  // One more occurrence, at a site and pad (-1: none); vehicle_n is the vehicle's own count.
  // Returns the count `what` learns from (1-based).
  std::int64_t next(const Learned& what, int site, int pad, std::int64_t vehicle_n);
  // The next draw of `what` for that occurrence.
  double sample(const Learned& what, RandomStream& rng, int site, int pad, std::int64_t vehicle_n) {
    return what.sample(rng, next(what, site, pad, vehicle_n));
  }
  double probability(const Learned& what, int site, int pad, std::int64_t vehicle_n) {
    return what.probability(next(what, site, pad, vehicle_n));
  }

 private:
  std::int64_t all_ = 0;
  std::vector<std::int64_t> by_site_;
  std::vector<std::vector<std::int64_t>> by_pad_;
};

}  // namespace starsim::sim
