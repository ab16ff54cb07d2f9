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
#include "sim/sha256.hpp"
#include "sim/experiment/driver_common.hpp"
#include "sim/experiment/expand.hpp"
#include "sim/experiment/experiment_folder.hpp"
#include "sim/experiment/results_db.hpp"
#include "sim/experiment/run_pool.hpp"

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


std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

DriverResult sweep(const ExperimentConfig& c, const DriverOptions& o) {
  const std::string dir = out_dir_of(c, o);
  std::vector<RunSpec> all = expand_runs(c), mine;
  for (const auto& r : all)
    if (r.run % o.shards == o.shard) mine.push_back(r);
  const auto header = runs_header(c.varied_paths(), c.years);
  const std::string base_resolved = resolve_base(c);
  sim::FolderRecord record = experiment_record("sweep", c);
  record.set("runs", std::to_string(all.size()));
  record.set("shard", fmt::format("{}/{}", o.shard, o.shards));
  record.set("varied", std::to_string(c.varied_paths().size()));
  record.set("fingerprint", fingerprint(base_resolved, all));
  JournalCheck check{header, static_cast<std::int64_t>(all.size()), o.shard, o.shards, &all};
  ExperimentFolder folder(dir, "sweep", o, record, targets_csv(c, "sweep", "", std::nullopt), check);
  run_all(mine, pool_options(c, o, dir, c.name), folder.journal());
  Table t = folder.journal().table();
  t.varied = c.varied_paths().size();
  t.years = c.years;
  folder.finish({{"runs.csv", t.runs_csv()}, {"summary.csv", t.summary_csv()}, {"yearly.csv", t.yearly_csv()}, {"results.sqlite", results_sqlite(t)}});
  DriverResult result;
  result.failures = failures_of(t, dir);
  result.report = fmt::format("{}: {} runs{} ({} failed); runs.csv, summary.csv and yearly.csv in {}/\n", c.name, t.rows.size(),
                              o.shards > 1 ? fmt::format(" of shard {}/{}", o.shard, o.shards) : "",
                              result.failures.size(), dir);
  return result;
}

DriverResult merge(const std::vector<std::string>& dirs, const std::string& out_dir, bool force) {
  if (dirs.empty()) throw sim::OutputError("merge needs at least one shard folder");
  std::error_code ec;
  const auto out_real = std::filesystem::weakly_canonical(out_dir, ec);
  Table t;
  sim::FolderRecord first;
  std::set<std::string> shards_seen;
  std::int64_t total = 0, shards = 0;
  for (const auto& d : dirs) {
    if (std::filesystem::weakly_canonical(d, ec) == out_real)
      throw sim::OutputError(fmt::format("--out '{}' is one of the shard folders: merge into another folder", out_dir));
    if (!std::filesystem::is_regular_file(d + "/manifest.txt", ec))
      throw sim::OutputError("'" + d + "' holds no manifest.txt: not a sweep's folder");
    sim::OutputFolder::check_not_being_written(d);
    const auto m = sim::FolderRecord::parse(read_all(d + "/manifest.txt"), d + "/manifest.txt");
    const std::string where = d + "/manifest.txt";
    if (m.has("command") && m.get("command") != "sweep")
      throw sim::config::ConfigError(m.where("command"), "", fmt::format("'{}' is the folder of a {}, not of a sweep's shard", d,
                                                            m.get("command")));
    for (const char* key : {"experiment", "runs", "shard", "varied", "fingerprint"})
      if (!m.has(key)) throw sim::config::ConfigError(where, "", fmt::format("missing '{}': not a sweep's manifest", key));
    int k = 0, n = 0;
    std::int64_t runs = 0, varied = 0;
    std::vector<int> years;
    auto whole = [&](const std::string& key, const std::string& text, auto& out, long long min) {
      const auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), out);
      if (err != std::errc() || end != text.data() + text.size() || out < min)
        throw sim::config::ConfigError(m.where(key), "", fmt::format("{} '{}' is not a whole number", key, m.get(key)));
    };
    const std::string shard = m.get("shard");
    const auto slash = shard.find('/');
    if (slash == std::string::npos)
      throw sim::config::ConfigError(m.where("shard"), "", fmt::format("shard '{}' is not K/N", shard));
    whole("shard", shard.substr(0, slash), k, 0);
    whole("shard", shard.substr(slash + 1), n, 1);
    if (k >= n) throw sim::config::ConfigError(m.where("shard"), "", fmt::format("shard '{}' is not K/N with K < N", shard));
    whole("runs", m.get("runs"), runs, 1);
    whole("varied", m.get("varied"), varied, 0);
    if (m.has("years")) {  // an older sweep's manifest has none: no yearly columns
      std::istringstream in(m.get("years"));
      for (std::string y; in >> y;) {
        int year = 0;
        whole("years", y, year, 1970);
        years.push_back(year);
      }
    }
    if (shards_seen.empty()) {
      first = m;
      total = runs, shards = n;
    } else if (m.get("fingerprint") != first.get("fingerprint") || runs != total || n != shards) {
      throw sim::OutputError("'" + d + "' is a shard of a different experiment (or of another split into shards)");
    }
    if (!shards_seen.insert(shard).second) throw sim::OutputError(fmt::format("shard {} is given twice ('{}')", shard, d));
    // The journal's columns: the run columns, one per varied path, the metrics and the status.
    std::vector<std::string> header;
    {
      std::istringstream in(read_all(d + "/journal.csv"));
      std::string line;
      std::getline(in, line);
      header = parse_csv_line(line);
    }
    if (header.size() != runs_header(std::vector<std::string>(static_cast<std::size_t>(varied)), years).size())
      throw sim::config::ConfigError(d + "/journal.csv:1", "", "its columns are not a sweep's journal's");
    if (t.header.empty()) t.header = header;
    if (header != t.header) throw sim::OutputError("'" + d + "' is a shard of a different experiment");
    Table part = Journal::read(d + "/journal.csv", JournalCheck{header, total, k, n, nullptr});
    for (auto& [run, row] : part.rows) t.rows[run] = std::move(row);
    t.varied = static_cast<std::size_t>(varied);
    t.years = years;
  }
  if (static_cast<std::int64_t>(t.rows.size()) != total) {
    std::string missing;
    int shown = 0;
    for (std::int64_t r = 0; r < total && shown < 10; ++r)
      if (!t.rows.count(r)) missing += (shown++ ? ", " : "") + std::to_string(r);
    throw sim::OutputError(fmt::format("the shards hold {} of {} runs; missing runs: {}{}", t.rows.size(), total,
                                       missing, total - static_cast<std::int64_t>(t.rows.size()) > 10 ? ", ..." : ""));
  }
  sim::OutputFolder folder(out_dir, "starsim merge");
  folder.claim("merge", force, true);
  sim::FolderRecord record;
  record.set("command", "merge");
  record.set("starsim", STARSIM_VERSION);
  for (const char* key : {"experiment", "experiment_sha256", "years", "runs", "varied", "fingerprint"})
    if (first.has(key)) record.set(key, first.get(key));
  record.set("shards", std::to_string(shards));
  sim::OutputUnit unit(folder, sim::starsim_output_names());
  unit.write("manifest.txt", record.text());
  unit.write("runs.csv", t.runs_csv());
  unit.write("summary.csv", t.summary_csv());
  unit.write("yearly.csv", t.yearly_csv());
  unit.write("results.sqlite", results_sqlite(t));
  if (std::filesystem::exists(dirs.front() + "/targets.csv"))  // the same in every shard
    unit.write("targets.csv", read_all(dirs.front() + "/targets.csv"));
  unit.commit();
  DriverResult result;
  for (const auto& d : dirs) {  // each run's error is in the folder of its shard
    Table part = Journal::read(d + "/journal.csv", JournalCheck{t.header, total, 0, 1, nullptr});
    for (auto& f : failures_of(part, d)) result.failures.push_back(std::move(f));
  }
  std::sort(result.failures.begin(), result.failures.end(), [](const auto& a, const auto& b) { return a.run < b.run; });
  result.report = fmt::format("{}: merged {} runs from {} folders into {}/\n", first.get("experiment"), t.rows.size(),
                              dirs.size(), out_dir);
  return result;
}

// ------------------------------------------------------------------------------------- seek

DriverResult seek(const ExperimentConfig& c, const DriverOptions& o) {
  const SeekConfig& s = *c.seek;
  const std::string dir = out_dir_of(c, o);
  const auto header = runs_header({s.path}, c.years);
  ExperimentFolder folder(dir, "seek", o, experiment_record("seek", c), targets_csv(c, "seek", s.metric, s.target),
                          JournalCheck{header});
  Journal& journal = folder.journal();
  DriverResult result;
  std::int64_t probes = 0;
  struct Probe {
    double mean, ci;
    bool met;
  };
  std::map<std::int64_t, Probe> seen;
  // A probe's runs; nullopt when one failed (no decision can rest on it).
  auto probe = [&](std::int64_t value) -> std::optional<Probe> {
    if (auto it = seen.find(value); it != seen.end()) return it->second;
    Point p{probes, {{s.path, std::to_string(value), s.where}}};
    std::vector<RunSpec> specs;
    for (std::int64_t rep = 0; rep < c.replications; ++rep)
      specs.push_back(make_run(c, p, probes * c.replications + rep, rep));
    run_all(specs, pool_options(c, o, dir, fmt::format("{} = {}", s.path, value)), journal);
    const std::size_t failed = failures_of(journal.table(), dir).size() - result.failures.size();
    if (failed > 0) {
      result.stopped_by_failures = fmt::format("the probe {} = {}: {} of {} runs failed, so no answer", s.path, value,
                                               failed, c.replications);
      return std::nullopt;
    }
    auto [mean, ci] = journal.table().mean_ci(probes, s.metric);
    ++probes;
    Probe r{mean, ci, meets(mean, s.target, s.at_most)};
    seen[value] = r;
    return r;
  };
  std::int64_t lo = s.min, hi = s.max;
  std::optional<std::int64_t> answer;
  std::string note;
  bool decided = true;
  if (const auto low = probe(lo); !low) {
    decided = false;
  } else if (low->met) {
    answer = lo;
  } else if (const auto high = probe(hi); !high) {
    decided = false;
  } else if (!high->met) {
    note = fmt::format("unreachable: {} at {} = {} (the max) is {}, not {} {}", s.metric, s.path, hi,
                       fmt_num(high->mean), goal_sign(s.at_most), fmt_num(s.target));
  } else {
    while (hi - lo > 1) {  // invariant: lo misses, hi meets
      const std::int64_t mid = lo + (hi - lo) / 2;
      const auto m = probe(mid);
      if (!m) {
        decided = false;
        break;
      }
      (m->met ? hi : lo) = mid;
    }
    if (decided) answer = hi;
  }
  Table t = journal.table();
  t.varied = 1;
  t.years = c.years;
  std::map<std::string, std::string> files{
      {"runs.csv", t.runs_csv()}, {"summary.csv", t.summary_csv()}, {"yearly.csv", t.yearly_csv()}, {"results.sqlite", results_sqlite(t)}};
  if (decided) {
    std::vector<std::string> h{"path", "value", "metric", "target", "mean", "ci95", "reached", "probes"};
    std::vector<std::string> row{s.path, answer ? std::to_string(*answer) : "", s.metric, fmt_num(s.target),
                                 answer ? fmt_num(seen[*answer].mean) : "", answer ? fmt_num(seen[*answer].ci) : "",
                                 answer ? "true" : "false", std::to_string(probes)};
    files["answer.csv"] = csv_line(h) + csv_line(row);
  }
  folder.finish(files);
  result.failures = failures_of(t, dir);
  if (!decided) {
    result.report = fmt::format("{}: stopped: {}; runs.csv in {}/\n", c.name, result.stopped_by_failures, dir);
  } else if (!answer) {
    result.report = fmt::format("{}: {} after {} probes; runs.csv and answer.csv in {}/\n", c.name, note, probes, dir);
  } else {
    result.report = fmt::format("{}: the smallest {} with mean {} {} {} is {} (mean {}, 95% CI ±{}) after {} probes; "
                                "answer.csv in {}/\n",
                                c.name, s.path, s.metric, goal_sign(s.at_most), fmt_num(s.target), *answer, fmt_num(seen[*answer].mean),
                                fmt_ci(seen[*answer].ci), probes, dir);
  }
  return result;
}

}  // namespace starsim::experiment
