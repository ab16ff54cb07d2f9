// Running many scenario runs: each in a forked child process (SimGrid allows one engine per
// process), at most `jobs` at a time. Every finished run is appended to a journal (and synced)
// the moment it ends, so an interrupted sweep loses no finished run and --resume runs only
// what is missing. A run that fails or is killed is recorded with its status; the rest go on.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "sim/experiment/expand.hpp"
#include "sim/experiment/results_table.hpp"

namespace starsim::experiment {

// What a journal's rows must be: the experiment's columns, and runs in [0, runs) of one shard
// (runs < 0: not known; specs, when given, the run's point, replication and seed too).
struct JournalCheck {
  std::vector<std::string> header;
  std::int64_t runs = -1;
  int shard = 0, shards = 1;
  const std::vector<RunSpec>* specs = nullptr;  // indexed by run
  std::size_t varied = 0;  // the varied paths' columns, after run,point,replication,seed
};

class Journal {
 public:
  // Reads a journal strictly: a row that is not one of the experiment's (its columns, a run
  // index, a duplicate, another shard's run, an unknown status) is a config::ConfigError at
  // "PATH:LINE". A last line without its newline (a row cut short by a crash) is dropped.
  static Table read(const std::string& path, const JournalCheck& check);
  // The text of a journal that holds these rows.
  static std::string text(const Table& t);

  // Appends to the journal at `path`, already written with the rows of `kept`.
  Journal(const std::string& path, Table kept);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  void append(const std::vector<std::string>& row);
  const Table& table() const { return table_; }
  bool has(std::int64_t run) const { return table_.rows.count(run) > 0; }

 private:
  int fd_ = -1;
  Table table_;
};

struct PoolOptions {
  int jobs = 1;
  std::string base;     // the scenario file
  std::string out_dir;  // runs go to OUT/runs/run-<n>/ (kept only with timelines or on failure)
  bool timelines = false;
  bool quiet = false;
  std::string title;       // for the progress line
  std::vector<int> years;  // of the `<metric>_<year>` columns, read from each run's yearly.csv
  // Empty: each run in a forked child. Otherwise an executable run as `LAUNCHER BATCH N` for the
  // runs still to do, which must run tasks 0 .. N-1 (`starsim run-batch BATCH I`, e.g. as a Slurm
  // job array: tools/slurm-launch) and return when every task has ended.
  std::string launcher;
};

// One task of a launcher's batch: runs run I of the batch file into its folder, leaves its exit
// code there, and returns it.
int run_batch_task(const std::string& batch_file, std::int64_t index);

// Runs every spec whose run is not in the journal yet.
void run_all(const std::vector<RunSpec>& specs, const PoolOptions& options, Journal& journal);

// The sweep's progress line: `done` of `total` runs, of which `done_before` were in the journal
// when this invocation began; the time left is at the pace of the runs finished since.
std::string sweep_progress_text(const std::string& title, std::size_t done, std::size_t done_before,
                                std::size_t total, std::size_t failed, double elapsed_s);

// The number of cores, for the default of --jobs.
int default_jobs();

}  // namespace starsim::experiment
