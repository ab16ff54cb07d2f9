// The plan: grow what relieves the bottleneck, one step at a time, until the target is met.
// Over the whole horizon (one target), or year by year (by_year: each year's target in turn,
// each growth dated 1 January of the year it is for, so the years before stay as they were).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "models/launch/wait_causes.hpp"
#include "models/launch/yearly_metrics.hpp"
#include "sim/config/yaml_path.hpp"
#include "sim/experiment/decision.hpp"
#include "sim/experiment/driver_common.hpp"
#include "sim/experiment/drivers.hpp"
#include "sim/experiment/expand.hpp"
#include "sim/experiment/experiment_folder.hpp"
#include "sim/experiment/headline.hpp"
#include "sim/experiment/plan_resources.hpp"
#include "sim/experiment/results_db.hpp"
#include "sim/units.hpp"

namespace starsim::experiment {

std::vector<std::string> relieving_paths(const std::string& bottleneck) {
  if (bottleneck == "none") return {"sites[].pads"};  // nothing waited: the pads were the limit
  for (const auto& c : models::wait_causes())
    if (c.name == bottleneck) return {c.relieved_by.begin(), c.relieved_by.end()};
  return {};
}

namespace {

// What the plan meets in turn: the whole horizon's target, or each year's.
struct Stage {
  std::optional<int> year;
  std::string metric;      // the runs.csv column judged
  std::string bottleneck;  // the runs.csv column of its bottleneck
  double target = 0;
  std::string from_date;  // growth for this stage applies from this date
};

std::vector<Stage> stages_of(const ExperimentConfig& c) {
  const PlanConfig& p = *c.plan;
  if (!p.by_year) return {{std::nullopt, p.metric, "bottleneck", p.target, c.start_date}};
  std::vector<Stage> out;
  for (const auto& span : sim::units::calendar_years(c.start_epoch_s, c.horizon_s)) {
    if (p.from_year && span.year < *p.from_year) continue;
    const std::string jan1 = fmt::format("{:04}-01-01", span.year);
    out.push_back({span.year, models::yearly_column(p.metric, span.year),
                   models::yearly_column("bottleneck", span.year),
                   sim::mean_over(p.year_target, span.from_s, span.to_s),
                   std::max(jan1, c.start_date)});
  }
  return out;
}

}  // namespace

DriverResult plan(const ExperimentConfig& c, const DriverOptions& o) {
  const PlanConfig& p = *c.plan;
  const std::string dir = out_dir_of(c, o);
  const std::string base_resolved = resolve_base(c);
  sim::FolderRecord record = experiment_record("plan", c);
  record.set("fingerprint", study_fingerprint(c));
  ExperimentFolder folder(
      dir, "plan", o, record,
      targets_csv(c, "plan", p.metric, p.by_year ? std::nullopt : std::optional<double>(p.target)),
      JournalCheck{runs_header({}, c.years)});
  Journal& journal = folder.journal();
  DriverResult result;
  // The grown values: path -> one Resource per element ([*] expands to every element).
  std::map<std::string, std::vector<Resource>> values;
  for (const auto& r : p.resources)
    values[r.path] = read_resource(base_resolved, r.path, r.where, c.start_date);
  std::set<std::string> grown;
  auto overrides = [&] {
    auto out = overrides_of(c, {});
    for (const auto& r : p.resources)
      if (grown.count(r.path))
        for (auto& g : resource_overrides(r.path, values[r.path], r.where))
          out.push_back(std::move(g));
    return out;
  };
  // A point: the runs of the scenario as grown so far. Every point runs the same seeds (common
  // random numbers: replication i has the seed of replication i), so two steps differ by their
  // growth alone, a year once met stays met, and a growth's gain is a paired difference.
  const std::int64_t slots =
      c.max_replications();           // a point's runs are point * slots + replication
  std::int64_t step = -1, last = -1;  // the point of the plan as grown so far; the last point run
  auto run_point = [&](std::int64_t point, std::int64_t from, std::int64_t to) -> bool {
    std::vector<RunSpec> specs;
    for (std::int64_t rep = from; rep < to; ++rep) {
      RunSpec r = make_run(c, Point{point, {}}, point * slots + rep, rep);
      r.overrides = overrides();
      specs.push_back(std::move(r));
    }
    run_all(specs, pool_options(c, o, dir, fmt::format("{} step {}", c.name, point)), journal);
    if (const std::size_t failed = failures_of(journal.table(), dir).size(); failed > 0) {
      result.stopped_by_failures = fmt::format(
          "step {}: {} of {} runs failed, so the plan cannot go on", point, failed, to - from);
      return false;
    }
    return true;
  };
  auto run_step = [&]() -> bool {
    step = ++last;
    return run_point(step, 0, c.replications);
  };
  // The step's verdict on a stage, with replications added while it is undecided (precision).
  auto judge_step = [&](const Stage& st) {
    return replicate_until_decided(
        c.replications, c.precision, st.target, p.at_most,
        [&](std::int64_t from, std::int64_t to) { return run_point(step, from, to); },
        [&](std::int64_t n) { return journal.table().mean_ci(step, st.metric, n); });
  };
  // A cause's mean wait per launch at a point (h), over the horizon or a stage's year.
  auto wait_of = [&](std::int64_t point, const std::string& cause, const Stage& st) {
    for (const auto& info : models::wait_causes())
      if (info.name == cause) {
        const std::string w = models::wait_column(info.cause);
        return journal.table()
            .mean_ci(point, st.year ? models::yearly_column(w, *st.year) : w)
            .first;
      }
    return std::numeric_limits<double>::quiet_NaN();
  };

  std::vector<std::string> h{"step"};
  if (p.by_year) h.emplace_back("year");
  for (const char* col : {"resource", "value"}) h.emplace_back(col);
  if (p.by_year) h.emplace_back("target");
  for (const std::string& col :
       {p.metric + "_mean", p.metric + "_ci95", std::string("replications"), std::string("verdict"),
        std::string("bottleneck"), std::string("why"), std::string("gain"),
        std::string("gain_ci95"), std::string("relieved")})
    h.push_back(col);
  if (!p.weigh.empty())
    for (const std::string& col : {p.weigh + "_mean", std::string("tried")}) h.push_back(col);
  std::string csv = csv_line(h), report, outcome;
  std::string tried;  // with weigh: what the latest step tried
  std::string years_csv = csv_line({"year", "target", p.metric + "_mean", p.metric + "_ci95", "met",
                                    "verdict", "replications", "steps", "added", "bottleneck"});
  // What the latest step grew, why, and from which point.
  std::string resource, value, why, relieved_cause;
  std::int64_t grown_from = -1;
  std::int64_t growths = 0;
  // Plateau: growth steps in a row that bought nothing beyond their 95 % interval, and the
  // grown state before the first of them (restored when the plan stops on the plateau).
  std::int64_t flat_steps = 0;
  struct Snapshot {
    std::map<std::string, std::vector<Resource>> values;
    std::set<std::string> grown;
    std::int64_t step;
  };
  std::optional<Snapshot> before_flat;
  bool ran = run_step(), stopped = !ran;
  if (!ran) outcome = "stopped: " + result.stopped_by_failures;
  const std::vector<Stage> stages = stages_of(c);
  for (std::size_t si = 0; si < stages.size() && !stopped; ++si) {
    const Stage& st = stages[si];
    std::map<std::string, int> added;       // resource -> steps grown for this stage
    std::vector<std::string> growth_order;  // the paths grown for this stage, in turn
    const std::int64_t first_step = step;
    for (;;) {
      const auto judged = judge_step(st);
      if (!judged) {
        outcome = "stopped: " + result.stopped_by_failures;
        stopped = true;
        break;
      }
      const double mean = judged->mean, ci = judged->ci;
      const std::string bottleneck = journal.table().bottleneck_mode(step, st.bottleneck);
      // What the growth that made this step bought: the paired gain, and the wait it relieved.
      double gain = std::numeric_limits<double>::quiet_NaN(), gain_ci = gain;
      std::string relieved;
      if (grown_from >= 0) {
        std::tie(gain, gain_ci) = journal.table().paired_difference(grown_from, step, st.metric);
        if (!relieved_cause.empty())
          relieved = fmt::format("wait_{}_h {:.3g} -> {:.3g}", relieved_cause,
                                 wait_of(grown_from, relieved_cause, st),
                                 wait_of(step, relieved_cause, st));
      }
      std::vector<std::string> row{std::to_string(step)};
      if (st.year) row.push_back(std::to_string(*st.year));
      row.push_back(resource);
      row.push_back(value);
      if (st.year) row.push_back(fmt_num(st.target));
      for (const std::string& cell :
           {fmt_num(mean), fmt_num(ci), std::to_string(judged->replications),
            std::string(verdict_name(judged->verdict)), bottleneck, why, fmt_num(gain),
            fmt_num(gain_ci), relieved})
        row.push_back(cell);
      if (!p.weigh.empty()) {
        row.push_back(fmt_num(journal.table().mean_ci(step, p.weigh).first));
        row.push_back(tried);
      }
      csv += csv_line(row);
      const bool after_growth = grown_from >= 0;
      if (!st.year) {
        report += fmt::format("  step {:>3}  {:<40} {} {} ({}) {}, bottleneck {}\n", step,
                              resource.empty() ? "base" : resource + " = " + value, p.metric,
                              fmt_mean(mean), fmt_spread(ci, judged->replications),
                              verdict_name(judged->verdict), bottleneck);
        if (after_growth)
          report += fmt::format("             why: {}; bought {:+.4g}{}{}\n", why, gain,
                                std::isnan(gain_ci) ? "" : fmt::format(" (±{:.3g})", gain_ci),
                                relieved.empty() ? "" : ", " + relieved);
        if (!tried.empty()) report += "             tried: " + tried + "\n";
      }
      // A growth that bought nothing beyond its 95 % interval (or, with one replication, nothing).
      if (after_growth) {
        const double g = p.at_most ? -gain : gain;
        const bool bought = g > 0 && !(g <= gain_ci);
        flat_steps = bought ? 0 : flat_steps + 1;
        if (bought) before_flat.reset();
      }
      resource.clear();
      value.clear();
      tried.clear();
      why.clear();
      relieved_cause.clear();
      grown_from = -1;
      const std::string label = st.year ? fmt::format("{} ", *st.year) : std::string();
      auto year_row = [&](const std::string& verdict) {
        if (!st.year) return;
        std::string grew;
        for (const auto& [path, n] : added)
          grew += fmt::format("{}{} x{}", grew.empty() ? "" : "; ", path, n);
        years_csv += csv_line({std::to_string(*st.year), fmt_num(st.target), fmt_num(mean),
                               fmt_num(ci), verdict == "met" ? "true" : "false", verdict,
                               std::to_string(judged->replications),
                               std::to_string(step - first_step), grew, bottleneck});
        report +=
            fmt::format("  {} {:<9} {} {} ({}) against {}{}, bottleneck then: {}\n", *st.year,
                        verdict, p.metric, fmt_mean(mean), fmt_spread(ci, judged->replications),
                        fmt_mean(st.target), grew.empty() ? "" : "; added " + grew, bottleneck);
      };
      if (judged->verdict == Verdict::MET) {
        year_row("met");
        if (!st.year)
          outcome = fmt::format(
              "target met: {} {} (±{}) {} {}, its 95 % interval clear of the target", p.metric,
              fmt_mean(mean), fmt_ci(ci), goal_sign(p.at_most), fmt_num(st.target));
        break;
      }
      const std::string short_of =
          fmt::format("{}{} {} (±{}), {} {} {}", label, st.metric, fmt_mean(mean), fmt_ci(ci),
                      judged->verdict == Verdict::UNDECIDED ? "undecided against" : "not",
                      goal_sign(p.at_most), fmt_num(st.target));
      if (flat_steps >= p.plateau_steps) {
        // Steps too small to show one by one may still add up: judge the streak as one growth.
        const auto [together, together_ci] =
            journal.table().paired_difference(before_flat->step, step, st.metric);
        const double g = p.at_most ? -together : together;
        if (g > 0 && !(g <= together_ci)) {
          flat_steps = 0;
          before_flat.reset();
        }
      }
      if (flat_steps >= p.plateau_steps) {
        // Growth buys nothing: undo the steps that bought nothing and say what binds now.
        step = before_flat->step;
        values = before_flat->values;
        grown = before_flat->grown;
        growths -= flat_steps;
        for (std::int64_t undone = 0; undone < flat_steps && !growth_order.empty(); ++undone) {
          if (--added[growth_order.back()] == 0) added.erase(growth_order.back());
          growth_order.pop_back();
        }
        year_row(verdict_name(judged->verdict));
        outcome = fmt::format(
            "stopped on a plateau: the last {} growth steps bought nothing beyond their 95 % "
            "interval, one by one or together (undone: the plan ends at step {}); {} binds now, "
            "and {}; {}",
            flat_steps, step, bottleneck,
            relieving_paths(bottleneck).empty()
                ? "no resource relieves it"
                : "growing what relieves it does not help: look at what it waits on",
            short_of);
        stopped = true;
        break;
      }
      if (growths >= p.max_steps) {
        year_row(verdict_name(judged->verdict));
        outcome = fmt::format("stopped after max_steps ({}): {}", p.max_steps, short_of);
        stopped = true;
        break;
      }
      if (flat_steps == 0) before_flat = Snapshot{values, grown, step};
      // Grow what relieves the bottleneck; when no listed resource does (weather, stand-downs),
      // relieve the cause with the next largest mean wait that one does.
      const double bays = journal.table().mean_ci(step, "bay_utilization").first;
      auto pick_for = [&](const std::string& cause) -> const PlanResource* {
        // Payloads wait on the bays only when the bays are busy; otherwise on the factory, which
        // no step grows (its interval would have to shrink).
        if (cause == "payload" && !(bays >= 0.9)) return nullptr;
        for (const auto& cand : relieving_paths(cause))
          for (const auto& r : p.resources)
            if (sim::config::schema_path(r.path) == cand) return &r;
        return nullptr;
      };
      const PlanResource* pick = p.weigh.empty() ? pick_for(bottleneck) : nullptr;
      if (pick) {
        relieved_cause = bottleneck;
        why = fmt::format("it relieves the bottleneck {} ({:.3g} h a launch)", bottleneck,
                          wait_of(step, bottleneck, st));
      }
      if (!p.weigh.empty()) {
        // Weighed: grow each resource on its own, run it with the same seeds, and keep the one
        // that buys the most of the metric per unit of `weigh` (a growth that improves it for
        // nothing wins). Differences are paired replication by replication; a gain within its
        // 95 % interval of zero is noise, never taken.
        const std::int64_t from = step;
        struct Trial {
          const PlanResource* r;
          std::int64_t point;
          double gain, cost, score;
        };
        std::optional<Trial> best;
        for (const auto& r : p.resources) {
          const auto before = values[r.path];
          const bool was_grown = grown.count(r.path) > 0;
          for (Resource& v : values[r.path]) grow(v, st.from_date, r.step);
          grown.insert(r.path);
          bool valid = true;
          try {
            models::resolve_scenario(c.base, overrides());
          } catch (const sim::config::ConfigError&) {
            valid = false;
          }
          if (valid && !run_step()) {
            stopped = true;
            outcome = "stopped: " + result.stopped_by_failures;
          }
          values[r.path] = before;
          if (!was_grown) grown.erase(r.path);
          if (stopped) break;
          if (!valid) {
            tried += fmt::format("{}{} invalid", tried.empty() ? "" : "; ", r.path);
            continue;
          }
          const auto [dm, dm_ci] = journal.table().paired_difference(from, step, st.metric);
          const double cost = journal.table().paired_difference(from, step, p.weigh).first;
          const double better = p.at_most ? -dm : dm;
          const bool real =
              better > 0 && !(better <= dm_ci);  // a CI that is NaN (one replication) does not veto
          const double score = !real      ? -1.0
                               : cost > 0 ? better / cost
                                          : std::numeric_limits<double>::infinity();
          tried += fmt::format("{}{} {:+.4g}{} for {:+.4g}", tried.empty() ? "" : "; ", r.path, dm,
                               std::isnan(dm_ci) ? "" : fmt::format(" (±{:.3g})", dm_ci), cost);
          if (score >= 0 && (!best || score > best->score))
            best = Trial{&r, step, better, cost, score};
        }
        step = from;
        if (stopped) break;
        if (!best) {
          year_row(verdict_name(judged->verdict));
          outcome = fmt::format(
              "stopped: {}no listed resource improves {} beyond its 95 % interval ({}: {})", label,
              st.metric, "each grown on its own", tried);
          stopped = true;
          break;
        }
        for (Resource& v : values[best->r->path]) grow(v, st.from_date, best->r->step);
        grown.insert(best->r->path);
        ++growths;
        ++added[best->r->path];
        growth_order.push_back(best->r->path);
        resource = best->r->path;
        value = values_on(values[resource], st.from_date);
        why = fmt::format("it buys the most {} per {} of the resources tried", st.metric, p.weigh);
        grown_from = from;
        step = best->point;
        continue;
      }
      if (!pick) {
        std::vector<std::pair<double, std::string>> waits;
        for (const auto& cause : models::wait_causes()) {
          const double w = wait_of(step, std::string(cause.name), st);
          if (!std::isnan(w) && w > 0) waits.emplace_back(-w, std::string(cause.name));
        }
        std::stable_sort(waits.begin(), waits.end());
        for (const auto& [w, cause] : waits)
          if ((pick = pick_for(cause))) {
            relieved_cause = cause;
            why = fmt::format(
                "the bottleneck {} has no listed resource{}; {} has the next largest wait ({:.3g} "
                "h a "
                "launch) and {} relieves it",
                bottleneck,
                bottleneck == "payload" && !(bays >= 0.9)
                    ? fmt::format(" (bays {:.0f} % busy: the factory, not the bays, binds)",
                                  100 * bays)
                    : "",
                cause, -w, pick->path);
            break;
          }
      }
      if (!pick) {
        year_row(verdict_name(judged->verdict));
        const auto candidates = relieving_paths(bottleneck);
        const bool factory = bottleneck == "payload" && !(bays >= 0.9);
        outcome = fmt::format(
            "stopped: {}the bottleneck is '{}', and no listed resource relieves it or any other "
            "cause that waited{}",
            label, bottleneck,
            factory ? fmt::format(" (the bays are {:.0f} % busy: the payload factory binds, and no "
                                  "step grows it: shorten payload.interval_h)",
                                  100 * bays)
            : candidates.empty() ? ""
                                 : " (it would take " + candidates.front() + ")");
        stopped = true;
        break;
      }
      // The grown scenario must still be valid (a key's maximum, a whole number): otherwise the
      // plan ends here, its last valid step planned.
      const auto before = values[pick->path];
      const bool was_grown = grown.count(pick->path) > 0;
      for (Resource& v : values[pick->path]) grow(v, st.from_date, pick->step);
      grown.insert(pick->path);
      try {
        models::resolve_scenario(c.base, overrides());
      } catch (const sim::config::ConfigError& e) {
        values[pick->path] = before;
        if (!was_grown) grown.erase(pick->path);
        year_row(verdict_name(judged->verdict));
        outcome = fmt::format("stopped: growing {} by {} gives no valid scenario: {}", pick->path,
                              pick->step, e.what());
        stopped = true;
        break;
      }
      ++growths;
      ++added[pick->path];
      growth_order.push_back(pick->path);
      resource = pick->path;
      value = values_on(values[pick->path], st.from_date);
      grown_from = step;
      if (!run_step()) {
        outcome = "stopped: " + result.stopped_by_failures;
        stopped = true;
        break;
      }
    }
  }
  if (p.by_year && !stopped)
    outcome = fmt::format("every year's target met ({} growth steps)", growths);
  Table t = journal.table();
  t.years = c.years;
  std::map<std::string, std::string> files{
      {"runs.csv", t.runs_csv()},
      {"summary.csv", t.summary_csv()},
      {"yearly.csv", t.yearly_csv()},
      {"results.sqlite", results_sqlite(t, c.timelines ? dir + "/runs" : "")},
      {"plan.csv", csv},
      {"scenario.planned.yaml", models::resolve_scenario(c.base, overrides())}};
  if (p.by_year) files["plan_years.csv"] = years_csv;
  folder.finish(files);
  result.failures = failures_of(t, dir);
  const std::string head = step >= 0 ? headline(t, step) : "";
  result.report =
      fmt::format("{}: {}\n{}{}plan.csv{} and scenario.planned.yaml in {}/\n", c.name, outcome,
                  report, head.empty() ? "" : fmt::format("  planned (step {}): {}\n", step, head),
                  p.by_year ? ", plan_years.csv" : "", dir);
  return result;
}

}  // namespace starsim::experiment
