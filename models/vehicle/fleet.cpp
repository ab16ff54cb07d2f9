#include "models/vehicle/fleet.hpp"

#include <fmt/format.h>

#include "models/events.hpp"
#include "sim/kernel.hpp"
#include "sim/units.hpp"

namespace starsim::models {

Vehicle::Vehicle(std::uint64_t seed, Stage stage, std::int64_t id)
    : rng(seed, fmt::format("{} {}{}", stage == Stage::BOOSTER ? "booster" : "ship",
                            stage == Stage::BOOSTER ? 'B' : 'S', id + 1)) {}

Fleet::Fleet(Stage stage, const StageConfig& config, std::uint64_t seed, sim::EventLog& log)
    : stage_(stage),
      config_(config),
      seed_(seed),
      log_(log),
      ready_(stage == Stage::BOOSTER ? "ready boosters" : "ready ships"),
      in_service_(static_cast<double>(config.fleet)) {}

void Fleet::start() {
  vehicles_.reserve(static_cast<std::size_t>(config_.fleet));
  for (std::int64_t id = 0; id < config_.fleet; ++id) {
    vehicles_.emplace_back(seed_, stage_, id);
    ready_.put(id);
  }
  if (config_.production_per_week > 0) sim::at(0.0, [this] { produce(); });
}

void Fleet::produce() {
  const auto id = static_cast<std::int64_t>(vehicles_.size());
  vehicles_.emplace_back(seed_, stage_, id);
  in_service_.add(sim::now_s(), 1.0);
  const bool booster = stage_ == Stage::BOOSTER;
  log_.emit({sim::now_s(), events::VEHICLE_PRODUCED, -1, -1, -1, booster ? id : -1, booster ? -1 : id});
  ready_.put(id);
  sim::after(7.0 * sim::units::SECONDS_PER_DAY / config_.production_per_week, [this] { produce(); });
}

bool Fleet::retires(std::int64_t id) {
  Vehicle& v = vehicle(id);
  if (++v.flights < config_.life_flights) return false;
  const bool booster = stage_ == Stage::BOOSTER;
  log_.emit({sim::now_s(), events::VEHICLE_RETIRED, -1, -1, -1, booster ? id : -1, booster ? -1 : id, -1,
             static_cast<double>(v.flights)});
  in_service_.add(sim::now_s(), -1.0);
  return true;
}

void Fleet::lose(std::int64_t id) {
  const Mission& m = vehicle(id).mission;
  const bool booster = stage_ == Stage::BOOSTER;
  log_.emit({sim::now_s(), booster ? events::BOOSTER_LOST : events::SHIP_LOST, m.launch_id, m.site, -1,
             booster ? id : -1, booster ? -1 : id});
  in_service_.add(sim::now_s(), -1.0);
}

void Fleet::leave_service() { in_service_.add(sim::now_s(), -1.0); }

double Fleet::busy_share(double horizon_s) const {
  const double service = in_service_.integral(horizon_s);
  return service > 0 ? 1.0 - ready_.level_integral(horizon_s) / service : 0.0;
}

}  // namespace starsim::models
