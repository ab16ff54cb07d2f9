// MapReader's distributions: a duration key (a number or {dist: KIND, ...} in the key's unit)
// and the distribution map itself, parsed kind by kind from the table of sim/distribution_kinds.
#include <fmt/format.h>

#include <algorithm>

#include "sim/config/scalar_text.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/distribution_kinds.hpp"
#include "sim/units.hpp"

namespace starsim::sim::config {

Distribution MapReader::duration_s(std::string_view key, std::optional<Distribution> def,
                                   double max) {
  const double unit_s = units::seconds_per_unit_of_key(key);
  doc_->note_range(key_path(key), 0.0, max);
  YAML::Node v = find(key);
  if (!v.IsDefined()) {
    asked(key);
    if (!def) fail_here(fmt::format("missing required key '{}'", key));
    record(key, resolved_distribution(*def));
    return def->scaled(unit_s);
  }
  if (v.IsScalar()) return Distribution::fixed(number(key, std::nullopt, 0.0, max)).scaled(unit_s);
  asked(key);
  ResolvedTree resolved;
  Distribution d = distribution_of(v, key_path(key), unit_name(key), max, resolved);
  record(key, std::move(resolved));
  return d.scaled(unit_s);
}

std::string_view MapReader::unit_name(std::string_view key) {
  return key.substr(key.rfind('_') + 1);
}

ResolvedTree MapReader::resolved_distribution(const Distribution& d) {
  // A plain number for a fixed value, else the distribution map, in key units.
  if (d.is_fixed()) return ResolvedTree::value(fmt_number(d.params()[0]));
  ResolvedTree out;
  out.set("dist", ResolvedTree(ResolvedTree::Kind::SCALAR, d.kind_name()));
  std::vector<std::string> names = d.param_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    out.set(names[i], ResolvedTree::value(fmt_number(d.params()[i])));
  if (dist_kind_info(d.kind()).takes_values) {
    ResolvedTree vals(ResolvedTree::Kind::LIST);
    for (double x : d.values()) vals.append(ResolvedTree::value(fmt_number(x)));
    out.set("values", std::move(vals));
  }
  return out;
}

namespace {

// A distribution map's parameters, read in the order of its kind's entry (so an error names the
// first bad one), each within its bounds, then the order of bounds (min <= mode <= max).
Distribution parameters_of(MapReader& r, const DistKindInfo& kind, double max) {
  std::vector<double> params;
  for (const DistParam& p : kind.params) {
    const double x = p.in_key_unit ? r.number(p.name, std::nullopt, 0.0, max)
                                   : r.number(p.name, std::nullopt, p.min, p.max);
    if (p.positive && x <= 0.0)
      r.fail(p.name, fmt::format("must be greater than 0, got {}", fmt_number(x)));
    params.push_back(x);
  }
  if (kind.ordered) {
    const DistParam& first = kind.params.front();
    const DistParam& last = kind.params.back();
    const double lo = params.front(), hi = params.back();
    if (hi < lo)
      r.fail(last.name, fmt::format("must not be less than {} ({}), got {}", first.name,
                                    fmt_number(lo), fmt_number(hi)));
    for (std::size_t i = 1; i + 1 < params.size(); ++i)
      if (params[i] < lo || params[i] > hi)
        r.fail(kind.params[i].name,
               fmt::format("must lie between {} ({}) and {} ({}), got {}", first.name,
                           fmt_number(lo), last.name, fmt_number(hi), fmt_number(params[i])));
  }
  std::vector<double> values;
  if (kind.takes_values) {
    values = r.numbers("values", std::nullopt, 0.0, max);
    if (values.empty()) r.fail("values", "needs at least one value");
  }
  return kind.make(params, std::move(values));
}

}  // namespace

Distribution MapReader::distribution_of(const YAML::Node& v, const std::string& path,
                                        std::string_view unit, double max,
                                        ResolvedTree& resolved) const {
  Distribution d;
  refuse_changing_form(v, path);
  if (v.IsScalar()) {
    d = Distribution::fixed(number_of(v, path, 0.0, max));
  } else {
    if (!v.IsMap())
      throw ConfigError(
          doc_->where(v), path,
          fmt::format("expected a number or a distribution such as {{dist: exponential, "
                      "mean: 24}}, got {}",
                      type_name(v)));
    MapReader r(*doc_, v, path, nullptr, false);
    std::vector<std::string> names;
    for (const DistKindInfo& k : dist_kinds()) names.emplace_back(k.name);
    const std::string name = r.choice_in("dist", std::nullopt, names);
    const DistKindInfo& kind = *std::find_if(dist_kinds().begin(), dist_kinds().end(),
                                             [&](const DistKindInfo& k) { return name == k.name; });
    d = parameters_of(r, kind, max);
    r.finish();
  }
  // Every parameter is within bounds, yet a heavy tail can make the mean absurd (a Weibull
  // of shape 0.05 and scale 24 h has a mean of 5.8e19 h).
  if (!(d.mean() <= max))
    throw ConfigError(
        doc_->where(v), path,
        fmt::format("has a mean of {:.3g} {}, more than the {} {} a duration may have", d.mean(),
                    unit, fmt_number(max), unit));
  resolved = resolved_distribution(d);
  return d;
}

}  // namespace starsim::sim::config
