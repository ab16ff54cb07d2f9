// The kinds of distribution, one entry each: the name a config writes ({dist: NAME, ...}), the
// parameters in the order of Distribution's factory with the rules the config reader applies
// to them, and the factory itself. Distribution takes its names and its unit scaling from here
// and sim/config's reader parses a distribution by walking an entry, so a kind cannot be
// known to one and not the other (tests/unit/distribution_kinds_test.cpp).
#pragma once

#include <vector>

#include "sim/distribution.hpp"

namespace starsim::sim {

struct DistParam {
  const char* name;  // as written in YAML
  // In the unit of the key (hours for turnaround_h): bounded by [0, the key's maximum] and
  // multiplied by Distribution::scaled. Otherwise dimensionless, within [min, max].
  bool in_key_unit;
  bool positive;  // must be greater than 0 (a mean, a scale)
  double min = 0.0;
  double max = 0.0;
};

struct DistKindInfo {
  DistKind kind;
  const char* name;  // as written in YAML
  std::vector<DistParam> params;
  // The parameters are bounds in order: min <= max (uniform), min <= mode <= max (triangular).
  bool ordered = false;
  // Takes a list of `values` (in the key's unit, at least one) instead of parameters.
  bool takes_values = false;
  // Builds the distribution from parameters in the order above (and the values, if it takes
  // them); throws std::invalid_argument as the factories do.
  Distribution (*make)(const std::vector<double>& params, std::vector<double>&& values);
};

// Every kind, in the order of DistKind.
const std::vector<DistKindInfo>& dist_kinds();
const DistKindInfo& dist_kind_info(DistKind kind);

}  // namespace starsim::sim
