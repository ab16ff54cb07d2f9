#include "models/launch/gap_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace starsim::models {

namespace {
constexpr double SMALLEST_S = 1e-3;        // below: bin 0
constexpr double LARGEST_S = 1e10;         // above: the last bin
const double LOG_STEP = std::log1p(1e-3);  // bins 0.1% wide
}  // namespace

GapHistogram::GapHistogram()
    : bins_(static_cast<std::size_t>(std::ceil(std::log(LARGEST_S / SMALLEST_S) / LOG_STEP)) + 2) {}

std::size_t GapHistogram::bin_of(double x) const {
  if (!(x >= SMALLEST_S)) return 0;
  const auto i = static_cast<std::size_t>(std::log(x / SMALLEST_S) / LOG_STEP) + 1;
  return std::min(i, bins_.size() - 1);
}

void GapHistogram::add(double gap_s) {
  Bin& b = bins_[bin_of(gap_s)];
  if (b.n == 0) {
    b.min = b.max = gap_s;
  } else {
    b.min = std::min(b.min, gap_s);
    b.max = std::max(b.max, gap_s);
  }
  ++b.n;
  ++count_;
}

double GapHistogram::value_at(std::int64_t k) const {
  std::int64_t seen = 0;
  for (const Bin& b : bins_) {
    if (k < seen + b.n) {
      if (b.n == 1 || b.min == b.max) return b.min;
      // Spread the bin's values evenly between its smallest and largest.
      const double pos = static_cast<double>(k - seen) / static_cast<double>(b.n - 1);
      return b.min + pos * (b.max - b.min);
    }
    seen += b.n;
  }
  return bins_.back().max;
}

std::optional<double> GapHistogram::percentile(double q) const {
  if (count_ == 0) return std::nullopt;
  const double h = q * static_cast<double>(count_ - 1);
  const auto lo = static_cast<std::int64_t>(std::floor(h));
  const std::int64_t hi = std::min(lo + 1, count_ - 1);
  const double a = value_at(lo);
  return a + (h - static_cast<double>(lo)) * (value_at(hi) - a);
}

}  // namespace starsim::models
