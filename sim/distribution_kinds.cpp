#include "sim/distribution_kinds.hpp"

#include <stdexcept>
#include <utility>

namespace starsim::sim {

namespace {

// A parameter in the key's unit, >= 0 or > 0.
DistParam in_unit(const char* name) { return {name, true, false}; }
DistParam positive_in_unit(const char* name) { return {name, true, true}; }
// A dimensionless parameter within [min, max].
DistParam plain(const char* name, double min, double max) { return {name, false, false, min, max}; }

std::vector<DistKindInfo> make_table() {
  using P = const std::vector<double>&;
  using V = std::vector<double>&&;
  std::vector<DistKindInfo> t;
  t.push_back({DistKind::FIXED, "fixed", {in_unit("value")}, false, false, [](P p, V) {
                 return Distribution::fixed(p[0]);
               }});
  t.push_back(
      {DistKind::EXPONENTIAL, "exponential", {positive_in_unit("mean")}, false, false, [](P p, V) {
         return Distribution::exponential(p[0]);
       }});
  t.push_back(
      {DistKind::UNIFORM, "uniform", {in_unit("min"), in_unit("max")}, true, false, [](P p, V) {
         return Distribution::uniform(p[0], p[1]);
       }});
  t.push_back({DistKind::TRIANGULAR,
               "triangular",
               {in_unit("min"), in_unit("mode"), in_unit("max")},
               true,
               false,
               [](P p, V) { return Distribution::triangular(p[0], p[1], p[2]); }});
  t.push_back({DistKind::NORMAL,
               "normal",
               {positive_in_unit("mean"), in_unit("sd")},
               false,
               false,
               [](P p, V) { return Distribution::normal(p[0], p[1]); }});
  t.push_back({DistKind::LOGNORMAL,
               "lognormal",
               {positive_in_unit("mean"), plain("cv", 0.0, 10.0)},
               false,
               false,
               [](P p, V) { return Distribution::lognormal(p[0], p[1]); }});
  t.push_back({DistKind::WEIBULL,
               "weibull",
               {plain("shape", 0.05, 100.0), positive_in_unit("scale")},
               false,
               false,
               [](P p, V) { return Distribution::weibull(p[0], p[1]); }});
  t.push_back({DistKind::EMPIRICAL, "empirical", {}, false, true, [](P, V v) {
                 return Distribution::empirical(std::move(v));
               }});
  for (std::size_t i = 0; i < t.size(); ++i)
    if (static_cast<std::size_t>(t[i].kind) != i)
      throw std::logic_error("dist_kinds: the table is not in the order of DistKind");
  return t;
}

}  // namespace

const std::vector<DistKindInfo>& dist_kinds() {
  static const std::vector<DistKindInfo> TABLE = make_table();
  return TABLE;
}

const DistKindInfo& dist_kind_info(DistKind kind) {
  const auto& t = dist_kinds();
  const auto i = static_cast<std::size_t>(kind);
  if (i >= t.size()) throw std::logic_error("dist_kind_info: a DistKind without a table entry");
  return t[i];
}

}  // namespace starsim::sim
