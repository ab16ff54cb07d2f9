// CTest runs each doctest TEST_CASE by its name (doctest_discover_tests). A ';' in a name is a
// CMake list separator: the name is cut there and the cut name matches no test case, so the
// case never runs and its CTest test passes. Four cases went unrun that way; none may again.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

TEST_CASE("no test case name holds a semicolon, which would cut it in CTest and leave it unrun") {
  std::vector<std::string> cut;
  std::size_t cases = 0;
  for (const char* folder : {"tests/unit", "tests/scenario"}) {
    for (const auto& e : fs::directory_iterator(fs::path(STARSIM_SOURCE_DIR) / folder)) {
      if (e.path().extension() != ".cpp") continue;
      std::ifstream in(e.path());
      const std::string opener = std::string("TEST_") + "CASE(\"";  // not itself a match
      int line_no = 0;
      for (std::string line; std::getline(in, line);) {
        ++line_no;
        const auto at = line.find(opener);
        if (at == std::string::npos) continue;
        ++cases;
        const auto start = at + opener.size();
        const std::string name = line.substr(start, line.find('"', start) - start);
        if (name.find(';') != std::string::npos)
          cut.push_back(e.path().filename().string() + ":" + std::to_string(line_no) + ": " + name);
      }
    }
  }
  CHECK(cases > 100);  // the scan found the test cases
  for (const auto& c : cut) FAIL_CHECK(c);
}
