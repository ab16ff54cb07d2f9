// What things cost (the optional `costs:` section; configs/README.md, costs): unit build costs
// that fall along the units built (Wright's law), and prices that may follow a schedule. A part
// not given costs nothing; without the section no cost is computed.
#pragma once

#include <optional>

#include "sim/learning.hpp"
#include "sim/timed.hpp"

namespace starsim::sim::config {
class MapReader;
}  // namespace starsim::sim::config

namespace starsim::models {

struct CostConfig {
  sim::Learned booster_build_usd =
      sim::Distribution::fixed(0);  // the n-th booster built (n counts the fleet at start)
  sim::Learned ship_build_usd = sim::Distribution::fixed(0);
  sim::Timed<double> booster_refurb_usd_per_flight = 0.0;       // each booster recovered
  sim::Timed<double> ship_refurb_usd_per_flight = 0.0;          // each ship recovered
  sim::Timed<double> lox_usd_per_t = 0.0, ch4_usd_per_t = 0.0;  // propellant loaded
  sim::Timed<double> launch_fixed_usd = 0.0;         // each liftoff: range, operations, insurance
  sim::Timed<double> pad_usd_per_year = 0.0;         // each pad in its schedule, by the day
  sim::Timed<double> droneship_usd_per_cycle = 0.0;  // each droneship back at its site
  std::optional<sim::Timed<double>> payload_usd_per_kg;  // each payload lifted off (one of the two)
  std::optional<sim::Timed<double>> payload_usd_per_w;
};

CostConfig parse_costs(sim::config::MapReader r);

}  // namespace starsim::models
