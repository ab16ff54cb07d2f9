#include "sim/csv.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "sim/interrupt.hpp"

namespace starsim::sim {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  // A hidden temporary beside the target, created exclusively (O_EXCL: never through a link an
  // attacker planted, never another process's file), named after the process so that the next
  // writer of the folder can tell a dead process's leftover (output_folder.hpp).
  const std::filesystem::path target(path_);
  std::string tmpl =
      (target.parent_path() / ("." + target.filename().string() + temporary_infix())).string();
  tmpl += std::to_string(::getpid()) + ".XXXXXX";
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw OutputError("cannot write '" + path_ + "': " + std::strerror(errno));
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  tmp_path_ = tmpl;
  slot_ = interrupt::register_path(tmp_path_);
  file_ = ::fdopen(fd, "wb");
  if (!file_) {
    const int err = errno;
    ::close(fd);
    ::unlink(tmp_path_.c_str());
    interrupt::unregister(slot_);
    throw OutputError("cannot write '" + path_ + "': " + std::strerror(err));
  }
}

AtomicFile::~AtomicFile() {
  if (file_) std::fclose(file_);
  if (!committed_) std::remove(tmp_path_.c_str());
  interrupt::unregister(slot_);
}

void AtomicFile::write(std::string_view text) {
  if (text.empty()) return;
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size())
    throw OutputError("cannot write '" + path_ + "': " + std::strerror(errno));
}

void AtomicFile::commit() {
  bool ok = std::fflush(file_) == 0 && (!durable() || ::fsync(::fileno(file_)) == 0);
  int err = errno;
  ok = (std::fclose(file_) == 0) && ok;
  file_ = nullptr;
  if (!ok) throw OutputError("cannot write '" + path_ + "': " + std::strerror(err));
  {
    interrupt::Deferred held;  // renamed and unregistered together
    if (std::rename(tmp_path_.c_str(), path_.c_str()) != 0)
      throw OutputError("cannot write '" + path_ + "': " + std::strerror(errno));
    committed_ = true;
    interrupt::unregister(slot_);
    slot_ = -1;
  }
}

const char* temporary_infix() { return ".starsim-tmp."; }

namespace {
bool g_durable = true;
}
void set_durable(bool durable) { g_durable = durable; }
bool durable() { return g_durable; }

void write_file_atomically(const std::string& path, std::string_view text) {
  AtomicFile f(path);
  f.write(text);
  f.commit();
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void make_output_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw OutputError("cannot create output folder '" + dir + "': " + ec.message());
  if (!std::filesystem::is_directory(dir, ec))
    throw OutputError("cannot create output folder '" + dir + "': not a folder");
}

}  // namespace starsim::sim
