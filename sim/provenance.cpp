#include "sim/provenance.hpp"

#include <unistd.h>

#include <ctime>
#include <string>

#include "sim/git_commit.hpp"  // generated at build time (tools/cmake/git_commit.cmake)

namespace starsim::sim {

namespace {

std::string& command_line() {
  static std::string line = "starsim";
  return line;
}

// An argument as a POSIX shell would read it back: bare when it holds only safe characters,
// otherwise in single quotes; a newline or other control character is written as '?'.
std::string shell_word(const std::string& a) {
  bool bare = !a.empty();
  for (const char c : a)
    bare = bare && (std::isalnum(static_cast<unsigned char>(c)) ||
                    std::string("-_./=:,+@%").find(c) != std::string::npos);
  if (bare) return a;
  std::string out = "'";
  for (const char c : a) {
    if (c == '\'') {
      out += "'\\''";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += '?';
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace

void set_command_line(int argc, const char* const* argv) {
  std::string line = "starsim";
  for (int i = 1; i < argc; ++i) line += " " + shell_word(argv[i]);
  command_line() = line;
}

std::string provenance_text() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::string host_name = host;
  for (char& c : host_name)
    if (static_cast<unsigned char>(c) <= 0x20) c = '?';
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char date[32] = {};
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string("starsim ") + STARSIM_VERSION + "\ngit_commit " + STARSIM_GIT_COMMIT +
         "\ncommand " + command_line() + "\ndate_utc " + date + "\nhost " +
         (host_name.empty() ? "unknown" : host_name) + "\n";
}

}  // namespace starsim::sim
