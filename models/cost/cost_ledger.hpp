// What a run costs and what it takes on the ground, by calendar year, fed by the event log
// (configs/README.md, costs; models/README.md, "Costs and the ground footprint").
//
// Vehicles are charged as they are used: each flight of a stage costs its unit build cost
// divided by its life_flights, and a stage lost or expended costs the rest of its unit cost
// (the flights it will never fly). A stage still flying at the horizon keeps its remaining
// value. The unit cost of the n-th booster (or ship) built follows Wright's law on n, the fleet
// at the start counted first. capex_vehicles_built_usd is the cash view: the unit costs of
// the vehicles produced during the horizon. Propellant is counted when it is loaded (a scrub
// keeps it on board), the payload at liftoff (a payload lost in a launch failure is a cost).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "models/scenario/scenario_config.hpp"
#include "sim/event_log.hpp"
#include "sim/units.hpp"

namespace starsim::models {

// The parts of cost_usd, in the order of their cost_<part>_usd columns.
enum class CostPart {
  VEHICLES,
  REFURBISHMENT,
  PROPELLANT,
  LAUNCH_FIXED,
  PADS,
  DRONESHIPS,
  PAYLOAD
};
inline constexpr std::size_t COST_PARTS = 7;
std::string_view cost_part_name(CostPart part);  // "vehicles", ...

struct YearLedger {
  sim::units::YearSpan span;
  std::array<double, COST_PARTS> usd{};
  double vehicles_built_usd = 0.0;
  double fleet_at_start_usd = 0.0;  // the first year's: the fleet's unit costs at the start
  double propellant_t = 0.0, lox_t = 0.0, ch4_t = 0.0, energy_mwh = 0.0;

  double cost_usd() const;
  // Cash: every vehicle at its unit cost once (the fleet at the start, the vehicles built) and
  // the rest of cost_usd (vehicles by use left out).
  double programme_cost_usd() const;
};

class CostLedger {
 public:
  explicit CostLedger(const ScenarioConfig& config);

  void on_event(const sim::Event& e);
  // After the last event: the pads' cost by the day of their schedules.
  void finish();

  bool costed() const { return costed_; }  // the scenario has a costs: section
  const std::vector<YearLedger>& years() const { return years_; }
  YearLedger total() const;  // the whole horizon

 private:
  YearLedger& year_of(double time_s);
  double unit_usd(bool booster, std::int64_t id) const;
  void fly(bool booster, std::int64_t id, YearLedger& y);
  void write_off(bool booster, std::int64_t id, YearLedger& y);

  const ScenarioConfig& config_;
  bool costed_;
  std::vector<YearLedger> years_;
  std::size_t year_ = 0;
  std::array<std::vector<std::int32_t>, 2> flights_;  // by stage (0 booster, 1 ship) and vehicle id
};

}  // namespace starsim::models
