// The layering rules: only the sim core reaches SimGrid. Models, tests and tools go through the
// facade (sim::at, Resource, Store, Tank, Signal); inside sim/, only implementation files
// include SimGrid, so no header leaks it to the rest of the project. The sim core (the
// starsim_sim library: sim/ without app/ and experiment/, which drive the models) never
// includes models/, and a model folder includes another only as the table "Who depends on
// whom" of models/README.md says: the README is the rule.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path SOURCE_DIR = STARSIM_SOURCE_DIR;

// True when a line is a preprocessor include of a SimGrid or XBT header (the simgrid/ or xbt/
// folders, in angle brackets or quotes), with any spacing. The test inputs below are built
// from pieces so that this file does not match itself.
bool includes_simgrid(std::string_view line) {
  auto skip_space = [&](std::size_t i) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    return i;
  };
  std::size_t i = skip_space(0);
  if (i >= line.size() || line[i] != '#') return false;
  i = skip_space(i + 1);
  constexpr std::string_view DIRECTIVE = "include";
  if (line.substr(i, DIRECTIVE.size()) != DIRECTIVE) return false;
  i = skip_space(i + DIRECTIVE.size());
  if (i >= line.size() || (line[i] != '<' && line[i] != '"')) return false;
  const std::string_view header = line.substr(i + 1);
  for (std::string_view lib : {std::string_view("sim"
                                                "grid"),
                               std::string_view("x"
                                                "bt")}) {
    if (header.substr(0, lib.size()) == lib && header.size() > lib.size() &&
        (header[lib.size()] == '/' || header[lib.size()] == '.'))
      return true;
  }
  return false;
}

// The header a preprocessor include names (between <> or ""), or nullopt for another line.
std::optional<std::string> included_header(std::string_view line) {
  std::size_t i = line.find_first_not_of(" \t");
  if (i == std::string_view::npos || line[i] != '#') return std::nullopt;
  i = line.find_first_not_of(" \t", i + 1);
  constexpr std::string_view DIRECTIVE = "include";
  if (i == std::string_view::npos || line.substr(i, DIRECTIVE.size()) != DIRECTIVE)
    return std::nullopt;
  i = line.find_first_not_of(" \t", i + DIRECTIVE.size());
  if (i == std::string_view::npos || (line[i] != '<' && line[i] != '"')) return std::nullopt;
  const std::size_t end = line.find(line[i] == '<' ? '>' : '"', i + 1);
  if (end == std::string_view::npos) return std::nullopt;
  return std::string(line.substr(i + 1, end - i - 1));
}

// The model folder a header belongs to ("site" of "models/site/site_state.hpp"), "" for a
// file directly in models/ ("models/events.hpp"), nullopt when it is not under models/.
std::optional<std::string> model_folder_of(const std::string& header) {
  constexpr std::string_view PREFIX = "models/";
  if (header.rfind(PREFIX, 0) != 0) return std::nullopt;
  const std::size_t slash = header.find('/', PREFIX.size());
  return slash == std::string::npos ? "" : header.substr(PREFIX.size(), slash - PREFIX.size());
}

// The model folders each file includes: "line: text" of every include of models/ in `file`,
// by the folder included.
std::map<std::string, std::string> model_includes_in(const fs::path& file) {
  std::ifstream in(file);
  REQUIRE_MESSAGE(in.good(), "cannot read " << file.string());
  std::map<std::string, std::string> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const auto header = included_header(line);
    if (!header) continue;
    if (const auto folder = model_folder_of(*header))
      out.emplace(*folder, std::to_string(number) + ": " + line);
  }
  return out;
}

std::string trim(const std::string& s) {
  const std::size_t from = s.find_first_not_of(" \t`/");
  if (from == std::string::npos) return "";
  return s.substr(from, s.find_last_not_of(" \t`/") - from + 1);
}

// The table "Who depends on whom" of models/README.md: each folder (without its slash) and the
// folders it may include. "sim core" is none of them, "everything above" every folder of the
// rows above; a note in parentheses is dropped. A name that is no folder of the table fails.
std::map<std::string, std::set<std::string>> dependency_table(const std::string& readme) {
  const std::size_t from = readme.find("## Who depends on whom");
  REQUIRE(from != std::string::npos);
  std::istringstream in(readme.substr(from));
  std::map<std::string, std::set<std::string>> table;
  std::vector<std::string> above;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| `", 0) != 0) {
      if (!table.empty()) break;  // the end of the table
      continue;
    }
    std::vector<std::string> cells;
    std::istringstream row(line.substr(1));
    for (std::string cell; std::getline(row, cell, '|');) cells.push_back(cell);
    REQUIRE_MESSAGE(cells.size() == 3, "a row of three cells: " << line);
    std::string folder = trim(cells[0]), depends = cells[2];
    const std::size_t note = depends.find('(');
    if (note != std::string::npos) depends.erase(note);
    std::set<std::string>& allowed = table[folder];
    std::istringstream names(depends);
    for (std::string name; std::getline(names, name, ',');) {
      name = trim(name);
      if (name.empty() || name == "sim core") continue;
      if (name == "everything above") {
        allowed.insert(above.begin(), above.end());
        continue;
      }
      allowed.insert(name);
    }
    above.push_back(folder);
  }
  for (const auto& row : table)
    for (const std::string& name : row.second) {
      INFO("models/README.md: `" << row.first << "` depends on `" << name << "`, not a row");
      CHECK(table.count(name) == 1);
    }
  return table;
}

// The first offending line of a file, or "" when it includes no SimGrid header.
std::string simgrid_include_in(const fs::path& file) {
  std::ifstream in(file);
  REQUIRE_MESSAGE(in.good(), "cannot read " << file.string());
  std::string line;
  for (int number = 1; std::getline(in, line); ++number)
    if (includes_simgrid(line)) return std::to_string(number) + ": " + line;
  return "";
}

// Every file under `folder` (recursively) whose extension is one of `extensions`, sorted.
std::vector<fs::path> sources_under(const fs::path& folder, std::vector<std::string> extensions) {
  std::vector<fs::path> out;
  if (!fs::is_directory(folder)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    if (std::find(extensions.begin(), extensions.end(), ext) != extensions.end())
      out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("the include check recognises SimGrid and XBT includes only") {
  CHECK(includes_simgrid(std::string("#include <sim") + "grid/s4u.hpp>"));
  CHECK(includes_simgrid(std::string("  #  include <x") + "bt/log.h>"));
  CHECK(includes_simgrid(std::string("#include \"sim") + "grid/s4u.hpp\""));
  CHECK(includes_simgrid(std::string("#include <sim") + "grid.h>"));
  CHECK_FALSE(includes_simgrid("#include \"sim/kernel.hpp\""));
  CHECK_FALSE(includes_simgrid("#include <simulation/x.hpp>"));
  CHECK_FALSE(includes_simgrid(std::string("// see <sim") + "grid/s4u.hpp>"));
}

TEST_CASE("only the sim core includes SimGrid") {
  std::size_t checked = 0;
  for (const char* folder : {"models", "tests", "tools"}) {
    for (const fs::path& file : sources_under(SOURCE_DIR / folder, {".hpp", ".cpp", ".h"})) {
      ++checked;
      const std::string offending = simgrid_include_in(file);
      INFO(fs::relative(file, SOURCE_DIR).string() << ":" << offending);
      CHECK_MESSAGE(offending.empty(), "only sim/ may include SimGrid or XBT headers");
    }
  }
  CHECK(checked > 0);
}

TEST_CASE("no header of the sim core includes SimGrid, only its .cpp files do") {
  const std::vector<fs::path> headers = sources_under(SOURCE_DIR / "sim", {".hpp", ".h"});
  REQUIRE_FALSE(headers.empty());
  for (const fs::path& file : headers) {
    const std::string offending = simgrid_include_in(file);
    INFO(fs::relative(file, SOURCE_DIR).string() << ":" << offending);
    CHECK_MESSAGE(offending.empty(),
                  "a sim/ header must not expose SimGrid; include it in the .cpp");
  }
}

TEST_CASE("the include reader names the header of an include line only") {
  CHECK(included_header("#include \"models/site/site_state.hpp\"") == "models/site/site_state.hpp");
  CHECK(included_header("  #  include <vector>") == "vector");
  CHECK_FALSE(included_header("// #include \"models/x.hpp\"").has_value());
  CHECK_FALSE(included_header("#define X").has_value());
  CHECK(model_folder_of("models/site/site_state.hpp") == "site");
  CHECK(model_folder_of("models/events.hpp") == "");
  CHECK_FALSE(model_folder_of("sim/kernel.hpp").has_value());
}

TEST_CASE("the sim core never includes models/") {
  std::size_t checked = 0;
  for (const fs::path& file : sources_under(SOURCE_DIR / "sim", {".hpp", ".cpp", ".h"})) {
    const std::string sub = fs::relative(file, SOURCE_DIR / "sim").begin()->string();
    if (sub == "app" || sub == "experiment") continue;  // the command line and the experiments
    ++checked;
    for (const auto& include : model_includes_in(file))
      FAIL_CHECK(fs::relative(file, SOURCE_DIR).string()
                 << ":" << include.second << ": the sim core must not include models/");
  }
  CHECK(checked > 20);
}

TEST_CASE("a model folder includes another only as models/README.md's table says") {
  std::ifstream in(SOURCE_DIR / "models/README.md");
  REQUIRE(in.good());
  std::ostringstream readme;
  readme << in.rdbuf();
  const auto table = dependency_table(readme.str());
  // Guard against a vacuous pass: the table's rows and a rule of each kind.
  REQUIRE(table.size() >= 9);
  REQUIRE(table.count("failure") == 1);
  CHECK(table.at("failure").empty());  // "sim core"
  CHECK(table.at("orbit") == std::set<std::string>{"payload"});
  CHECK(table.at("launch").count("vehicle") == 1);  // "everything above"
  std::size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(SOURCE_DIR / "models")) {
    if (!entry.is_directory()) continue;
    const std::string folder = entry.path().filename().string();
    REQUIRE_MESSAGE(table.count(folder) == 1,
                    "models/" << folder << "/ has no row in models/README.md's table");
    const std::set<std::string>& allowed = table.at(folder);
    for (const fs::path& file : sources_under(entry.path(), {".hpp", ".cpp", ".h"})) {
      ++checked;
      for (const auto& include : model_includes_in(file)) {
        const std::string& included = include.first;
        // Its own folder, and models/events.hpp (the event names), are every folder's.
        if (included == folder || included.empty()) continue;
        INFO(fs::relative(file, SOURCE_DIR).string() << ":" << include.second);
        CHECK_MESSAGE(allowed.count(included) == 1, "models/README.md: `"
                                                        << folder << "/` does not depend on `"
                                                        << included << "/`");
      }
    }
  }
  CHECK(checked > 20);
}
