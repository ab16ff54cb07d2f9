#include "sim/experiment/run_pool.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
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
        throw sim::config::ConfigError(
            where, "", "its columns are not this experiment's: the journal of another experiment");
      continue;
    }
    if (row.size() != check.header.size())
      throw sim::config::ConfigError(
          where, "", fmt::format("has {} cells, expected {}", row.size(), check.header.size()));
    std::int64_t run = -1;
    const auto [end, ec] = std::from_chars(row[0].data(), row[0].data() + row[0].size(), run);
    if (ec != std::errc() || end != row[0].data() + row[0].size() || run < 0)
      throw sim::config::ConfigError(where, "",
                                     fmt::format("run '{}' is not a whole number", row[0]));
    if (check.runs >= 0 && run >= check.runs)
      throw sim::config::ConfigError(
          where, "",
          fmt::format("run {} is not a run of this experiment (it has {})", run, check.runs));
    if (run % check.shards != check.shard)
      throw sim::config::ConfigError(
          where, "",
          fmt::format("run {} does not belong to shard {}/{}", run, check.shard, check.shards));
    if (const auto it = first_line.find(run); it != first_line.end())
      throw sim::config::ConfigError(
          where, "", fmt::format("run {} appears twice (first at line {})", run, it->second));
    first_line[run] = line_no;
    if (check.specs) {
      const RunSpec& spec = (*check.specs)[static_cast<std::size_t>(run)];
      if (row[1] != std::to_string(spec.point) || row[2] != std::to_string(spec.replication) ||
          row[3] != std::to_string(spec.seed))
        throw sim::config::ConfigError(
            where, "",
            fmt::format("run {} is not this experiment's (its point, replication "
                        "or seed differ)",
                        run));
    }
    const std::string& status = row.back();
    if (status != "ok" && status.rfind("failed", 0) != 0 && status.rfind("killed", 0) != 0)
      throw sim::config::ConfigError(where, "", fmt::format("'{}' is not a run's status", status));
    t.rows[run] = std::move(row);
  }
  if (line_no == 0)
    throw sim::config::ConfigError(path + ":1", "", "holds no header: not a journal");
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
  if (::write(fd_, line.data(), line.size()) != static_cast<ssize_t>(line.size()) ||
      ::fdatasync(fd_) != 0)
    throw sim::OutputError(std::string("cannot write the journal: ") + std::strerror(errno));
  table_.rows[std::stoll(row[0])] = row;
}

// -------------------------------------------------------------------------------- progress

std::string sweep_progress_text(const std::string& title, std::size_t done, std::size_t done_before,
                                std::size_t total, std::size_t failed, double elapsed_s) {
  const double done_now = done > done_before ? static_cast<double>(done - done_before) : 0.0;
  const double left = total > done ? static_cast<double>(total - done) : 0.0;
  return fmt::format("{}: {}/{} runs, {} failed, {:.1f} s elapsed, {}", title, done, total, failed,
                     elapsed_s, sim::wall_left_text(sim::wall_left_s(elapsed_s, done_now, left)));
}

namespace {

// The sweep's line: runs done (those of the journal included), and the time left at the pace
// of the runs finished by this invocation (a resumed sweep's journalled runs took no time now).
class Progress {
 public:
  Progress(std::size_t total, std::size_t done_before, bool quiet, std::string title)
      : total_(total),
        done_before_(done_before),
        line_(!quiet && sim::stderr_is_terminal(), 0.0),
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

// Runs one run into its folder (its output and errors to run.log there); the exit code.
int run_in_folder(const RunSpec& spec, const PoolOptions& o) {
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
  return code;
}

[[noreturn]] void child(const RunSpec& spec, const PoolOptions& o) {
  ::_exit(run_in_folder(spec, o));
}

// A run's status from its process's wait status.
std::string state_of(int status) {
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "ok";
  if (WIFEXITED(status)) return fmt::format("failed (exit {})", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return fmt::format("killed (signal {})", WTERMSIG(status));
  return "failed";
}

std::vector<std::string> finished_row(const RunSpec& spec, const PoolOptions& o,
                                      std::string state) {
  std::vector<std::string> row{std::to_string(spec.run), std::to_string(spec.point),
                               std::to_string(spec.replication), std::to_string(spec.seed)};
  row.insert(row.end(), spec.varied_values.begin(), spec.varied_values.end());
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

// The batch file a launcher is given: a first line with what every run shares (the base
// scenario, the output folder, timelines, the title), then one line per run (run, point,
// replication, seed, then each override as PATH=VALUE); CSV, so any value is carried as data.
constexpr const char* BATCH_MARK = "starsim-batch-1";

std::string batch_text(const std::vector<const RunSpec*>& todo, const PoolOptions& o) {
  std::error_code ec;
  std::string out =
      csv_line({BATCH_MARK, fs::absolute(o.base, ec).string(), fs::absolute(o.out_dir, ec).string(),
                o.timelines ? "1" : "0", o.title});
  for (const RunSpec* s : todo) {
    std::vector<std::string> cells{std::to_string(s->run), std::to_string(s->point),
                                   std::to_string(s->replication), std::to_string(s->seed)};
    for (const auto& ov : s->overrides) cells.push_back(ov.assignment);
    out += csv_line(cells);
  }
  return out;
}

// The launcher runs every task of the batch (tasks 0 .. N-1, each `starsim run-batch FILE I`,
// anywhere that sees the output folder: a Slurm job array) and returns when all have ended.
// Each task leaves its exit code in its run's folder (`exit`); a task that left none failed.
void run_through_launcher(const std::vector<const RunSpec*>& todo, const PoolOptions& o,
                          Journal& journal, const std::function<void(bool)>& finished) {
  sim::make_output_dir(o.out_dir + "/runs");
  const std::string batch = fmt::format("{}/runs/batch-{}.csv", o.out_dir, todo.front()->run);
  {
    std::ofstream out(batch, std::ios::binary | std::ios::trunc);
    out << batch_text(todo, o);
    if (!out.flush()) throw sim::OutputError("cannot write '" + batch + "'");
  }
  for (const RunSpec* s : todo) {  // an exit code left by an earlier launch is not this one's
    std::error_code ec;
    fs::remove(run_dir(o, s->run) + "/exit", ec);
  }
  std::error_code ec;
  const std::string self = fs::read_symlink("/proc/self/exe", ec).string();
  const std::string count = std::to_string(todo.size());
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid == 0) {
    sim::interrupt::forget_all();
    ::setenv("STARSIM_BINARY", self.c_str(), 1);
    const char* argv[] = {o.launcher.c_str(), batch.c_str(), count.c_str(), nullptr};
    ::execvp(o.launcher.c_str(), const_cast<char* const*>(argv));
    std::fprintf(stderr, "starsim: cannot run the launcher '%s': %s\n", o.launcher.c_str(),
                 std::strerror(errno));
    ::_exit(127);
  }
  sim::interrupt::register_child(pid);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
  sim::interrupt::unregister_child(pid);
  const std::string missing = state_of(status) == "ok"
                                  ? "failed (no exit code: the task did not end)"
                                  : "failed (no exit code: the launcher " + state_of(status) + ")";
  for (const RunSpec* s : todo) {
    std::ifstream in(run_dir(o, s->run) + "/exit");
    int code = -1;
    std::string state =
        (in >> code) ? (code == 0 ? "ok" : fmt::format("failed (exit {})", code)) : missing;
    auto row = finished_row(*s, o, state);
    journal.append(row);
    if (row.back() == "ok" && !o.timelines) fs::remove_all(run_dir(o, s->run), ec);
    finished(row.back() == "ok");
  }
  fs::remove(batch, ec);
}

}  // namespace

int run_batch_task(const std::string& batch_file, std::int64_t index) {
  std::ifstream in(batch_file, std::ios::binary);
  if (!in) throw sim::OutputError("cannot read the batch file '" + batch_file + "'");
  std::string line;
  std::getline(in, line);
  const auto head = parse_csv_line(line);
  if (head.size() != 5 || head[0] != BATCH_MARK)
    throw sim::config::ConfigError(batch_file + ":1", "", "not a starsim batch file");
  PoolOptions o;
  o.base = head[1];
  o.out_dir = head[2];
  o.timelines = head[3] == "1";
  o.title = head[4];
  for (std::int64_t i = 0; i <= index; ++i)
    if (!std::getline(in, line))
      throw sim::config::ConfigError(batch_file, "",
                                     fmt::format("has no task {} (it has {})", index, i));
  const auto cells = parse_csv_line(line);
  if (cells.size() < 4)
    throw sim::config::ConfigError(fmt::format("{}:{}", batch_file, index + 2), "", "not a run");
  RunSpec spec;
  spec.run = std::stoll(cells[0]);
  spec.point = std::stoll(cells[1]);
  spec.replication = std::stoll(cells[2]);
  spec.seed = std::stoull(cells[3]);
  for (std::size_t i = 4; i < cells.size(); ++i) spec.overrides.push_back({cells[i], ""});
  // Only sim:: code may be run in the child (no fork here: this process is the task).
  const int code = run_in_folder(spec, o);
  const std::string dir = run_dir(o, spec.run), tmp = dir + "/exit.tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << code << "\n";
  }
  fs::rename(tmp, dir + "/exit");
  return code;
}

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
  if (!o.launcher.empty() && !todo.empty()) {
    run_through_launcher(todo, o, journal, [&](bool ok) {
      if (!ok) ++failed;
      progress.update(++done, failed);
    });
    todo.clear();
  }
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
    auto row = finished_row(spec, o, state_of(status));
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
