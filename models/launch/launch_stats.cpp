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

namespace {
std::string worst_cause(const std::array<double, WAIT_CAUSES>& wait_s) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < WAIT_CAUSES; ++i)
    if (wait_s[i] > wait_s[best]) best = i;
  return wait_s[best] > 0.0 ? std::string(wait_cause_name(static_cast<WaitCause>(best))) : "none";
}
}  // namespace

std::string YearStats::bottleneck() const { return worst_cause(wait_s); }

LaunchStats::LaunchStats(const StatsFrame& frame)
    : horizon_s_(frame.horizon_s),
      slot_s_(frame.slot_interval_s),
      boosters_in_service_(frame.boosters_at_start),
      ships_in_service_(frame.ships_at_start) {
  for (const auto& span : sim::units::calendar_years(frame.start_epoch_s, frame.horizon_s)) {
    YearStats y;
    y.span = span;
    years_.push_back(y);
  }
}

void LaunchStats::close_year() {
  YearStats& y = years_[year_];
  y.operational_w_end = operational_w_;
  y.boosters_in_service_end = boosters_in_service_;
  y.ships_in_service_end = ships_in_service_;
}

YearStats& LaunchStats::year_of_event(double time_s) {
  while (year_ + 1 < years_.size() && time_s >= years_[year_].span.to_s) {
    close_year();
    ++year_;
  }
  return years_[year_];
}

void LaunchStats::finish() {
  for (; year_ + 1 < years_.size(); ++year_) close_year();
  close_year();
}

void LaunchStats::on_event(const sim::Event& e) {
  YearStats& y = year_of_event(e.time_s);
  if (e.name == events::LAUNCH_LIFTED_OFF) {
    ++launches_;
    ++y.launches;
    mass_in_flight_t_[e.launch_id] = e.value;
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
    const auto it = mass_in_flight_t_.find(e.launch_id);
    const double mass_t = it != mass_in_flight_t_.end() ? it->second : 0.0;
    if (it != mass_in_flight_t_.end()) mass_in_flight_t_.erase(it);
    mass_t_ += mass_t;
    y.mass_t += mass_t;
    watts_ += e.value;
    y.watts += e.value;
  } else if (e.name == events::LAUNCH_SCRUBBED) {
    ++scrubs_;
    ++y.scrubs;
  } else if (e.name == events::LAUNCH_FAILED) {
    ++launch_failures_;
    ++y.launch_failures;
    mass_in_flight_t_.erase(e.launch_id);
  } else if (e.name == events::BOOSTER_LOST) {
    ++boosters_lost_;
    ++y.boosters_lost;
    --boosters_in_service_;
  } else if (e.name == events::SHIP_LOST) {
    ++ships_lost_;
    ++y.ships_lost;
    --ships_in_service_;
  } else if (e.name == events::BOOSTER_EXPENDED) {
    --boosters_in_service_;
  } else if (e.name == events::SHIP_EXPENDED) {
    --ships_in_service_;
  } else if (e.name == events::VEHICLE_RETIRED) {
    if (e.booster >= 0) --boosters_in_service_;
    if (e.ship >= 0) --ships_in_service_;
  } else if (e.name == events::VEHICLE_PRODUCED) {
    if (e.booster >= 0) ++boosters_built_, ++y.boosters_built, ++boosters_in_service_;
    if (e.ship >= 0) ++ships_built_, ++y.ships_built, ++ships_in_service_;
  } else if (e.name == events::PAYLOAD_OPERATIONAL) {
    operational_w_ += e.value;
  } else if (e.name == events::PAYLOAD_FAILED) {
    operational_w_ -= e.value;  // 0 for a payload lost before it was operational
  }
}

void LaunchStats::charge_wait(WaitCause cause, double from_s, double to_s) {
  const double from = std::min(from_s, horizon_s_), to = std::min(to_s, horizon_s_);
  if (!(to > from)) return;
  const auto c = static_cast<std::size_t>(cause);
  wait_s_[c] += to - from;
  // Split at 1 January (most waits fall in the latest event's year: search from there).
  std::size_t y = year_;
  while (y > 0 && years_[y].span.from_s > from) --y;
  for (; y < years_.size() && years_[y].span.from_s < to; ++y) {
    const double part = std::min(to, years_[y].span.to_s) - std::max(from, years_[y].span.from_s);
    if (part > 0) years_[y].wait_s[c] += part;
  }
}

std::string LaunchStats::bottleneck() const { return worst_cause(wait_s_); }

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
