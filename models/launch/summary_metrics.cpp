#include "models/launch/summary_metrics.hpp"

#include <fmt/format.h>

#include "models/cost/cost_metrics.hpp"
#include "models/launch/yearly_metrics.hpp"

namespace starsim::models {

namespace {

std::string num(double x) { return fmt::format("{}", x); }
std::string count(std::int64_t n) { return std::to_string(n); }
std::string hours(double s) { return num(s / 3600.0); }
// Whole-horizon targets: the target's mean over the horizon.
std::string met(const RunOutcome& o, const std::optional<sim::Timed<double>>& target,
                double value) {
  if (!target) return "";
  return value >= sim::mean_over(*target, 0.0, o.config->horizon_s()) ? "true" : "false";
}
std::string year_or_empty(const std::optional<int>& year) {
  return year ? std::to_string(*year) : std::string();
}

std::vector<Metric> make_metrics() {
  using O = const RunOutcome&;
  std::vector<Metric> m{
      {"name", [](O o) { return o.config->name; }},
      {"seed", [](O o) { return std::to_string(o.config->seed); }},
      {"config_sha256", [](O o) { return o.config_sha256; }},
      {"launches", [](O o) { return count(o.stats->launches()); }},
      {"launches_per_year", [](O o) { return num(o.launches_per_year()); }},
      {"attempts", [](O o) { return count(o.stats->launches() + o.stats->scrubs()); }},
      {"scrubs", [](O o) { return count(o.stats->scrubs()); }},
      {"launch_failures", [](O o) { return count(o.stats->launch_failures()); }},
      {"boosters_lost", [](O o) { return count(o.stats->boosters_lost()); }},
      {"ships_lost", [](O o) { return count(o.stats->ships_lost()); }},
      {"boosters_built", [](O o) { return count(o.stats->boosters_built()); }},
      {"ships_built", [](O o) { return count(o.stats->ships_built()); }},
      {"mass_to_orbit_t", [](O o) { return num(o.stats->mass_to_orbit_t()); }},
      {"gw_launched", [](O o) { return num(o.stats->gw_launched()); }},
      {"gw_operational", [](O o) { return num(o.stats->gw_operational()); }},
      {"gw_per_year", [](O o) { return num(o.gw_per_year()); }},
      {"interlaunch_p50_h",
       [](O o) {
         const auto p = o.stats->interlaunch_gaps().percentile(0.50);
         return p ? hours(*p) : "";
       }},
      {"interlaunch_p95_h",
       [](O o) {
         const auto p = o.stats->interlaunch_gaps().percentile(0.95);
         return p ? hours(*p) : "";
       }},
      {"max_launches_24h", [](O o) { return std::to_string(o.stats->max_launches_24h()); }},
      {"hourly_slots_filled", [](O o) { return num(o.stats->hourly_slots_filled()); }},
      {"slots_missed",
       [](O o) {
         const auto n = o.stats->slots_missed();
         return n ? count(*n) : "";
       }},
      {"pad_utilization", [](O o) { return num(o.use.pad); }},
      {"tower_utilization", [](O o) { return num(o.use.tower); }},
      {"booster_utilization", [](O o) { return num(o.use.booster); }},
      {"ship_utilization", [](O o) { return num(o.use.ship); }},
      {"bay_utilization", [](O o) { return num(o.use.bay); }},
      {"propellant_stock_mean_t",
       [](O o) {
         return o.use.propellant_stock_mean_t ? num(*o.use.propellant_stock_mean_t) : "";
       }},
  };
  for (const WaitCauseInfo& c : wait_causes())
    m.push_back({wait_column(c.cause), [cause = c.cause](O o) {
                   const auto launches = static_cast<double>(o.stats->launches());
                   return launches > 0 ? hours(o.stats->wait_total_s(cause) / launches)
                                       : std::string();
                 }});
  std::vector<Metric> rest{
      {"integration_wait_mean_h", [](O o) { return hours(o.use.integration_wait_mean_s); }},
      {"integration_queue_mean", [](O o) { return num(o.use.integration_queue_mean); }},
      {"bottleneck", [](O o) { return o.stats->bottleneck(); }},
      {"launches_target_met",
       [](O o) { return met(o, o.config->targets.launches_per_year, o.launches_per_year()); }},
      {"gw_target_met", [](O o) { return met(o, o.config->targets.gw_per_year, o.gw_per_year()); }},
      {"first_year_launches_target_met",
       [](O o) { return year_or_empty(first_year_launches_target_met(o)); }},
      {"first_year_gw_target_met", [](O o) { return year_or_empty(first_year_gw_target_met(o)); }},
  };
  for (const CostMetric& c : cost_metrics())
    rest.push_back({c.column, [value = c.value](O o) {
                      const YearLedger total = o.costs->total();
                      CostView v{o.config,
                                 &total,
                                 o.costs->costed(),
                                 static_cast<double>(o.stats->launches()),
                                 o.stats->mass_to_orbit_t(),
                                 o.stats->gw_launched() * 1e9,
                                 o.stats->gw_operational() * 1e9,
                                 total.cost_usd(),
                                 o.config->horizon_s(),
                                 o.gw_per_year()};
                      return value(v);
                    }});
  std::vector<Metric> last{
      {"first_year_orbit_cheaper", [](O o) { return year_or_empty(first_year_orbit_cheaper(o)); }},
      {"events", [](O o) { return std::to_string(o.events); }},
      {"wall_s", [](O o) { return fmt::format("{:.3f}", o.wall_s); }},
  };
  m.insert(m.end(), rest.begin(), rest.end());
  m.insert(m.end(), last.begin(), last.end());
  return m;
}

}  // namespace

const std::vector<Metric>& summary_metrics() {
  static const std::vector<Metric> METRICS = make_metrics();
  return METRICS;
}

const std::vector<std::string>& summary_columns() {
  static const std::vector<std::string> COLUMNS = [] {
    std::vector<std::string> out;
    for (const Metric& m : summary_metrics()) out.push_back(m.column);
    return out;
  }();
  return COLUMNS;
}

SummaryRow summarise(const RunOutcome& outcome) {
  SummaryRow row;
  for (const Metric& m : summary_metrics()) row.emplace_back(m.column, m.value(outcome));
  return row;
}

}  // namespace starsim::models
