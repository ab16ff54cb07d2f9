// Payloads after release: each raises its orbit for payload.orbit_raise_d and becomes
// operational power (payload.operational), unless it is lost on the way with
// payload.early_failure_probability (payload.failed at a uniform moment of the raising, value 0:
// no operational power lost). Operational units then fail at payload.annual_failure_rate:
// exponential lifetimes, mean 1/rate years (payload.failed, value = the watts lost).
//
// Memory stays flat over a century: the N operational units are held as 8 bytes each (by site),
// and
// their failures are one Poisson process of rate N x rate whose failing unit is drawn uniformly.
// By the exponential's lack of memory this is the same law as a lifetime drawn per unit, with
// one pending action instead of N. The payloads raising their orbit wait in a queue of their
// own, with one pending action for the earliest.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <queue>
#include <vector>

#include "models/payload/payload_config.hpp"
#include "sim/event_log.hpp"
#include "sim/kernel.hpp"
#include "sim/rng.hpp"

namespace starsim::models {

class PowerTracker {
 public:
  PowerTracker(const PayloadConfig& config, std::uint64_t seed, sim::EventLog& log);

  // A payload was released in orbit now; every payload carries `watts`.
  void deployed(std::int64_t launch_id, int site, std::int64_t payload, double watts);
  std::size_t operational_units() const { return operational_count_; }

 private:
  struct Unit {  // ids below 2^32 (checked), the site index below 2^16
    std::uint32_t launch_id, payload;
    std::uint16_t site;
  };
  struct Ids {  // an operational unit, held with its site's
    std::uint32_t launch_id, payload;
  };
  struct Raising {  // a payload on its way to operational orbit, or to its loss
    double time_s;
    std::uint64_t seq;
    Unit unit;
    bool lost;
    bool operator>(const Raising& o) const {
      return time_s != o.time_s ? time_s > o.time_s : seq > o.seq;
    }
  };
  void arm_raising();
  void raising_due();
  void became_operational(Unit u);
  void lost_early(Unit u);
  void schedule_next_failure();
  void fail_one();

  const PayloadConfig& config_;
  sim::EventLog& log_;
  sim::RandomStream rng_;
  std::priority_queue<Raising, std::vector<Raising>, std::greater<>> raising_;
  std::uint64_t raising_seq_ = 0;
  sim::ActionId raising_action_;
  double raising_armed_s_ = -1.0;
  std::vector<std::deque<Ids>> operational_;  // by site; deques grow in blocks, no doubling
  std::size_t operational_count_ = 0;
  double watts_ = 0.0;
  sim::ActionId next_failure_;  // the pending failure, drawn for the present count of units
};

}  // namespace starsim::models
