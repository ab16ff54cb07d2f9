// The output folder of a sweep, a seek or a plan, from start to finish:
// - opened for one writer, and judged against what it holds: a sweep resumes only a sweep of
//   the same experiment and shard (manifest.txt's fingerprint), or of the experiment it grew
//   from (more replications or values: its runs are matched by values, replication and seed,
//   and renumbered); a seek or plan only the same seek or plan; without --resume, a folder
//   that holds finished runs, or another command's results, is refused unless --force;
// - started as one unit: manifest.txt (what writes it), targets.csv and the journal (with the
//   finished runs a resume keeps: failed runs are run again);
// - finished as one unit: runs.csv, summary.csv and the command's own files.
// Everything is validated before the folder is opened: nothing is written for bad input.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/drivers.hpp"
#include "sim/experiment/run_pool.hpp"
#include "sim/output_folder.hpp"

namespace starsim::experiment {

// A file's bytes ("" when it cannot be read): manifests, journals, targets.csv.
std::string read_all(const std::string& path);

// The failed rows of a table; their errors from DIR/runs/run-N/run.log.
std::vector<RunFailure> failures_of(const Table& t, const std::string& dir);

class ExperimentFolder {
 public:
  // command: "sweep", "seek" or "plan". record: what manifest.txt says beyond the command and
  // the starsim version (experiment, fingerprint, ...). check: what the journal's rows must be.
  ExperimentFolder(const std::string& dir, const std::string& command, const DriverOptions& o,
                   const sim::FolderRecord& record, const std::string& targets_csv,
                   const JournalCheck& check);

  const std::string& dir() const { return dir_; }
  // The finished runs --resume took over from the folder (renumbered when the experiment grew).
  std::size_t reused() const { return reused_; }
  Journal& journal() { return *journal_; }
  // Commits the final files (name -> text) as one unit.
  void finish(const std::map<std::string, std::string>& files);

 private:
  // The ok runs of a journal written by the experiment before it grew, renumbered.
  Table regrow(const std::string& journal_path, const JournalCheck& check);

  std::string dir_;
  std::size_t reused_ = 0;
  sim::OutputFolder folder_;
  std::unique_ptr<Journal> journal_;
};

// The common part of every experiment folder's record: command, starsim version, experiment
// name and the digest of its file.
sim::FolderRecord experiment_record(const std::string& command, const ExperimentConfig& c);

}  // namespace starsim::experiment
