#include "sim/learning.hpp"

#include <algorithm>
#include <cmath>

namespace starsim::sim {

const char* learn_per_name(LearnPer per) {
  switch (per) {
    case LearnPer::FLEET:
      return "fleet";
    case LearnPer::SITE:
      return "site";
    case LearnPer::PAD:
      return "pad";
    case LearnPer::VEHICLE:
      return "vehicle";
  }
  return "fleet";
}

double LearningCurve::factor(std::int64_t n) const {
  return std::pow(static_cast<double>(n + prior), std::log2(rate));
}

double Learned::sample(RandomStream& rng, std::int64_t n) const {
  const double x = first_.sample(rng);
  if (!curve_) return x;
  return std::max(curve_->floor, x * curve_->factor(n));
}

double Learned::probability(std::int64_t n) const { return std::min(1.0, value(n)); }

double Learned::value(std::int64_t n) const {
  const double x = first_.params()[0];
  if (!curve_) return x;
  return std::max(curve_->floor, x * curve_->factor(n));
}

Learned Learned::scaled(double factor) const {
  Learned out(first_.scaled(factor));
  if (curve_) {
    LearningCurve c = *curve_;
    c.floor *= factor;
    out.curve_ = c;
  }
  return out;
}

std::int64_t Experience::next(const Learned& what, int site, int pad, std::int64_t vehicle_n) {
  ++all_;
  std::int64_t at_site = 0, at_pad = 0;
  if (site >= 0) {
    const auto s = static_cast<std::size_t>(site);
    if (by_site_.size() <= s) {
      by_site_.resize(s + 1, 0);
      by_pad_.resize(s + 1);
    }
    at_site = ++by_site_[s];
    if (pad >= 0) {
      auto& pads = by_pad_[s];
      if (pads.size() <= static_cast<std::size_t>(pad))
        pads.resize(static_cast<std::size_t>(pad) + 1, 0);
      at_pad = ++pads[static_cast<std::size_t>(pad)];
    }
  }
  if (!what.learns()) return all_;
  switch (what.curve().per) {
    case LearnPer::FLEET:
      return all_;
    case LearnPer::SITE:
      return at_site;
    case LearnPer::PAD:
      return at_pad;
    case LearnPer::VEHICLE:
      return vehicle_n;
  }
  return all_;
}

}  // namespace starsim::sim
