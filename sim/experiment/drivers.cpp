#include "sim/experiment/drivers.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/config/yaml_path.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/config/yaml_text.hpp"
#include "sim/csv.hpp"
#include "sim/sha256.hpp"
#include "sim/experiment/expand.hpp"
#include "sim/experiment/run_pool.hpp"

namespace starsim::experiment {

namespace {

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
  return p;
}

void write_tables(const std::string& dir, const Table& t) {
  sim::write_file_atomically(dir + "/runs.csv", t.runs_csv());
  sim::write_file_atomically(dir + "/summary.csv", t.summary_csv());
}

// The base scenario with the experiment's `set` overrides, resolved (YAML text).
std::string resolve_base(const ExperimentConfig& c) { return models::resolve_scenario(c.base, overrides_of(c, {})); }

// What makes two sweeps the same experiment: the resolved base with the set overrides, and
// every run's seed and overrides. Resume and merge refuse folders with another fingerprint.
std::string fingerprint(const std::string& base_resolved, const std::vector<RunSpec>& runs) {
  sim::Sha256 h;
  h.update(base_resolved);
  for (const auto& r : runs) {
    h.update(fmt::format("\n{} {}", r.run, r.seed));
    for (const auto& o : r.overrides) h.update(" " + o.assignment);
  }
  return h.hex_digest();
}

std::string manifest(const ExperimentConfig& c, std::size_t runs, const DriverOptions& o, std::size_t varied,
                     const std::string& print) {
  return fmt::format("experiment {}\nruns {}\nshard {}/{}\nvaried {}\nfingerprint {}\n", c.name, runs, o.shard,
                     o.shards, varied, print);
}

// targets.csv: what the experiment is judged against, for a reader of the folder and for
// tools/plot: the base scenario's targets (after `set`), then the seek's or the plan's own.
// base_resolved: the base scenario with the experiment's `set`, resolved (resolve_base).
void write_targets(const std::string& dir, const ExperimentConfig& c, const std::string& base_resolved,
                   const std::string& kind, const std::string& metric, std::optional<double> target) {
  std::string csv = csv_line({"experiment", "kind", "metric", "target", "from"});
  const YAML::Node targets = sim::config::load_yaml(base_resolved, "the resolved base scenario")["targets"];
  for (const char* m : {"launches_per_year", "gw_per_year"})
    if (targets && targets[m]) csv += csv_line({c.name, kind, m, targets[m].as<std::string>(), "base scenario"});
  if (target) csv += csv_line({c.name, kind, metric, fmt::format("{}", *target), kind});
  sim::write_file_atomically(dir + "/targets.csv", csv);
}

std::map<std::string, std::string> read_manifest(const std::string& dir) {
  std::ifstream in(dir + "/manifest.txt");
  if (!in) throw sim::OutputError("'" + dir + "' holds no manifest.txt: not a sweep's folder");
  std::map<std::string, std::string> m;
  std::string key, value;
  while (in >> key >> value) m[key] = value;
  return m;
}

std::string fmt_num(double x) { return std::isnan(x) ? std::string() : fmt::format("{}", x); }
std::string fmt_ci(double x) { return std::isnan(x) ? std::string("n/a") : fmt::format("{:.4g}", x); }

}  // namespace

std::string sweep(const ExperimentConfig& c, const DriverOptions& o) {
  const std::string dir = out_dir_of(c, o);
  sim::make_output_dir(dir);
  std::vector<RunSpec> all = expand_runs(c), mine;
  for (const auto& r : all)
    if (r.run % o.shards == o.shard) mine.push_back(r);
  const auto header = runs_header(c.varied_paths());
  const std::string base_resolved = resolve_base(c);
  const std::string print = fingerprint(base_resolved, all);
  if (o.resume && std::filesystem::exists(dir + "/manifest.txt")) {
    auto old = read_manifest(dir);
    if (old["fingerprint"] != print || old["shard"] != fmt::format("{}/{}", o.shard, o.shards))
      throw sim::OutputError("'" + dir + "' holds a sweep of a different experiment (or shard); "
                             "run without --resume, or into another --out");
  }
  sim::write_file_atomically(dir + "/manifest.txt", manifest(c, all.size(), o, c.varied_paths().size(), print));
  write_targets(dir, c, base_resolved, "sweep", "", std::nullopt);
  Journal journal(dir, header, o.resume);
  run_all(mine, pool_options(c, o, dir, c.name), journal);
  Table t = journal.table();
  t.varied = c.varied_paths().size();
  std::erase_if(t.rows, [&](const auto& kv) { return kv.first % o.shards != o.shard; });
  write_tables(dir, t);
  std::size_t failed = 0;
  for (const auto& [run, row] : t.rows) failed += row.back() == "ok" ? 0 : 1;
  return fmt::format("{}: {} runs{} ({} failed); runs.csv and summary.csv in {}/\n", c.name, t.rows.size(),
                     o.shards > 1 ? fmt::format(" of shard {}/{}", o.shard, o.shards) : "", failed, dir);
}

std::string merge(const std::vector<std::string>& dirs, const std::string& out_dir) {
  if (dirs.empty()) throw sim::OutputError("merge needs at least one shard folder");
  Table t;
  std::string total, name, varied, print;
  for (const auto& d : dirs) {
    auto m = read_manifest(d);
    Table part;
    try {
      part = Journal::read(d + "/journal.csv");
    } catch (const std::exception& e) {
      throw sim::OutputError(e.what());
    }
    if (total.empty()) {
      total = m["runs"], name = m["experiment"], varied = m["varied"], print = m["fingerprint"];
      t.header = part.header;
    } else if (m["runs"] != total || m["experiment"] != name || m["fingerprint"] != print ||
               part.header != t.header) {
      throw sim::OutputError("'" + d + "' is a shard of a different experiment");
    }
    const auto slash = m["shard"].find('/');
    long k = 0, n = 0;
    try {
      k = std::stol(m["shard"].substr(0, slash));
      n = std::stol(m["shard"].substr(slash + 1));
    } catch (const std::exception&) {
      n = 0;
    }
    if (slash == std::string::npos || n < 1 || varied.empty() || total.empty())
      throw sim::OutputError("'" + d + "/manifest.txt' is damaged");
    for (auto& [run, row] : part.rows)
      if (run % n == k) t.rows[run] = std::move(row);
  }
  t.varied = static_cast<std::size_t>(std::stoul(varied));
  const auto expected = static_cast<std::size_t>(std::stoul(total));
  if (t.rows.size() != expected) {
    std::string missing;
    int shown = 0;
    for (std::size_t r = 0; r < expected && shown < 10; ++r)
      if (!t.rows.count(static_cast<std::int64_t>(r))) missing += (shown++ ? ", " : "") + std::to_string(r);
    throw sim::OutputError(fmt::format("the shards hold {} of {} runs; missing runs: {}{}", t.rows.size(),
                                       expected, missing, expected - t.rows.size() > 10 ? ", ..." : ""));
  }
  sim::make_output_dir(out_dir);
  write_tables(out_dir, t);
  if (std::ifstream in{dirs.front() + "/targets.csv"}) {  // the same in every shard
    std::ostringstream text;
    text << in.rdbuf();
    sim::write_file_atomically(out_dir + "/targets.csv", text.str());
  }
  return fmt::format("{}: merged {} runs from {} folders into {}/\n", name, t.rows.size(), dirs.size(), out_dir);
}

// ------------------------------------------------------------------------------------- seek

std::string seek(const ExperimentConfig& c, const DriverOptions& o) {
  const SeekConfig& s = *c.seek;
  const std::string dir = out_dir_of(c, o);
  sim::make_output_dir(dir);
  write_targets(dir, c, resolve_base(c), "seek", s.metric, s.target);
  Journal journal(dir, runs_header({s.path}), false);
  std::int64_t probes = 0;
  struct Probe {
    double mean, ci;
    bool met;
  };
  std::map<std::int64_t, Probe> seen;
  auto probe = [&](std::int64_t value) {
    if (auto it = seen.find(value); it != seen.end()) return it->second;
    Point p{probes, {{s.path, std::to_string(value), s.where}}};
    std::vector<RunSpec> specs;
    for (std::int64_t rep = 0; rep < c.replications; ++rep)
      specs.push_back(make_run(c, p, probes * c.replications + rep, rep));
    run_all(specs, pool_options(c, o, dir, fmt::format("{} = {}", s.path, value)), journal);
    auto [mean, ci] = journal.table().mean_ci(probes, s.metric);
    ++probes;
    Probe result{mean, ci, !std::isnan(mean) && mean >= s.target};
    seen[value] = result;
    return result;
  };
  std::int64_t lo = s.min, hi = s.max;
  std::optional<std::int64_t> answer;
  std::string note;
  if (probe(lo).met) {
    answer = lo;
  } else if (!probe(hi).met) {
    note = fmt::format("unreachable: {} at {} = {} (the max) is {} < {}", s.metric, s.path, hi,
                       fmt_num(seen[hi].mean), fmt_num(s.target));
  } else {
    while (hi - lo > 1) {  // invariant: lo misses, hi meets
      const std::int64_t mid = lo + (hi - lo) / 2;
      (probe(mid).met ? hi : lo) = mid;
    }
    answer = hi;
  }
  Table t = journal.table();
  t.varied = 1;
  write_tables(dir, t);
  std::vector<std::string> h{"path", "value", "metric", "target", "mean", "ci95", "reached", "probes"};
  std::vector<std::string> row{s.path, answer ? std::to_string(*answer) : "", s.metric, fmt_num(s.target),
                               answer ? fmt_num(seen[*answer].mean) : "", answer ? fmt_num(seen[*answer].ci) : "",
                               answer ? "true" : "false", std::to_string(probes)};
  sim::write_file_atomically(dir + "/answer.csv", csv_line(h) + csv_line(row));
  if (!answer) return fmt::format("{}: {} after {} probes; runs.csv and answer.csv in {}/\n", c.name, note, probes, dir);
  return fmt::format("{}: the smallest {} with mean {} >= {} is {} (mean {}, 95% CI ±{}) after {} probes; "
                     "answer.csv in {}/\n",
                     c.name, s.path, s.metric, fmt_num(s.target), *answer, fmt_num(seen[*answer].mean),
                     fmt_ci(seen[*answer].ci), probes, dir);
}

// ------------------------------------------------------------------------------------- plan

std::vector<std::string> relieving_paths(const std::string& bottleneck) {
  if (bottleneck == "payload") return {"payload.integration_bays"};
  if (bottleneck == "booster") return {"vehicle.booster.fleet", "vehicle.booster.production_per_week"};
  if (bottleneck == "ship") return {"vehicle.ship.fleet", "vehicle.ship.production_per_week"};
  if (bottleneck == "tower" || bottleneck == "range" || bottleneck == "none") return {"sites[].pads"};
  if (bottleneck == "propellant")
    return {"sites[].propellant.production_t_per_day", "sites[].propellant.storage_t"};
  if (bottleneck == "droneship") return {"sites[].droneships.count"};
  if (bottleneck == "cap") return {"sites[].annual_launch_cap"};
  return {};
}

std::string plan(const ExperimentConfig& c, const DriverOptions& o) {
  const PlanConfig& p = *c.plan;
  const std::string dir = out_dir_of(c, o);
  sim::make_output_dir(dir);
  const std::string base_resolved = resolve_base(c);
  write_targets(dir, c, base_resolved, "plan", p.metric, p.target);
  Journal journal(dir, runs_header({}), false);
  // The grown values: path -> one value per element ([*] expands to every element).
  std::map<std::string, std::vector<double>> values;
  for (const auto& r : p.resources) values[r.path] = current_values(base_resolved, r.path, r.where);
  std::set<std::string> grown;
  auto overrides = [&] {
    auto out = overrides_of(c, {});
    for (const auto& r : p.resources) {
      if (!grown.count(r.path)) continue;
      const auto& v = values[r.path];
      const auto star = r.path.find("[*]");
      for (std::size_t i = 0; i < v.size(); ++i) {
        std::string path = r.path;
        if (star != std::string::npos) path.replace(star, 3, fmt::format("[{}]", i));
        out.push_back({fmt::format("{}={}", path, v[i]), r.where});
      }
    }
    return out;
  };
  std::vector<std::string> h{"step", "resource", "value", p.metric + "_mean", p.metric + "_ci95", "bottleneck"};
  std::string csv = csv_line(h), report, resource = "", value = "";
  std::string outcome;
  for (std::int64_t step = 0;; ++step) {
    Point pt{step, {}};
    std::vector<RunSpec> specs;
    for (std::int64_t rep = 0; rep < c.replications; ++rep) {
      RunSpec r = make_run(c, pt, step * c.replications + rep, rep);
      r.overrides = overrides();
      specs.push_back(std::move(r));
    }
    run_all(specs, pool_options(c, o, dir, fmt::format("{} step {}", c.name, step)), journal);
    const auto [mean, ci] = journal.table().mean_ci(step, p.metric);
    const std::string bottleneck = journal.table().bottleneck_mode(step);
    csv += csv_line({std::to_string(step), resource, value, fmt_num(mean), fmt_num(ci), bottleneck});
    report += fmt::format("  step {:>3}  {:<40} {} {:.6g} (±{}), bottleneck {}\n", step,
                          resource.empty() ? "base" : resource + " = " + value, p.metric, mean,
                          fmt_ci(ci), bottleneck);
    if (!std::isnan(mean) && mean >= p.target) {
      outcome = fmt::format("target met: {} {} >= {}", p.metric, fmt_num(mean), fmt_num(p.target));
      break;
    }
    if (step >= p.max_steps) {
      outcome = fmt::format("stopped after max_steps ({}): {} {} < {}", p.max_steps, p.metric, fmt_num(mean),
                            fmt_num(p.target));
      break;
    }
    // Grow what relieves the bottleneck; when no listed resource does (weather, stand-downs),
    // relieve the cause with the next largest mean wait that one does.
    auto pick_for = [&](const std::string& cause) -> const PlanResource* {
      // Payloads wait on the bays only when the bays are busy; otherwise on the factory, which
      // no step grows (its interval would have to shrink).
      if (cause == "payload" && !(journal.table().mean_ci(step, "bay_utilization").first >= 0.9)) return nullptr;
      for (const auto& cand : relieving_paths(cause))
        for (const auto& r : p.resources)
          if (sim::config::schema_path(r.path) == cand) return &r;
      return nullptr;
    };
    const PlanResource* pick = pick_for(bottleneck);
    if (!pick) {
      std::vector<std::pair<double, std::string>> waits;
      for (const char* cause : {"payload", "booster", "ship", "droneship", "tower", "propellant", "standdown",
                                "cap", "range", "slot", "weather"}) {
        const double w = journal.table().mean_ci(step, fmt::format("wait_{}_h", cause)).first;
        if (!std::isnan(w) && w > 0) waits.emplace_back(-w, cause);
      }
      std::stable_sort(waits.begin(), waits.end());
      for (const auto& [w, cause] : waits)
        if ((pick = pick_for(cause))) break;
    }
    if (!pick) {
      const auto candidates = relieving_paths(bottleneck);
      outcome = fmt::format("stopped: the bottleneck is '{}', and no listed resource relieves it or any other "
                            "cause that waited{}",
                            bottleneck, candidates.empty() ? "" : " (it would take " + candidates.front() + ")");
      break;
    }
    for (double& v : values[pick->path]) v += pick->step;
    grown.insert(pick->path);
    resource = pick->path;
    value.clear();
    for (double v : values[pick->path]) value += (value.empty() ? "" : " ") + fmt::format("{}", v);
  }
  Table t = journal.table();
  write_tables(dir, t);
  sim::write_file_atomically(dir + "/plan.csv", csv);
  sim::write_file_atomically(dir + "/scenario.planned.yaml", models::resolve_scenario(c.base, overrides()));
  return fmt::format("{}: {}\n{}plan.csv and scenario.planned.yaml in {}/\n", c.name, outcome, report, dir);
}

}  // namespace starsim::experiment
