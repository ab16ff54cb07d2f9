#include "models/launch/gap_histogram.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "models/launch/launch_stats.hpp"

using starsim::models::GapHistogram;

TEST_CASE("a gap histogram is empty until a gap is added") {
  GapHistogram h;
  CHECK(h.count() == 0);
  CHECK_FALSE(h.percentile(0.5).has_value());
  h.add(0.0);
  CHECK(h.count() == 1);
  CHECK(*h.percentile(0.5) == 0.0);
}

TEST_CASE("fixed gaps give exact percentiles, interpolated between order statistics") {
  GapHistogram h;
  for (double gap_s : {7 * 3600.0, 7 * 3600.0, 12 * 3600.0, 12 * 3600.0, 12 * 3600.0}) h.add(gap_s);
  CHECK(*h.percentile(0.0) == 7 * 3600.0);
  CHECK(*h.percentile(0.5) == 12 * 3600.0);
  CHECK(*h.percentile(1.0) == 12 * 3600.0);
  // Rank 0.25 x 4 = 1 is the last 7 h; rank 0.3 x 4 = 1.2 is a fifth of the way to 12 h.
  CHECK(*h.percentile(0.25) == 7 * 3600.0);
  CHECK(*h.percentile(0.3) == doctest::Approx(8 * 3600.0));
}

TEST_CASE("values inside one bin are spread evenly between its smallest and largest") {
  // 1001 gaps evenly spaced from 100 s to 101 s: about ten bins 0.1% wide, a hundred evenly
  // spaced values in each. Spread evenly inside their bins, the ranks give the values back
  // exactly (numpy's percentile of the list is 100 + q); the bins' smallest values alone would
  // be up to 0.1 s low.
  GapHistogram h;
  std::vector<double> gaps;
  for (int i = 0; i <= 1000; ++i) gaps.push_back(100.0 + i / 1000.0);
  for (double g : gaps) h.add(g);
  REQUIRE(h.count() == 1001);
  for (double q : {0.0, 0.05, 0.1234, 0.5, 0.55, 0.95, 0.999, 1.0}) {
    CAPTURE(q);
    CHECK(*h.percentile(q) == doctest::Approx(100.0 + q).epsilon(1e-12));
    CHECK(*h.percentile(q) == doctest::Approx(*starsim::models::percentile(gaps, q)));
  }
}

TEST_CASE("any gaps give percentiles within a bin's 0.1% of the exact ones") {
  GapHistogram h;
  std::vector<double> gaps;
  double x = 0.5;
  for (int i = 0; i < 5000; ++i) {
    x = std::fmod(x * 3.7 + 0.123, 1.0);  // deterministic spread over four decades
    gaps.push_back(std::pow(10.0, 1.0 + 4.0 * x));
  }
  for (double g : gaps) h.add(g);
  for (double q : {0.01, 0.25, 0.5, 0.9, 0.99}) {
    CAPTURE(q);
    const double exact = *starsim::models::percentile(gaps, q);
    CHECK(std::abs(*h.percentile(q) - exact) <= 1e-3 * exact);
  }
}
