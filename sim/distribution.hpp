// A duration (or any non-negative quantity) drawn from a distribution.
//
// The forms match scenario-format.md: a fixed value, exponential, uniform, triangular,
// normal (truncated at 0 by resampling), lognormal (given mean and coefficient of variation),
// weibull (shape, scale) and empirical (resampled uniformly). Every sample is computed from
// RandomStream's uniform numbers with explicit formulas, so a seed gives the same sequence on
// any platform.
#pragma once

#include <string>
#include <vector>

#include "sim/rng.hpp"

namespace starsim::sim {

enum class DistKind {
  FIXED,
  EXPONENTIAL,
  UNIFORM,
  TRIANGULAR,
  NORMAL,
  LOGNORMAL,
  WEIBULL,
  EMPIRICAL
};

class Distribution {
 public:
  Distribution() = default;  // fixed 0
  static Distribution fixed(double value);
  static Distribution exponential(double mean);
  static Distribution uniform(double min, double max);
  static Distribution triangular(double min, double mode, double max);
  static Distribution normal(double mean, double sd);
  static Distribution lognormal(double mean, double cv);
  static Distribution weibull(double shape, double scale);
  static Distribution empirical(std::vector<double> values);

  double sample(RandomStream& rng) const;
  // The mean of the distribution as sampled (for normal: of the truncated distribution).
  double mean() const;
  // Every parameter multiplied by factor > 0 (unit conversion: hours -> seconds).
  Distribution scaled(double factor) const;
  bool is_fixed() const { return kind_ == DistKind::FIXED; }

  DistKind kind() const { return kind_; }
  // Name as written in YAML: "fixed", "exponential", ...
  const char* kind_name() const;
  // Parameters in the order of the factory function (empirical: empty; see values()).
  const std::vector<double>& params() const { return params_; }
  const std::vector<double>& values() const { return values_; }
  // Parameter names in the same order, as written in YAML ("mean", "cv", ...).
  std::vector<std::string> param_names() const;

 private:
  DistKind kind_ = DistKind::FIXED;
  std::vector<double> params_{0.0};
  std::vector<double> values_;
  // Derived constants (lognormal mu, sigma) cached at construction.
  double d0_ = 0.0, d1_ = 0.0;
};

}  // namespace starsim::sim
