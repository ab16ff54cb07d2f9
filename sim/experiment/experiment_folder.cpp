#include "sim/experiment/experiment_folder.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/csv.hpp"
#include "sim/sha256.hpp"

namespace starsim::experiment {

namespace fs = std::filesystem;

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Finished rows a journal holds (complete lines after the header), without judging them.
std::size_t journal_rows(const std::string& path) {
  const std::string text = read_all(path);
  std::size_t lines = 0;
  for (const char c : text) lines += c == '\n' ? 1 : 0;
  return lines > 1 ? lines - 1 : 0;
}

}  // namespace

std::vector<RunFailure> failures_of(const Table& t, const std::string& dir) {
  std::vector<RunFailure> out;
  for (const auto& [run, row] : t.rows) {
    if (row.back() == "ok") continue;
    RunFailure f{run, std::stoll(row[1]), std::stoll(row[2]), row.back(), ""};
    std::istringstream log(read_all(fmt::format("{}/runs/run-{}/run.log", dir, run)));
    for (std::string line; std::getline(log, line);)
      if (!line.empty()) {
        f.error = line;
        break;
      }
    out.push_back(std::move(f));
  }
  return out;
}

sim::FolderRecord experiment_record(const std::string& command, const ExperimentConfig& c) {
  sim::FolderRecord r;
  r.set("command", command);
  r.set("starsim", STARSIM_VERSION);
  r.set("experiment", c.name);
  r.set("experiment_sha256", sim::sha256_hex(read_all(c.file)));
  std::string years;
  for (int y : c.years) years += (years.empty() ? "" : " ") + std::to_string(y);
  r.set("years", years);
  return r;
}

ExperimentFolder::ExperimentFolder(const std::string& dir, const std::string& command, const DriverOptions& o,
                                   const sim::FolderRecord& record, const std::string& targets_csv,
                                   const JournalCheck& check)
    : dir_(dir), folder_(dir, fmt::format("starsim {} of experiment '{}'", command, record.get("experiment"))) {
  const std::string journal_path = dir + "/journal.csv";
  Table kept;
  kept.header = check.header;
  std::set<std::string> owned = sim::starsim_output_names();  // a fresh start replaces them all
  const std::string held = folder_.kind();
  if (o.resume && !held.empty()) {
    if (held != command)
      folder_.claim(command, false, false,
                    fmt::format("--resume goes on only with a {} of this experiment; choose another --out", command));
    const sim::FolderRecord old = folder_.record().value_or(sim::FolderRecord());
    if (old.get("fingerprint") != record.get("fingerprint") || old.get("shard") != record.get("shard"))
      throw sim::OutputError(fmt::format(
          "'{}' holds a {} of a different experiment (or shard): --resume cannot go on with it; choose another "
          "--out, or run without --resume and add --force to replace it",
          dir, command));
    if (fs::exists(journal_path)) {
      kept = Journal::read(journal_path, check);
      std::erase_if(kept.rows, [](const auto& kv) { return kv.second.back() != "ok"; });  // run again
    }
    owned = {"manifest.txt", "targets.csv", "journal.csv"};
  } else if (!(held == command && journal_rows(journal_path) == 0)) {
    const std::size_t finished = journal_rows(journal_path);
    folder_.claim(command, o.force, false,
                  held == command
                      ? fmt::format("it holds {} finished run{}: add {}--force to discard them", finished,
                                    finished == 1 ? "" : "s", "--resume to go on with them, or ")
                      : "");
  }
  sim::FolderRecord mine;
  mine.set("command", command);
  mine.set("starsim", STARSIM_VERSION);
  for (const char* key : {"experiment", "experiment_sha256", "years", "runs", "shard", "varied", "fingerprint"})
    if (record.has(key)) mine.set(key, record.get(key));
  sim::OutputUnit start(folder_, owned);
  start.write("manifest.txt", mine.text());
  start.write("targets.csv", targets_csv);
  start.write("journal.csv", Journal::text(kept));
  start.commit();
  journal_ = std::make_unique<Journal>(journal_path, std::move(kept));
}

void ExperimentFolder::finish(const std::map<std::string, std::string>& files) {
  std::set<std::string> owned;
  for (const auto& [name, text] : files) owned.insert(name);
  sim::OutputUnit end(folder_, owned);
  for (const auto& [name, text] : files) end.write(name, text);
  end.commit();
}

}  // namespace starsim::experiment
