// configs/README.md against the parser: every key the scenario parser accepts is documented,
// and every shipped scenario parses.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "models/launch/summary_metrics.hpp"
#include "models/launch/wait_causes.hpp"
#include "models/launch/yearly_metrics.hpp"
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
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE_FALSE(files.empty());
  for (const fs::path& file : files) {
    CAPTURE(file.string());
    CHECK_NOTHROW(starsim::models::parse_scenario(Document::load_file(file.string())));
  }
}

TEST_CASE("every wait cause is documented in configs/README.md as it is declared, in its order") {
  const std::string readme = read_text(SOURCE_DIR + "/configs/README.md");
  std::size_t previous = 0;
  for (const auto& c : starsim::models::wait_causes()) {
    const std::string row = "| `" + std::string(c.name) + "` | `" +
                            starsim::models::wait_column(c.cause) + "` | " +
                            std::string(c.waits_for) + " |";
    INFO("row missing or out of order in configs/README.md: " << row);
    const std::size_t at = readme.find(row);
    CHECK(at != std::string::npos);
    CHECK(at > previous);
    previous = at;
  }
}

TEST_CASE("every summary.csv column is documented in configs/README.md") {
  const std::string readme = read_text(SOURCE_DIR + "/configs/README.md");
  const auto from = readme.find("### summary.csv"), to = readme.find("#### Wait causes");
  REQUIRE(from != std::string::npos);
  REQUIRE(to > from);
  const std::string section = readme.substr(from, to - from);
  REQUIRE(starsim::models::summary_columns().size() > 40);
  for (const std::string& column : starsim::models::summary_columns()) {
    INFO("summary.csv column missing from configs/README.md: `" << column << "`");
    CHECK(section.find("`" + column + "`") != std::string::npos);
  }
}

TEST_CASE("every yearly.csv column is documented in configs/README.md") {
  const std::string readme = read_text(SOURCE_DIR + "/configs/README.md");
  const auto from = readme.find("### yearly.csv"), to = readme.find("## Experiment files");
  REQUIRE(from != std::string::npos);
  REQUIRE(to > from);
  const std::string section = readme.substr(from, to - from);
  REQUIRE(starsim::models::yearly_columns().size() > 30);
  for (const std::string& column : starsim::models::yearly_columns()) {
    if (column.rfind("wait_", 0) == 0 && column != "wait_payload_h" && column != "wait_weather_h")
      continue;
    INFO("yearly.csv column missing from configs/README.md: `" << column << "`");
    CHECK(section.find("`" + column + "`") != std::string::npos);
  }
}

TEST_CASE("the plan's relief map in configs/README.md names the paths each wait cause declares") {
  const std::string readme = read_text(SOURCE_DIR + "/configs/README.md");
  const auto from = readme.find("How a plan picks what to grow");
  REQUIRE(from != std::string::npos);
  std::istringstream table(readme.substr(from));
  std::vector<std::string> rows;
  for (std::string line; std::getline(table, line) && rows.size() < 40;)
    if (line.rfind("| `", 0) == 0) rows.push_back(line);
  for (const auto& c : starsim::models::wait_causes()) {
    if (c.relieved_by.empty()) continue;
    const std::string cause = "`" + std::string(c.name) + "`";
    const auto row = std::find_if(rows.begin(), rows.end(), [&](const std::string& r) {
      return r.substr(0, r.find(" | ", 2)).find(cause) != std::string::npos;
    });
    INFO("cause " << c.name);
    REQUIRE(row != rows.end());
    for (const auto& path : c.relieved_by)
      CHECK(row->find("`" + std::string(path) + "`") != std::string::npos);
  }
}
