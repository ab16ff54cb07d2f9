// Distributions sampled with explicit formulas from RandomStream's uniforms (no std::
// distributions: their output is implementation-defined).
//
// The integer stream is bit-for-bit portable; the transforms below use only log, exp, sqrt,
// cos and pow from <cmath>, so results agree across platforms to within the last-bit accuracy
// of the C library's transcendental functions.
//
// Normal deviates use the basic Box–Muller transform, one deviate per call, consuming two
// uniforms in this order: u1 = uniform01_open_low(), u2 = uniform01();
//   z = sqrt(-2 ln u1) * cos(2 pi u2).
// No second deviate is cached: a stream's state is its generator only.
// Degenerate parameters (zero spread: min == max, sd == 0, cv == 0, mean == 0) return their
// value without drawing, like fixed.
#include "sim/distribution.hpp"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <utility>

#include "sim/distribution_kinds.hpp"

namespace starsim::sim {

namespace {

// Largest value -ln(u) can take for u = uniform01_open_low() >= 2^-53: 53 ln 2 = 36.737.
constexpr double MAX_NEG_LOG_U = 36.74;
// Largest |z| from Box–Muller: sqrt(2 * 53 ln 2) = 8.572.
constexpr double MAX_ABS_Z = 8.58;

void require(bool ok, const char* message) {
  if (!ok) throw std::invalid_argument(message);
}

void require_finite_non_negative(double value, const char* name) {
  require(std::isfinite(value), name);
  require(value >= 0.0, name);
}

double standard_normal(RandomStream& rng) {
  const double u1 = rng.uniform01_open_low();
  const double u2 = rng.uniform01();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// Mean of N(mean, sd^2) truncated to [0, inf): mean + sd * phi(a) / (1 - Phi(a)), a = -mean/sd.
double truncated_normal_mean(double mean, double sd) {
  if (sd == 0.0) return mean;
  const double a = -mean / sd;
  const double phi = std::exp(-0.5 * a * a) / std::sqrt(2.0 * std::numbers::pi);
  const double upper_tail = 0.5 * std::erfc(a / std::numbers::sqrt2);
  return mean + sd * phi / upper_tail;
}

}  // namespace

Distribution Distribution::fixed(double value) {
  require_finite_non_negative(value, "fixed: value must be finite and >= 0");
  Distribution d;
  d.kind_ = DistKind::FIXED;
  d.params_ = {value};
  return d;
}

Distribution Distribution::exponential(double mean) {
  require_finite_non_negative(mean, "exponential: mean must be finite and >= 0");
  require(std::isfinite(mean * MAX_NEG_LOG_U), "exponential: mean too large");
  Distribution d;
  d.kind_ = DistKind::EXPONENTIAL;
  d.params_ = {mean};
  return d;
}

Distribution Distribution::uniform(double min, double max) {
  require_finite_non_negative(min, "uniform: min must be finite and >= 0");
  require_finite_non_negative(max, "uniform: max must be finite and >= 0");
  require(max >= min, "uniform: max must be >= min");
  Distribution d;
  d.kind_ = DistKind::UNIFORM;
  d.params_ = {min, max};
  return d;
}

Distribution Distribution::triangular(double min, double mode, double max) {
  require_finite_non_negative(min, "triangular: min must be finite and >= 0");
  require_finite_non_negative(mode, "triangular: mode must be finite and >= 0");
  require_finite_non_negative(max, "triangular: max must be finite and >= 0");
  require(max >= min, "triangular: max must be >= min");
  require(mode >= min && mode <= max, "triangular: mode must be in [min, max]");
  Distribution d;
  d.kind_ = DistKind::TRIANGULAR;
  d.params_ = {min, mode, max};
  // d0_: CDF at the mode, (mode - min) / (max - min).
  d.d0_ = max > min ? (mode - min) / (max - min) : 0.0;
  return d;
}

Distribution Distribution::normal(double mean, double sd) {
  require(std::isfinite(mean) && mean > 0.0, "normal: mean must be finite and > 0");
  require_finite_non_negative(sd, "normal: sd must be finite and >= 0");
  require(std::isfinite(mean + sd * MAX_ABS_Z), "normal: parameters too large");
  Distribution d;
  d.kind_ = DistKind::NORMAL;
  d.params_ = {mean, sd};
  d.d0_ = truncated_normal_mean(mean, sd);
  return d;
}

Distribution Distribution::lognormal(double mean, double cv) {
  require_finite_non_negative(mean, "lognormal: mean must be finite and >= 0");
  require_finite_non_negative(cv, "lognormal: cv must be finite and >= 0");
  Distribution d;
  d.kind_ = DistKind::LOGNORMAL;
  d.params_ = {mean, cv};
  if (mean > 0.0 && cv > 0.0) {
    const double sigma2 = std::log1p(cv * cv);
    d.d0_ = std::log(mean) - 0.5 * sigma2;  // mu of the underlying normal
    d.d1_ = std::sqrt(sigma2);              // sigma of the underlying normal
    require(std::isfinite(std::exp(d.d0_ + d.d1_ * MAX_ABS_Z)), "lognormal: parameters too large");
  }
  return d;
}

Distribution Distribution::weibull(double shape, double scale) {
  require(std::isfinite(shape) && shape > 0.0, "weibull: shape must be finite and > 0");
  require(std::isfinite(scale) && scale > 0.0, "weibull: scale must be finite and > 0");
  Distribution d;
  d.kind_ = DistKind::WEIBULL;
  d.params_ = {shape, scale};
  d.d0_ = 1.0 / shape;
  d.d1_ = scale * std::tgamma(1.0 + d.d0_);  // mean
  require(std::isfinite(d.d1_) && std::isfinite(scale * std::pow(MAX_NEG_LOG_U, d.d0_)),
          "weibull: shape too small for scale");
  return d;
}

Distribution Distribution::empirical(std::vector<double> values) {
  require(!values.empty(), "empirical: values must not be empty");
  double sum = 0.0;
  for (const double v : values) {
    require_finite_non_negative(v, "empirical: values must be finite and >= 0");
    sum += v;
  }
  require(std::isfinite(sum), "empirical: values too large");
  Distribution d;
  d.kind_ = DistKind::EMPIRICAL;
  d.params_.clear();
  d.d0_ = sum / static_cast<double>(values.size());
  d.values_ = std::move(values);
  return d;
}

double Distribution::sample(RandomStream& rng) const {
  switch (kind_) {
    case DistKind::FIXED:
      return params_[0];
    case DistKind::EXPONENTIAL:
      if (params_[0] == 0.0) return 0.0;
      return 0.0 - params_[0] * std::log(rng.uniform01_open_low());  // 0.0 - : never -0.0
    case DistKind::UNIFORM:
      if (params_[1] == params_[0]) return params_[0];
      return params_[0] + (params_[1] - params_[0]) * rng.uniform01();
    case DistKind::TRIANGULAR: {
      // Inverse CDF, written as fractions of (max - min) so no product can overflow.
      const double lo = params_[0], hi = params_[2], f_mode = d0_;
      if (hi == lo) return lo;
      const double u = rng.uniform01();
      if (u < f_mode) return lo + (hi - lo) * std::sqrt(u * f_mode);
      return hi - (hi - lo) * std::sqrt((1.0 - u) * (1.0 - f_mode));
    }
    case DistKind::NORMAL: {
      // Truncated at 0 by rejection; mean > 0 keeps the acceptance probability above 1/2.
      if (params_[1] == 0.0) return params_[0];
      for (;;) {
        const double x = params_[0] + params_[1] * standard_normal(rng);
        if (x >= 0.0) return x;
      }
    }
    case DistKind::LOGNORMAL:
      if (params_[0] == 0.0 || params_[1] == 0.0) return params_[0];
      return std::exp(d0_ + d1_ * standard_normal(rng));
    case DistKind::WEIBULL:
      return params_[1] * std::pow(0.0 - std::log(rng.uniform01_open_low()), d0_);
    case DistKind::EMPIRICAL:
      return values_[static_cast<std::size_t>(rng.below(values_.size()))];
  }
  return params_.empty() ? 0.0 : params_[0];
}

double Distribution::mean() const {
  switch (kind_) {
    case DistKind::FIXED:
    case DistKind::EXPONENTIAL:
    case DistKind::LOGNORMAL:
      return params_[0];
    case DistKind::UNIFORM:
      return 0.5 * (params_[0] + params_[1]);
    case DistKind::TRIANGULAR:
      return (params_[0] + params_[1] + params_[2]) / 3.0;
    case DistKind::NORMAL:
    case DistKind::EMPIRICAL:
      return d0_;
    case DistKind::WEIBULL:
      return d1_;
  }
  return 0.0;
}

Distribution Distribution::scaled(double factor) const {
  require(std::isfinite(factor) && factor > 0.0, "scaled: factor must be finite and > 0");
  const DistKindInfo& info = dist_kind_info(kind_);
  std::vector<double> p = params_;
  for (std::size_t i = 0; i < p.size(); ++i)
    if (info.params[i].in_key_unit) p[i] *= factor;
  std::vector<double> v = values_;
  for (double& x : v) x *= factor;
  return info.make(p, std::move(v));
}

const char* Distribution::kind_name() const { return dist_kind_info(kind_).name; }

std::vector<std::string> Distribution::param_names() const {
  std::vector<std::string> out;
  for (const DistParam& p : dist_kind_info(kind_).params) out.emplace_back(p.name);
  return out;
}

}  // namespace starsim::sim
