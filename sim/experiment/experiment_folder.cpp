#include "sim/experiment/experiment_folder.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/csv.hpp"
#include "sim/provenance.hpp"
#include "sim/sha256.hpp"

namespace starsim::experiment {

namespace fs = std::filesystem;

namespace {

// Finished rows a journal holds (complete lines after the header), without judging them.
std::size_t journal_rows(const std::string& path) {
  const std::string text = read_all(path);
  std::size_t lines = 0;
  for (const char c : text) lines += c == '\n' ? 1 : 0;
  return lines > 1 ? lines - 1 : 0;
}

// Moves each kept run's folder (its timeline) from its old index to its new one, through
// temporary names so that no two runs' folders meet; a folder already moved is left alone.
void renumber_run_folders(const std::string& dir,
                          const std::vector<std::pair<std::int64_t, std::int64_t>>& moves) {
  const fs::path runs = fs::path(dir) / "runs";
  std::error_code ec;
  if (!fs::is_directory(runs, ec)) return;
  for (const auto& [from, to] : moves) {
    const fs::path src = runs / fmt::format("run-{}", from);
    if (fs::is_directory(src, ec)) fs::rename(src, runs / fmt::format(".grow-{}", to));
  }
  for (const auto& [from, to] : moves) {
    const fs::path tmp = runs / fmt::format(".grow-{}", to), dst = runs / fmt::format("run-{}", to);
    if (!fs::is_directory(tmp, ec)) continue;
    fs::remove_all(dst);
    fs::rename(tmp, dst);
  }
}

}  // namespace

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Table ExperimentFolder::regrow(const std::string& journal_path, const JournalCheck& check) {
  // The old journal, judged as its own sweep's (any run index of this shard), then each ok run
  // matched to the run of the grown experiment with the same values, replication and seed.
  Table old = Journal::read(journal_path, JournalCheck{check.header, -1, check.shard, check.shards,
                                                       nullptr, check.varied});
  std::map<std::vector<std::string>, const RunSpec*> by_key;
  for (const RunSpec& r : *check.specs) {
    std::vector<std::string> key = r.varied_values;
    key.push_back(std::to_string(r.replication));
    key.push_back(std::to_string(r.seed));
    by_key[key] = &r;
  }
  Table kept;
  kept.header = check.header;
  std::vector<std::pair<std::int64_t, std::int64_t>> moves;
  for (auto& [run, row] : old.rows) {
    if (row.back() != "ok") continue;
    std::vector<std::string> key(row.begin() + 4,
                                 row.begin() + 4 + static_cast<std::ptrdiff_t>(check.varied));
    key.push_back(row[2]);
    key.push_back(row[3]);
    const auto it = by_key.find(key);
    if (it == by_key.end() || it->second->run % check.shards != check.shard)
      continue;  // not a run any more
    row[0] = std::to_string(it->second->run);
    row[1] = std::to_string(it->second->point);
    if (it->second->run != run) moves.emplace_back(run, it->second->run);
    kept.rows[it->second->run] = row;
  }
  renumber_run_folders(dir_, moves);
  return kept;
}

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

ExperimentFolder::ExperimentFolder(const std::string& dir, const std::string& command,
                                   const DriverOptions& o, const sim::FolderRecord& record,
                                   const std::string& targets_csv, const JournalCheck& check)
    : dir_(dir),
      folder_(dir,
              fmt::format("starsim {} of experiment '{}'", command, record.get("experiment"))) {
  const std::string journal_path = dir + "/journal.csv";
  Table kept;
  kept.header = check.header;
  std::set<std::string> owned = sim::starsim_output_names();  // a fresh start replaces them all
  const std::string held = folder_.kind();
  if (o.resume && !held.empty()) {
    if (held != command)
      folder_.claim(
          command, false, false,
          fmt::format("--resume goes on only with a {} of this experiment; choose another --out",
                      command));
    const sim::FolderRecord old = folder_.record().value_or(sim::FolderRecord());
    // The same experiment, or one grown from it (more replications or values, the rest alike).
    const bool same = old.get("fingerprint") == record.get("fingerprint");
    const bool grown =
        !same && record.has("grows_from") && old.get("grows_from") == record.get("grows_from");
    if ((!same && !grown) || old.get("shard") != record.get("shard"))
      throw sim::OutputError(fmt::format(
          "'{}' holds a {} of a different experiment (or shard): --resume cannot go on with it; "
          "choose another "
          "--out, or run without --resume and add --force to replace it{}",
          dir, command,
          command == "sweep" ? " (a sweep can grow by replications or values: its base, set, seed "
                               "and varied paths must stay as they were)"
                             : ""));
    if (fs::exists(journal_path)) {
      if (grown) {
        kept = regrow(journal_path, check);
      } else {
        kept = Journal::read(journal_path, check);
      }
      std::erase_if(kept.rows,
                    [](const auto& kv) { return kv.second.back() != "ok"; });  // run again
      reused_ = kept.rows.size();
    }
    owned = {"manifest.txt", "targets.csv", "journal.csv", "provenance.txt"};
  } else if (!(held == command && journal_rows(journal_path) == 0)) {
    const std::size_t finished = journal_rows(journal_path);
    folder_.claim(
        command, o.force, false,
        held == command
            ? fmt::format("it holds {} finished run{}: add {}--force to discard them", finished,
                          finished == 1 ? "" : "s", "--resume to go on with them, or ")
            : "");
  }
  sim::FolderRecord mine;
  mine.set("command", command);
  mine.set("starsim", STARSIM_VERSION);
  for (const char* key : {"experiment", "experiment_sha256", "years", "runs", "shard", "varied",
                          "fingerprint", "grows_from", "seed", "base_sha256"})
    if (record.has(key)) mine.set(key, record.get(key));
  sim::OutputUnit start(folder_, owned);
  start.write("manifest.txt", mine.text());
  start.write("targets.csv", targets_csv);
  start.write("journal.csv", Journal::text(kept));
  start.write("provenance.txt", sim::provenance_text());
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
