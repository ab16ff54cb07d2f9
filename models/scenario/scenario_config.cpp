#include "models/scenario/scenario_config.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <initializer_list>
#include <vector>

#include "sim/kernel.hpp"
#include "sim/units.hpp"

namespace starsim::models {

namespace {
// SimGrid keeps at most ~32,000 live actors; every vehicle, pad and bay is one.
constexpr std::int64_t MAX_ACTORS = 30000;

// Where a key is written, or where the nearest of its parents is (a default's key is absent).
std::string where_of(const sim::config::Document& doc, std::initializer_list<const char*> keys) {
  YAML::Node node = doc.root();
  for (const char* k : keys) {
    const YAML::Node child = node.IsMap() ? node[k] : YAML::Node();
    if (!child.IsDefined() || child.IsNull()) break;
    node.reset(child);  // not `node = child`: yaml-cpp would copy child over the node itself
  }
  return doc.where(node);
}

// Every vehicle (at the start and produced over the horizon), pad and bay is an actor: refused
// past the kernel's limit, at the key that contributes most, and when the address space that
// `ulimit -v` allows cannot hold their stacks.
void check_actors(const sim::config::Document& doc, const ScenarioConfig& c) {
  const double weeks = c.horizon_d / 7.0;
  auto produced = [&](const StageConfig& s) {
    return static_cast<std::int64_t>(std::ceil(s.production_per_week * weeks));
  };
  std::int64_t pads = 0;
  for (const auto& s : c.sites) pads += s.pads;
  struct Part {
    std::int64_t actors;
    std::string what, where;
  };
  const std::vector<Part> parts{
      {c.vehicle.booster.fleet, "boosters at the start", where_of(doc, {"vehicle", "booster", "fleet"})},
      {c.vehicle.ship.fleet, "ships at the start", where_of(doc, {"vehicle", "ship", "fleet"})},
      {produced(c.vehicle.booster), "boosters produced",
       where_of(doc, {"vehicle", "booster", "production_per_week"})},
      {produced(c.vehicle.ship), "ships produced", where_of(doc, {"vehicle", "ship", "production_per_week"})},
      {pads, "pads", where_of(doc, {"sites"})},
      {c.payload.integration_bays, "integration bays", where_of(doc, {"payload", "integration_bays"})},
  };
  std::int64_t actors = 0;
  const Part* biggest = &parts.front();
  std::string list;
  for (const Part& p : parts) {
    actors += p.actors;
    if (p.actors > biggest->actors) biggest = &p;
    list += fmt::format("{}{} {}", list.empty() ? "" : ", ", p.actors, p.what);
  }
  if (actors > MAX_ACTORS)
    throw sim::config::ConfigError(
        biggest->where, "",
        fmt::format("{} make {} actors in {} days; the kernel holds at most {} (one actor each)", list,
                    actors, c.horizon_d, MAX_ACTORS));
  sim::check_address_space(actors);
}
}  // namespace

ScenarioConfig parse_scenario(const sim::config::Document& doc) {
  sim::config::MapReader r(doc, doc.root(), "", &doc.resolved());
  ScenarioConfig c;
  c.name = r.string("name", std::nullopt);
  // The name becomes a folder under results/: no separators, no leading dot.
  for (char ch : c.name) {
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.'))
      r.fail("name", fmt::format("'{}' may hold only letters, digits, '-', '_' and '.'", c.name));
  }
  if (c.name.front() == '.') r.fail("name", fmt::format("'{}' must not start with '.'", c.name));
  c.start_epoch_s = r.date_s("start_date", "2030-01-01");
  c.start_date = doc.resolved().find("start_date")->scalar();
  c.horizon_d = r.number("horizon_d", 365.0, -1e300, 36500.0);
  if (c.horizon_d < 1.0 / 24.0)
    r.fail("horizon_d", fmt::format("must be at least one hour (0.0417) and at most 36500, got {}", c.horizon_d));
  // The calendar of timeline.csv ends on 9999-12-31; the horizon is half-open.
  if (static_cast<double>(c.start_epoch_s) + c.horizon_d * 86400.0 >
      static_cast<double>(sim::units::days_from_civil(10000, 1, 1)) * 86400.0)
    r.fail("horizon_d", fmt::format("{} days from {} end after 9999-12-31, where the calendar ends", c.horizon_d,
                                    c.start_date));
  c.seed = static_cast<std::uint64_t>(r.integer("seed", 1, 0, (std::int64_t{1} << 53)));

  sim::config::MapReader t = r.map("targets");
  c.targets.launches_per_year = t.optional_number("launches_per_year", 0.0, 1e9);
  c.targets.gw_per_year = t.optional_number("gw_per_year", 0.0, 1e9);
  t.finish();

  c.vehicle = parse_vehicle(r.map("vehicle"));
  c.ranges = parse_ranges(r);
  c.sites = parse_sites(r, c.ranges, c.vehicle.propellant_t,
                        c.vehicle.booster.recovery == Recovery::DRONESHIP ||
                            c.vehicle.ship.recovery == Recovery::DRONESHIP);
  c.payload = parse_payload(r.map("payload"));
  c.failures = parse_failures(r.map("failures"));
  c.cadence = parse_cadence(r.map("cadence"));

  sim::config::MapReader o = r.map("output");
  c.timeline = o.boolean("timeline", true);
  o.finish();
  r.finish();

  check_actors(doc, c);
  return c;
}

std::string resolved_yaml(const sim::config::Document& doc) {
  return doc.resolved().to_yaml();
}

}  // namespace starsim::models
