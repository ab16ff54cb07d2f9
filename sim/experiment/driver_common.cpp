#include "sim/experiment/driver_common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sim/experiment/expand.hpp"
#include "sim/experiment/experiment_folder.hpp"
#include "sim/experiment/results_table.hpp"
#include "sim/sha256.hpp"

namespace starsim::experiment {

std::string out_dir_of(const ExperimentConfig& c, const DriverOptions& o) {
  return o.out_dir.empty() ? "results/" + c.name : o.out_dir;
}

PoolOptions pool_options(const ExperimentConfig& c, const DriverOptions& o, const std::string& dir,
                         const std::string& title) {
  PoolOptions p;
  p.jobs = o.jobs;
  p.base = c.base;
  p.out_dir = dir;
  p.timelines = c.timelines;
  p.quiet = o.quiet;
  p.title = title;
  p.years = c.years;
  p.launcher = o.launcher;
  return p;
}

std::string resolve_base(const ExperimentConfig& c) {
  return models::resolve_scenario(c.base, overrides_of(c, {}));
}

std::string study_fingerprint(const ExperimentConfig& c) {
  sim::Sha256 h;
  h.update(resolve_base(c));
  h.update("\n");
  h.update(read_all(c.file));
  return h.hex_digest();
}

std::string targets_csv(const ExperimentConfig& c, const std::string& kind,
                        const std::string& metric, std::optional<double> target) {
  std::string csv = csv_line({"experiment", "kind", "metric", "target", "from"});
  const models::ScenarioFacts facts = models::scenario_facts(c.base, overrides_of(c, {}));
  for (const auto& [m, t] : {std::pair{"launches_per_year", facts.launches_per_year_target},
                             std::pair{"gw_per_year", facts.gw_per_year_target}})
    if (t) csv += csv_line({c.name, kind, m, fmt::format("{}", *t), "base scenario"});
  if (target) csv += csv_line({c.name, kind, metric, fmt::format("{}", *target), kind});
  return csv;
}

std::string fmt_num(double x) { return std::isnan(x) ? std::string() : fmt::format("{}", x); }
std::string fmt_mean(double x) {
  if (std::isnan(x)) return "n/a";
  if (x == 0 || std::fabs(x) >= 1e15 || std::fabs(x) < 1e-4) return fmt::format("{:.6g}", x);
  const int digits = static_cast<int>(std::floor(std::log10(std::fabs(x))));
  std::string out = fmt::format("{:.{}f}", x, std::max(0, 5 - digits));
  if (out.find('.') != std::string::npos) {  // no trailing zeros: 105.070 -> 105.07
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return out;
}

std::string fmt_spread(double ci, std::int64_t runs) {
  const std::string n = fmt::format("{} run{}", runs, runs == 1 ? "" : "s");
  return std::isnan(ci) ? n : fmt::format("±{:.4g}, {}", ci, n);
}

std::string fmt_ci(double x) {
  return std::isnan(x) ? std::string("n/a") : fmt::format("{:.4g}", x);
}

}  // namespace starsim::experiment
