#include "models/payload/payload_line.hpp"

#include <fmt/format.h>

#include "models/events.hpp"
#include "sim/kernel.hpp"
#include "sim/timed_steps.hpp"
#include "sim/units.hpp"

namespace starsim::models {

PayloadLine::PayloadLine(const PayloadConfig& config, std::uint64_t seed, sim::EventLog& log)
    : config_(config),
      log_(log),
      factory_rng_(seed, "payload factory"),
      factory_(factory_rng_, [this] { produce(); }),
      produced_("payloads awaiting a bay"),
      integrated_("integrated payloads awaiting a pad") {
  for (std::int64_t k = 0; k < sim::max_value(config.integration_bays); ++k)
    bay_rngs_.emplace_back(seed, fmt::format("integration bay {}", k + 1));
  in_bay_.resize(bay_rngs_.size());
}

void PayloadLine::start() {
  factory_.set(config_.interval_s.initial());
  sim::at_each_step(config_.interval_s, [this](const sim::Distribution& d) { factory_.set(d); });
  bays_open_ = config_.integration_bays.initial();
  for (std::int64_t k = 0; k < bays_open_; ++k) take_next(static_cast<std::size_t>(k));
  sim::at_each_step(config_.integration_bays, [this](std::int64_t bays) {  // a schedule only grows
    for (std::int64_t k = bays_open_; k < bays; ++k) take_next(static_cast<std::size_t>(k));
    bays_open_ = bays;
  });
}

void PayloadLine::produce() {
  const std::int64_t id = next_id_++;
  log_.emit({sim::now_s(), events::PAYLOAD_PRODUCED, -1, -1, -1, -1, -1, id});
  produced_.put({id, sim::now_s()});
  check_queue(produced_, "payload.interval_h", "payload.integration_bays and integration_h");
}

void PayloadLine::take_next(std::size_t bay) {
  produced_.get([this, bay](Payload p) {
    integration_wait_s_ += sim::now_s() - p.produced_s;
    ++integrations_;
    bays_busy_.add(sim::now_s(), 1.0);
    in_bay_[bay] = p;
    sim::after(config_.integration_s.sample(bay_rngs_[bay]), [this, bay] { integrated_by(bay); });
  });
}

void PayloadLine::integrated_by(std::size_t bay) {
  const Payload p = in_bay_[bay];
  log_.emit({sim::now_s(), events::PAYLOAD_INTEGRATED, -1, -1, -1, -1, -1, p.id});
  bays_busy_.add(sim::now_s(), -1.0);
  integrated_.put(p);
  check_queue(integrated_, "the integration bays", "the launches: pads, fleets, propellant, caps");
  take_next(bay);
}

double PayloadLine::integration_wait_mean_s() const {
  return integrations_ > 0 ? integration_wait_s_ / static_cast<double>(integrations_) : 0.0;
}

double PayloadLine::bay_utilization(double horizon_s) const {
  return bays_busy_.integral(horizon_s) /
         (sim::mean_over(config_.integration_bays, 0.0, horizon_s) * horizon_s);
}

void PayloadLine::check_queue(const sim::Store<Payload>& queue, const char* arrives_by,
                              const char* leaves_by) const {
  if (queue.size() <= MAX_QUEUED) return;
  const double hours = sim::now_s() / sim::units::SECONDS_PER_HOUR;
  auto per_hour = [hours](std::int64_t n) {
    const double rate = static_cast<double>(n) / hours;
    return rate >= 100 ? fmt::format("{:.0f}", rate) : fmt::format("{:.3g}", rate);
  };
  throw sim::ModelError(
      fmt::format("the queue of {} holds {} payloads on day {:.1f} and cannot drain: they arrive "
                  "at {} an hour ({}) and "
                  "leave at {} an hour ({}); a queue that grows without bound is a modelling "
                  "mistake, stopped at {} "
                  "payloads",
                  queue.name(), queue.size(), hours / 24.0, per_hour(queue.puts()), arrives_by,
                  per_hour(queue.gets()), leaves_by, MAX_QUEUED));
}

}  // namespace starsim::models
