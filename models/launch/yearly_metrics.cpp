#include "models/launch/yearly_metrics.hpp"

#include <fmt/format.h>

#include "models/cost/cost_metrics.hpp"
#include "sim/csv.hpp"

namespace starsim::models {

namespace {

std::string num(double x) { return fmt::format("{}", x); }
std::string count(std::int64_t n) { return std::to_string(n); }
std::string optional_num(const std::optional<double>& x) { return x ? num(*x) : std::string(); }
std::string met(const std::optional<double>& target, double value) {
  if (!target) return "";
  return value >= *target ? "true" : "false";
}

const YearStats& year(const RunOutcome& o, std::size_t i) { return o.stats->years()[i]; }

}  // namespace

CostView year_cost_view(const RunOutcome& o, std::size_t i) {
  const YearStats& y = year(o, i);
  const auto& ledgers = o.costs->years();
  double to_date = 0.0;
  for (std::size_t k = 0; k <= i; ++k) to_date += ledgers[k].cost_usd();
  return CostView{o.config,
                  &ledgers[i],
                  o.costs->costed(),
                  static_cast<double>(y.launches),
                  y.mass_t,
                  y.watts,
                  y.operational_w_end,
                  to_date,
                  y.span.to_s - y.span.from_s,
                  year_gw_per_year(y)};
}

std::optional<int> first_year_orbit_cheaper(const RunOutcome& o) {
  for (std::size_t i = 0; i < o.stats->years().size(); ++i) {
    const auto ratio = orbit_to_ground_cost_ratio(year_cost_view(o, i));
    if (ratio && *ratio < 1.0) return year(o, i).span.year;
  }
  return std::nullopt;
}

namespace {

std::vector<YearlyMetric> make_metrics() {
  using O = const RunOutcome&;
  using I = std::size_t;
  std::vector<YearlyMetric> m{
      {"year", [](O o, I i) { return std::to_string(year(o, i).span.year); }},
      {"days", [](O o, I i) { return num(year(o, i).span.days()); }},
      {"launches", [](O o, I i) { return count(year(o, i).launches); }},
      {"launches_per_year", [](O o, I i) { return num(year_launches_per_year(year(o, i))); }},
      {"attempts", [](O o, I i) { return count(year(o, i).launches + year(o, i).scrubs); }},
      {"scrubs", [](O o, I i) { return count(year(o, i).scrubs); }},
      {"launch_failures", [](O o, I i) { return count(year(o, i).launch_failures); }},
      {"boosters_lost", [](O o, I i) { return count(year(o, i).boosters_lost); }},
      {"ships_lost", [](O o, I i) { return count(year(o, i).ships_lost); }},
      {"mass_to_orbit_t", [](O o, I i) { return num(year(o, i).mass_t); }},
      {"gw_launched", [](O o, I i) { return num(year(o, i).watts / 1e9); }},
      {"gw_per_year", [](O o, I i) { return num(year_gw_per_year(year(o, i))); }},
      {"gw_launched_cumulative",
       [](O o, I i) {
         double w = 0;
         for (I k = 0; k <= i; ++k) w += year(o, k).watts;
         return num(w / 1e9);
       }},
      {"gw_operational_end", [](O o, I i) { return num(year(o, i).operational_w_end / 1e9); }},
      {"pads_end",
       [](O o, I i) {
         std::int64_t pads = 0;
         for (const SiteConfig& s : o.config->sites) pads += s.pads.before(year(o, i).span.to_s);
         return count(pads);
       }},
      {"boosters_active_end", [](O o, I i) { return count(year(o, i).boosters_in_service_end); }},
      {"ships_active_end", [](O o, I i) { return count(year(o, i).ships_in_service_end); }},
      {"boosters_built", [](O o, I i) { return count(year(o, i).boosters_built); }},
      {"ships_built", [](O o, I i) { return count(year(o, i).ships_built); }},
      {"bottleneck", [](O o, I i) { return year(o, i).bottleneck(); }},
  };
  for (const WaitCauseInfo& c : wait_causes())
    m.push_back({wait_column(c.cause), [cause = static_cast<std::size_t>(c.cause)](O o, I i) {
                   const YearStats& y = year(o, i);
                   return y.launches > 0
                              ? num(y.wait_s[cause] / 3600.0 / static_cast<double>(y.launches))
                              : std::string();
                 }});
  std::vector<YearlyMetric> rest{
      {"launches_target",
       [](O o, I i) {
         return optional_num(year_target(o.config->targets.launches_per_year, year(o, i).span));
       }},
      {"gw_target",
       [](O o, I i) {
         return optional_num(year_target(o.config->targets.gw_per_year, year(o, i).span));
       }},
      {"launches_target_met",
       [](O o, I i) {
         return met(year_target(o.config->targets.launches_per_year, year(o, i).span),
                    year_launches_per_year(year(o, i)));
       }},
      {"gw_target_met",
       [](O o, I i) {
         return met(year_target(o.config->targets.gw_per_year, year(o, i).span),
                    year_gw_per_year(year(o, i)));
       }},
  };
  m.insert(m.end(), rest.begin(), rest.end());
  for (const CostMetric& c : cost_metrics())
    m.push_back({c.column, [value = c.value](O o, I i) { return value(year_cost_view(o, i)); }});
  return m;
}

template <class Value>
std::optional<int> first_year_met(const RunOutcome& o,
                                  const std::optional<sim::Timed<double>>& target, Value value) {
  if (!target) return std::nullopt;
  for (const YearStats& y : o.stats->years())
    if (value(y) >= *year_target(target, y.span)) return y.span.year;
  return std::nullopt;
}

}  // namespace

std::optional<double> year_target(const std::optional<sim::Timed<double>>& target,
                                  const sim::units::YearSpan& span) {
  if (!target) return std::nullopt;
  return sim::mean_over(*target, span.from_s, span.to_s);
}

double year_launches_per_year(const YearStats& y) {
  return static_cast<double>(y.launches) * y.span.year_days() / y.span.days();
}

double year_gw_per_year(const YearStats& y) {
  return y.watts / 1e9 * y.span.year_days() / y.span.days();
}

std::optional<int> first_year_launches_target_met(const RunOutcome& o) {
  return first_year_met(o, o.config->targets.launches_per_year, year_launches_per_year);
}

std::optional<int> first_year_gw_target_met(const RunOutcome& o) {
  return first_year_met(o, o.config->targets.gw_per_year, year_gw_per_year);
}

bool empty_means_never(const std::string& metric) {
  return metric == "first_year_launches_target_met" || metric == "first_year_gw_target_met";
}

const std::vector<YearlyMetric>& yearly_metrics() {
  static const std::vector<YearlyMetric> METRICS = make_metrics();
  return METRICS;
}

const std::vector<std::string>& yearly_columns() {
  static const std::vector<std::string> COLUMNS = [] {
    std::vector<std::string> out;
    for (const YearlyMetric& m : yearly_metrics()) out.push_back(m.column);
    return out;
  }();
  return COLUMNS;
}

const std::vector<std::string>& yearly_experiment_metrics() {
  static const std::vector<std::string> METRICS = [] {
    std::vector<std::string> out{"launches",    "launches_per_year",      "gw_launched",
                                 "gw_per_year", "gw_launched_cumulative", "gw_operational_end",
                                 "pads_end",    "boosters_active_end",    "ships_active_end",
                                 "bottleneck"};
    for (const WaitCauseInfo& c : wait_causes())
      out.push_back(wait_column(c.cause));  // what a plan by year reads
    for (const char* t : {"launches_target", "gw_target", "launches_target_met", "gw_target_met"})
      out.emplace_back(t);
    return out;
  }();
  return METRICS;
}

std::string yearly_column(const std::string& metric, int year) {
  return fmt::format("{}_{}", metric, year);
}

std::string yearly_csv(const RunOutcome& outcome) {
  std::string out;
  for (const std::string& c : yearly_columns()) out += (out.empty() ? "" : ",") + sim::csv_field(c);
  out += '\n';
  for (std::size_t i = 0; i < outcome.stats->years().size(); ++i) {
    std::string row;
    for (const YearlyMetric& m : yearly_metrics())
      row += (row.empty() ? "" : ",") + sim::csv_field(m.value(outcome, i));
    out += row + '\n';
  }
  return out;
}

}  // namespace starsim::models
