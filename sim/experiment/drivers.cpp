#include "sim/experiment/drivers.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "models/launch/wait_causes.hpp"
#include "sim/config/yaml_path.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/config/yaml_text.hpp"
#include "sim/csv.hpp"
#include "sim/experiment/decision.hpp"
#include "sim/experiment/driver_common.hpp"
#include "sim/experiment/expand.hpp"
#include "sim/experiment/experiment_folder.hpp"
#include "sim/experiment/headline.hpp"
#include "sim/experiment/results_db.hpp"
#include "sim/experiment/run_pool.hpp"
#include "sim/provenance.hpp"
#include "sim/sha256.hpp"

namespace starsim::experiment {

namespace {

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

}  // namespace

std::string study_fingerprint(const ExperimentConfig& c) {
  sim::Sha256 h;
  h.update(resolve_base(c));
  h.update("\n");
  h.update(read_all(c.file));
  return h.hex_digest();
}

// What an experiment can grow from: the resolved base with the set overrides, the varied paths,
// the seed and the years. A folder of a sweep with the same key lends its finished runs to one
// that adds replications or values (runs are matched by their values and replication).
std::string growth_key(const std::string& base_resolved, const ExperimentConfig& c) {
  sim::Sha256 h;
  h.update(base_resolved);
  h.update(fmt::format("\nseed {}\nyears", c.seed));
  for (int y : c.years) h.update(fmt::format(" {}", y));
  for (const auto& p : c.varied_paths()) h.update("\npath " + p);
  return h.hex_digest();
}

DriverResult sweep(const ExperimentConfig& c, const DriverOptions& o) {
  const std::string dir = out_dir_of(c, o);
  const bool precise = !c.precision.metric.empty();
  if (precise && (o.shards > 1 || !o.runs.empty()))
    throw sim::OutputError(fmt::format(
        "{}: a sweep with precision decides each point's replications from all its runs: "
        "it takes neither --shard nor --runs",
        c.file));
  const std::vector<RunSpec> all = expand_runs(c);
  std::vector<RunSpec> mine;
  for (const auto& [from, to] : o.runs)
    if (to >= static_cast<std::int64_t>(all.size()))
      throw sim::OutputError(
          fmt::format("--runs: run {} is not a run of this experiment (it has runs 0 to {})", to,
                      all.size() - 1));
  auto wanted = [&](std::int64_t run) {
    if (o.runs.empty()) return true;
    for (const auto& [from, to] : o.runs)
      if (run >= from && run <= to) return true;
    return false;
  };
  for (const auto& r : all)
    if (r.run % o.shards == o.shard && r.replication < c.replications && wanted(r.run))
      mine.push_back(r);
  const auto header = runs_header(c.varied_paths(), c.years);
  const std::string base_resolved = resolve_base(c);
  sim::FolderRecord record = experiment_record("sweep", c);
  record.set("runs", std::to_string(all.size()));
  record.set("shard", fmt::format("{}/{}", o.shard, o.shards));
  record.set("varied", std::to_string(c.varied_paths().size()));
  record.set("fingerprint", fingerprint(base_resolved, all));
  record.set("grows_from", growth_key(base_resolved, c));
  record.set("seed", std::to_string(c.seed));
  record.set("base_sha256", sim::sha256_hex(base_resolved));
  JournalCheck check{header,  static_cast<std::int64_t>(all.size()),
                     o.shard, o.shards,
                     &all,    c.varied_paths().size()};
  ExperimentFolder folder(dir, "sweep", o, record, targets_csv(c, "sweep", "", std::nullopt),
                          check);
  run_all(mine, pool_options(c, o, dir, c.name), folder.journal());
  // Precision: every point whose interval is wider than asked gets twice its replications,
  // round after round, up to max_replications (the rounds depend on results alone: --jobs and
  // --resume give the same runs).
  std::size_t too_wide = 0;
  if (precise) {
    const std::int64_t slots = c.max_replications();
    std::vector<std::int64_t> have(all.size() / static_cast<std::size_t>(slots), c.replications);
    for (;;) {
      std::vector<RunSpec> round;
      too_wide = 0;
      for (std::size_t point = 0; point < have.size(); ++point) {
        const auto [mean, ci] = folder.journal().table().mean_ci(static_cast<std::int64_t>(point),
                                                                 c.precision.metric, have[point]);
        if (precise_enough(mean, ci, c.precision)) continue;
        if (have[point] >= slots) {
          ++too_wide;
          continue;
        }
        const std::int64_t next = next_replications(have[point], c.precision);
        for (std::int64_t rep = have[point]; rep < next; ++rep)
          round.push_back(
              all[static_cast<std::size_t>(static_cast<std::int64_t>(point) * slots + rep)]);
        have[point] = next;
      }
      if (round.empty()) break;
      run_all(round, pool_options(c, o, dir, c.name + " (precision)"), folder.journal());
    }
  }
  Table t = folder.journal().table();
  t.varied = c.varied_paths().size();
  t.years = c.years;
  folder.finish({{"runs.csv", t.runs_csv()},
                 {"summary.csv", t.summary_csv()},
                 {"yearly.csv", t.yearly_csv()},
                 {"results.sqlite", results_sqlite(t, c.timelines ? dir + "/runs" : "")}});
  DriverResult result;
  result.failures = failures_of(t, dir);
  std::string notes;
  if (folder.reused() > 0) notes += fmt::format("; {} reused from the folder", folder.reused());
  if (precise && too_wide > 0)
    notes += fmt::format(
        "; {} point{} reached max_replications ({}) with {}'s interval wider than {} of its mean",
        too_wide, too_wide == 1 ? "" : "s", c.max_replications(), c.precision.metric,
        c.precision.relative_ci);
  result.report = fmt::format(
      "{}: {} runs{} ({} failed{}); runs.csv, summary.csv and yearly.csv in {}/\n{}", c.name,
      t.rows.size(), o.shards > 1 ? fmt::format(" of shard {}/{}", o.shard, o.shards) : "",
      result.failures.size(), notes, dir, headlines(t));
  return result;
}

// ------------------------------------------------------------------------------------- seek

DriverResult seek(const ExperimentConfig& c, const DriverOptions& o) {
  const SeekConfig& s = *c.seek;
  const std::string dir = out_dir_of(c, o);
  const auto header = runs_header({s.path}, c.years);
  sim::FolderRecord record = experiment_record("seek", c);
  record.set("fingerprint", study_fingerprint(c));
  ExperimentFolder folder(dir, "seek", o, record, targets_csv(c, "seek", s.metric, s.target),
                          JournalCheck{header});
  Journal& journal = folder.journal();
  DriverResult result;
  const std::int64_t slots =
      c.max_replications();  // a probe's runs are probe * slots + replication
  struct Probe {
    std::int64_t index = 0;
    Judged judged;
    std::string bottleneck;
  };
  std::map<std::int64_t, Probe> seen;  // by value
  // A probe's runs, replicated until its verdict is decided (precision); every probe runs the
  // same seeds (common random numbers), so probes differ by the value alone. nullopt when a
  // run failed (no decision can rest on it).
  auto probe = [&](std::int64_t value) -> std::optional<Probe> {
    if (auto it = seen.find(value); it != seen.end()) return it->second;
    const auto index = static_cast<std::int64_t>(seen.size());
    const Point p{index, {{s.path, std::to_string(value), s.where}}};
    auto run = [&](std::int64_t from, std::int64_t to) {
      std::vector<RunSpec> specs;
      for (std::int64_t rep = from; rep < to; ++rep) {
        specs.push_back(make_run(c, p, index * slots + rep, rep));
      }
      run_all(specs, pool_options(c, o, dir, fmt::format("{} = {}", s.path, value)), journal);
      const std::size_t failed = failures_of(journal.table(), dir).size();
      if (failed == 0) return true;
      result.stopped_by_failures =
          fmt::format("the probe {} = {}: {} of {} runs failed, so no answer", s.path, value,
                      failed, to - from);
      return false;
    };
    const auto judged = replicate_until_decided(
        c.replications, c.precision, s.target, s.at_most, run,
        [&](std::int64_t n) { return journal.table().mean_ci(index, s.metric, n); });
    if (!judged) return std::nullopt;
    Probe r{index, *judged, journal.table().bottleneck_mode(index)};
    seen[value] = r;
    return r;
  };
  // Binary search for the smallest value that meets the target; an undecided probe counts as
  // not meeting it (the answer is the smallest value that is known to).
  auto met = [](const Probe& p) { return p.judged.verdict == Verdict::MET; };
  std::int64_t lo = s.min, hi = s.max;
  std::optional<std::int64_t> answer;
  std::string note;
  bool decided = true;
  if (const auto low = probe(lo); !low) {
    decided = false;
  } else if (met(*low)) {
    answer = lo;
  } else if (const auto high = probe(hi); !high) {
    decided = false;
  } else if (!met(*high)) {
    note = fmt::format(
        "{}: {} at {} = {} (the max) is {} (±{}), {} {} {}",
        high->judged.verdict == Verdict::UNDECIDED ? "undecided" : "unreachable", s.metric, s.path,
        hi, fmt_num(high->judged.mean), fmt_ci(high->judged.ci),
        high->judged.verdict == Verdict::UNDECIDED ? "within its 95 % interval of" : "not",
        goal_sign(s.at_most), fmt_num(s.target));
  } else {
    while (hi - lo > 1) {  // invariant: lo is not known to meet, hi meets
      const std::int64_t mid = lo + (hi - lo) / 2;
      const auto m = probe(mid);
      if (!m) {
        decided = false;
        break;
      }
      (met(*m) ? hi : lo) = mid;
    }
    if (decided) answer = hi;
  }
  Table t = journal.table();
  t.varied = 1;
  t.years = c.years;
  // Every probe in value order: what it gave, its verdict and what bound it.
  std::string probes_csv = csv_line({"value", "replications", s.metric + "_mean",
                                     s.metric + "_ci95", "verdict", "bottleneck", "probe"});
  std::string explained;
  for (const auto& [value, p] : seen) {
    probes_csv += csv_line({std::to_string(value), std::to_string(p.judged.replications),
                            fmt_num(p.judged.mean), fmt_num(p.judged.ci),
                            verdict_name(p.judged.verdict), p.bottleneck, std::to_string(p.index)});
    explained +=
        fmt::format("  {} = {:<6} {} {} ({}) {:<9} bottleneck {}\n", s.path, value, s.metric,
                    fmt_mean(p.judged.mean), fmt_spread(p.judged.ci, p.judged.replications),
                    verdict_name(p.judged.verdict), p.bottleneck);
  }
  // Beyond the answer: whether more of the path buys anything (a plateau), and what binds.
  std::string beyond;
  if (answer && seen.count(*answer) && seen.count(s.max) && s.max > *answer) {
    const Probe &a = seen[*answer], &m = seen[s.max];
    const auto [diff, diff_ci] = t.paired_difference(a.index, m.index, s.metric);
    const bool flat = std::isnan(diff_ci) ? diff == 0 : std::fabs(diff) <= diff_ci;
    beyond = fmt::format(
        "from {} = {} to {} (the max), {} {} by {:+.4g}{}{}; the bottleneck there is {}", s.path,
        *answer, s.max, s.metric, flat ? "levels off: it moves" : "still moves", diff,
        std::isnan(diff_ci) ? "" : fmt::format(" (±{:.3g})", diff_ci),
        flat && !std::isnan(diff_ci) ? ", within its 95 % interval of none" : "", m.bottleneck);
  }
  if (answer && seen.count(*answer - 1) && seen[*answer - 1].judged.verdict == Verdict::UNDECIDED)
    beyond += fmt::format("{}{} = {} is undecided (its 95 % interval holds the target){}",
                          beyond.empty() ? "" : "; ", s.path, *answer - 1,
                          c.precision.max_replications > 0
                              ? ": a larger precision.max_replications may decide it"
                              : ": add precision: {max_replications: N} to decide it");
  std::map<std::string, std::string> files{
      {"runs.csv", t.runs_csv()},
      {"summary.csv", t.summary_csv()},
      {"yearly.csv", t.yearly_csv()},
      {"probes.csv", probes_csv},
      {"results.sqlite", results_sqlite(t, c.timelines ? dir + "/runs" : "")}};
  if (decided) {
    std::vector<std::string> h{"path",    "value",  "metric",       "target",     "mean",  "ci95",
                               "reached", "probes", "replications", "bottleneck", "beyond"};
    const Probe* a = answer ? &seen[*answer] : nullptr;
    std::vector<std::string> row{s.path,
                                 answer ? std::to_string(*answer) : "",
                                 s.metric,
                                 fmt_num(s.target),
                                 a ? fmt_num(a->judged.mean) : "",
                                 a ? fmt_num(a->judged.ci) : "",
                                 answer ? "true" : "false",
                                 std::to_string(seen.size()),
                                 a ? std::to_string(a->judged.replications) : "",
                                 a ? a->bottleneck : "",
                                 beyond};
    files["answer.csv"] = csv_line(h) + csv_line(row);
  }
  folder.finish(files);
  result.failures = failures_of(t, dir);
  if (!decided) {
    result.report =
        fmt::format("{}: stopped: {}; runs.csv in {}/\n", c.name, result.stopped_by_failures, dir);
  } else if (!answer) {
    result.report =
        fmt::format("{}: {} after {} probes\n{}runs.csv, probes.csv and answer.csv in {}/\n",
                    c.name, note, seen.size(), explained, dir);
  } else {
    const Probe& a = seen[*answer];
    result.report = fmt::format(
        "{}: the smallest {} with {} {} {} (its 95 % interval clear of the target) is {}: mean {} "
        "({}), "
        "bottleneck {}\n{}{}  {}\nprobes.csv and answer.csv in {}/\n",
        c.name, s.path, s.metric, goal_sign(s.at_most), fmt_num(s.target), *answer,
        fmt_mean(a.judged.mean), fmt_spread(a.judged.ci, a.judged.replications), a.bottleneck,
        explained, beyond.empty() ? "" : "  " + beyond + "\n", headline(t, a.index), dir);
  }
  return result;
}

}  // namespace starsim::experiment
