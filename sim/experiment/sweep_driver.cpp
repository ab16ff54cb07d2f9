// starsim sweep: every run of a grid or zip (or one shard of them, or the runs asked for), then,
// with precision, more replications for each point whose interval is still too wide.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "sim/csv.hpp"
#include "sim/experiment/decision.hpp"
#include "sim/experiment/driver_common.hpp"
#include "sim/experiment/drivers.hpp"
#include "sim/experiment/expand.hpp"
#include "sim/experiment/experiment_folder.hpp"
#include "sim/experiment/headline.hpp"
#include "sim/experiment/results_db.hpp"
#include "sim/experiment/run_pool.hpp"
#include "sim/output_folder.hpp"
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

}  // namespace

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

}  // namespace starsim::experiment
