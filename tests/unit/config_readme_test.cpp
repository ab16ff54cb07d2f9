// configs/README.md against the parser: every key the scenario parser accepts is documented,
// with the default the parser fills in and the range it accepts, and every shipped scenario
// parses.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
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

// A row of a key table of configs/README.md (| key | default | unit | range | meaning |).
struct KeyRow {
  std::vector<std::string> keys;  // a row may document two keys: "`a`, `b`"
  std::string default_text, range_text;
  int line = 0;
};

std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t from = 1;
  for (std::size_t bar; (bar = line.find(" |", from)) != std::string::npos; from = bar + 2) {
    std::string cell = line.substr(from, bar - from);
    const std::size_t a = cell.find_first_not_of(' '), b = cell.find_last_not_of(' ');
    cells.push_back(a == std::string::npos ? "" : cell.substr(a, b - a + 1));
  }
  return cells;
}

// The backticked words of a text, in order.
std::vector<std::string> backticked(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t a = text.find('`'); a != std::string::npos; a = text.find('`', a)) {
    const std::size_t b = text.find('`', a + 1);
    if (b == std::string::npos) break;
    out.push_back(text.substr(a + 1, b - a - 1));
    a = b + 1;
  }
  return out;
}

std::vector<KeyRow> key_rows(const std::string& readme) {
  std::vector<KeyRow> rows;
  std::istringstream in(readme);
  bool in_table = false;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line == "| key | default | unit | range | meaning |") {
      in_table = true;
      continue;
    }
    if (line.rfind('|', 0) != 0) in_table = false;
    if (!in_table || line.rfind("| `", 0) != 0) continue;
    const auto cells = cells_of(line);
    REQUIRE_MESSAGE(cells.size() == 5, "configs/README.md:" << number << ": five cells");
    rows.push_back({backticked(cells[0]), cells[1], cells[3], number});
  }
  return rows;
}

// A number as the README writes it: 1e9, 1,000,000, 2^53, 1/24.
double readme_number(std::string t) {
  t.erase(std::remove(t.begin(), t.end(), ','), t.end());
  if (const auto caret = t.find('^'); caret != std::string::npos)
    return std::pow(std::stod(t.substr(0, caret)), std::stod(t.substr(caret + 1)));
  if (const auto slash = t.find('/'); slash != std::string::npos)
    return std::stod(t.substr(0, slash)) / std::stod(t.substr(slash + 1));
  return std::stod(t);
}

// The [min, max] a README range states; nullopt for a bound it does not state. Forms: "A to B",
// "0, or A to B" (min 0), "above A, at most B", "≥ A", "parameters ≤ B" (durations: min 0); only
// the text before the first ';' (what follows is about schedules and learning), except for
// "each A to B" (a list's elements).
struct Bounds {
  std::optional<double> min, max;
};
Bounds readme_bounds(const std::string& range) {
  static const std::string NUM = R"(([0-9][0-9,]*(?:\.[0-9]+)?(?:e[-+]?[0-9]+)?(?:[/^][0-9]+)?))";
  static const std::regex TO("^(0, or )?(?:[a-z ]*\\(?)?" + NUM + "\\)?(?: \\([^)]*\\))? to " +
                             NUM);
  static const std::regex EACH("each " + NUM + " to " + NUM);
  static const std::regex ABOVE("^above " + NUM + ", at most " + NUM);
  static const std::regex AT_LEAST("^≥ " + NUM + "$");
  static const std::regex PARAMETERS("^parameters ≤ " + NUM);
  const std::string head = range.substr(0, range.find(';'));
  std::smatch m;
  Bounds b;
  // NOLINTNEXTLINE(bugprone-branch-clone): two written forms of one range
  if (std::regex_search(range, m, EACH)) {
    b.min = readme_number(m[1]), b.max = readme_number(m[2]);
  } else if (std::regex_search(head, m, TO)) {
    b.min = m[1].matched ? 0.0 : readme_number(m[2]);
    b.max = readme_number(m[3]);
  } else if (std::regex_search(head, m, ABOVE)) {
    b.min = readme_number(m[1]), b.max = readme_number(m[2]);
  } else if (std::regex_search(head, m, AT_LEAST)) {
    b.min = readme_number(m[1]);
  } else if (std::regex_search(head, m, PARAMETERS)) {
    b.min = 0.0, b.max = readme_number(m[1]);
  }
  return b;
}

// The node of a schema name ("sites[].pads": the first site's) in a YAML tree, or an undefined
// node.
YAML::Node node_at(const YAML::Node& root, const std::string& schema_name) {
  YAML::Node node = root;  // reset(), not =: assigning a YAML::Node writes into the tree
  std::istringstream parts(schema_name);
  for (std::string part; std::getline(parts, part, '.');) {
    const bool list = part.size() > 2 && part.compare(part.size() - 2, 2, "[]") == 0;
    if (list) part.resize(part.size() - 2);
    const YAML::Node map = node;
    if (!map.IsMap() || !map[part]) return YAML::Node(YAML::NodeType::Undefined);
    node.reset(map[part]);
    if (list) {
      const YAML::Node seq = node;
      if (!seq.IsSequence() || seq.size() == 0) return YAML::Node(YAML::NodeType::Undefined);
      node.reset(seq[0]);
    }
  }
  return node;
}

// Equal as the README and the resolved document write them: numbers as numbers, a one-element
// list as its element, a fixed distribution as its value, maps key by key.
bool same_value(const YAML::Node& a, const YAML::Node& b) {
  if (a.IsSequence() && a.size() == 1) return same_value(a[0], b);
  if (b.IsSequence() && b.size() == 1) return same_value(a, b[0]);
  if (a.IsMap() && a["dist"] && a["dist"].as<std::string>() == "fixed")
    return same_value(a["value"], b);
  if (b.IsMap() && b["dist"] && b["dist"].as<std::string>() == "fixed")
    return same_value(a, b["value"]);
  if (a.IsScalar() && b.IsScalar()) {
    std::size_t used_a = 0, used_b = 0;
    try {
      const double x = std::stod(a.Scalar(), &used_a), y = std::stod(b.Scalar(), &used_b);
      if (used_a == a.Scalar().size() && used_b == b.Scalar().size())
        return std::abs(x - y) <= 1e-9 * std::max(std::abs(x), std::abs(y));
    } catch (const std::exception&) {
    }
    return a.Scalar() == b.Scalar();
  }
  if (a.IsMap() && b.IsMap()) {
    if (a.size() != b.size()) return false;
    for (const auto& kv : a) {
      const std::string key = kv.first.as<std::string>();
      if (!b[key] || !same_value(kv.second, b[key])) return false;
    }
    return true;
  }
  return false;
}

}  // namespace

// A scenario that gives only what is required, with the sections whose absence means
// something present and empty: its resolved document holds every default.
const char* const MINIMAL =
    "name: minimal\n"
    "sites: [{name: a, propellant: {}}]\n"
    "costs: {}\n"
    "reference: {}\n"
    "cadence: {}\n";

TEST_CASE("the README's range reader reads each form of range") {
  auto both = [](const std::string& text, double min, double max) {
    CAPTURE(text);
    const Bounds b = readme_bounds(text);
    REQUIRE(b.min.has_value());
    REQUIRE(b.max.has_value());
    CHECK(*b.min == doctest::Approx(min));
    CHECK(*b.max == doctest::Approx(max));
  };
  both("0 to 1e9; *schedule*, *ramp*", 0, 1e9);
  both("0, or 0.001 to 1000 (need not be whole); *schedule*, *ramp*", 0, 1000);
  both("1 to 1,000,000", 1, 1e6);
  both("0 to 2^53 (9007199254740992)", 0, 9007199254740992.0);
  both("one hour (1/24) to 36500, and `start_date` + `horizon_d` no later", 1.0 / 24, 36500);
  both("0, or 1/60 (a minute) to 8760; a plain number", 0, 8760);
  both("above 0, at most 1", 0, 1);
  both("parameters ≤ 1e9; *learning*", 0, 1e9);
  both("one number, or a list of exactly 12 (January to December); each 0 to 0.999", 0, 0.999);
  CHECK(*readme_bounds("≥ 0; *learning*").min == 0);
  CHECK_FALSE(readme_bounds("≥ 0; *learning*").max.has_value());
  CHECK_FALSE(readme_bounds("`tower_catch`, `droneship` or `expend`").min.has_value());
}

TEST_CASE("every default in configs/README.md is the one the parser fills in") {
  Document doc = Document::load_string(MINIMAL, "minimal.yaml");
  starsim::models::parse_scenario(doc);
  const YAML::Node resolved = YAML::Load(doc.resolved().to_yaml());
  const auto rows = key_rows(read_text(SOURCE_DIR + "/configs/README.md"));
  int checked = 0;
  for (const KeyRow& row : rows) {
    // A default given as one value in backticks, maybe followed by how it is computed in
    // parentheses ("`storage_t` at the start" is another key's value: not checked here).
    if (row.default_text.rfind('`', 0) != 0) continue;
    const std::string def = backticked(row.default_text).front();
    const std::string after = row.default_text.substr(def.size() + 2);
    if (!after.empty() && after.rfind(" (", 0) != 0) continue;
    for (const std::string& key : row.keys) {
      INFO("configs/README.md:" << row.line << ": `" << key << "` default `" << def << "`");
      const YAML::Node value = node_at(resolved, key);
      if (!value.IsDefined()) continue;  // no default: absent means something
      ++checked;
      CHECK_MESSAGE(same_value(YAML::Load(def), value), "resolved: " << YAML::Dump(value));
    }
  }
  CHECK(checked > 50);
}

TEST_CASE("every range in configs/README.md is the one the parser accepts") {
  // The ranges the parser reads keys with: the minimal scenario with the keys whose absence
  // means something given.
  std::map<std::string, std::pair<double, double>> ranges;
  for (const char* payload_price : {"costs.payload_usd_per_kg=1", "costs.payload_usd_per_w=1"}) {
    Document doc = Document::load_string(MINIMAL, "minimal.yaml");
    for (const char* set : {"sites[0].propellant.grid_mw=100", "sites[0].annual_launch_cap=10",
                            "sites[0].range=r", "ranges=[{name: r}]", "targets.launches_per_year=1",
                            "targets.gw_per_year=1", payload_price})
      doc.apply_override(set);
    starsim::models::parse_scenario(doc);
    ranges.insert(doc.ranges().begin(), doc.ranges().end());
  }
  // Read from -1e300 so that the parser says "at least one hour" itself.
  REQUIRE(ranges["horizon_d"].first == -1e300);
  ranges["horizon_d"].first = 1.0 / 24;
  const auto rows = key_rows(read_text(SOURCE_DIR + "/configs/README.md"));
  int checked = 0;
  for (const KeyRow& row : rows) {
    const Bounds b = readme_bounds(row.range_text);
    if (!b.min && !b.max) continue;
    for (const std::string& key : row.keys) {
      INFO("configs/README.md:" << row.line << ": `" << key << "` range: " << row.range_text);
      const auto it = ranges.find(key);
      REQUIRE_MESSAGE(it != ranges.end(), "a range documented for a key no number reads");
      CAPTURE(it->second.first);
      CAPTURE(it->second.second);
      ++checked;
      if (b.min) CHECK(*b.min == doctest::Approx(it->second.first));
      if (b.max) CHECK(*b.max == doctest::Approx(it->second.second));
    }
  }
  CHECK(checked > 50);
}

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
