#include "models/orbit/power_tracker.hpp"

#include <cmath>

#include "models/launch/events.hpp"
#include "sim/kernel.hpp"

namespace starsim::models {

namespace {
constexpr double SECONDS_PER_YEAR = 365.0 * 86400.0;
}

PowerTracker::PowerTracker(const PayloadConfig& config, std::uint64_t seed, sim::EventLog& log)
    : config_(config), log_(log), rng_(seed, "orbit"), changed_("payload changes in orbit") {}

void PowerTracker::schedule(Pending p) {
  p.seq = seq_++;
  const bool earlier = pending_.empty() || p.time_s < pending_.top().time_s;
  pending_.push(p);
  if (earlier) changed_.notify_all();
}

void PowerTracker::deployed(std::int64_t launch_id, int site, std::int64_t payload, double watts) {
  const double raise_s = config_.orbit_raise_s.sample(rng_);
  const double now = sim::now_s();
  if (rng_.bernoulli(config_.early_failure_probability)) {
    // Lost at a uniformly drawn moment of the orbit raising.
    schedule({now + raise_s * rng_.uniform01(), 0, Change::LOST_EARLY, launch_id, site, payload, watts});
  } else {
    schedule({now + raise_s, 0, Change::OPERATIONAL, launch_id, site, payload, watts});
  }
}

void PowerTracker::run() {
  for (;;) {
    if (pending_.empty()) {
      changed_.wait();
      continue;
    }
    const Pending next = pending_.top();
    if (next.time_s > sim::now_s()) {
      changed_.wait_until(next.time_s);
      continue;  // woken by an earlier change, or it is time: look again
    }
    pending_.pop();
    sim::Event e{sim::now_s(), events::PAYLOAD_OPERATIONAL, next.launch_id, next.site};
    e.payload = next.payload;
    switch (next.change) {
      case Change::OPERATIONAL:
        e.value = next.watts;
        log_.emit(e);
        if (config_.annual_failure_rate > 0) {
          const double life_s =
              -std::log(rng_.uniform01_open_low()) / config_.annual_failure_rate * SECONDS_PER_YEAR;
          if (std::isfinite(life_s))
            schedule({sim::now_s() + life_s, 0, Change::FAILED, next.launch_id, next.site, next.payload,
                    next.watts});
        }
        break;
      case Change::LOST_EARLY:
        e.name = events::PAYLOAD_FAILED;
        e.value = 0.0;
        log_.emit(e);
        break;
      case Change::FAILED:
        e.name = events::PAYLOAD_FAILED;
        e.value = next.watts;
        log_.emit(e);
        break;
    }
  }
}

}  // namespace starsim::models
