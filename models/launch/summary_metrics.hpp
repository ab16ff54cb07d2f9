// The metrics of summary.csv: one table of (column, how it is computed from a finished run),
// in column order. The CSV header, the row, the experiments' per-run columns and the docs test
// all follow from it; the wait columns follow from the table of wait causes.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/cost/cost_ledger.hpp"
#include "models/launch/launch_flow.hpp"
#include "models/launch/launch_stats.hpp"
#include "models/scenario/scenario_config.hpp"

namespace starsim::models {

// What a finished run leaves for its summary.
struct RunOutcome {
  const ScenarioConfig* config = nullptr;
  std::string config_sha256;
  const LaunchStats* stats = nullptr;
  const CostLedger* costs = nullptr;
  Utilizations use;
  std::int64_t events = 0;
  double wall_s = 0.0;

  double per_year() const { return 365.0 / config->horizon_d; }
  double launches_per_year() const { return static_cast<double>(stats->launches()) * per_year(); }
  double gw_per_year() const { return stats->gw_launched() * per_year(); }
};

struct Metric {
  std::string column;
  std::function<std::string(const RunOutcome&)> value;
};

// Every metric, in the order of summary.csv's columns.
const std::vector<Metric>& summary_metrics();
// Their column names.
const std::vector<std::string>& summary_columns();
// The summary row of a run.
SummaryRow summarise(const RunOutcome& outcome);

}  // namespace starsim::models
