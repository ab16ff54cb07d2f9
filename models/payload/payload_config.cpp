#include "models/payload/payload_config.hpp"

namespace starsim::models {

PayloadConfig parse_payload(sim::config::MapReader r) {
  PayloadConfig p;
  p.interval_s = r.duration_s("interval_h", sim::Distribution::fixed(1.0));
  if (p.interval_s.mean() <= 0.0)
    r.fail("interval_h", "must be greater than 0 (a payload every instant would never end)");
  p.integration_bays = r.integer("integration_bays", 8, 1, 10000);
  p.integration_s = r.duration_s("integration_h", sim::Distribution::fixed(12));
  p.specific_power_w_per_kg = r.number("specific_power_w_per_kg", 100.0, 0.0, 1e5);
  r.finish();
  return p;
}

}  // namespace starsim::models
