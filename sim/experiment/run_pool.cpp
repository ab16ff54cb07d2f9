#include "sim/experiment/run_pool.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "models/launch/run_scenario.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/csv.hpp"
#include "sim/interrupt.hpp"
#include "sim/kernel.hpp"
#include "sim/progress_line.hpp"

namespace starsim::experiment {

namespace fs = std::filesystem;

// ----------------------------------------------------------------------------------- Journal

Table Journal::read(const std::string& path, const JournalCheck& check) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw sim::OutputError("cannot read '" + path + "'");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Table t;
  t.header = check.header;
  std::map<std::int64_t, std::size_t> first_line;
  std::size_t pos = 0, line_no = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) break;  // a row cut short by a crash: not finished
    const std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    const std::string where = fmt::format("{}:{}", path, line_no);
    auto row = parse_csv_line(line);
    if (line_no == 1) {
      if (row != check.header)
        throw sim::config::ConfigError(where, "", "its columns are not this experiment's: the journal of another experiment");
      continue;
    }
    if (row.size() != check.header.size())
      throw sim::config::ConfigError(where, "", fmt::format("has {} cells, expected {}", row.size(), check.header.size()));
    std::int64_t run = -1;
    const auto [end, ec] = std::from_chars(row[0].data(), row[0].data() + row[0].size(), run);
    if (ec != std::errc() || end != row[0].data() + row[0].size() || run < 0)
      throw sim::config::ConfigError(where, "", fmt::format("run '{}' is not a whole number", row[0]));
    if (check.runs >= 0 && run >= check.runs)
      throw sim::config::ConfigError(where, "", fmt::format("run {} is not a run of this experiment (it has {})", run, check.runs));
    if (run % check.shards != check.shard)
      throw sim::config::ConfigError(where, "", fmt::format("run {} does not belong to shard {}/{}", run, check.shard, check.shards));
    if (const auto it = first_line.find(run); it != first_line.end())
      throw sim::config::ConfigError(where, "", fmt::format("run {} appears twice (first at line {})", run, it->second));
    first_line[run] = line_no;
    if (check.specs) {
      const RunSpec& spec = (*check.specs)[static_cast<std::size_t>(run)];
      if (row[1] != std::to_string(spec.point) || row[2] != std::to_string(spec.replication) ||
          row[3] != std::to_string(spec.seed))
        throw sim::config::ConfigError(where, "", fmt::format("run {} is not this experiment's (its point, replication "
                                                              "or seed differ)", run));
    }
    const std::string& status = row.back();
    if (status != "ok" && status.rfind("failed", 0) != 0 && status.rfind("killed", 0) != 0)
      throw sim::config::ConfigError(where, "", fmt::format("'{}' is not a run's status", status));
    t.rows[run] = std::move(row);
  }
  if (line_no == 0) throw sim::config::ConfigError(path + ":1", "", "holds no header: not a journal");
  return t;
}

std::string Journal::text(const Table& t) {
  std::string out = csv_line(t.header);
  for (const auto& [run, row] : t.rows) out += csv_line(row);
  return out;
}

Journal::Journal(const std::string& path, Table kept) : table_(std::move(kept)) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
  if (fd_ < 0) throw sim::OutputError("cannot write '" + path + "': " + std::strerror(errno));
}

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

void Journal::append(const std::vector<std::string>& row) {
  const std::string line = csv_line(row);
  if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size()) || ::fdatasync(fd_) != 0)
    throw sim::OutputError(std::string("cannot write the journal: ") + std::strerror(errno));
  table_.rows[std::stoll(row[0])] = row;
}

// -------------------------------------------------------------------------------- progress

std::string sweep_progress_text(const std::string& title, std::size_t done, std::size_t done_before,
                                std::size_t total, std::size_t failed, double elapsed_s) {
  const double done_now = done > done_before ? static_cast<double>(done - done_before) : 0.0;
  const double left = total > done ? static_cast<double>(total - done) : 0.0;
  return fmt::format("{}: {}/{} runs, {} failed, {:.1f} s elapsed, {}", title, done, total, failed, elapsed_s,
                     sim::wall_left_text(sim::wall_left_s(elapsed_s, done_now, left)));
}

namespace {

// The sweep's line: runs done (those of the journal included), and the time left at the pace
// of the runs finished by this invocation (a resumed sweep's journalled runs took no time now).
class Progress {
 public:
  Progress(std::size_t total, std::size_t done_before, bool quiet, std::string title)
      : total_(total), done_before_(done_before), line_(!quiet && sim::stderr_is_terminal(), 0.0),
        title_(std::move(title)) {}
  void update(std::size_t done, std::size_t failed) {
    if (!line_.enabled()) return;
    line_.show(sweep_progress_text(title_, done, done_before_, total_, failed, line_.elapsed_s()));
  }
  ~Progress() { line_.keep(); }  // the last line stays: how long the sweep took

 private:
  std::size_t total_, done_before_;
  sim::ProgressLine line_;
  std::string title_;
};

std::string run_dir(const PoolOptions& o, std::int64_t run) {
  return fmt::format("{}/runs/run-{}", o.out_dir, run);
}

[[noreturn]] void child(const RunSpec& spec, const PoolOptions& o) {
  const std::string dir = run_dir(o, spec.run);
  int code = 1;
  try {
    sim::make_output_dir(dir);
    const int fd = ::open((dir + "/run.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::close(fd);
    }
    // Fault injection for tests: STARSIM_FAULT_RUN=<run index> makes that run abort, and
    // <run index>:error makes it fail with an error (exit 1).
    if (const char* fault = std::getenv("STARSIM_FAULT_RUN")) {
      if (std::to_string(spec.run) == fault) std::abort();
      if (std::to_string(spec.run) + ":error" == fault)
        throw std::runtime_error("an error injected by STARSIM_FAULT_RUN");
    }
    // The sweep reads this run's summary as soon as it ends and journals it (synced): a folder
    // it then removes need not be synced to disk first. One kept for its timeline is.
    sim::set_durable(o.timelines);
    models::RunOptions ro;
    for (const auto& ov : spec.overrides) ro.overrides.push_back(ov.assignment);
    ro.seed = spec.seed;
    ro.out_dir = dir;
    ro.no_timeline = !o.timelines;
    ro.force = true;  // the sweep's own run folder
    ro.holder = fmt::format("starsim run {} of {}", spec.run, o.title);
    models::run_scenario(o.base, ro);
    code = 0;
  } catch (const sim::config::ConfigError& e) {
    std::cerr << e.what() << "\n";
    code = 2;
  } catch (const sim::ModelError& e) {
    std::cerr << e.what() << "\n";
    code = 2;
  } catch (const std::exception& e) {
    std::cerr << "failed: " << e.what() << "\n";
    code = 1;
  }
  std::fflush(nullptr);
  ::_exit(code);
}

std::vector<std::string> finished_row(const RunSpec& spec, const PoolOptions& o, int status) {
  std::vector<std::string> row{std::to_string(spec.run), std::to_string(spec.point),
                               std::to_string(spec.replication), std::to_string(spec.seed)};
  row.insert(row.end(), spec.varied_values.begin(), spec.varied_values.end());
  std::string state;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    state = "ok";
  } else if (WIFEXITED(status)) {
    state = fmt::format("failed (exit {})", WEXITSTATUS(status));
  } else if (WIFSIGNALED(status)) {
    state = fmt::format("killed (signal {})", WTERMSIG(status));
  } else {
    state = "failed";
  }
  std::map<std::string, std::string> summary;
  if (state == "ok") {
    std::ifstream in(run_dir(o, spec.run) + "/summary.csv");
    std::string header, values;
    std::getline(in, header);
    std::getline(in, values);
    const auto h = parse_csv_line(header), v = parse_csv_line(values);
    for (std::size_t i = 0; i < h.size() && i < v.size(); ++i) summary[h[i]] = v[i];
    if (summary.empty()) state = "failed (no summary)";
  }
  for (const auto& c : run_metric_columns()) row.push_back(summary.count(c) ? summary[c] : "");
  // The run's years, as `<metric>_<year>` cells (empty for a year its horizon does not cover).
  std::map<std::string, std::string> yearly;
  if (state == "ok" && !o.years.empty()) {
    std::ifstream in(run_dir(o, spec.run) + "/yearly.csv");
    std::string line;
    std::getline(in, line);
    const auto h = parse_csv_line(line);
    while (std::getline(in, line)) {
      const auto v = parse_csv_line(line);
      if (v.empty() || h.empty() || h[0] != "year") break;
      for (std::size_t i = 1; i < h.size() && i < v.size(); ++i) yearly[h[i] + "_" + v[0]] = v[i];
    }
  }
  for (const auto& c : yearly_run_columns(o.years)) row.push_back(yearly.count(c) ? yearly[c] : "");
  row.push_back(state);
  return row;
}

}  // namespace

int default_jobs() {
  const unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? static_cast<int>(n) : 1;
}

namespace {
// A run journalled as ok keeps no folder without timelines (a kill between the journal row and
// the removal would otherwise leave one behind for good).
void tidy_finished(const PoolOptions& o, const Journal& journal) {
  if (o.timelines) return;
  std::error_code ec;
  for (const auto& [run, row] : journal.table().rows)
    if (row.back() == "ok") fs::remove_all(run_dir(o, run), ec);
}
}  // namespace

void run_all(const std::vector<RunSpec>& specs, const PoolOptions& o, Journal& journal) {
  tidy_finished(o, journal);
  std::vector<const RunSpec*> todo;
  for (const auto& s : specs)
    if (!journal.has(s.run)) todo.push_back(&s);
  std::size_t done = specs.size() - todo.size(), failed = 0;
  Progress progress(specs.size(), done, o.quiet, o.title);
  progress.update(done, failed);
  std::map<pid_t, const RunSpec*> running;
  std::size_t next = 0;
  while (next < todo.size() || !running.empty()) {
    while (static_cast<int>(running.size()) < std::max(1, o.jobs) && next < todo.size()) {
      std::fflush(nullptr);
      sim::interrupt::Deferred held;  // an interrupt waits until the child is registered
      const pid_t pid = ::fork();
      if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
      if (pid == 0) {
        sim::interrupt::forget_all();
        child(*todo[next], o);
      }
      sim::interrupt::register_child(pid);
      running[pid] = todo[next++];
    }
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
    }
    sim::interrupt::unregister_child(pid);
    auto it = running.find(pid);
    if (it == running.end()) continue;
    const RunSpec& spec = *it->second;
    running.erase(it);
    auto row = finished_row(spec, o, status);
    if (row.back() != "ok") ++failed;
    journal.append(row);
    // Keep a run's folder only for its timeline, or to show why it failed.
    if (row.back() == "ok" && !o.timelines) {
      std::error_code ec;
      fs::remove_all(run_dir(o, spec.run), ec);
    }
    progress.update(++done, failed);
  }
  tidy_finished(o, journal);
  std::error_code ec;
  fs::remove(o.out_dir + "/runs", ec);  // only if empty
}

}  // namespace starsim::experiment
