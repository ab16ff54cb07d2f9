// Every file in tests/data/bad_configs is a scenario with exactly one defect. Its first line,
// `# expect: L:C: message`, is the exact error the reader must give after the file's name.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "models/scenario/scenario_config.hpp"
#include "sim/config/yaml_reader.hpp"
#include "tests/unit/expected_error_files.hpp"

namespace {

namespace fs = std::filesystem;
using starsim::sim::config::ConfigError;
using starsim::sim::config::Document;

const std::string BAD_CONFIGS_DIR = STARSIM_SOURCE_DIR "/tests/data/bad_configs";

std::vector<std::string> bad_config_files() {
  return starsim::test::yaml_files_in(BAD_CONFIGS_DIR);
}

// The error parsing the file gives, or "" when it parses.
std::string actual_error(const std::string& file) {
  return starsim::test::config_error_of(
      [&] { (void)starsim::models::parse_scenario(Document::load_file(file)); });
}

}  // namespace

TEST_CASE("there are at least 20 bad scenario files") { CHECK(bad_config_files().size() >= 20); }

TEST_CASE("every bad scenario file gives exactly the error its first line expects") {
  for (const std::string& file : bad_config_files()) {
    SUBCASE(fs::path(file).filename().string().c_str()) {
      CAPTURE(file);
      const std::string expected = starsim::test::expected_error(file);
      REQUIRE_MESSAGE(!expected.empty(), "the first line must be '# expect: L:C: message'");
      CHECK(actual_error(file) == file + ":" + expected);
    }
  }
}
