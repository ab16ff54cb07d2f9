#include "models/launch/launch_stats.hpp"

#include <algorithm>
#include <cmath>

#include "models/events.hpp"
#include "sim/csv.hpp"

namespace starsim::models {

std::optional<double> percentile(std::vector<double>& values, double q) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const double h = q * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

LaunchStats::LaunchStats(double horizon_s, double payload_t, double slot_interval_s)
    : horizon_s_(horizon_s), payload_t_(payload_t), slot_s_(slot_interval_s) {}

void LaunchStats::on_event(const sim::Event& e) {
  if (e.name == events::LAUNCH_LIFTED_OFF) {
    ++launches_;
    if (last_liftoff_s_ >= 0.0) gaps_.add(e.time_s - last_liftoff_s_);
    last_liftoff_s_ = e.time_s;
    while (!last_24h_.empty() && last_24h_.front() <= e.time_s - 86400.0) last_24h_.pop_front();
    last_24h_.push_back(e.time_s);
    max_24h_ = std::max(max_24h_, static_cast<int>(last_24h_.size()));
    const auto hour = static_cast<std::int64_t>(std::floor(e.time_s / 3600.0));
    if (hour != last_hour_ && hour < static_cast<std::int64_t>(std::floor(horizon_s_ / 3600.0)))
      ++hours_filled_;
    last_hour_ = hour;
    if (slot_s_ > 0) {
      const auto slot = static_cast<std::int64_t>(std::llround(e.time_s / slot_s_));
      if (slot != last_slot_) ++slots_filled_;
      last_slot_ = slot;
    }
  } else if (e.name == events::PAYLOAD_DEPLOYED) {
    mass_t_ += payload_t_;
    watts_ += e.value;
  } else if (e.name == events::LAUNCH_SCRUBBED) {
    ++scrubs_;
  } else if (e.name == events::LAUNCH_FAILED) {
    ++launch_failures_;
  } else if (e.name == events::BOOSTER_LOST) {
    ++boosters_lost_;
  } else if (e.name == events::SHIP_LOST) {
    ++ships_lost_;
  } else if (e.name == events::VEHICLE_PRODUCED) {
    if (e.booster >= 0) ++boosters_built_;
    if (e.ship >= 0) ++ships_built_;
  } else if (e.name == events::PAYLOAD_OPERATIONAL) {
    operational_w_ += e.value;
  } else if (e.name == events::PAYLOAD_FAILED) {
    operational_w_ -= e.value;  // 0 for a payload lost before it was operational
  }
}

void LaunchStats::charge_wait(WaitCause cause, double from_s, double to_s) {
  const double dt = std::min(to_s, horizon_s_) - std::min(from_s, horizon_s_);
  if (dt > 0.0) wait_s_[static_cast<std::size_t>(cause)] += dt;
}

std::string LaunchStats::bottleneck() const {
  std::size_t best = 0;
  for (std::size_t i = 1; i < WAIT_CAUSES; ++i)
    if (wait_s_[i] > wait_s_[best]) best = i;
  return wait_s_[best] > 0.0 ? std::string(wait_cause_name(static_cast<WaitCause>(best))) : "none";
}

std::optional<std::int64_t> LaunchStats::slots_missed() const {
  if (slot_s_ <= 0) return std::nullopt;
  // Slot boundaries k * slot in [0, horizon).
  const auto slots = static_cast<std::int64_t>(std::ceil(horizon_s_ / slot_s_));
  return slots - slots_filled_;
}

double LaunchStats::hourly_slots_filled() const {
  const double hours = std::floor(horizon_s_ / 3600.0);
  return hours > 0 ? static_cast<double>(hours_filled_) / hours : 0.0;
}

std::string summary_csv(const SummaryRow& row) {
  std::string header, values;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) {
      header += ',';
      values += ',';
    }
    header += row[i].first;
    values += sim::csv_field(row[i].second);
  }
  return header + "\n" + values + "\n";
}

}  // namespace starsim::models
