// The layering rule of architecture.md: only the sim core reaches SimGrid. Models, tests and
// tools go through the facade (sim::spawn, Resource, Store, Tank, Signal); inside sim/, only
// implementation files include SimGrid, so no header leaks it to the rest of the project.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
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
  constexpr std::string_view directive = "include";
  if (line.substr(i, directive.size()) != directive) return false;
  i = skip_space(i + directive.size());
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
