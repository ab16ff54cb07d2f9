// An output folder: one writer at a time, a record of what wrote it, nothing lost, nothing
// half-written.
//
// - One writer: opening a folder for writing takes an exclusive lock (flock on
//   DIR/.starsim.lock, which names the holder); a second writer is refused at once (OutputError)
//   with the holder's pid and command.
// - A record: DIR/manifest.txt, `key value` lines, written by every command (command, starsim
//   version, then what the command identifies its results by). Commands decide from it whether
//   they may resume, merge or replace what is there (experiment/folder_policy).
// - Leftovers: opening a folder removes what dead processes left in it (temporary files,
//   staging folders); a folder moved aside by a dead commit is moved back.
// - Units: files that belong together (a run's timeline and summary, a sweep's tables) are
//   written into a private staging folder and committed together: the staging folder, with
//   every other entry of the folder carried over, is exchanged with the folder in one rename
//   (renameat2 RENAME_EXCHANGE). A reader sees the complete old set or the complete new set,
//   never a mix. Where the file system cannot exchange, the folder is the working directory, or
//   it holds more than starsim's outputs (a sub-folder other than plots/ and runs/, or over
//   1,000 other files), the files are renamed one by one with SIGINT/SIGTERM held back.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace starsim::sim {

// manifest.txt: an ordered list of `key value` (the value runs to the end of the line).
class FolderRecord {
 public:
  FolderRecord() = default;
  void set(const std::string& key, const std::string& value);
  // The value of a key, or "" when absent.
  std::string get(const std::string& key) const;
  bool has(const std::string& key) const;
  std::string text() const;
  // Parses a manifest; throws config::ConfigError at "FILE:LINE" for a line that is not `key
  // value`.
  static FolderRecord parse(const std::string& text, const std::string& file);
  // Where a parsed key was: "FILE:LINE" (the file alone for a key it does not hold).
  std::string where(const std::string& key) const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
  std::string file_;
  std::vector<int> lines_;  // of a parsed record, one per field
};

// The names of every file and folder a starsim command writes into an output folder.
const std::set<std::string>& starsim_output_names();

class OutputFolder {
 public:
  // Creates DIR (and its parents) if missing and takes its lock; `holder` says who writes
  // ("starsim sweep e.yaml"). Throws OutputError when DIR is not a folder, cannot be created or
  // written, or another process holds it.
  OutputFolder(const std::string& dir, const std::string& holder);
  ~OutputFolder();
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  // Checks that no other process writes DIR (a merge's input folders); throws OutputError.
  static void check_not_being_written(const std::string& dir);

  const std::string& dir() const { return dir_; }
  // The record found on opening (manifest.txt), parsed; nullopt when there is none.
  const std::optional<FolderRecord>& record() const { return record_; }
  // The starsim outputs the folder held on opening (names from starsim_output_names()).
  const std::vector<std::string>& outputs() const { return outputs_; }
  // What wrote the results the folder held: the record's command (run, sweep, seek, plan,
  // merge), or the kind its files tell when an older starsim wrote it; "" when it holds none.
  std::string kind() const;
  // Refuses (OutputError) to write `command`'s results over what the folder holds, unless it
  // holds nothing, or `force`, or it holds results of the same command and `same_replaces`
  // (a run replaces a run, a merge a merge). `hint` ends the message ("add --resume ...").
  void claim(const std::string& command, bool force, bool same_replaces,
             const std::string& hint = "") const;

 private:
  friend class OutputUnit;
  std::string dir_;   // as given
  std::string real_;  // absolute, symlinks resolved
  int lock_fd_ = -1;
  std::optional<FolderRecord> record_;
  std::vector<std::string> outputs_;
};

class OutputUnit {
 public:
  // A unit of `folder` that owns these names: on commit the folder holds exactly the files of
  // the unit that were written, none of the owned names that were not, and every other entry
  // it held before.
  OutputUnit(OutputFolder& folder, std::set<std::string> owned);
  ~OutputUnit();  // an uncommitted unit leaves no trace
  OutputUnit(const OutputUnit&) = delete;
  OutputUnit& operator=(const OutputUnit&) = delete;

  // Where to write a file of the unit (an owned name); the caller writes it (AtomicFile).
  std::string path(const std::string& name);
  // Writes a file of the unit.
  void write(const std::string& name, std::string_view text);
  // Commits the unit (OutputError on failure: the folder keeps its old set).
  void commit();

 private:
  OutputFolder& folder_;
  std::set<std::string> owned_, written_;
  std::string staging_;
  bool exchange_ = true;    // staged beside the folder (else inside it: renamed one by one)
  std::vector<int> slots_;  // interrupt registrations: the staging folder and its files
  bool committed_ = false;
};

}  // namespace starsim::sim
