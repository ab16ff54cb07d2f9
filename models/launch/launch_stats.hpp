// The run's statistics, fed by the event log and by the pads' wait charges, turned into the
// summary.csv row and the yearly.csv rows at the horizon. Pure arithmetic (no simulated time),
// unit-tested.
//
// Wait rule: every moment a launch stands between "pad free" and liftoff is charged to the one
// cause it waits on at that moment; a wait still going on at the horizon is charged up to the
// horizon. wait_<cause>_h is total / launches; bottleneck is the cause with the largest total.
// By year: each count goes to the calendar year of its event, a wait is split at 1 January, and
// what is in service or operational is read at each year's end.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "models/launch/gap_histogram.hpp"
#include "models/launch/wait_causes.hpp"
#include "sim/event_log.hpp"
#include "sim/units.hpp"

namespace starsim::models {

// Linear interpolation between order statistics (Hyndman & Fan type 7, numpy's default);
// q in [0, 1]; sorts `values`. Empty input -> nullopt.
std::optional<double> percentile(std::vector<double>& values, double q);

// What the statistics know of the scenario.
struct StatsFrame {
  double horizon_s = 0;
  double slot_interval_s = 0;  // 0 without a slotted cadence
  std::int64_t start_epoch_s = 0;
  std::int64_t boosters_at_start = 0, ships_at_start = 0;
};

// The counts and sums of one calendar year (its part of the horizon).
struct YearStats {
  sim::units::YearSpan span;
  std::int64_t launches = 0, scrubs = 0, launch_failures = 0, boosters_lost = 0, ships_lost = 0;
  std::int64_t boosters_built = 0, ships_built = 0;
  double mass_t = 0.0, watts = 0.0;
  std::array<double, WAIT_CAUSES> wait_s{};
  // At the year's end (of its part of the horizon).
  double operational_w_end = 0.0;
  std::int64_t boosters_in_service_end = 0, ships_in_service_end = 0;

  // The cause with the largest wait of the year; "none" when nothing waited.
  std::string bottleneck() const;
};

class LaunchStats {
 public:
  explicit LaunchStats(const StatsFrame& frame);

  void on_event(const sim::Event& e);
  // A wait of a launch on `cause` over [from_s, to_s), clipped at the horizon.
  void charge_wait(WaitCause cause, double from_s, double to_s);
  // After the last event: reads the years' ends still open.
  void finish();

  std::int64_t launches() const { return launches_; }
  double wait_total_s(WaitCause cause) const { return wait_s_[static_cast<std::size_t>(cause)]; }
  // "none" when nothing waited.
  std::string bottleneck() const;
  double mass_to_orbit_t() const { return mass_t_; }
  double gw_launched() const { return watts_ / 1e9; }
  int max_launches_24h() const { return max_24h_; }
  double hourly_slots_filled() const;
  const GapHistogram& interlaunch_gaps() const { return gaps_; }
  std::int64_t scrubs() const { return scrubs_; }
  std::int64_t launch_failures() const { return launch_failures_; }
  std::int64_t boosters_lost() const { return boosters_lost_; }
  std::int64_t ships_lost() const { return ships_lost_; }
  std::int64_t boosters_built() const { return boosters_built_; }
  std::int64_t ships_built() const { return ships_built_; }
  double gw_operational() const { return operational_w_ / 1e9; }
  // Slots of the horizon without a liftoff on their boundary; nullopt without a cadence.
  std::optional<std::int64_t> slots_missed() const;
  // Every calendar year of the horizon, in order (complete after finish()).
  const std::vector<YearStats>& years() const { return years_; }

 private:
  YearStats& year_of_event(double time_s);  // closes the years that ended before it
  void close_year();

  double horizon_s_, slot_s_;
  std::int64_t launches_ = 0;
  double last_liftoff_s_ = -1.0;
  GapHistogram gaps_;
  std::deque<double> last_24h_;
  int max_24h_ = 0;
  std::int64_t hours_filled_ = 0;
  std::int64_t last_hour_ = -1;
  double mass_t_ = 0.0, watts_ = 0.0;
  std::array<double, WAIT_CAUSES> wait_s_{};
  std::int64_t scrubs_ = 0, launch_failures_ = 0, boosters_lost_ = 0, ships_lost_ = 0;
  std::int64_t boosters_built_ = 0, ships_built_ = 0, slots_filled_ = 0, last_slot_ = -1;
  double operational_w_ = 0.0;
  std::int64_t boosters_in_service_, ships_in_service_;
  std::unordered_map<std::int64_t, double> mass_in_flight_t_;  // by launch, liftoff to release
  std::vector<YearStats> years_;
  std::size_t year_ = 0;  // of the latest event
};

// One summary.csv row: ordered (column, value) pairs.
using SummaryRow = std::vector<std::pair<std::string, std::string>>;
std::string summary_csv(const SummaryRow& row);

}  // namespace starsim::models
