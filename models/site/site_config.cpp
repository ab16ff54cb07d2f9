#include "models/site/site_config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "sim/config/names.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/units.hpp"

namespace starsim::models {

namespace {
// The `name` key of a list element: a valid name that no earlier element took.
template <class Config>
std::string unique_name(sim::config::MapReader& r, const std::vector<Config>& earlier,
                        const char* kind) {
  std::string name = r.string("name", std::nullopt);
  if (const std::string bad = sim::config::name_problem(name, sim::config::NameKind::PLAIN);
      !bad.empty())
    r.fail("name", bad);
  for (const auto& other : earlier)
    if (other.name == name) r.fail("name", fmt::format("{} '{}' is named twice", kind, name));
  return name;
}
}  // namespace

std::vector<RangeConfig> parse_ranges(sim::config::MapReader& parent) {
  std::vector<RangeConfig> ranges;
  for (sim::config::MapReader& r : parent.list_of_maps("ranges", 0)) {
    RangeConfig g;
    g.name = unique_name(r, ranges, "range");
    g.min_launch_spacing_s =
        r.number("min_launch_spacing_h", 0.0, 0.0, 1e5) * sim::units::SECONDS_PER_HOUR;
    r.finish();
    ranges.push_back(std::move(g));
  }
  return ranges;
}

double default_energy_mwh_per_t(double lox_fraction) {
  // The LC-39A draft EIS figures as used in A. McCalip's open model (public-figures.md, A6):
  // about 0.4 MWh a tonne of LOX and 0.8 a tonne of CH4.
  constexpr double LOX_MWH_PER_T = 0.4, CH4_MWH_PER_T = 0.8;
  return lox_fraction * LOX_MWH_PER_T + (1.0 - lox_fraction) * CH4_MWH_PER_T;
}

namespace {
// The production a grid allows: min(production, grid_mw x 24 h / energy), step by step.
sim::Timed<double> grid_bound(const sim::Timed<double>& production_t_per_day,
                              const sim::Timed<double>& grid_mw, double energy_mwh_per_t) {
  const auto bound = [&](double t) {
    const double by_grid =
        energy_mwh_per_t > 0 ? grid_mw.at(t) * 24.0 / energy_mwh_per_t : production_t_per_day.at(t);
    return std::min(production_t_per_day.at(t), by_grid);
  };
  sim::Timed<double> out(bound(0.0));
  for (double t = std::min(production_t_per_day.next_step_after(0.0), grid_mw.next_step_after(0.0));
       std::isfinite(t);
       t = std::min(production_t_per_day.next_step_after(t), grid_mw.next_step_after(t)))
    out.step(t, bound(t));
  return out;
}
}  // namespace

std::vector<SiteConfig> parse_sites(sim::config::MapReader& parent,
                                    const std::vector<RangeConfig>& ranges, double propellant_t,
                                    double lox_fraction, bool needs_droneships) {
  std::vector<SiteConfig> sites;
  for (sim::config::MapReader& r : parent.list_of_maps("sites", 1)) {
    SiteConfig s;
    s.name = unique_name(r, sites, "site");
    s.pads = r.timed_integer("pads", 1, 1, 10000, 0, false);
    if (sim::max_value(s.pads) == 0)
      r.fail("pads", "the site never has a pad: its schedule is 0 throughout");
    s.pad_refurb_s =
        r.learned_duration_s("pad_refurb_h", sim::Distribution::fixed(6),
                             {sim::LearnPer::FLEET, sim::LearnPer::SITE, sim::LearnPer::PAD});
    s.min_launch_spacing_s =
        r.number("min_launch_spacing_h", 0.0, 0.0, 1e5) * sim::units::SECONDS_PER_HOUR;
    if (r.has("annual_launch_cap")) {
      s.annual_launch_cap =
          r.timed_integer("annual_launch_cap", std::nullopt, 0, 1'000'000, 0, false);
    } else {
      r.declare("annual_launch_cap");
    }
    if (r.has("range")) {
      const std::string range = r.string("range", std::nullopt);
      std::vector<std::string> names;
      for (std::size_t i = 0; i < ranges.size(); ++i) {
        names.push_back(ranges[i].name);
        if (ranges[i].name == range) s.range = static_cast<int>(i);
      }
      if (s.range < 0) {
        std::string hint = sim::config::closest_match(range, names);
        r.fail("range",
               fmt::format("no range named '{}' in ranges[]{}", range,
                           hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
      }
    } else {
      r.declare("range");
    }

    const bool has_propellant = r.has("propellant");
    sim::config::MapReader p = r.map("propellant", false);
    if (has_propellant) {
      PropellantConfig& f = s.propellant;
      f.present = true;
      f.production_t_per_day = p.timed_number("production_t_per_day", 30000.0, 0.0, 1e9);
      const bool storage_given = p.has("storage_t");
      f.storage_t = p.timed_number("storage_t", 60000.0, 0.0, 1e9);
      const double storage_start_t = f.storage_t.initial();
      f.initial_t = p.number("initial_t", storage_start_t, 0.0, 1e9);
      f.energy_mwh_per_t =
          p.number("energy_mwh_per_t", default_energy_mwh_per_t(lox_fraction), 0.0, 1e6);
      if (p.has("grid_mw")) {
        f.grid_mw = p.timed_number("grid_mw", std::nullopt, 0.0, 1e9);
        f.production_t_per_day = grid_bound(f.production_t_per_day, *f.grid_mw, f.energy_mwh_per_t);
      } else {
        p.declare("grid_mw");
      }
      p.finish();  // a misspelt key first: it may be why a value took its default
      const double least_storage_t =
          *std::min_element(f.storage_t.values().begin(), f.storage_t.values().end());
      if (least_storage_t < propellant_t)
        p.fail(
            "storage_t",
            fmt::format("must hold at least one launch's vehicle.propellant_t ({} t){}, got {}{}",
                        propellant_t, f.storage_t.constant() ? "" : " at every date",
                        least_storage_t, storage_given ? "" : " (the default)"));
      if (f.initial_t > storage_start_t)
        p.fail("initial_t", fmt::format("must be between 0 and storage_t ({}), got {}",
                                        storage_start_t, f.initial_t));
    } else {
      // Absent: unlimited propellant. The keys are still documented (and accepted).
      for (const char* key :
           {"production_t_per_day", "storage_t", "initial_t", "energy_mwh_per_t", "grid_mw"})
        p.declare(key);
      s.propellant.energy_mwh_per_t = default_energy_mwh_per_t(lox_fraction);
    }
    p.finish();

    sim::config::MapReader w = r.map("weather");
    s.weather.scrub_probability =
        w.numbers("scrub_probability", std::vector<double>{0.0}, 0.0, 0.999);
    if (s.weather.scrub_probability.size() != 1 && s.weather.scrub_probability.size() != 12)
      w.fail("scrub_probability", fmt::format("one value, or 12 (one a month), got {}",
                                              s.weather.scrub_probability.size()));
    s.weather.recycle_s = w.duration_s("recycle_h", sim::Distribution::fixed(24));
    w.finish();

    sim::config::MapReader d = r.map("droneships");
    s.droneships.count = d.timed_integer("count", 0, 0, 1000, 0, true);
    s.droneships.cycle_s = d.duration_s("cycle_d", sim::Distribution::triangular(3, 5, 7));
    d.finish();
    if (needs_droneships && s.droneships.count.initial() == 0)
      d.fail("count", "a stage's recovery is 'droneship': every site needs droneships.count >= 1");

    r.finish();
    sites.push_back(std::move(s));
  }
  return sites;
}

}  // namespace starsim::models
