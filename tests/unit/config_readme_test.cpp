// configs/README.md against the parser: every key the scenario parser accepts is documented,
// and every shipped scenario parses.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "models/scenario/scenario_config.hpp"
#include "sim/config/yaml_reader.hpp"

namespace {

namespace fs = std::filesystem;
using starsim::sim::config::Document;

const std::string SOURCE_DIR = STARSIM_SOURCE_DIR;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("every key the parser accepts is documented in configs/README.md") {
  const std::string readme = read_text(SOURCE_DIR + "/configs/README.md");
  Document doc = Document::load_file(SOURCE_DIR + "/configs/scenarios/baseline.yaml");
  starsim::models::parse_scenario(doc);
  const auto& keys = doc.accepted_keys();
  // Guard against a vacuous pass: the schema's names include list and nested keys.
  REQUIRE(keys.size() > 20);
  REQUIRE(keys.count("sites[].pads") == 1);
  REQUIRE(keys.count("vehicle.booster.turnaround_h") == 1);
  for (const std::string& key : keys) {
    INFO("key missing from configs/README.md: `" << key << "`");
    CHECK(readme.find("`" + key + "`") != std::string::npos);
  }
}

TEST_CASE("every scenario under configs/scenarios parses without error") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(SOURCE_DIR + "/configs/scenarios"))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE_FALSE(files.empty());
  for (const fs::path& file : files) {
    CAPTURE(file.string());
    CHECK_NOTHROW(starsim::models::parse_scenario(Document::load_file(file.string())));
  }
}
