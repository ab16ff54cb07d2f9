#include "models/cost/cost_ledger.hpp"

#include <algorithm>
#include <limits>

#include "models/events.hpp"

namespace starsim::models {

std::string_view cost_part_name(CostPart part) {
  static constexpr std::array<std::string_view, COST_PARTS> NAMES{
      "vehicles", "refurbishment", "propellant", "launch_fixed", "pads", "droneships", "payload"};
  return NAMES[static_cast<std::size_t>(part)];
}

double YearLedger::cost_usd() const {
  double sum = 0.0;
  for (double x : usd) sum += x;
  return sum;
}

double YearLedger::programme_cost_usd() const {
  return cost_usd() - usd[static_cast<std::size_t>(CostPart::VEHICLES)] + vehicles_built_usd +
         fleet_at_start_usd;
}

namespace {
std::size_t at(CostPart p) { return static_cast<std::size_t>(p); }

// The integral of count(t) x usd_per_year(t) over [from_s, to_s), in dollars, a year being
// `year_s` long: both follow their schedules.
double cost_over(const sim::Timed<std::int64_t>& count, const sim::Timed<double>& usd_per_year,
                 double from_s, double to_s, double year_s) {
  double usd = 0.0;
  for (double t = from_s; t < to_s;) {
    const double next = std::min({to_s, count.next_step_after(t), usd_per_year.next_step_after(t)});
    usd += static_cast<double>(count.at(t)) * usd_per_year.at(t) * (next - t) / year_s;
    t = next;
  }
  return usd;
}
}  // namespace

CostLedger::CostLedger(const ScenarioConfig& config)
    : config_(config), costed_(config.costs.has_value()) {
  for (const auto& span : sim::units::calendar_years(config.start_epoch_s, config.horizon_s())) {
    YearLedger y;
    y.span = span;
    years_.push_back(y);
  }
  if (costed_ && !years_.empty()) {
    for (std::int64_t id = 0; id < config.vehicle.booster.fleet.initial(); ++id)
      years_.front().fleet_at_start_usd += unit_usd(true, id);
    for (std::int64_t id = 0; id < config.vehicle.ship.fleet.initial(); ++id)
      years_.front().fleet_at_start_usd += unit_usd(false, id);
  }
}

YearLedger& CostLedger::year_of(double time_s) {
  while (year_ + 1 < years_.size() && time_s >= years_[year_].span.to_s) ++year_;
  return years_[year_];
}

double CostLedger::unit_usd(bool booster, std::int64_t id) const {
  const auto& c = *config_.costs;
  return (booster ? c.booster_build_usd : c.ship_build_usd).value(id + 1);
}

void CostLedger::fly(bool booster, std::int64_t id, YearLedger& y) {
  auto& flights = flights_[booster ? 0 : 1];
  if (static_cast<std::size_t>(id) >= flights.size())
    flights.resize(static_cast<std::size_t>(id) + 1, 0);
  ++flights[static_cast<std::size_t>(id)];
  const auto life =
      static_cast<double>((booster ? config_.vehicle.booster : config_.vehicle.ship).life_flights);
  y.usd[at(CostPart::VEHICLES)] += unit_usd(booster, id) / life;
}

void CostLedger::write_off(bool booster, std::int64_t id, YearLedger& y) {
  const auto& flights = flights_[booster ? 0 : 1];
  const double flown =
      static_cast<std::size_t>(id) < flights.size() ? flights[static_cast<std::size_t>(id)] : 0;
  const auto life =
      static_cast<double>((booster ? config_.vehicle.booster : config_.vehicle.ship).life_flights);
  y.usd[at(CostPart::VEHICLES)] += unit_usd(booster, id) * std::max(0.0, life - flown) / life;
}

void CostLedger::on_event(const sim::Event& e) {
  YearLedger& y = year_of(e.time_s);
  if (e.name == events::PROPELLANT_LOADED) {
    const double t = e.value, lox = t * config_.vehicle.propellant_lox_fraction;
    y.propellant_t += t;
    y.lox_t += lox;
    y.ch4_t += t - lox;
    y.energy_mwh += t * config_.sites[static_cast<std::size_t>(e.site)].propellant.energy_mwh_per_t;
    if (costed_)
      y.usd[at(CostPart::PROPELLANT)] += lox * config_.costs->lox_usd_per_t.at(e.time_s) +
                                         (t - lox) * config_.costs->ch4_usd_per_t.at(e.time_s);
  }
  if (!costed_) return;
  const CostConfig& c = *config_.costs;
  if (e.name == events::LAUNCH_LIFTED_OFF) {
    fly(true, e.booster, y);
    fly(false, e.ship, y);
    y.usd[at(CostPart::LAUNCH_FIXED)] += c.launch_fixed_usd.at(e.time_s);
    const double kg = e.value * 1000.0;
    if (c.payload_usd_per_kg)
      y.usd[at(CostPart::PAYLOAD)] += kg * c.payload_usd_per_kg->at(e.time_s);
    if (c.payload_usd_per_w)
      y.usd[at(CostPart::PAYLOAD)] += kg * config_.payload.specific_power_w_per_kg.at(e.time_s) *
                                      c.payload_usd_per_w->at(e.time_s);
  } else if (e.name == events::BOOSTER_RECOVERED) {
    y.usd[at(CostPart::REFURBISHMENT)] += c.booster_refurb_usd_per_flight.at(e.time_s);
  } else if (e.name == events::SHIP_RECOVERED) {
    y.usd[at(CostPart::REFURBISHMENT)] += c.ship_refurb_usd_per_flight.at(e.time_s);
  } else if (e.name == events::BOOSTER_LOST || e.name == events::BOOSTER_EXPENDED) {
    write_off(true, e.booster, y);
  } else if (e.name == events::SHIP_LOST || e.name == events::SHIP_EXPENDED) {
    write_off(false, e.ship, y);
  } else if (e.name == events::VEHICLE_PRODUCED) {
    y.vehicles_built_usd += e.booster >= 0 ? unit_usd(true, e.booster) : unit_usd(false, e.ship);
  } else if (e.name == events::DRONESHIP_RETURNED) {
    y.usd[at(CostPart::DRONESHIPS)] += c.droneship_usd_per_cycle.at(e.time_s);
  }
}

void CostLedger::finish() {
  if (!costed_) return;
  for (YearLedger& y : years_) {
    const double year_s = static_cast<double>(y.span.year_days()) * sim::units::SECONDS_PER_DAY;
    for (const auto& site : config_.sites)
      y.usd[at(CostPart::PADS)] +=
          cost_over(site.pads, config_.costs->pad_usd_per_year, y.span.from_s, y.span.to_s, year_s);
  }
}

YearLedger CostLedger::total() const {
  YearLedger t;
  if (!years_.empty())
    t.span = {years_.front().span.year, years_.front().span.from_s, years_.back().span.to_s};
  for (const YearLedger& y : years_) {
    for (std::size_t i = 0; i < COST_PARTS; ++i) t.usd[i] += y.usd[i];
    t.vehicles_built_usd += y.vehicles_built_usd;
    t.fleet_at_start_usd += y.fleet_at_start_usd;
    t.propellant_t += y.propellant_t;
    t.lox_t += y.lox_t;
    t.ch4_t += y.ch4_t;
    t.energy_mwh += y.energy_mwh;
  }
  return t;
}

}  // namespace starsim::models
