// The payload line: a factory that releases a payload stack every interval, integration bays,
// and the specific power of the delivered mass (W/kg) that turns tonnes into gigawatts.
#pragma once

#include <cstdint>

#include "sim/distribution.hpp"
#include "sim/timed.hpp"

namespace starsim::sim::config {
class MapReader;
}  // namespace starsim::sim::config

namespace starsim::models {

struct PayloadConfig {
  sim::Timed<sim::Distribution>
      interval_s;  // between two payloads leaving the factory (sim::Pacer)
  sim::Timed<std::int64_t> integration_bays = std::int64_t{8};  // [1, 10000]; a schedule only grows
  sim::Distribution integration_s;                              // bay time per payload
  sim::Timed<double> specific_power_w_per_kg = 100.0;           // [0, 1e5], in force at liftoff
  sim::Distribution orbit_raise_s;                              // release -> operational
  double early_failure_probability = 0.0;                       // lost during orbit raising, [0, 1]
  double annual_failure_rate = 0.0;  // operational units lost per year, [0, 100]
};

PayloadConfig parse_payload(sim::config::MapReader r);

}  // namespace starsim::models
