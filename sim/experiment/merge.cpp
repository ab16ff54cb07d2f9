// starsim merge: the shard folders of one sweep into the files one machine would write; and
// batches of one sweep run with other seeds (every batch complete, the same points) into one
// sweep with their replications one after another: batch 2's replication 0 becomes replication
// R1, and so on, each run keeping its own seed.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "sim/config/config_error.hpp"
#include "sim/csv.hpp"
#include "sim/experiment/drivers.hpp"
#include "sim/experiment/experiment_folder.hpp"
#include "sim/experiment/results_db.hpp"
#include "sim/experiment/run_pool.hpp"
#include "sim/output_folder.hpp"
#include "sim/provenance.hpp"
#include "sim/sha256.hpp"

namespace starsim::experiment {

namespace {

// One shard folder, read and checked.
struct Shard {
  std::string dir;
  sim::FolderRecord m;
  int k = 0, n = 1;
  std::int64_t runs = 0, varied = 0;
  std::vector<int> years;
  std::vector<std::string> header;
};

Shard read_shard(const std::string& d) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(d + "/manifest.txt", ec))
    throw sim::OutputError("'" + d + "' holds no manifest.txt: not a sweep's folder");
  sim::OutputFolder::check_not_being_written(d);
  Shard s;
  s.dir = d;
  s.m = sim::FolderRecord::parse(read_all(d + "/manifest.txt"), d + "/manifest.txt");
  const sim::FolderRecord& m = s.m;
  const std::string where = d + "/manifest.txt";
  if (m.has("command") && m.get("command") != "sweep")
    throw sim::config::ConfigError(
        m.where("command"), "",
        fmt::format("'{}' is the folder of a {}, not of a sweep's shard", d, m.get("command")));
  for (const char* key : {"experiment", "runs", "shard", "varied", "fingerprint"})
    if (!m.has(key))
      throw sim::config::ConfigError(where, "",
                                     fmt::format("missing '{}': not a sweep's manifest", key));
  auto whole = [&](const std::string& key, const std::string& text, auto& out, long long min) {
    const auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (err != std::errc() || end != text.data() + text.size() || out < min)
      throw sim::config::ConfigError(m.where(key), "",
                                     fmt::format("{} '{}' is not a whole number", key, m.get(key)));
  };
  const std::string shard = m.get("shard");
  const auto slash = shard.find('/');
  if (slash == std::string::npos)
    throw sim::config::ConfigError(m.where("shard"), "",
                                   fmt::format("shard '{}' is not K/N", shard));
  whole("shard", shard.substr(0, slash), s.k, 0);
  whole("shard", shard.substr(slash + 1), s.n, 1);
  if (s.k >= s.n)
    throw sim::config::ConfigError(m.where("shard"), "",
                                   fmt::format("shard '{}' is not K/N with K < N", shard));
  whole("runs", m.get("runs"), s.runs, 1);
  whole("varied", m.get("varied"), s.varied, 0);
  if (m.has("years")) {  // an older sweep's manifest has none: no yearly columns
    std::istringstream in(m.get("years"));
    for (std::string y; in >> y;) {
      int year = 0;
      whole("years", y, year, 1970);
      s.years.push_back(year);
    }
  }
  // The journal's columns: the run columns, one per varied path, the metrics and the status.
  std::istringstream in(read_all(d + "/journal.csv"));
  std::string line;
  std::getline(in, line);
  s.header = parse_csv_line(line);
  if (s.header.size() !=
      runs_header(std::vector<std::string>(static_cast<std::size_t>(s.varied)), s.years).size())
    throw sim::config::ConfigError(d + "/journal.csv:1", "",
                                   "its columns are not a sweep's journal's");
  return s;
}

// The shards of one sweep (one fingerprint), joined: every run exactly once.
struct Batch {
  std::vector<const Shard*> shards;
  Table table;
};

Table join_shards(const std::vector<const Shard*>& shards) {
  const Shard& first = *shards.front();
  Table t;
  t.header = first.header;
  t.varied = static_cast<std::size_t>(first.varied);
  t.years = first.years;
  std::set<int> seen;
  for (const Shard* s : shards) {
    if (s->runs != first.runs || s->n != first.n)
      throw sim::OutputError(
          "'" + s->dir +
          "' is a shard of a different experiment (or of another split into shards)");
    if (s->header != first.header)
      throw sim::OutputError("'" + s->dir + "' is a shard of a different experiment");
    if (!seen.insert(s->k).second)
      throw sim::OutputError(fmt::format("shard {}/{} is given twice ('{}')", s->k, s->n, s->dir));
    Table part = Journal::read(s->dir + "/journal.csv",
                               JournalCheck{s->header, s->runs, s->k, s->n, nullptr});
    for (auto& [run, row] : part.rows) t.rows[run] = std::move(row);
  }
  if (static_cast<std::int64_t>(t.rows.size()) != first.runs) {
    std::string missing;
    int shown = 0;
    for (std::int64_t r = 0; r < first.runs && shown < 10; ++r)
      if (!t.rows.count(r)) missing += (shown++ ? ", " : "") + std::to_string(r);
    throw sim::OutputError(fmt::format(
        "the shards{} hold {} of {} runs; missing runs: {}{}",
        first.m.has("seed") ? " of seed " + first.m.get("seed") : "", t.rows.size(), first.runs,
        missing, first.runs - static_cast<std::int64_t>(t.rows.size()) > 10 ? ", ..." : ""));
  }
  return t;
}

// A run's point as its varied values.
std::vector<std::string> values_of(const std::vector<std::string>& row, std::size_t varied) {
  return {row.begin() + 4, row.begin() + 4 + static_cast<std::ptrdiff_t>(varied)};
}

// Batches run with other seeds, one after another as replications of the same points.
Table stack_batches(const std::vector<Batch>& batches) {
  const Shard& first = *batches.front().shards.front();
  std::set<std::string> seeds;
  std::vector<std::vector<std::string>> points;  // the first batch's, in point order
  std::map<std::vector<std::string>, std::int64_t> point_of;
  for (const auto& [run, row] : batches.front().table.rows) {
    auto v = values_of(row, batches.front().table.varied);
    if (point_of.emplace(v, static_cast<std::int64_t>(points.size())).second) points.push_back(v);
  }
  std::vector<std::int64_t> replications;
  for (const Batch& b : batches) {
    const Shard& s = *b.shards.front();
    for (const char* key : {"seed", "base_sha256"})
      if (!s.m.has(key))
        throw sim::OutputError(
            fmt::format("'{}' has no '{}' in its manifest (an older starsim's): batches of other "
                        "seeds merge only when each says its seed and base",
                        s.dir, key));
    if (s.m.get("base_sha256") != first.m.get("base_sha256") || s.header != first.header)
      throw sim::OutputError(
          fmt::format("'{}' is a sweep of another base scenario, set or varied paths than '{}': "
                      "batches merge only when they vary the same base the same way",
                      s.dir, first.dir));
    if (!seeds.insert(s.m.get("seed")).second)
      throw sim::OutputError(
          fmt::format("two batches have seed {} but are not the same sweep ('{}'): a batch is its "
                      "shards, and batches differ by their seed",
                      s.m.get("seed"), s.dir));
    std::set<std::vector<std::string>> mine;
    for (const auto& [run, row] : b.table.rows) mine.insert(values_of(row, b.table.varied));
    if (mine.size() != points.size() || !std::all_of(mine.begin(), mine.end(), [&](const auto& v) {
          return point_of.count(v) > 0;
        }))
      throw sim::OutputError(
          fmt::format("'{}' has other points than '{}': batches merge only as replications of the "
                      "same points",
                      s.dir, first.dir));
    replications.push_back(static_cast<std::int64_t>(b.table.rows.size() / points.size()));
  }
  std::int64_t total = 0;
  for (const auto r : replications) total += r;
  Table t;
  t.header = first.header;
  t.varied = static_cast<std::size_t>(first.varied);
  t.years = first.years;
  std::int64_t offset = 0;
  for (std::size_t b = 0; b < batches.size(); ++b) {
    for (const auto& entry : batches[b].table.rows) {
      std::vector<std::string> row = entry.second;
      const std::int64_t point = point_of.at(values_of(row, t.varied));
      const std::int64_t rep = std::stoll(row[2]) + offset;
      row[0] = std::to_string(point * total + rep);
      row[1] = std::to_string(point);
      row[2] = std::to_string(rep);
      t.rows[point * total + rep] = std::move(row);
    }
    offset += replications[b];
  }
  return t;
}

}  // namespace

DriverResult merge(const std::vector<std::string>& dirs, const std::string& out_dir, bool force) {
  if (dirs.empty()) throw sim::OutputError("merge needs at least one shard folder");
  std::error_code ec;
  const auto out_real = std::filesystem::weakly_canonical(out_dir, ec);
  std::vector<Shard> shards;
  for (const auto& d : dirs) {
    if (std::filesystem::weakly_canonical(d, ec) == out_real)
      throw sim::OutputError(fmt::format(
          "--out '{}' is one of the shard folders: merge into another folder", out_dir));
    shards.push_back(read_shard(d));
  }
  // Shards of one sweep share its fingerprint; each fingerprint is a batch (in order of first
  // mention).
  std::vector<Batch> batches;
  std::vector<std::string> fingerprints;
  for (const Shard& s : shards) {
    const auto it = std::find(fingerprints.begin(), fingerprints.end(), s.m.get("fingerprint"));
    if (it == fingerprints.end()) {
      fingerprints.push_back(s.m.get("fingerprint"));
      batches.push_back({{&s}, {}});
    } else {
      batches[static_cast<std::size_t>(it - fingerprints.begin())].shards.push_back(&s);
    }
  }
  for (Batch& b : batches) b.table = join_shards(b.shards);
  const Table t = batches.size() == 1 ? batches.front().table : stack_batches(batches);
  const sim::FolderRecord& first = shards.front().m;
  sim::OutputFolder folder(out_dir, "starsim merge");
  folder.claim("merge", force, true);
  sim::FolderRecord record;
  record.set("command", "merge");
  record.set("starsim", STARSIM_VERSION);
  for (const char* key : {"experiment", "experiment_sha256", "years", "varied", "base_sha256"})
    if (first.has(key)) record.set(key, first.get(key));
  record.set("runs", std::to_string(t.rows.size()));
  if (batches.size() == 1) {
    record.set("fingerprint", first.get("fingerprint"));
    if (first.has("seed")) record.set("seed", first.get("seed"));
    record.set("shards", std::to_string(shards.front().n));
  } else {
    std::string seeds;
    sim::Sha256 h;
    for (const Batch& b : batches) {
      const Shard& s = *b.shards.front();
      seeds +=
          fmt::format("{}{} x{}", seeds.empty() ? "" : " ", s.m.get("seed"), b.table.rows.size());
      h.update(s.m.get("fingerprint") + "\n");
    }
    record.set("fingerprint", h.hex_digest());
    record.set("batches", seeds);  // seed and runs of each batch, in replication order
  }
  sim::OutputUnit unit(folder, sim::starsim_output_names());
  unit.write("manifest.txt", record.text());
  unit.write("provenance.txt", sim::provenance_text());
  unit.write("runs.csv", t.runs_csv());
  unit.write("summary.csv", t.summary_csv());
  unit.write("yearly.csv", t.yearly_csv());
  unit.write("results.sqlite", results_sqlite(t));
  if (std::filesystem::exists(dirs.front() + "/targets.csv"))  // the same in every shard
    unit.write("targets.csv", read_all(dirs.front() + "/targets.csv"));
  unit.commit();
  DriverResult result;
  for (const Shard& s :
       shards) {  // each run's error is in the folder of its shard, by its index there
    Table part =
        Journal::read(s.dir + "/journal.csv", JournalCheck{s.header, s.runs, 0, 1, nullptr});
    for (auto& f : failures_of(part, s.dir)) result.failures.push_back(std::move(f));
  }
  std::stable_sort(result.failures.begin(), result.failures.end(),
                   [](const auto& a, const auto& b) { return a.run < b.run; });
  result.report = fmt::format(
      "{}: merged {} runs from {} folders{} into {}/\n", first.get("experiment"), t.rows.size(),
      dirs.size(),
      batches.size() > 1
          ? fmt::format(" ({} batches of other seeds, their replications one after another)",
                        batches.size())
          : "",
      out_dir);
  return result;
}

}  // namespace starsim::experiment
