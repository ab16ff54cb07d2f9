// The payload line in simulated time: the factory makes a payload every payload.interval_h, the
// first at the start (every production line delivers its first unit at t = 0: over a horizon H
// an interval I gives ceil(H / I) units; a scheduled interval changes pace as sim::Pacer says);
// integration bays take the oldest payload waiting for a bay, integrate it for
// payload.integration_h and put it with the integrated payloads, which pads take. Bays added by
// a schedule start taking payloads on their date. Events: payload.produced, payload.integrated. A
// queue that cannot drain (more than MAX_QUEUED payloads waiting) is a modelling mistake:
// sim::ModelError names it and both rates.
#pragma once

#include <cstdint>
#include <vector>

#include "models/payload/payload_config.hpp"
#include "sim/event_log.hpp"
#include "sim/pacer.hpp"
#include "sim/rng.hpp"
#include "sim/store.hpp"
#include "sim/time_weighted.hpp"

namespace starsim::models {

struct Payload {
  std::int64_t id = 0;
  double produced_s = 0;
};

class PayloadLine {
 public:
  // Past this many payloads waiting (16 bytes each) a queue is stopped.
  static constexpr std::size_t MAX_QUEUED = 1'000'000;

  PayloadLine(const PayloadConfig& config, std::uint64_t seed, sim::EventLog& log);
  PayloadLine(const PayloadLine&) = delete;
  PayloadLine& operator=(const PayloadLine&) = delete;

  // Schedules the first payload (at the start) and sets every bay waiting for one.
  void start();
  // The integrated payloads, oldest first: what a pad takes.
  sim::Store<Payload>& integrated() { return integrated_; }

  // Time waited for a bay: mean over the payloads that entered one before the horizon.
  double integration_wait_mean_s() const;
  double bay_utilization(double horizon_s) const;
  double integration_queue_mean(double horizon_s) const { return produced_.mean_level(horizon_s); }

 private:
  void produce();
  void take_next(std::size_t bay);
  void integrated_by(std::size_t bay);
  void check_queue(const sim::Store<Payload>& queue, const char* arrives_by,
                   const char* leaves_by) const;

  const PayloadConfig& config_;
  sim::EventLog& log_;
  sim::RandomStream factory_rng_;
  sim::Pacer factory_;
  std::vector<sim::RandomStream> bay_rngs_;
  std::vector<Payload> in_bay_;  // what each bay integrates
  sim::Store<Payload> produced_, integrated_;
  sim::TimeWeighted bays_busy_;
  std::int64_t next_id_ = 0;
  std::int64_t bays_open_ = 0;
  double integration_wait_s_ = 0.0;
  std::int64_t integrations_ = 0;
};

}  // namespace starsim::models
