// Percentiles of the gaps between liftoffs in constant memory (a million launches would
// otherwise keep a million gaps). Log-spaced bins 0.1% wide, each with its count, smallest and
// largest value: a percentile is exact when its bin holds one distinct value (fixed durations),
// and otherwise within the bin's 0.1%. Ranks interpolate as numpy's default (type 7).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace starsim::models {

class GapHistogram {
 public:
  GapHistogram();
  void add(double gap_s);
  std::int64_t count() const { return count_; }
  // q in [0, 1]; nullopt when empty.
  std::optional<double> percentile(double q) const;

 private:
  struct Bin {
    std::int64_t n = 0;
    double min = 0, max = 0;
  };
  std::size_t bin_of(double x) const;
  // The value of rank k (0-based) among the added gaps.
  double value_at(std::int64_t k) const;

  std::vector<Bin> bins_;  // bins_[0]: gaps below 1 ms, including 0
  std::int64_t count_ = 0;
};

}  // namespace starsim::models
