#include "models/site/site_state.hpp"

#include <fmt/format.h>

#include "models/events.hpp"
#include "sim/kernel.hpp"
#include "sim/timed_steps.hpp"
#include "sim/units.hpp"

namespace starsim::models {

SiteState::SiteState(const SiteConfig& c, int index, std::uint64_t seed, sim::EventLog& log)
    : turn(c.name + " launch turn", 1),
      droneships("droneships of " + c.name),
      weather_rng(seed, "weather " + c.name),
      config_(&c),
      index_(index),
      log_(log),
      tower_freed_("a free tower at " + c.name) {
  for (std::int64_t k = 0; k < sim::max_value(c.pads); ++k)
    towers_.emplace_back(fmt::format("tower {}/{}", c.name, k + 1), 1);
  open_pads_ = c.pads.initial();
  pads_open.set(0.0, static_cast<double>(open_pads_));
  if (c.propellant.present)
    propellant = std::make_unique<sim::Tank>(
        "propellant farm " + c.name, c.propellant.storage_t.initial(), c.propellant.initial_t,
        c.propellant.production_t_per_day.initial() / sim::units::SECONDS_PER_DAY);
  droneships_ = c.droneships.count.initial();
  for (std::int64_t d = 0; d < droneships_; ++d) droneships.put(static_cast<int>(d));
}

void SiteState::start() {
  if (propellant) {
    sim::at_each_step(config_->propellant.production_t_per_day, [this](double t_per_day) {
      propellant->set_fill_per_s(t_per_day / sim::units::SECONDS_PER_DAY);
    });
    sim::at_each_step(config_->propellant.storage_t,
                      [this](double t) { propellant->set_capacity(t); });
  }
  sim::at_each_step(config_->droneships.count,
                    [this](std::int64_t count) {  // a schedule only grows
                      for (; droneships_ < count; ++droneships_)
                        droneships.put(static_cast<int>(droneships_));
                    });
}

void SiteState::set_open_pads(std::int64_t pads) {
  const bool more = pads > open_pads_;
  open_pads_ = pads;
  pads_open.set(sim::now_s(), static_cast<double>(pads));
  if (more) tower_freed_.notify_all();  // ships waiting in orbit may take the new towers
}

void SiteState::release_tower(int tower, std::int64_t launch_id, std::int64_t booster,
                              std::int64_t ship) {
  log_.emit({sim::now_s(), events::TOWER_CLEARED, launch_id, index_, tower, booster, ship});
  towers_[static_cast<std::size_t>(tower)].release();
  tower_freed_.notify_all();
}

void SiteState::acquire_any_tower(std::function<void(int)> then) {
  for (std::size_t k = 0; k < static_cast<std::size_t>(open_pads_); ++k)
    if (towers_[k].try_acquire()) return then(static_cast<int>(k));
  tower_freed_.wait(
      [this, then = std::move(then)]() mutable { acquire_any_tower(std::move(then)); });
}

double SiteState::towers_busy_integral_s(double until_s) const {
  double busy = 0;
  for (const auto& t : towers_) busy += t.busy_integral_s(until_s);
  return busy;
}

}  // namespace starsim::models
