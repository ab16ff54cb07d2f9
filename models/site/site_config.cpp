#include "models/site/site_config.hpp"

#include <fmt/format.h>

#include <cctype>

#include "sim/units.hpp"

namespace starsim::models {

std::vector<SiteConfig> parse_sites(sim::config::MapReader& parent) {
  std::vector<SiteConfig> sites;
  for (sim::config::MapReader& r : parent.list_of_maps("sites", 1)) {
    SiteConfig s;
    s.name = r.string("name", std::nullopt);
    for (char c : s.name) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
        r.fail("name", fmt::format("'{}' may hold only letters, digits, '-' and '_'", s.name));
    }
    for (const auto& other : sites)
      if (other.name == s.name) r.fail("name", fmt::format("site '{}' is named twice", s.name));
    s.pads = r.integer("pads", 1, 1, 10000);
    s.pad_refurb_s = r.duration_s("pad_refurb_h", sim::Distribution::fixed(6));
    s.min_launch_spacing_s =
        r.number("min_launch_spacing_h", 0.0, 0.0, 1e5) * sim::units::SECONDS_PER_HOUR;
    r.finish();
    sites.push_back(std::move(s));
  }
  return sites;
}

}  // namespace starsim::models
