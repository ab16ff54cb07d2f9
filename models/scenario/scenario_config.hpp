// A whole scenario: what runs, for how long, from which seed, and the targets it is judged on.
// scenario-format.md is the reference; configs/README.md lists every key with its default.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/cost/cost_config.hpp"
#include "models/cost/reference_config.hpp"
#include "models/failure/failure_config.hpp"
#include "models/payload/payload_config.hpp"
#include "models/site/site_config.hpp"
#include "models/vehicle/vehicle_config.hpp"
#include "sim/config/config_error.hpp"
#include "sim/timed.hpp"

namespace starsim::sim::config {
class Document;
}  // namespace starsim::sim::config

namespace starsim::models {

struct TargetsConfig {  // a year's target: the value's mean over the year's days in the horizon
  std::optional<sim::Timed<double>> launches_per_year;
  std::optional<sim::Timed<double>> gw_per_year;
};

struct ScenarioConfig {
  std::string name;
  std::string start_date = "2030-01-01";
  std::int64_t start_epoch_s = 0;  // start_date, UTC midnight, seconds since 1970
  double horizon_d = 365.0;        // (0, 36500]
  std::uint64_t seed = 1;
  TargetsConfig targets;
  VehicleConfig vehicle;
  std::vector<SiteConfig> sites;
  std::vector<RangeConfig> ranges;
  PayloadConfig payload;
  FailureConfig failures;
  CadenceConfig cadence;
  std::optional<CostConfig> costs;           // absent: no cost is computed
  std::optional<ReferenceConfig> reference;  // absent: no comparison with the ground
  bool timeline = true;                      // output.timeline

  double horizon_s() const { return horizon_d * 86400.0; }
};

// Reads and validates the whole document (throws sim::config::ConfigError). Fills the
// document's resolved tree and accepted-key set as a side effect.
ScenarioConfig parse_scenario(const sim::config::Document& doc);

// The resolved scenario as YAML text (every default filled in).
std::string resolved_yaml(const sim::config::Document& doc);

}  // namespace starsim::models
