#include "sim/output_folder.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <stdio.h>  // renameat2
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/config/config_error.hpp"
#include "sim/csv.hpp"
#include "sim/interrupt.hpp"

namespace starsim::sim {

namespace fs = std::filesystem;

namespace {

constexpr const char* LOCK_NAME = ".starsim.lock";
constexpr const char* RECORD_NAME = "manifest.txt";
constexpr const char* STAGE_INFIX = ".starsim-stage.";
constexpr const char* UNIT_MARK = ".starsim-unit";  // in a staging folder: the names it owns
// The sub-folders an exchange carries over: tools/plot's charts and an experiment's runs.
const std::set<std::string> CARRIED_FOLDERS{"plots", "runs"};

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string errno_text() { return std::strerror(errno); }

// True when a process with this id runs (or may: it is not ours to signal).
bool alive(long pid) {
  return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

// The pid after `marker` in a leftover's name ("<...>marker<pid>.<...>"), or -1.
long pid_after(const std::string& name, const std::string& marker) {
  const auto at = name.find(marker);
  if (at == std::string::npos) return -1;
  std::size_t i = at + marker.size();
  long pid = 0;
  bool digits = false;
  for (; i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])); ++i, digits = true)
    pid = pid * 10 + (name[i] - '0');
  return digits && (i == name.size() || name[i] == '.') ? pid : -1;
}

// The names a unit's staging folder owns (its mark), or nothing when it holds no mark.
std::optional<std::set<std::string>> unit_mark(const fs::path& staging) {
  std::ifstream in(staging / UNIT_MARK);
  if (!in) return std::nullopt;
  std::set<std::string> owned;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) owned.insert(line);
  return owned;
}

// Removes what dead processes left in and beside the folder.
void remove_leftovers(const fs::path& dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    long pid = -1;
    if (name.rfind('.', 0) == 0) {
      pid = pid_after(name, temporary_infix());
      if (pid < 0 && name.rfind(STAGE_INFIX, 0) == 0) pid = pid_after(name, STAGE_INFIX);
    } else if (const auto tmp = name.rfind(".tmp.");
               tmp != std::string::npos && starsim_output_names().count(name.substr(0, tmp))) {
      pid = pid_after(name, ".tmp.");  // an older starsim's temporary ("summary.csv.tmp.123")
    }
    if (pid > 0 && !alive(pid)) fs::remove_all(e.path(), ec);
  }
  fs::remove(dir / UNIT_MARK, ec);  // carried in by a commit that died before removing it
  // A staging folder beside this one, of a commit that died: before its exchange it holds the
  // folder's sub-folders (moved in to be carried over): they go back.
  const std::string prefix = "." + dir.filename().string() + STAGE_INFIX;
  for (const auto& e : fs::directory_iterator(dir.parent_path(), ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const long pid = pid_after(name, STAGE_INFIX);
    if (pid <= 0 || alive(pid)) continue;
    if (const auto owned = unit_mark(e.path())) {
      for (const auto& sub : fs::directory_iterator(e.path(), ec)) {
        const std::string n = sub.path().filename().string();
        if (sub.is_directory(ec) && !sub.is_symlink(ec) && !owned->count(n) &&
            !fs::exists(dir / n, ec))
          fs::rename(sub.path(), dir / n, ec);
      }
    }
    fs::remove_all(e.path(), ec);
  }
}

std::string now_utc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void fsync_folder(const std::string& dir) {
  if (!durable()) return;
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Fault injection for tests: STARSIM_FAULT_COMMIT=<point> kills the process (SIGKILL, as a
// power cut would) at that point of a commit: "carried" (before the exchange) or "exchanged".
void fault_point(const char* point) {
  if (const char* f = std::getenv("STARSIM_FAULT_COMMIT"); f && std::strcmp(f, point) == 0)
    ::raise(SIGKILL);
}

}  // namespace

// ------------------------------------------------------------------------------ FolderRecord

void FolderRecord::set(const std::string& key, const std::string& value) {
  for (auto& [k, v] : fields_)
    if (k == key) {
      v = value;
      return;
    }
  fields_.emplace_back(key, value);
}

std::string FolderRecord::get(const std::string& key) const {
  for (const auto& [k, v] : fields_)
    if (k == key) return v;
  return "";
}

bool FolderRecord::has(const std::string& key) const {
  for (const auto& [k, v] : fields_)
    if (k == key) return true;
  return false;
}

std::string FolderRecord::text() const {
  std::string out;
  for (const auto& [k, v] : fields_) out += k + " " + config::printable(v) + "\n";
  return out;
}

FolderRecord FolderRecord::parse(const std::string& text, const std::string& file) {
  FolderRecord r;
  std::istringstream in(text);
  int line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    const auto space = line.find(' ');
    const std::string key = line.substr(0, space);
    const bool key_ok = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
      return std::islower(static_cast<unsigned char>(c)) ||
             std::isdigit(static_cast<unsigned char>(c)) || c == '_';
    });
    if (space == std::string::npos || !key_ok || space + 1 >= line.size())
      throw config::ConfigError(fmt::format("{}:{}", file, line_no), "",
                                fmt::format("expected 'key value', got '{}'", line));
    if (r.has(key))
      throw config::ConfigError(fmt::format("{}:{}", file, line_no), "",
                                fmt::format("'{}' appears twice", key));
    r.fields_.emplace_back(key, line.substr(space + 1));
    r.lines_.push_back(line_no);
  }
  r.file_ = file;
  return r;
}

std::string FolderRecord::where(const std::string& key) const {
  for (std::size_t i = 0; i < fields_.size() && i < lines_.size(); ++i)
    if (fields_[i].first == key) return fmt::format("{}:{}", file_, lines_[i]);
  return file_;
}

const std::set<std::string>& starsim_output_names() {
  static const std::set<std::string> NAMES{RECORD_NAME,      "timeline.csv",
                                           "summary.csv",    "scenario.resolved.yaml",
                                           "journal.csv",    "runs.csv",
                                           "targets.csv",    "answer.csv",
                                           "plan.csv",       "scenario.planned.yaml",
                                           "runs",           "yearly.csv",
                                           "plan_years.csv", "results.sqlite",
                                           "probes.csv",     "provenance.txt"};
  return NAMES;
}

// ------------------------------------------------------------------------------ OutputFolder

OutputFolder::OutputFolder(const std::string& dir, const std::string& holder) : dir_(dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw OutputError("cannot use '" + dir + "' as the output folder: it is not a folder");
  fs::create_directories(dir, ec);
  if (ec) throw OutputError("cannot create output folder '" + dir + "': " + ec.message());
  real_ = fs::canonical(dir, ec).string();
  if (ec) throw OutputError("cannot use output folder '" + dir + "': " + ec.message());
  const std::string lock_path = real_ + "/" + LOCK_NAME;
  lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) throw OutputError("cannot write into '" + dir + "': " + errno_text());
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    std::string who = read_all(lock_path);
    ::close(lock_fd_);
    lock_fd_ = -1;
    if (err != EWOULDBLOCK) throw OutputError("cannot lock '" + dir + "': " + std::strerror(err));
    while (!who.empty() && who.back() == '\n') who.pop_back();
    throw OutputError(
        fmt::format("'{}' is being written by another starsim ({}); wait for it to finish or "
                    "choose another --out",
                    dir, who.empty() ? "it has not said who it is yet" : config::printable(who)));
  }
  const std::string me = fmt::format("pid {}: {}, since {}\n", ::getpid(), holder, now_utc());
  if (::ftruncate(lock_fd_, 0) != 0 || ::pwrite(lock_fd_, me.data(), me.size(), 0) < 0)
    throw OutputError("cannot write into '" + dir + "': " + errno_text());
  remove_leftovers(real_);
  for (const auto& name : starsim_output_names())
    if (fs::exists(fs::symlink_status(real_ + "/" + name, ec))) outputs_.push_back(name);
  if (fs::exists(real_ + "/" + RECORD_NAME, ec))
    record_ = FolderRecord::parse(read_all(real_ + "/" + RECORD_NAME), dir + "/" + RECORD_NAME);
}

std::string OutputFolder::kind() const {
  if (record_ && record_->has("command")) return record_->get("command");
  if (record_ && record_->has("fingerprint")) return "sweep";  // written before records named it
  auto held = [this](const char* name) {
    return std::find(outputs_.begin(), outputs_.end(), name) != outputs_.end();
  };
  if (held("plan.csv")) return "plan";
  if (held("answer.csv")) return "seek";
  if (held("journal.csv") || held("runs.csv")) return "sweep";
  if (outputs_.empty()) return "";
  return held("summary.csv") || held("timeline.csv") || held("scenario.resolved.yaml") ? "run"
                                                                                       : "unknown";
}

void OutputFolder::claim(const std::string& command, bool force, bool same_replaces,
                         const std::string& hint) const {
  const std::string k = kind();
  if (force || k.empty() || (k == command && same_replaces)) return;
  std::string what;
  if (k == "run") {
    what = record_ && record_->has("scenario")
               ? fmt::format("a run of scenario '{}'", record_->get("scenario"))
               : "a run's results";
  } else if (k == "unknown") {
    std::string names;
    for (const auto& n : outputs_) names += (names.empty() ? "" : ", ") + n;
    what = "starsim outputs (" + names + ")";
  } else {
    what = fmt::format("the results of a {}{}", k == "merge" ? "merge" : k,
                       record_ && record_->has("experiment")
                           ? fmt::format(" of experiment '{}'", record_->get("experiment"))
                           : std::string());
  }
  throw OutputError(
      fmt::format("'{}' holds {}; {}", dir_, config::printable(what),
                  hint.empty() ? "choose another --out, or add --force to replace them" : hint));
}

OutputFolder::~OutputFolder() {
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the lock; the file stays for the next writer
}

void OutputFolder::check_not_being_written(const std::string& dir) {
  const int fd = ::open((dir + "/" + LOCK_NAME).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;  // never written by this starsim, or not readable: nothing holds it
  const bool free = ::flock(fd, LOCK_SH | LOCK_NB) == 0;
  ::close(fd);
  if (!free) {
    std::string who = read_all(dir + "/" + LOCK_NAME);
    while (!who.empty() && who.back() == '\n') who.pop_back();
    throw OutputError(
        fmt::format("'{}' is being written by another starsim ({}); wait for it to finish", dir,
                    config::printable(who)));
  }
}

// -------------------------------------------------------------------------------- OutputUnit

OutputUnit::OutputUnit(OutputFolder& folder, std::set<std::string> owned)
    : folder_(folder), owned_(std::move(owned)) {
  const fs::path real(folder_.real_);
  std::error_code ec;
  // Beside the folder, to exchange with it; inside it when the folder is the working directory
  // (the user's shell would be left in the old one) or its parent cannot be written.
  exchange_ = fs::canonical(fs::current_path(ec), ec) != real;
  for (int attempt = exchange_ ? 0 : 1; attempt < 2 && staging_.empty(); ++attempt) {
    const fs::path where =
        attempt == 0 ? real.parent_path() / ("." + real.filename().string()) : real / "";
    std::string tmpl = where.string() + STAGE_INFIX + std::to_string(::getpid()) + ".XXXXXX";
    if (::mkdtemp(tmpl.data())) {
      staging_ = tmpl;
      exchange_ = attempt == 0;
    }
  }
  if (staging_.empty())
    throw OutputError("cannot write into '" + folder_.dir_ + "': " + errno_text());
  slots_.push_back(interrupt::register_path(staging_, true));
  slots_.push_back(interrupt::register_path(staging_ + "/" + UNIT_MARK));
  std::string mark;
  for (const auto& n : owned_) mark += n + "\n";
  const int fd =
      ::open((staging_ + "/" + UNIT_MARK).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0 || ::write(fd, mark.data(), mark.size()) != static_cast<ssize_t>(mark.size())) {
    if (fd >= 0) ::close(fd);
    throw OutputError("cannot write into '" + folder_.dir_ + "': " + errno_text());
  }
  ::close(fd);
}

OutputUnit::~OutputUnit() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
  }
  for (const int slot : slots_) interrupt::unregister(slot);
}

std::string OutputUnit::path(const std::string& name) {
  if (!owned_.count(name))
    throw std::logic_error("OutputUnit: '" + name + "' is not a name the unit owns");
  if (written_.insert(name).second)
    slots_.push_back(interrupt::register_path(staging_ + "/" + name));
  return staging_ + "/" + name;
}

void OutputUnit::write(const std::string& name, std::string_view text) {
  write_file_atomically(path(name), text);
}

void OutputUnit::commit() {
  const std::string dir = folder_.real_;
  auto fail = [&](const std::string& what) {
    throw OutputError(fmt::format("cannot commit the outputs into '{}': {}: {}", folder_.dir_, what,
                                  errno_text()));
  };
  interrupt::Deferred held;  // the commit completes; an interrupt is handled after it
  std::error_code ec;
  if (exchange_) {
    // Only a folder of starsim's outputs is exchanged: its sub-folders are moved for a moment,
    // and a user's own sub-folders (or thousands of files) are not to be moved around.
    std::size_t foreign = 0;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const std::string name = e.path().filename().string();
      if (owned_.count(name) || name == UNIT_MARK) continue;
      if (++foreign > 1000 ||
          (e.is_directory(ec) && !e.is_symlink(ec) && !CARRIED_FOLDERS.count(name)))
        exchange_ = false;
    }
  }
  if (exchange_) {
    // Carry every entry the unit does not own over into the staging folder: files by a second
    // link (the originals stay until the exchange), folders by moving them (a commit that dies
    // here has them moved back by the next writer: remove_leftovers).
    std::vector<std::string> moved;
    bool carried = true;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const std::string name = e.path().filename().string();
      if (owned_.count(name) || name == UNIT_MARK) continue;
      const std::string from = dir + "/" + name, to = staging_ + "/" + name;
      if (e.is_directory(ec) && !e.is_symlink(ec)) {
        if (::rename(from.c_str(), to.c_str()) != 0) {
          carried = false;
          break;
        }
        moved.push_back(name);
      } else if (::linkat(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), 0) != 0) {
        carried = false;
        break;
      }
    }
    fsync_folder(staging_);
    fault_point("carried");
    if (carried &&
        ::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) == 0) {
      fsync_folder(fs::path(dir).parent_path().string());
      fault_point("exchanged");
      ::unlink((dir + "/" + UNIT_MARK).c_str());
      fs::remove_all(staging_, ec);  // the old set
      committed_ = true;
      return;
    }
    for (const auto& name : moved)  // this file system cannot exchange: undo, rename one by one
      if (::rename((staging_ + "/" + name).c_str(), (dir + "/" + name).c_str()) != 0)
        fail("moving back " + name);
  }
  for (const auto& name : owned_) {
    const std::string target = dir + "/" + name;
    if (written_.count(name)) {
      if (::rename((staging_ + "/" + name).c_str(), target.c_str()) != 0) fail(name);
    } else {
      fs::remove_all(target, ec);
    }
  }
  fsync_folder(dir);
  fs::remove_all(staging_, ec);
  committed_ = true;
}

}  // namespace starsim::sim
