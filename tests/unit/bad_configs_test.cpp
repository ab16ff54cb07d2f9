// Every file in tests/data/bad_configs is a scenario with exactly one defect. Its first line,
// `# expect: L:C: message`, is the exact error the reader must give after the file's name.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "models/scenario/scenario_config.hpp"
#include "sim/config/yaml_reader.hpp"

namespace {

namespace fs = std::filesystem;
using starsim::sim::config::ConfigError;
using starsim::sim::config::Document;

const std::string BAD_CONFIGS_DIR = STARSIM_SOURCE_DIR "/tests/data/bad_configs";

std::vector<std::string> bad_config_files() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(BAD_CONFIGS_DIR))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

// The text after "# expect: " on the first line, or "" when the line is missing.
std::string expected_error(const std::string& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  const std::string prefix = "# expect: ";
  if (line.rfind(prefix, 0) != 0) return "";
  return line.substr(prefix.size());
}

// The error parsing the file gives, or "" when it parses.
std::string actual_error(const std::string& file) {
  try {
    Document doc = Document::load_file(file);
    (void)starsim::models::parse_scenario(doc);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("there are at least 20 bad scenario files") {
  CHECK(bad_config_files().size() >= 20);
}

TEST_CASE("every bad scenario file gives exactly the error its first line expects") {
  for (const std::string& file : bad_config_files()) {
    SUBCASE(fs::path(file).filename().string().c_str()) {
      CAPTURE(file);
      const std::string expected = expected_error(file);
      REQUIRE_MESSAGE(!expected.empty(), "the first line must be '# expect: L:C: message'");
      CHECK(actual_error(file) == file + ":" + expected);
    }
  }
}
