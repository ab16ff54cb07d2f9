#include "models/payload/payload_config.hpp"

#include <fmt/format.h>

#include "sim/config/yaml_reader.hpp"

namespace starsim::models {

PayloadConfig parse_payload(sim::config::MapReader r) {
  PayloadConfig p;
  p.interval_s = r.timed_duration_s("interval_h", sim::Distribution::fixed(1.0));
  // A payload every instant would never end; below a third of a second is no factory either.
  for (const sim::Distribution& d : p.interval_s.values())
    if (d.mean() < 1e-4 * 3600.0)
      r.fail("interval_h",
             fmt::format("must have a mean of at least 0.0001 h, got {} h{}", d.mean() / 3600.0,
                         p.interval_s.constant() ? "" : " (in the schedule)"));
  p.integration_bays = r.timed_integer("integration_bays", 8, 1, 10000, 1, true);
  p.integration_s = r.duration_s("integration_h", sim::Distribution::fixed(12));
  p.specific_power_w_per_kg = r.timed_number("specific_power_w_per_kg", 100.0, 0.0, 1e5);
  p.orbit_raise_s = r.duration_s("orbit_raise_d", sim::Distribution::fixed(0));
  p.early_failure_probability = r.probability("early_failure_probability", 0.0);
  p.annual_failure_rate = r.number("annual_failure_rate", 0.0, 0.0, 100.0);
  if (p.annual_failure_rate > 0 && p.annual_failure_rate < 1e-6)
    r.fail("annual_failure_rate",
           fmt::format("must be 0 or at least 1e-6 a year, got {}", p.annual_failure_rate));
  r.finish();
  return p;
}

}  // namespace starsim::models
