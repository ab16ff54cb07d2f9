// Headers that must not leak their implementation (issue 15): the config headers of the models
// are plain structs and the declarations of their parsers, so they include neither the YAML
// reader nor yaml-cpp; the event log's header does not include {fmt}. Includes are followed
// through the project's own headers, so a leak through a third header counts too.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path SOURCE_DIR = STARSIM_SOURCE_DIR;

// The header named by an include line ("sim/x.hpp" or <fmt/format.h>), with its delimiter
// kept in front ('"' or '<'); "" for any other line.
std::string included(const std::string& line) {
  std::size_t i = line.find_first_not_of(" \t");
  if (i == std::string::npos || line[i] != '#') return "";
  i = line.find_first_not_of(" \t", i + 1);
  if (i == std::string::npos || line.compare(i, 7, "include") != 0) return "";
  i = line.find_first_of("\"<", i + 7);
  if (i == std::string::npos) return "";
  const std::size_t end = line.find(line[i] == '"' ? '"' : '>', i + 1);
  if (end == std::string::npos) return "";
  return line.substr(i, end - i);
}

// Every header `file` includes, directly or through the project's own headers (quoted paths
// from the source root), each as `included` gives it.
void includes_of(const fs::path& file, std::set<std::string>& out) {
  std::ifstream in(file);
  REQUIRE_MESSAGE(in.good(), "cannot read " << file.string());
  std::string line;
  while (std::getline(in, line)) {
    const std::string h = included(line);
    if (h.empty() || !out.insert(h).second) continue;
    if (h[0] == '"' && fs::exists(SOURCE_DIR / h.substr(1)))
      includes_of(SOURCE_DIR / h.substr(1), out);
  }
}

// The first include of `file` (transitively) that starts with one of `forbidden`, or "".
std::string forbidden_include(const fs::path& file, const std::vector<std::string>& forbidden) {
  std::set<std::string> all;
  includes_of(file, all);
  for (const std::string& h : all)
    for (const std::string& f : forbidden)
      if (h.compare(0, f.size(), f) == 0) return h.substr(1);
  return "";
}

std::vector<fs::path> config_headers() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(SOURCE_DIR / "models")) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 11 && name.compare(name.size() - 11, 11, "_config.hpp") == 0)
      out.push_back(entry.path());
  }
  return out;
}

const std::vector<std::string> YAML_INCLUDES = {"\"sim/config/yaml_reader.hpp", "<yaml-cpp/",
                                                "\"yaml-cpp/"};

}  // namespace

TEST_CASE("the include scanner follows project headers and sees through spacing") {
  CHECK(included("#include \"sim/x.hpp\"") == "\"sim/x.hpp");
  CHECK(included("  #  include <fmt/format.h>") == "<fmt/format.h");
  CHECK(included("// #include <fmt/format.h>").empty());
  std::set<std::string> all;
  includes_of(SOURCE_DIR / "models/scenario/scenario_config.hpp", all);
  CHECK(all.count("\"models/cost/cost_config.hpp") == 1);
  CHECK(all.count("\"sim/timed.hpp") == 1);  // through a config header it includes
}

TEST_CASE("config headers include neither the YAML reader nor yaml-cpp") {
  const std::vector<fs::path> headers = config_headers();
  CHECK(headers.size() >= 7);  // cost, reference, failure, payload, scenario, site, vehicle
  for (const fs::path& h : headers) {
    CAPTURE(h.string());
    CHECK(forbidden_include(h, YAML_INCLUDES) == "");
  }
  // The rule bites: the reader's own header includes yaml-cpp.
  CHECK(forbidden_include(SOURCE_DIR / "sim/config/config_error.hpp", YAML_INCLUDES) == "");
  CHECK(forbidden_include(SOURCE_DIR / "sim/config/yaml_reader.hpp", YAML_INCLUDES) ==
        "yaml-cpp/yaml.h");
}

TEST_CASE("the event log header does not include fmt") {
  const std::vector<std::string> fmt_includes = {"<fmt/", "\"fmt/"};
  CHECK(forbidden_include(SOURCE_DIR / "sim/event_log.hpp", fmt_includes) == "");
  CHECK(forbidden_include(SOURCE_DIR / "sim/config/scalar_text.hpp", fmt_includes) ==
        "fmt/format.h");
}
