// A launch site: pads (each with its own catch tower), pad refurbishment after a liftoff and
// the range-safety spacing between two liftoffs at the site.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/config/yaml_reader.hpp"
#include "sim/distribution.hpp"

namespace starsim::models {

struct SiteConfig {
  std::string name;                 // letters, digits, '-', '_' (used in CSV rows)
  std::int64_t pads = 1;            // launch mounts, one catch tower each, [1, 10000]
  sim::Distribution pad_refurb_s;   // after a liftoff, before the next stacking
  double min_launch_spacing_s = 0;  // between two liftoffs at this site
};

std::vector<SiteConfig> parse_sites(sim::config::MapReader& parent);

}  // namespace starsim::models
