// Every output folder says what made it (provenance.txt), and that record is the only byte
// that differs between two runs of the same input.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;
namespace fs = std::filesystem;

namespace {

const std::string BASELINE = STARSIM_SOURCE_DIR "/configs/scenarios/baseline.yaml";
const std::string TINY = STARSIM_SOURCE_DIR "/configs/experiments/tiny-sweep.yaml";

std::map<std::string, std::string> record_of(const std::string& path) {
  std::map<std::string, std::string> out;
  std::istringstream in(read_text(path));
  for (std::string line; std::getline(in, line);)
    out[line.substr(0, line.find(' '))] = line.substr(line.find(' ') + 1);
  return out;
}

bool is_commit(const std::string& c) {
  if (c == "none") return true;
  const std::string sha = c.substr(0, 40);
  return sha.size() == 40 && sha.find_first_not_of("0123456789abcdef") == std::string::npos &&
         (c.size() == 40 || c.substr(40) == "-dirty");
}

}  // namespace

TEST_CASE(
    "a run's and a sweep's folder record the version, git commit, command line, date and host") {
  TempDir d;
  Outcome o =
      run_starsim({"run", BASELINE, "--set", "horizon_d=2", "--out", d / "a", "--quiet"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  auto r = record_of(d / "a/provenance.txt");
  CHECK(r.size() == 5);
  CHECK(r["starsim"] == STARSIM_VERSION);
  CHECK(is_commit(r["git_commit"]));
  CHECK(r["command"] ==
        "starsim run " + BASELINE + " --set horizon_d=2 --out " + (d / "a") + " --quiet");
  CHECK(r["date_utc"].size() == 20);
  CHECK(r["date_utc"][10] == 'T');
  CHECK(!r["host"].empty());
  // A second run of the same input: every other file is the same, byte for byte.
  REQUIRE(run_starsim({"run", BASELINE, "--set", "horizon_d=2", "--out", d / "b"}, d).exit_code ==
          0);
  // (summary.csv's last cell, wall_s, is the wall time: it goes too; .starsim.lock names the pid.)
  auto without_wall_s = [](const std::string& text) {
    std::string out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out += line.substr(0, line.rfind(',')) + "\n";
    return out;
  };
  int compared = 0;
  for (const auto& e : fs::directory_iterator(d / "a")) {
    const std::string name = e.path().filename().string();
    if (name == "provenance.txt" || name[0] == '.') continue;
    CAPTURE(name);
    const std::string a = read_text(e.path().string()), b = read_text(d / "b/" + name);
    CHECK((name == "summary.csv" ? without_wall_s(a) == without_wall_s(b) : a == b));
    ++compared;
  }
  CHECK(compared >= 5);
  CHECK(record_of(d / "b/provenance.txt")["command"].find("--quiet") == std::string::npos);
  // An experiment's folder, and an argument a shell would need quoted.
  o = run_starsim({"sweep", TINY, "--out", d / "it's", "--quiet"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  r = record_of(d / "it's/provenance.txt");
  CHECK(r["command"] == "starsim sweep " + TINY + " --out '" + (d / "it'\\''s") + "' --quiet");
}
