#include "models/vehicle/vehicle_config.hpp"

#include <fmt/format.h>

#include "sim/config/yaml_reader.hpp"

namespace starsim::models {

namespace {

using sim::Distribution;

StageConfig parse_stage(sim::config::MapReader r, std::int64_t fleet, double turnaround_h) {
  StageConfig s;
  s.fleet = r.timed_integer("fleet", fleet, 0, 1'000'000, 0, true);
  s.production_per_week = r.timed_number("production_per_week", 0.0, 0.0, 1000.0);
  for (double rate : s.production_per_week.values())
    if (rate > 0 && rate < 1e-3)
      r.fail("production_per_week",
             fmt::format("must be 0 or at least 0.001 (one in ~19 years), got {}{}", rate,
                         s.production_per_week.constant() ? "" : " (in the schedule)"));
  s.life_flights = r.integer("life_flights", 100, 1, 1'000'000);
  s.turnaround_s =
      r.learned_duration_s("turnaround_h", Distribution::lognormal(turnaround_h, 0.3),
                           {sim::LearnPer::FLEET, sim::LearnPer::SITE, sim::LearnPer::VEHICLE});
  std::string rec = r.choice("recovery", "tower_catch", {"tower_catch", "droneship", "expend"});
  s.recovery = rec == "expend"      ? Recovery::EXPEND
               : rec == "droneship" ? Recovery::DRONESHIP
                                    : Recovery::TOWER_CATCH;
  r.finish();
  return s;
}

}  // namespace

VehicleConfig parse_vehicle(sim::config::MapReader r) {
  VehicleConfig v;
  v.payload_t = r.timed_number("payload_t", 100.0, 1e-3, 1e6);
  // Starship V2/V3 hold about 4,800-5,200 t of methalox across both stages.
  v.propellant_t = r.number("propellant_t", 5000.0, 0.0, 1e6);
  v.propellant_lox_fraction = r.number("propellant_lox_fraction", 0.783, 0.0, 1.0);
  v.booster = parse_stage(r.map("booster"), 40, 24.0);
  v.ship = parse_stage(r.map("ship"), 80, 48.0);
  sim::config::MapReader p = r.map("phases");
  PhasesConfig& ph = v.phases;
  const auto per = {sim::LearnPer::FLEET, sim::LearnPer::SITE, sim::LearnPer::VEHICLE};
  ph.stack_s = p.learned_duration_s("stack_h", Distribution::fixed(2), per);
  ph.propellant_load_s = p.learned_duration_s("propellant_load_h", Distribution::fixed(1), per);
  ph.ascent_s = p.duration_s("ascent_min", Distribution::fixed(3));
  ph.booster_return_s = p.duration_s("booster_return_min", Distribution::fixed(5));
  ph.orbit_insertion_s = p.duration_s("orbit_insertion_min", Distribution::fixed(6));
  ph.deploy_s = p.duration_s("deploy_h", Distribution::fixed(2));
  ph.orbit_stay_s = p.duration_s("orbit_stay_h", Distribution::fixed(20));
  ph.ship_return_s = p.duration_s("ship_return_h", Distribution::fixed(1));
  ph.catch_clear_s = p.duration_s("catch_clear_h", Distribution::fixed(1));
  p.finish();
  r.finish();
  return v;
}

}  // namespace starsim::models
