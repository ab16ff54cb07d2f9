#include "models/orbit/power_tracker.hpp"

#include <stdexcept>

#include "models/events.hpp"
#include "sim/distribution.hpp"
#include "sim/kernel.hpp"

namespace starsim::models {

namespace {
constexpr double SECONDS_PER_YEAR = 365.0 * 86400.0;
}

PowerTracker::PowerTracker(const PayloadConfig& config, std::uint64_t seed, sim::EventLog& log)
    : config_(config), log_(log), rng_(seed, "orbit") {}

void PowerTracker::deployed(std::int64_t launch_id, int site, std::int64_t payload, double watts) {
  if (launch_id < 0 || launch_id > UINT32_MAX || payload < 0 || payload > UINT32_MAX || site < 0 ||
      site > UINT16_MAX)
    throw std::logic_error("PowerTracker: an id past its 32-bit range");
  watts_ = watts;
  const Unit u{static_cast<std::uint32_t>(launch_id), static_cast<std::uint32_t>(payload),
               static_cast<std::uint16_t>(site)};
  const double raise_s = config_.orbit_raise_s.sample(rng_);
  const bool lost = rng_.bernoulli(config_.early_failure_probability);
  // Lost at a uniformly drawn moment of the orbit raising, or operational at its end.
  const double due_s = sim::now_s() + (lost ? raise_s * rng_.uniform01() : raise_s);
  raising_.push({due_s, raising_seq_++, u, lost});
  arm_raising();
}

void PowerTracker::arm_raising() {
  if (raising_.empty()) return;
  const double next = raising_.top().time_s;
  if (raising_armed_s_ >= 0 && raising_armed_s_ <= next) return;
  sim::cancel(raising_action_);
  raising_armed_s_ = next;
  raising_action_ = sim::at(next, [this] { raising_due(); });
}

void PowerTracker::raising_due() {
  raising_armed_s_ = -1.0;
  while (!raising_.empty() && raising_.top().time_s <= sim::now_s()) {
    const Raising r = raising_.top();
    raising_.pop();
    if (r.lost) {
      lost_early(r.unit);
    } else {
      became_operational(r.unit);
    }
  }
  arm_raising();
}

void PowerTracker::lost_early(Unit u) {
  log_.emit(
      {sim::now_s(), events::PAYLOAD_FAILED, u.launch_id, u.site, -1, -1, -1, u.payload, 0.0});
}

void PowerTracker::became_operational(Unit u) {
  log_.emit({sim::now_s(), events::PAYLOAD_OPERATIONAL, u.launch_id, u.site, -1, -1, -1, u.payload,
             watts_});
  if (config_.annual_failure_rate <= 0) return;
  if (operational_.size() <= u.site) operational_.resize(u.site + 1U);
  operational_[u.site].push_back({u.launch_id, u.payload});
  ++operational_count_;
  schedule_next_failure();  // one more unit: the rate of the next failure changes
}

void PowerTracker::schedule_next_failure() {
  sim::cancel(next_failure_);  // drawn for another count of units
  next_failure_ = {};
  if (operational_count_ == 0) return;
  // The first of N exponential lives, each of mean 1 / rate years: exponential, of mean 1 / (N x
  // rate) years.
  const double mean_s =
      SECONDS_PER_YEAR / (static_cast<double>(operational_count_) * config_.annual_failure_rate);
  const double wait_s = sim::Distribution::exponential(mean_s).sample(rng_);
  next_failure_ = sim::after(wait_s, [this] { fail_one(); });
}

void PowerTracker::fail_one() {
  // The unit that fails: uniform over all, counted site after site.
  auto i = static_cast<std::size_t>(rng_.below(operational_count_));
  std::size_t site = 0;
  while (i >= operational_[site].size()) i -= operational_[site++].size();
  std::deque<Ids>& units = operational_[site];
  const Ids u = units[i];
  units[i] = units.back();
  units.pop_back();
  --operational_count_;
  log_.emit({sim::now_s(), events::PAYLOAD_FAILED, u.launch_id, static_cast<int>(site), -1, -1, -1,
             u.payload, watts_});
  schedule_next_failure();
}

}  // namespace starsim::models
