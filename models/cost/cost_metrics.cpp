#include "models/cost/cost_metrics.hpp"

#include <fmt/format.h>

namespace starsim::models {

std::optional<double> orbit_cost_per_w_usd(const CostView& v) {
  if (!v.costed || !v.config->reference || !(v.watts_launched > 0)) return std::nullopt;
  const PayloadConfig& p = v.config->payload;
  const double share = orbit_delivered_share(v.config->reference->orbit,
                                             p.early_failure_probability, p.annual_failure_rate);
  return share > 0 ? std::optional<double>(v.ledger->cost_usd() / v.watts_launched / share)
                   : std::nullopt;
}

std::optional<double> orbit_to_ground_cost_ratio(const CostView& v) {
  const auto orbit = orbit_cost_per_w_usd(v);
  if (!orbit) return std::nullopt;
  const double ground = ground_cost_per_w_usd(v.config->reference->ground);
  return ground > 0 ? std::optional<double>(*orbit / ground) : std::nullopt;
}

namespace {

std::string num(double x) { return fmt::format("{}", x); }
// A cost column: empty without costs: or with nothing to divide by.
std::string ratio(const CostView& v, double usd, double per) {
  return v.costed && per > 0 ? num(usd / per) : "";
}

std::vector<CostMetric> make() {
  using V = const CostView&;
  std::vector<CostMetric> m{
      {"cost_usd", [](V v) { return v.costed ? num(v.ledger->cost_usd()) : ""; }},
      {"cost_per_launch_usd", [](V v) { return ratio(v, v.ledger->cost_usd(), v.launches); }},
      {"cost_per_kg_usd",  // the launches' cost (the payload's apart) per kg delivered to orbit
       [](V v) {
         const double launch_usd =
             v.ledger->cost_usd() - v.ledger->usd[static_cast<std::size_t>(CostPart::PAYLOAD)];
         return ratio(v, launch_usd, v.mass_t * 1000.0);
       }},
      {"cost_per_w_launched_usd",
       [](V v) { return ratio(v, v.ledger->cost_usd(), v.watts_launched); }},
      {"cost_per_w_operational_usd",
       [](V v) { return ratio(v, v.cost_to_date_usd, v.watts_operational); }},
  };
  for (std::size_t i = 0; i < COST_PARTS; ++i)
    m.push_back({fmt::format("cost_{}_usd", cost_part_name(static_cast<CostPart>(i))),
                 [i](V v) { return v.costed ? num(v.ledger->usd[i]) : ""; }});
  std::vector<CostMetric> ground{
      {"capex_vehicles_built_usd",
       [](V v) { return v.costed ? num(v.ledger->vehicles_built_usd) : ""; }},
      {"programme_cost_usd",
       [](V v) { return v.costed ? num(v.ledger->programme_cost_usd()) : ""; }},
      {"propellant_t", [](V v) { return num(v.ledger->propellant_t); }},
      {"lox_t", [](V v) { return num(v.ledger->lox_t); }},
      {"ch4_t", [](V v) { return num(v.ledger->ch4_t); }},
      {"ground_energy_gwh", [](V v) { return num(v.ledger->energy_mwh / 1000.0); }},
      {"ground_power_gw_mean",
       [](V v) {
         return v.span_s > 0 ? num(v.ledger->energy_mwh / 1000.0 / (v.span_s / 3600.0)) : "";
       }},
      {"ground_power_share",  // the ground's mean power against the power launched in a year
       [](V v) {
         const double gw = v.span_s > 0 ? v.ledger->energy_mwh / 1000.0 / (v.span_s / 3600.0) : 0.0;
         return v.gw_per_year > 0 ? num(gw / v.gw_per_year) : "";
       }},
  };
  m.insert(m.end(), ground.begin(), ground.end());
  std::vector<CostMetric> against{
      {"ground_cost_per_w_usd",
       [](V v) {
         return v.config->reference ? num(ground_cost_per_w_usd(v.config->reference->ground)) : "";
       }},
      {"orbit_cost_per_w_usd",
       [](V v) {
         const auto x = orbit_cost_per_w_usd(v);
         return x ? num(*x) : "";
       }},
      {"orbit_to_ground_cost_ratio",
       [](V v) {
         const auto x = orbit_to_ground_cost_ratio(v);
         return x ? num(*x) : "";
       }},
  };
  m.insert(m.end(), against.begin(), against.end());
  return m;
}

}  // namespace

const std::vector<CostMetric>& cost_metrics() {
  static const std::vector<CostMetric> METRICS = make();
  return METRICS;
}

}  // namespace starsim::models
