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

class Journal {
 public:
  // Opens DIR/journal.csv. With resume, keeps the complete rows of a journal with the same
  // header (throws std::runtime_error for a different one); otherwise starts it afresh.
  Journal(const std::string& dir, const std::vector<std::string>& header, bool resume);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  void append(const std::vector<std::string>& row);
  const Table& table() const { return table_; }
  bool has(std::int64_t run) const { return table_.rows.count(run) > 0; }

  // Reads a journal without opening it for writing (merge).
  static Table read(const std::string& path);

 private:
  int fd_ = -1;
  Table table_;
};

struct PoolOptions {
  int jobs = 1;
  std::string base;      // the scenario file
  std::string out_dir;   // runs go to OUT/runs/run-<n>/ (kept only with timelines or on failure)
  bool timelines = false;
  bool quiet = false;
  std::string title;     // for the progress line
};

// Runs every spec whose run is not in the journal yet.
void run_all(const std::vector<RunSpec>& specs, const PoolOptions& options, Journal& journal);

// The number of cores, for the default of --jobs.
int default_jobs();

}  // namespace starsim::experiment
