#include "models/cost/cost_config.hpp"

#include "sim/config/yaml_reader.hpp"

namespace starsim::models {

CostConfig parse_costs(sim::config::MapReader r) {
  constexpr double MAX_USD = 1e13;
  CostConfig c;
  c.booster_build_usd = r.learned_number("booster_build_usd", 0.0, MAX_USD, {sim::LearnPer::FLEET});
  c.ship_build_usd = r.learned_number("ship_build_usd", 0.0, MAX_USD, {sim::LearnPer::FLEET});
  c.booster_refurb_usd_per_flight =
      r.timed_number("booster_refurb_usd_per_flight", 0.0, 0.0, MAX_USD);
  c.ship_refurb_usd_per_flight = r.timed_number("ship_refurb_usd_per_flight", 0.0, 0.0, MAX_USD);
  c.lox_usd_per_t = r.timed_number("lox_usd_per_t", 0.0, 0.0, 1e9);
  c.ch4_usd_per_t = r.timed_number("ch4_usd_per_t", 0.0, 0.0, 1e9);
  c.launch_fixed_usd = r.timed_number("launch_fixed_usd", 0.0, 0.0, MAX_USD);
  c.pad_usd_per_year = r.timed_number("pad_usd_per_year", 0.0, 0.0, MAX_USD);
  c.droneship_usd_per_cycle = r.timed_number("droneship_usd_per_cycle", 0.0, 0.0, MAX_USD);
  const bool per_kg = r.has("payload_usd_per_kg"), per_w = r.has("payload_usd_per_w");
  if (per_kg && per_w)
    r.fail("payload_usd_per_w",
           "give the payload's cost per kg or per W, not both (payload_usd_per_kg is given)");
  if (per_kg) c.payload_usd_per_kg = r.timed_number("payload_usd_per_kg", std::nullopt, 0.0, 1e9);
  if (per_w) c.payload_usd_per_w = r.timed_number("payload_usd_per_w", std::nullopt, 0.0, 1e9);
  if (!per_kg) r.declare("payload_usd_per_kg");
  if (!per_w) r.declare("payload_usd_per_w");
  r.finish();
  return c;
}

}  // namespace starsim::models
