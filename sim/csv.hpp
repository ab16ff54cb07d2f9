// Output files written atomically: the text goes to a temporary file beside the target
// (".NAME.starsim-tmp.PID.XXXXXX", created exclusively), which is flushed, synced and renamed
// over the final name on commit(). A run killed half-way never leaves a half-written file
// under a final name; an uncommitted file is removed, on SIGINT and SIGTERM too
// (interrupt.hpp). Several files that belong together are committed by an OutputUnit
// (output_folder.hpp).
#pragma once

#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

namespace starsim::sim {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class AtomicFile {
 public:
  explicit AtomicFile(std::string path);  // throws OutputError
  ~AtomicFile();                          // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view text);
  void commit();  // throws OutputError (disk full, ...)
  const std::string& path() const { return path_; }

 private:
  std::string path_, tmp_path_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
  int slot_ = -1;  // interrupt registration of the temporary
};

// What the temporary files' names hold between the target's name and the writer's pid.
const char* temporary_infix();

// Whether committed files (and the folders renamed into) are synced to disk before they count
// (default true). A sweep's run whose folder the sweep reads at once and removes has no need
// to outlive a power cut (its result is journalled, synced, by the sweep): it turns this off.
void set_durable(bool durable);
bool durable();

void write_file_atomically(const std::string& path, std::string_view text);

// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string csv_field(std::string_view text);

// Creates a folder and its parents; throws OutputError naming it.
void make_output_dir(const std::string& dir);

}  // namespace starsim::sim
