// The cost and ground-footprint columns of summary.csv and yearly.csv, declared once: the same
// names and arithmetic for the whole horizon and for each calendar year (configs/README.md).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "models/cost/cost_ledger.hpp"

namespace starsim::models {

// What the columns are computed from: the horizon's (or a year's) ledger and throughput.
struct CostView {
  const ScenarioConfig* config = nullptr;
  const YearLedger* ledger = nullptr;
  bool costed = false;  // costs: given (otherwise the cost columns are empty)
  double launches = 0.0;
  double mass_t = 0.0;          // to orbit (deployed)
  double watts_launched = 0.0;  // deployed
  double watts_operational = 0.0;
  double cost_to_date_usd =
      0.0;  // spent up to the end of the span (for cost_per_w_operational_usd)
  double span_s = 0.0;
  double gw_per_year = 0.0;  // launched, as a rate a year
};

struct CostMetric {
  std::string column;
  std::function<std::string(const CostView&)> value;
};
const std::vector<CostMetric>& cost_metrics();

// A watt of compute delivered over the life, in orbit (the span's cost per W launched over the
// share a launched watt delivers) and on the ground (reference:), and their ratio; nullopt
// without costs: or reference: or a watt launched.
std::optional<double> orbit_cost_per_w_usd(const CostView& v);
std::optional<double> orbit_to_ground_cost_ratio(const CostView& v);

}  // namespace starsim::models
