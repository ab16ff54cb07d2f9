// The ground data centre a watt in orbit is weighed against, and the orbit's own life (the
// optional `reference:` section; configs/README.md, reference).
#pragma once

namespace starsim::sim::config {
class MapReader;
}  // namespace starsim::sim::config

namespace starsim::models {

struct GroundReference {
  double capex_usd_per_w = 0.0;  // power plant + facility, per W of IT load
  double energy_usd_per_kwh = 0.0;
  double pue = 1.0;              // facility power / IT power, >= 1
  double capacity_factor = 1.0;  // (0, 1]: the share of the time the compute runs
  double life_years = 1.0;
};

struct OrbitReference {
  double capacity_factor = 1.0;       // (0, 1]: the share of the time the compute runs (sunlit)
  double degradation_per_year = 0.0;  // [0, 1): the power lost each year
  double life_years = 1.0;
};

struct ReferenceConfig {
  GroundReference ground;
  OrbitReference orbit;
};

ReferenceConfig parse_reference(sim::config::MapReader r);

// The cost of a watt of compute delivered over the life, on the ground: (capex + the energy
// it draws while it runs) / the share of the time it runs.
double ground_cost_per_w_usd(const GroundReference& g);
// The share of a watt launched that computes on average over the orbit's life: its capacity
// factor x the mean over the life of (1 - degradation)^t x the payload's survival
// ((1 - early failure) x e^(-annual failure rate x t)).
double orbit_delivered_share(const OrbitReference& o, double early_failure_probability,
                             double annual_failure_rate);

}  // namespace starsim::models
