#include "models/launch/run_scenario.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "models/launch/launch_flow.hpp"
#include "models/scenario/scenario_config.hpp"
#include "sim/csv.hpp"
#include "sim/output_folder.hpp"
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

std::string hours(double s) { return num(s / 3600.0); }

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

std::string check_scenario(const std::string& file, const std::vector<std::string>& overrides) {
  sim::config::Document doc = load(file, overrides, std::nullopt);
  return parse_scenario(doc).name;
}

std::string resolve_scenario(const std::string& file, const std::vector<LabelledOverride>& overrides) {
  sim::config::Document doc = sim::config::Document::load_file(file);
  for (const auto& o : overrides) doc.apply_override(o.assignment, o.label);
  parse_scenario(doc);
  return resolved_yaml(doc);
}

const std::vector<std::string>& summary_columns() {
  static const std::vector<std::string> columns{
      "name", "seed", "config_sha256", "launches", "launches_per_year", "attempts", "scrubs",
      "launch_failures", "boosters_lost", "ships_lost", "boosters_built", "ships_built",
      "mass_to_orbit_t", "gw_launched", "gw_operational", "gw_per_year", "interlaunch_p50_h",
      "interlaunch_p95_h", "max_launches_24h", "hourly_slots_filled", "slots_missed",
      "pad_utilization", "tower_utilization", "booster_utilization", "ship_utilization",
      "bay_utilization", "propellant_stock_mean_t", "wait_payload_h", "wait_booster_h",
      "wait_ship_h", "wait_propellant_h", "wait_range_h", "wait_weather_h", "wait_cap_h",
      "wait_standdown_h", "wait_tower_h", "wait_droneship_h", "wait_slot_h",
      "integration_wait_mean_h", "integration_queue_mean", "bottleneck", "launches_target_met",
      "gw_target_met", "events", "wall_s"};
  return columns;
}

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

  const double horizon_s = cfg.horizon_s();
  std::vector<std::string> site_names;
  for (const auto& s : cfg.sites) site_names.push_back(s.name);
  sim::EventLog log(horizon_s, cfg.start_epoch_s, site_names);
  if (cfg.timeline && !options.no_timeline) log.write_csv_to(outputs.path("timeline.csv"));
  LaunchStats stats(horizon_s, cfg.vehicle.payload_t, cfg.cadence.slot_interval_s);
  log.observe([&stats](const sim::Event& e) { stats.on_event(e); });

  sim::Kernel kernel;
  LaunchFlow flow(cfg, log, stats);
  flow.spawn(kernel);
  kernel.run(horizon_s);
  flow.close(horizon_s);
  log.finish();

  const Utilizations u = flow.utilizations(horizon_s);
  const double per_year = 365.0 / cfg.horizon_d;
  const auto launches = static_cast<double>(stats.launches());
  const double launches_per_year = launches * per_year;
  const double gw_per_year = stats.gw_launched() * per_year;
  const auto p50 = stats.interlaunch_gaps().percentile(0.50);
  const auto p95 = stats.interlaunch_gaps().percentile(0.95);
  auto wait_h = [&](WaitCause c) {
    return launches > 0 ? hours(stats.wait_total_s(c) / launches) : std::string();
  };
  auto met = [](std::optional<double> target, double value) -> std::string {
    if (!target) return "";
    return value >= *target ? "true" : "false";
  };
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();

  auto count = [](std::int64_t n) { return std::to_string(n); };
  const auto slots_missed = stats.slots_missed();
  SummaryRow& row = result.summary;
  row = {
      {"name", cfg.name},
      {"seed", std::to_string(cfg.seed)},
      {"config_sha256", sim::sha256_hex(resolved)},
      {"launches", count(stats.launches())},
      {"launches_per_year", num(launches_per_year)},
      {"attempts", count(stats.launches() + stats.scrubs())},
      {"scrubs", count(stats.scrubs())},
      {"launch_failures", count(stats.launch_failures())},
      {"boosters_lost", count(stats.boosters_lost())},
      {"ships_lost", count(stats.ships_lost())},
      {"boosters_built", count(stats.boosters_built())},
      {"ships_built", count(stats.ships_built())},
      {"mass_to_orbit_t", num(stats.mass_to_orbit_t())},
      {"gw_launched", num(stats.gw_launched())},
      {"gw_operational", num(stats.gw_operational())},
      {"gw_per_year", num(gw_per_year)},
      {"interlaunch_p50_h", p50 ? hours(*p50) : ""},
      {"interlaunch_p95_h", p95 ? hours(*p95) : ""},
      {"max_launches_24h", std::to_string(stats.max_launches_24h())},
      {"hourly_slots_filled", num(stats.hourly_slots_filled())},
      {"slots_missed", slots_missed ? count(*slots_missed) : ""},
      {"pad_utilization", num(u.pad)},
      {"tower_utilization", num(u.tower)},
      {"booster_utilization", num(u.booster)},
      {"ship_utilization", num(u.ship)},
      {"bay_utilization", num(u.bay)},
      {"propellant_stock_mean_t", u.propellant_stock_mean_t ? num(*u.propellant_stock_mean_t) : ""},
      {"wait_payload_h", wait_h(WaitCause::PAYLOAD)},
      {"wait_booster_h", wait_h(WaitCause::BOOSTER)},
      {"wait_ship_h", wait_h(WaitCause::SHIP)},
      {"wait_propellant_h", wait_h(WaitCause::PROPELLANT)},
      {"wait_range_h", wait_h(WaitCause::RANGE)},
      {"wait_weather_h", wait_h(WaitCause::WEATHER)},
      {"wait_cap_h", wait_h(WaitCause::CAP)},
      {"wait_standdown_h", wait_h(WaitCause::STANDDOWN)},
      {"wait_tower_h", wait_h(WaitCause::TOWER)},
      {"wait_droneship_h", wait_h(WaitCause::DRONESHIP)},
      {"wait_slot_h", wait_h(WaitCause::SLOT)},
      {"integration_wait_mean_h", hours(stats.integration_wait_mean_s())},
      {"integration_queue_mean", num(u.integration_queue_mean)},
      {"bottleneck", stats.bottleneck()},
      {"launches_target_met", met(cfg.targets.launches_per_year, launches_per_year)},
      {"gw_target_met", met(cfg.targets.gw_per_year, gw_per_year)},
      {"events", std::to_string(log.events())},
      {"wall_s", fmt::format("{:.3f}", wall_s)},
  };
  for (std::size_t i = 0; i < row.size(); ++i)
    if (i >= summary_columns().size() || row[i].first != summary_columns()[i])
      throw std::logic_error("summary column '" + row[i].first + "' is not in summary_columns()");
  outputs.write("summary.csv", summary_csv(row));
  outputs.write("scenario.resolved.yaml", resolved);
  sim::FolderRecord record;
  record.set("command", "run");
  record.set("starsim", STARSIM_VERSION);
  record.set("scenario", cfg.name);
  record.set("seed", std::to_string(cfg.seed));
  record.set("config_sha256", sim::sha256_hex(resolved));
  outputs.write("manifest.txt", record.text());
  outputs.commit();

  if (stats.launches() == 0) {
    const std::string cause = stats.bottleneck();
    std::string why = cause == "none" ? "nothing waited: the horizon ends before a first liftoff"
                                      : fmt::format("every launch waited on {}", cause);
    if (cause == "booster" && cfg.vehicle.booster.fleet == 0 && cfg.vehicle.booster.production_per_week == 0)
      why += " (vehicle.booster.fleet is 0 and none are produced)";
    if (cause == "ship" && cfg.vehicle.ship.fleet == 0 && cfg.vehicle.ship.production_per_week == 0)
      why += " (vehicle.ship.fleet is 0 and none are produced)";
    result.warning = fmt::format("starsim: {}: no launch in the horizon: {}\n", cfg.name, why);
  }
  std::string& r = result.report;
  r += fmt::format("{} (seed {}), {} days from {}\n", cfg.name, cfg.seed, num(cfg.horizon_d),
                   cfg.start_date);
  r += fmt::format("  launches          {} ({}/year)\n", thousands(launches),
                   thousands(launches_per_year));
  r += fmt::format("  power launched    {:.2f} GW ({:.2f} GW/year), {} t to orbit; {:.2f} GW operational at the end\n",
                   stats.gw_launched(), gw_per_year, thousands(stats.mass_to_orbit_t()),
                   stats.gw_operational());
  if (stats.scrubs() + stats.launch_failures() + stats.boosters_lost() + stats.ships_lost() > 0)
    r += fmt::format("  setbacks          {} scrubs, {} launch failures, {} boosters and {} ships lost\n",
                     stats.scrubs(), stats.launch_failures(), stats.boosters_lost(), stats.ships_lost());
  if (p50) r += fmt::format("  interlaunch       p50 {:.2f} h, p95 {:.2f} h, max {} in 24 h\n",
                            *p50 / 3600, *p95 / 3600, stats.max_launches_24h());
  r += fmt::format("  utilization       pads {:.0f}%, towers {:.0f}%, boosters {:.0f}%, ships {:.0f}%, bays {:.0f}%\n",
                   100 * u.pad, 100 * u.tower, 100 * u.booster, 100 * u.ship, 100 * u.bay);
  r += fmt::format("  bottleneck        {}\n", stats.bottleneck());
  auto target_line = [&](const char* what, std::optional<double> target, double value,
                         const char* unit) {
    if (!target) return;
    auto show = [&](double x) { return x >= 1000 ? thousands(x) : fmt::format("{:.2f}", x); };
    if (value >= *target) {
      r += fmt::format("  target {:<10} met: {} {} against {}\n", what, show(value), unit, show(*target));
    } else {
      r += fmt::format("  target {:<10} MISSED: {} {} against {} (short by {}); bottleneck: {}\n",
                       what, show(value), unit, show(*target), show(*target - value), stats.bottleneck());
    }
  };
  target_line("launches", cfg.targets.launches_per_year, launches_per_year, "a year");
  target_line("power", cfg.targets.gw_per_year, gw_per_year, "GW a year");
  r += fmt::format("  {} events in {:.3f} s; outputs in {}/\n", log.events(), wall_s, result.out_dir);
  return result;
}

}  // namespace starsim::models
