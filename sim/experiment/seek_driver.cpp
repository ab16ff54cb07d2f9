// starsim seek: the smallest value of one path that meets a target, by binary search between
// min and max, each probe replicated until its verdict is decided.
#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/decision.hpp"
#include "sim/experiment/driver_common.hpp"
#include "sim/experiment/drivers.hpp"
#include "sim/experiment/expand.hpp"
#include "sim/experiment/experiment_folder.hpp"
#include "sim/experiment/headline.hpp"
#include "sim/experiment/results_db.hpp"
#include "sim/experiment/run_pool.hpp"

namespace starsim::experiment {

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
  // NOLINTNEXTLINE(bugprone-branch-clone): either end undecided leaves the seek undecided
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
