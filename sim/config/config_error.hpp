// The error of bad input: where it is ("file:L:C", "--set PATH=VALUE", "journal.csv:7"), the
// path of the key it is about (may be empty) and what is wrong. The program answers it with
// its message and exit 2. Control characters in the message (a newline in a name, say) are
// shown escaped, so that every error stays one line that starts with its location.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace starsim::sim::config {

class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::string& where, const std::string& path, const std::string& message);

  // Where the error is and the path of the key it is about, as given: a caller that knows how
  // the input was assembled (an experiment's override of a scenario) decides from them whose
  // fault the error is, rather than from the message.
  const std::string& where() const { return where_; }
  const std::string& path() const { return path_; }

 private:
  std::string where_;
  std::string path_;
};

// Text with its control characters escaped (\n, \t, \r, \xNN), for messages that quote input.
std::string printable(std::string_view text);

}  // namespace starsim::sim::config
