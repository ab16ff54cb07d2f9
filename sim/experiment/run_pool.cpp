#include "sim/experiment/run_pool.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
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
#include "sim/kernel.hpp"

namespace starsim::experiment {

namespace fs = std::filesystem;

// ----------------------------------------------------------------------------------- Journal

Table Journal::read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read '" + path + "'");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Table t;
  std::size_t pos = 0;
  bool first = true;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) break;  // a row cut short by a crash: not finished
    const std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (first) {
      t.header = parse_csv_line(line);
      first = false;
      continue;
    }
    auto row = parse_csv_line(line);
    if (row.size() != t.header.size()) continue;
    t.rows[std::stoll(row[0])] = std::move(row);
  }
  return t;
}

Journal::Journal(const std::string& dir, const std::vector<std::string>& header, bool resume) {
  const std::string path = dir + "/journal.csv";
  const std::string header_line = csv_line(header);
  std::string keep = header_line;
  table_.header = header;
  if (resume && fs::exists(path)) {
    Table old = read(path);
    if (old.header != header)
      throw sim::OutputError("'" + path + "' was written by a different experiment; run without --resume");
    table_.rows = std::move(old.rows);
    for (const auto& [run, row] : table_.rows) keep += csv_line(row);
  }
  // Rewrite the journal with its complete rows only (atomically), then append to it.
  sim::write_file_atomically(path, keep);
  fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND);
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

namespace {

class Progress {
 public:
  Progress(std::size_t total, bool quiet, std::string title)
      : total_(total), show_(!quiet && ::isatty(2)), title_(std::move(title)),
        start_(std::chrono::steady_clock::now()) {}
  void update(std::size_t done, std::size_t failed) {
    if (!show_) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double left = done > 0 ? elapsed / static_cast<double>(done) * static_cast<double>(total_ - done) : 0.0;
    std::cerr << fmt::format("\r{}: {}/{} runs, {} failed, {:.1f} s elapsed, ~{:.1f} s left   ", title_,
                             done, total_, failed, elapsed, left)
              << std::flush;
  }
  ~Progress() {
    if (show_) std::cerr << "\n";
  }

 private:
  std::size_t total_;
  bool show_;
  std::string title_;
  std::chrono::steady_clock::time_point start_;
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
    // Fault injection for tests: STARSIM_FAULT_RUN=<run index> makes that run abort.
    if (const char* fault = std::getenv("STARSIM_FAULT_RUN"); fault && std::to_string(spec.run) == fault)
      std::abort();
    models::RunOptions ro;
    for (const auto& ov : spec.overrides) ro.overrides.push_back(ov.assignment);
    ro.seed = spec.seed;
    ro.out_dir = dir;
    ro.no_timeline = !o.timelines;
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
  Progress progress(specs.size(), o.quiet, o.title);
  progress.update(done, failed);
  std::map<pid_t, const RunSpec*> running;
  std::size_t next = 0;
  while (next < todo.size() || !running.empty()) {
    while (static_cast<int>(running.size()) < std::max(1, o.jobs) && next < todo.size()) {
      std::fflush(nullptr);
      const pid_t pid = ::fork();
      if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
      if (pid == 0) child(*todo[next], o);
      running[pid] = todo[next++];
    }
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
    }
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
