#include "models/vehicle/fleet.hpp"

#include <fmt/format.h>

#include <limits>

#include "models/events.hpp"
#include "sim/kernel.hpp"
#include "sim/timed_steps.hpp"
#include "sim/units.hpp"

namespace starsim::models {

namespace {
template <class T>
T narrow(std::int64_t x, const char* what) {
  if (x < std::numeric_limits<T>::min() || x > std::numeric_limits<T>::max())
    throw sim::ModelError(fmt::format("{} {} is past what a vehicle's record holds ({} to {})",
                                      what, x, std::numeric_limits<T>::min(),
                                      std::numeric_limits<T>::max()));
  return static_cast<T>(x);
}
}  // namespace

Mission make_mission(std::int64_t launch_id, std::int64_t payload, int site, int pad,
                     int droneship) {
  return {narrow<std::uint32_t>(launch_id, "launch"),   narrow<std::uint32_t>(payload, "payload"),
          narrow<std::int16_t>(site, "site"),           narrow<std::int16_t>(pad, "pad"),
          narrow<std::int16_t>(droneship, "droneship"), -1};
}

Vehicle::Vehicle(std::uint64_t seed, Stage stage, std::int64_t vehicle_id)
    : rng(seed, fmt::format("{} {}{}", stage == Stage::BOOSTER ? "booster" : "ship",
                            stage == Stage::BOOSTER ? 'B' : 'S', vehicle_id + 1)),
      id(narrow<std::uint32_t>(vehicle_id, stage == Stage::BOOSTER ? "booster" : "ship")) {}

Fleet::Fleet(Stage stage, const StageConfig& config, std::uint64_t seed, sim::EventLog& log)
    : stage_(stage),
      config_(config),
      seed_(seed),
      log_(log),
      production_rng_(seed, stage == Stage::BOOSTER ? "booster production" : "ship production"),
      production_(production_rng_, [this] { join(); }),
      ready_(stage == Stage::BOOSTER ? "ready boosters" : "ready ships"),
      in_service_(static_cast<double>(config.fleet.initial())) {}

namespace {
std::optional<sim::Distribution> production_interval(double per_week) {
  if (per_week <= 0) return std::nullopt;
  return sim::Distribution::fixed(7.0 * sim::units::SECONDS_PER_DAY / per_week);
}
}  // namespace

void Fleet::start() {
  for (std::int64_t k = 0; k < config_.fleet.initial(); ++k) ready_.put(new_vehicle());
  sim::at_each_step(config_.fleet,
                    [this, delivered = config_.fleet.initial()](std::int64_t fleet) mutable {
                      for (; delivered < fleet; ++delivered) join();  // a fleet schedule only grows
                    });
  production_.set(production_interval(config_.production_per_week.initial()));
  sim::at_each_step(config_.production_per_week,
                    [this](double per_week) { production_.set(production_interval(per_week)); });
}

std::int64_t Fleet::new_vehicle() {
  const std::int64_t id = next_id_++;
  if (free_slots_.empty()) {
    vehicles_.emplace_back(seed_, stage_, id);
    return static_cast<std::int64_t>(vehicles_.size()) - 1;
  }
  const std::int64_t slot = free_slots_.back();
  free_slots_.pop_back();
  vehicle(slot) = Vehicle(seed_, stage_, id);
  return slot;
}

void Fleet::join() {
  const std::int64_t slot = new_vehicle();
  in_service_.add(sim::now_s(), 1.0);
  const std::int64_t id = id_of(slot);
  const bool booster = stage_ == Stage::BOOSTER;
  log_.emit(
      {sim::now_s(), events::VEHICLE_PRODUCED, -1, -1, -1, booster ? id : -1, booster ? -1 : id});
  ready_.put(slot);
}

bool Fleet::retires(std::int64_t slot) {
  Vehicle& v = vehicle(slot);
  if (++v.flights < config_.life_flights) return false;
  const bool booster = stage_ == Stage::BOOSTER;
  const std::int64_t id = v.id;
  log_.emit({sim::now_s(), events::VEHICLE_RETIRED, -1, -1, -1, booster ? id : -1,
             booster ? -1 : id, -1, static_cast<double>(v.flights)});
  leave_service(slot);
  return true;
}

void Fleet::lose(std::int64_t slot) {
  const Vehicle& v = vehicle(slot);
  const bool booster = stage_ == Stage::BOOSTER;
  const std::int64_t id = v.id;
  log_.emit({sim::now_s(), booster ? events::BOOSTER_LOST : events::SHIP_LOST, v.mission.launch_id,
             v.mission.site, -1, booster ? id : -1, booster ? -1 : id});
  leave_service(slot);
}

// The record stays as it is until a new vehicle takes the slot (never within the same action).
void Fleet::leave_service(std::int64_t slot) {
  in_service_.add(sim::now_s(), -1.0);
  free_slots_.push_back(slot);
}

double Fleet::busy_share(double horizon_s) const {
  const double service = in_service_.integral(horizon_s);
  return service > 0 ? 1.0 - ready_.level_integral(horizon_s) / service : 0.0;
}

}  // namespace starsim::models
