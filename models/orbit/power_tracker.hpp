// Payloads after release: each raises its orbit for payload.orbit_raise_d and becomes
// operational power (payload.operational), unless it is lost on the way with
// payload.early_failure_probability (payload.failed, value 0: no operational power lost).
// Operational units then fail at payload.annual_failure_rate (exponential lifetimes, mean
// 1/rate years; payload.failed, value = the watts lost). One actor keeps the pending changes in
// a time-ordered heap: no actor per payload.
#pragma once

#include <cstdint>
#include <queue>
#include <vector>

#include "models/payload/payload_config.hpp"
#include "sim/event_log.hpp"
#include "sim/rng.hpp"
#include "sim/signal.hpp"

namespace starsim::models {

class PowerTracker {
 public:
  PowerTracker(const PayloadConfig& config, std::uint64_t seed, sim::EventLog& log);

  // A payload was released in orbit now.
  void deployed(std::int64_t launch_id, int site, std::int64_t payload, double watts);
  // The actor's body: emits operational and failed events at their times.
  void run();

 private:
  enum class Change { OPERATIONAL, LOST_EARLY, FAILED };
  struct Pending {
    double time_s;
    std::int64_t seq;  // ties in the order they were scheduled
    Change change;
    std::int64_t launch_id;
    int site;
    std::int64_t payload;
    double watts;
    bool operator>(const Pending& o) const {
      return time_s != o.time_s ? time_s > o.time_s : seq > o.seq;
    }
  };
  void schedule(Pending p);

  const PayloadConfig& config_;
  sim::EventLog& log_;
  sim::RandomStream rng_;
  sim::Signal changed_;
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> pending_;
  std::int64_t seq_ = 0;
};

}  // namespace starsim::models
