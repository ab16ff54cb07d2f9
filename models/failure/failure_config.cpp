#include "models/failure/failure_config.hpp"

#include <fmt/format.h>

#include "sim/config/yaml_reader.hpp"
#include "sim/units.hpp"

namespace starsim::models {

FailureConfig parse_failures(sim::config::MapReader r) {
  FailureConfig f;
  const auto per = {sim::LearnPer::FLEET, sim::LearnPer::SITE, sim::LearnPer::VEHICLE};
  f.launch_failure_probability = r.learned_probability("launch_failure_probability", 0.0, per);
  f.booster_recovery_failure_probability =
      r.learned_probability("booster_recovery_failure_probability", 0.0, per);
  f.ship_recovery_failure_probability =
      r.learned_probability("ship_recovery_failure_probability", 0.0, per);
  f.pad_damage_probability = r.probability("pad_damage_probability", 0.0);
  f.pad_repair_s = r.duration_s("pad_repair_d", sim::Distribution::fixed(30));
  f.stand_down_s = r.timed_duration_s("stand_down_d", sim::Distribution::fixed(14));
  r.finish();
  return f;
}

CadenceConfig parse_cadence(sim::config::MapReader r) {
  CadenceConfig c;
  const double slot_h = r.number("slot_interval_h", 0.0, 0.0, 8760.0);  // 0: no slots
  if (slot_h > 0 && slot_h < 1.0 / 60.0)
    r.fail("slot_interval_h",
           fmt::format("must be 0 (no slots) or at least 1/60 h (a minute), got {}", slot_h));
  c.slot_interval_s = slot_h * sim::units::SECONDS_PER_HOUR;
  r.finish();
  return c;
}

}  // namespace starsim::models
