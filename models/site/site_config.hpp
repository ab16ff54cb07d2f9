// A launch site: pads (each with its own catch tower), pad refurbishment after a liftoff and
// the range-safety spacing between two liftoffs at the site.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/distribution.hpp"
#include "sim/learning.hpp"
#include "sim/timed.hpp"

namespace starsim::sim::config {
class MapReader;
}  // namespace starsim::sim::config

namespace starsim::models {

struct PropellantConfig {  // the site's farm; absent: unlimited
  bool present = false;
  sim::Timed<double> production_t_per_day = 0.0;  // [0, 1e9]
  sim::Timed<double> storage_t = 0.0;             // [0, 1e9], always >= vehicle.propellant_t
  double initial_t = 0;                           // [0, storage_t at the start]; default: full
  // The electricity to make a tonne of the propellant mix (MWh/t), and the grid's limit (MW):
  // production_t_per_day is then at most grid_mw x 24 / energy_mwh_per_t. Also for a site
  // without a farm (energy only).
  double energy_mwh_per_t = 0.0;
  std::optional<sim::Timed<double>> grid_mw;
};

struct WeatherConfig {
  std::vector<double> scrub_probability{0.0};  // one value or 12 (January..December), each [0, 1)
  sim::Distribution recycle_s;                 // scrub -> next attempt
};

struct DroneshipConfig {
  sim::Timed<std::int64_t> count = std::int64_t{0};  // [0, 1000]; a schedule only grows
  sim::Distribution cycle_s;                         // landing -> back at the site with the booster
};

struct SiteConfig {
  std::string name;  // letters, digits, '-', '_' (used in CSV rows)
  // Launch mounts, one catch tower each: [1, 10000]; a schedule's values [0, 10000] (0: the site
  // is not open yet, or closed).
  sim::Timed<std::int64_t> pads = std::int64_t{1};
  sim::Learned pad_refurb_s;        // after a liftoff, before the next stacking
  double min_launch_spacing_s = 0;  // between two liftoffs at this site
  std::optional<sim::Timed<std::int64_t>> annual_launch_cap;  // liftoffs per calendar year
  int range = -1;                                             // index into ranges[], -1: none
  PropellantConfig propellant;
  WeatherConfig weather;
  DroneshipConfig droneships;
};

// A shared range: sites on it keep its spacing between any two of their liftoffs.
struct RangeConfig {
  std::string name;
  double min_launch_spacing_s = 0;
};

std::vector<RangeConfig> parse_ranges(sim::config::MapReader& parent);

// needs_droneships: a stage recovers on droneships, so every site needs at least one.
// default_energy_mwh_per_t: a tonne of the vehicle's propellant mix (LOX 0.4 MWh/t, CH4 0.8).
double default_energy_mwh_per_t(double lox_fraction);
std::vector<SiteConfig> parse_sites(sim::config::MapReader& parent,
                                    const std::vector<RangeConfig>& ranges, double propellant_t,
                                    double lox_fraction, bool needs_droneships);

}  // namespace starsim::models
