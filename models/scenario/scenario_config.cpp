#include "models/scenario/scenario_config.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>

#include "sim/config/names.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/units.hpp"

namespace starsim::models {

ScenarioConfig parse_scenario(const sim::config::Document& doc) {
  sim::config::MapReader r(doc, doc.root(), "", &doc.resolved());
  ScenarioConfig c;
  c.name = r.string("name", std::nullopt);
  // The name becomes a folder under results/: no separators, no leading dot.
  if (const std::string bad = sim::config::name_problem(c.name, sim::config::NameKind::FOLDER);
      !bad.empty())
    r.fail("name", bad);
  c.start_epoch_s = r.date_s("start_date", "2030-01-01");
  c.start_date = doc.resolved().find("start_date")->scalar();
  c.horizon_d = r.number("horizon_d", 365.0, -1e300, 36500.0);
  if (c.horizon_d < 1.0 / 24.0)
    r.fail("horizon_d", fmt::format("must be at least one hour (0.0417) and at most 36500, got {}",
                                    c.horizon_d));
  // The calendar of timeline.csv ends on 9999-12-31; the horizon is half-open.
  if (static_cast<double>(c.start_epoch_s) + c.horizon_d * 86400.0 >
      static_cast<double>(sim::units::days_from_civil(10000, 1, 1)) * 86400.0)
    r.fail("horizon_d", fmt::format("{} days from {} end after 9999-12-31, where the calendar ends",
                                    c.horizon_d, c.start_date));
  c.seed = static_cast<std::uint64_t>(r.integer("seed", 1, 0, (std::int64_t{1} << 53)));
  doc.set_calendar({c.start_epoch_s, c.horizon_s()});

  sim::config::MapReader t = r.map("targets");
  for (auto [key, target] : {std::pair{"launches_per_year", &c.targets.launches_per_year},
                             std::pair{"gw_per_year", &c.targets.gw_per_year}}) {
    if (t.has(key)) {
      *target = t.timed_number(key, std::nullopt, 0.0, 1e9);
    } else {
      t.declare(key);
    }
  }
  t.finish();

  c.vehicle = parse_vehicle(r.map("vehicle"));
  c.ranges = parse_ranges(r);
  c.sites = parse_sites(r, c.ranges, c.vehicle.propellant_t, c.vehicle.propellant_lox_fraction,
                        c.vehicle.booster.recovery == Recovery::DRONESHIP ||
                            c.vehicle.ship.recovery == Recovery::DRONESHIP);
  c.payload = parse_payload(r.map("payload"));
  c.failures = parse_failures(r.map("failures"));
  c.cadence = parse_cadence(r.map("cadence"));
  if (r.has("costs")) {
    c.costs = parse_costs(r.map("costs"));
  } else {
    r.declare("costs");  // absent: no cost computed, and none written into the resolved scenario
  }
  if (r.has("reference")) {
    c.reference = parse_reference(r.map("reference"));
  } else {
    r.declare("reference");
  }

  sim::config::MapReader o = r.map("output");
  c.timeline = o.boolean("timeline", true);
  o.finish();
  r.finish();

  return c;
}

std::string resolved_yaml(const sim::config::Document& doc) { return doc.resolved().to_yaml(); }

}  // namespace starsim::models
