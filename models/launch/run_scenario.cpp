#include "models/launch/run_scenario.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "models/launch/launch_flow.hpp"
#include "models/launch/summary_metrics.hpp"
#include "models/launch/yearly_metrics.hpp"
#include "models/scenario/scenario_config.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/csv.hpp"
#include "sim/kernel.hpp"
#include "sim/output_folder.hpp"
#include "sim/progress_line.hpp"
#include "sim/provenance.hpp"
#include "sim/sha256.hpp"

namespace starsim::models {

namespace {

sim::config::Document load(const std::string& file, const std::vector<std::string>& overrides,
                           std::optional<std::uint64_t> seed) {
  sim::config::Document doc = sim::config::Document::load_file(file);
  for (const auto& o : overrides) doc.apply_override(o);
  if (seed) doc.apply_override(fmt::format("seed={}", *seed), fmt::format("--seed {}", *seed));
  return doc;
}

std::string num(double x) { return fmt::format("{}", x); }

std::string thousands(double x) {
  const std::string digits = fmt::format("{:.0f}", std::abs(x));
  std::string out = x < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

ScenarioCheck check_scenario(const std::string& file, const std::vector<std::string>& overrides) {
  sim::config::Document doc = load(file, overrides, std::nullopt);
  return {parse_scenario(doc).name, doc.warnings()};
}

ScenarioFacts scenario_facts(const std::string& file,
                             const std::vector<LabelledOverride>& overrides) {
  sim::config::Document doc = sim::config::Document::load_file(file);
  for (const auto& o : overrides) doc.apply_override(o.assignment, o.label);
  const ScenarioConfig c = parse_scenario(doc);
  ScenarioFacts f;
  f.name = c.name;
  f.start_date = c.start_date;
  f.start_epoch_s = c.start_epoch_s;
  f.horizon_s = c.horizon_s();
  for (const auto& span : sim::units::calendar_years(c.start_epoch_s, c.horizon_s()))
    f.years.push_back(span.year);
  auto mean = [&](const std::optional<sim::Timed<double>>& t) -> std::optional<double> {
    if (!t) return std::nullopt;
    return sim::mean_over(*t, 0.0, c.horizon_s());
  };
  f.launches_per_year_target = mean(c.targets.launches_per_year);
  f.gw_per_year_target = mean(c.targets.gw_per_year);
  return f;
}

std::string resolve_scenario(const std::string& file,
                             const std::vector<LabelledOverride>& overrides) {
  sim::config::Document doc = sim::config::Document::load_file(file);
  for (const auto& o : overrides) doc.apply_override(o.assignment, o.label);
  parse_scenario(doc);
  return resolved_yaml(doc);
}

namespace {

// Simulates the scenario to its horizon, the timeline streamed to `timeline_path` ("" for none).
struct Simulation {
  LaunchStats stats;
  CostLedger costs;
  Utilizations use;
  std::int64_t events = 0;
};
// The live line of a run: the simulated date, launches so far and their rate a simulated year,
// wall time spent and left (the horizon's share simulated so far sets the pace).
std::string progress_text(const ScenarioConfig& cfg, double now_s, std::int64_t launches,
                          double elapsed_s) {
  const std::string date =
      sim::units::format_utc(cfg.start_epoch_s + static_cast<std::int64_t>(now_s)).substr(0, 10);
  const double years = now_s / (365.0 * sim::units::SECONDS_PER_DAY);  // as the summary's "a year"
  const std::string rate = years > 0 ? thousands(static_cast<double>(launches) / years) : "-";
  const double horizon_s = cfg.horizon_s();
  return fmt::format("{}: {}  {} launches ({}/year)  {:.1f} s elapsed, {}", cfg.name, date,
                     thousands(static_cast<double>(launches)), rate, elapsed_s,
                     sim::wall_left_text(sim::wall_left_s(elapsed_s, now_s, horizon_s - now_s)));
}

Simulation simulate(const ScenarioConfig& cfg, const std::string& timeline_path, bool progress) {
  const double horizon_s = cfg.horizon_s();
  std::vector<std::string> site_names;
  for (const auto& s : cfg.sites) site_names.push_back(s.name);
  sim::EventLog log(horizon_s, cfg.start_epoch_s, site_names);
  if (!timeline_path.empty()) log.write_csv_to(timeline_path);
  StatsFrame frame{horizon_s, cfg.cadence.slot_interval_s, cfg.start_epoch_s,
                   cfg.vehicle.booster.fleet.initial(), cfg.vehicle.ship.fleet.initial()};
  Simulation result{LaunchStats(frame), CostLedger(cfg), {}, 0};
  log.observe([&result](const sim::Event& e) {
    result.stats.on_event(e);
    result.costs.on_event(e);
  });
  sim::Kernel kernel;
  LaunchFlow flow(cfg, log, result.stats);
  flow.start();
  // Between instants, outside the agenda: the line changes no event, count or random draw.
  sim::ProgressLine line(progress);
  struct Unwatch {  // the watch refers to this frame: gone with it, however run() ends
    ~Unwatch() { sim::Kernel::set_watch(nullptr); }
  } unwatch;
  if (line.enabled())
    sim::Kernel::set_watch([&](double now_s) {
      if (line.due())
        line.show(progress_text(cfg, now_s, result.stats.launches(), line.elapsed_s()));
    });
  kernel.run(horizon_s);
  line.erase();  // before the summary
  flow.close(horizon_s);
  log.finish();
  result.stats.finish();
  result.costs.finish();
  result.use = flow.utilizations(horizon_s);
  result.events = log.events();
  return result;
}

// The years of a run that spans more than one: launches, GW, what is in service at the end,
// the bottleneck and the targets.
std::string year_table(const RunOutcome& o) {
  const auto& years = o.stats->years();
  if (years.size() < 2) return "";
  if (years.size() > 30)
    return fmt::format("  by year           {} years in yearly.csv\n", years.size());
  const auto& t = o.config->targets;
  std::string r =
      "  by year           launches        GW  GW in orbit  pads  boosters  ships  bottleneck    "
      "targets\n";
  for (const YearStats& y : years) {
    std::string met;
    auto mark = [&](const char* what, const std::optional<sim::Timed<double>>& target,
                    double value) {
      if (!target) return;
      met += fmt::format("{}{} {}", met.empty() ? "" : ", ", what,
                         value >= *year_target(target, y.span) ? "met" : "missed");
    };
    mark("launches", t.launches_per_year, year_launches_per_year(y));
    mark("GW", t.gw_per_year, year_gw_per_year(y));
    std::int64_t pads = 0;
    for (const SiteConfig& s : o.config->sites) pads += s.pads.before(y.span.to_s);
    const std::string days =
        y.span.days() < y.span.year_days() ? fmt::format(" ({:.0f} d)", y.span.days()) : "";
    r += fmt::format("    {:<14} {:>9} {:>9.2f} {:>12.2f} {:>5} {:>9} {:>6}  {:<12}  {}\n",
                     std::to_string(y.span.year) + days, thousands(static_cast<double>(y.launches)),
                     y.watts / 1e9, y.operational_w_end / 1e9, pads, y.boosters_in_service_end,
                     y.ships_in_service_end, y.bottleneck(), met);
  }
  return r;
}

// What it cost and took on the ground (summary.csv's columns, in short), and against the ground.
std::string cost_lines(const RunOutcome& o) {
  const YearLedger total = o.costs->total();
  const double hours = o.config->horizon_s() / 3600.0;
  std::string r = fmt::format(
      "  ground            {} t of propellant ({} t LOX), {} GWh to make it: {:.2f} GW on "
      "average\n",
      thousands(total.propellant_t), thousands(total.lox_t), thousands(total.energy_mwh / 1000.0),
      total.energy_mwh / 1000.0 / hours);
  if (!o.costs->costed()) return r;
  const double usd = total.cost_usd();
  const double launches = static_cast<double>(o.stats->launches());
  const double kg = o.stats->mass_to_orbit_t() * 1000.0;
  const double payload = total.usd[static_cast<std::size_t>(CostPart::PAYLOAD)];
  r += fmt::format(
      "  cost              ${:.3g} B: ${:.3g} M a launch, ${} a kg to orbit (payload apart), "
      "${:.3g} a W launched\n",
      usd / 1e9, launches > 0 ? usd / launches / 1e6 : 0.0,
      kg > 0 ? thousands((usd - payload) / kg) : "-",
      o.stats->gw_launched() > 0 ? usd / (o.stats->gw_launched() * 1e9) : 0.0);
  const YearLedger* ledger = &total;
  const CostView whole{o.config,
                       ledger,
                       true,
                       launches,
                       o.stats->mass_to_orbit_t(),
                       o.stats->gw_launched() * 1e9,
                       o.stats->gw_operational() * 1e9,
                       usd,
                       o.config->horizon_s(),
                       o.gw_per_year()};
  const auto ratio = orbit_to_ground_cost_ratio(whole);
  if (ratio) {
    const auto first = first_year_orbit_cheaper(o);
    r += fmt::format(
        "  against ground    a watt delivered costs ${:.3g} in orbit, ${:.3g} on the ground (ratio "
        "{:.2f}); "
        "orbit cheaper {}\n",
        *orbit_cost_per_w_usd(whole), ground_cost_per_w_usd(o.config->reference->ground), *ratio,
        first ? fmt::format("from {}", *first) : std::string("in no year"));
  }
  return r;
}

// The terminal's summary of a run.
std::string report(const RunOutcome& o, const std::string& out_dir) {
  const ScenarioConfig& cfg = *o.config;
  const LaunchStats& stats = *o.stats;
  const Utilizations& u = o.use;
  const auto p50 = stats.interlaunch_gaps().percentile(0.50);
  const auto p95 = stats.interlaunch_gaps().percentile(0.95);
  std::string r;
  r += fmt::format("{} (seed {}), {} days from {}\n", cfg.name, cfg.seed, num(cfg.horizon_d),
                   cfg.start_date);
  r += fmt::format("  launches          {} ({}/year)\n",
                   thousands(static_cast<double>(stats.launches())),
                   thousands(o.launches_per_year()));
  r += fmt::format(
      "  power launched    {:.2f} GW ({:.2f} GW/year), {} t to orbit; {:.2f} GW operational at the "
      "end\n",
      stats.gw_launched(), o.gw_per_year(), thousands(stats.mass_to_orbit_t()),
      stats.gw_operational());
  if (stats.scrubs() + stats.launch_failures() + stats.boosters_lost() + stats.ships_lost() > 0)
    r += fmt::format(
        "  setbacks          {} scrubs, {} launch failures, {} boosters and {} ships lost\n",
        stats.scrubs(), stats.launch_failures(), stats.boosters_lost(), stats.ships_lost());
  if (p50)
    r += fmt::format("  interlaunch       p50 {:.2f} h, p95 {:.2f} h, max {} in 24 h\n",
                     *p50 / 3600, *p95 / 3600, stats.max_launches_24h());
  r += fmt::format(
      "  utilization       pads {:.0f}%, towers {:.0f}%, boosters {:.0f}%, ships {:.0f}%, bays "
      "{:.0f}%\n",
      100 * u.pad, 100 * u.tower, 100 * u.booster, 100 * u.ship, 100 * u.bay);
  r += fmt::format("  bottleneck        {}\n", stats.bottleneck());
  r += cost_lines(o);
  auto target_line = [&](const char* what, const std::optional<sim::Timed<double>>& scheduled,
                         double value, const char* unit) {
    if (!scheduled) return;
    const std::optional<double> target = sim::mean_over(*scheduled, 0.0, cfg.horizon_s());
    auto show = [&](double x) { return x >= 1000 ? thousands(x) : fmt::format("{:.2f}", x); };
    if (value >= *target) {
      r += fmt::format("  target {:<10} met: {} {} against {}\n", what, show(value), unit,
                       show(*target));
    } else {
      r += fmt::format("  target {:<10} MISSED: {} {} against {} (short by {}); bottleneck: {}\n",
                       what, show(value), unit, show(*target), show(*target - value),
                       stats.bottleneck());
    }
  };
  target_line("launches", cfg.targets.launches_per_year, o.launches_per_year(), "a year");
  target_line("power", cfg.targets.gw_per_year, o.gw_per_year(), "GW a year");
  r += year_table(o);
  r += fmt::format("  {} events in {:.3f} s; outputs in {}/\n", o.events, o.wall_s, out_dir);
  return r;
}

// A run that never launched says why (stderr).
std::string no_launch_warning(const ScenarioConfig& cfg, const LaunchStats& stats) {
  if (stats.launches() > 0) return "";
  const std::string cause = stats.bottleneck();
  std::string why = cause == "none" ? "nothing waited: the horizon ends before a first liftoff"
                                    : fmt::format("every launch waited on {}", cause);
  auto none_ever = [](const StageConfig& s) {
    return sim::max_value(s.fleet) == 0 && sim::max_value(s.production_per_week) == 0;
  };
  if (cause == "booster" && none_ever(cfg.vehicle.booster))
    why += " (vehicle.booster.fleet is 0 and none are produced)";
  if (cause == "ship" && none_ever(cfg.vehicle.ship))
    why += " (vehicle.ship.fleet is 0 and none are produced)";
  return fmt::format("starsim: {}: no launch in the horizon: {}\n", cfg.name, why);
}

}  // namespace

RunResult run_scenario(const std::string& file, const RunOptions& options) {
  const auto wall_start = std::chrono::steady_clock::now();
  sim::config::Document doc = load(file, options.overrides, options.seed);
  const ScenarioConfig cfg = parse_scenario(doc);
  const std::string resolved = resolved_yaml(doc);

  RunResult result;
  result.out_dir = options.out_dir.empty() ? "results/" + cfg.name : options.out_dir;
  sim::OutputFolder folder(result.out_dir, options.holder);
  folder.claim("run", options.force, true);
  sim::OutputUnit outputs(folder, sim::starsim_output_names());

  const bool timeline = cfg.timeline && !options.no_timeline;
  const Simulation s =
      simulate(cfg, timeline ? outputs.path("timeline.csv") : "", options.progress);
  RunOutcome outcome{&cfg, sim::sha256_hex(resolved), &s.stats, &s.costs, s.use, s.events, 0.0};
  outcome.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  result.summary = summarise(outcome);

  outputs.write("summary.csv", summary_csv(result.summary));
  outputs.write("yearly.csv", yearly_csv(outcome));
  outputs.write("scenario.resolved.yaml", resolved);
  sim::FolderRecord record;
  record.set("command", "run");
  record.set("starsim", STARSIM_VERSION);
  record.set("scenario", cfg.name);
  record.set("seed", std::to_string(cfg.seed));
  record.set("config_sha256", outcome.config_sha256);
  outputs.write("manifest.txt", record.text());
  outputs.write("provenance.txt", sim::provenance_text());
  outputs.commit();

  for (const auto& w : doc.warnings()) result.warning += w + "\n";
  result.warning += no_launch_warning(cfg, s.stats);
  result.report = report(outcome, result.out_dir);
  return result;
}

}  // namespace starsim::models
