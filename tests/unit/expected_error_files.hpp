// Folders of bad input files whose first line, `# expect: L:C: message`, is the exact error
// the reader must give after the file's name ({dir} stands for the file's folder).
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/config/yaml_reader.hpp"

namespace starsim::test {

// The .yaml files of a folder, sorted.
inline std::vector<std::string> yaml_files_in(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

// The text after "# expect: " on the first line, or "" when the line is missing.
inline std::string expected_error(const std::string& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  const std::string prefix = "# expect: ";
  if (line.rfind(prefix, 0) != 0) return "";
  std::string expected = line.substr(prefix.size());
  const std::string dir = std::filesystem::path(file).parent_path().string();
  for (auto at = expected.find("{dir}"); at != std::string::npos; at = expected.find("{dir}"))
    expected.replace(at, 5, dir);
  return expected;
}

// The ConfigError `read` throws, or "" when it reads the input.
template <class Read>
std::string config_error_of(Read&& read) {
  try {
    read();
  } catch (const sim::config::ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace starsim::test
