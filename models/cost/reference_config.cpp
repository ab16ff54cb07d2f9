#include "models/cost/reference_config.hpp"

#include <cmath>

#include "sim/config/yaml_reader.hpp"

namespace starsim::models {

ReferenceConfig parse_reference(sim::config::MapReader r) {
  ReferenceConfig c;
  sim::config::MapReader g = r.map("ground");
  c.ground.capex_usd_per_w = g.number("capex_usd_per_w", 0.0, 0.0, 1e6);
  c.ground.energy_usd_per_kwh = g.number("energy_usd_per_kwh", 0.0, 0.0, 1e3);
  c.ground.pue = g.number("pue", 1.0, 1.0, 10.0);
  c.ground.capacity_factor = g.number("capacity_factor", 1.0, 0.0, 1.0);
  if (c.ground.capacity_factor <= 0)
    g.fail("capacity_factor", "must be greater than 0 and at most 1, got 0");
  c.ground.life_years = g.number("life_years", 5.0, 0.1, 100.0);
  g.finish();
  sim::config::MapReader o = r.map("orbit");
  c.orbit.capacity_factor = o.number("capacity_factor", 1.0, 0.0, 1.0);
  if (c.orbit.capacity_factor <= 0)
    o.fail("capacity_factor", "must be greater than 0 and at most 1, got 0");
  c.orbit.degradation_per_year = o.number("degradation_per_year", 0.0, 0.0, 0.99);
  c.orbit.life_years = o.number("life_years", 5.0, 0.1, 100.0);
  o.finish();
  r.finish();
  return c;
}

double ground_cost_per_w_usd(const GroundReference& g) {
  const double hours = 8766.0 * g.life_years * g.capacity_factor;  // running, per W of IT load
  return (g.capex_usd_per_w + g.pue * hours / 1000.0 * g.energy_usd_per_kwh) / g.capacity_factor;
}

double orbit_delivered_share(const OrbitReference& o, double early_failure_probability,
                             double annual_failure_rate) {
  // Mean of e^(-k t) over [0, L], with k = -ln(1 - degradation) + annual failure rate.
  const double k = -std::log(1.0 - o.degradation_per_year) + annual_failure_rate;
  const double l = o.life_years;
  const double mean = k * l > 1e-12 ? (1.0 - std::exp(-k * l)) / (k * l) : 1.0;
  return o.capacity_factor * (1.0 - early_failure_probability) * mean;
}

}  // namespace starsim::models
