// Every bad input is answered with a clear error and exit 2: never a crash, a hang, or a lost
// result. Inputs too large to commit are made here.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "sim/kernel.hpp"
#include "tests/scenario/harness.hpp"

using namespace starsim::test;
namespace fs = std::filesystem;

namespace {
const std::string BASELINE = std::string(STARSIM_SOURCE_DIR) + "/configs/scenarios/baseline.yaml";

Outcome check_text(const std::string& text, const TempDir& d) {
  write_text(d / "input.yaml", text);
  return run_starsim({"check", d / "input.yaml"}, d);
}
}  // namespace

TEST_CASE("a document nested 100,000 levels deep is refused, not a stack overflow") {
  TempDir d;
  for (const std::string& text :
       {"name: x\nsites: " + std::string(100000, '[') + std::string(100000, ']') + "\n",
        "name: x\nsites:\n" +
            [] {
              std::string s;
              for (int i = 0; i < 100000; ++i) s += "- ";
              return s + "x\n";
            }(),
        [] {
          std::string s = "name: x\nsites:\n";
          for (int i = 1; i < 2000; ++i)
            s += std::string(static_cast<std::size_t>(i), ' ') + "a:\n";
          return s;
        }()}) {
    Outcome o = check_text(text, d);
    CHECK(o.exit_code == 2);
    CAPTURE(o.err);
    CHECK((o.err.find("nested deeper than 200 levels") != std::string::npos ||
           o.err.find("bytes; a scenario") != std::string::npos));
  }
}

TEST_CASE("a 10 MB file, binary junk and an empty file are refused with exit 2") {
  TempDir d;
  Outcome big = check_text("name: x\n# " + std::string(10 << 20, 'x') + "\n", d);
  CHECK(big.exit_code == 2);
  CHECK(big.err.find("a scenario or experiment file is at most 4 MiB") != std::string::npos);
  std::mt19937 gen(1);
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk += static_cast<char>(gen() % 256);
  Outcome j = check_text(junk, d);
  CHECK(j.exit_code == 2);
  CHECK(!j.err.empty());
  Outcome empty = check_text("", d);
  CHECK(empty.exit_code == 2);
  CHECK(empty.err == d / "input.yaml" + ":1:1: the file is empty\n");
  Outcome dev = run_starsim({"check", "/dev/null"}, d);
  CHECK(dev.exit_code == 2);
}

TEST_CASE("NaN, infinities and enormous values are refused at validation") {
  TempDir d;
  const std::string base = "name: x\nsites:\n  - name: a\n";
  struct Case {
    std::string text, message;
  };
  for (const Case& c : std::vector<Case>{
           {"horizon_d: .nan\n" + base, "horizon_d: expected a finite number, got '.nan'"},
           {"horizon_d: 1e300\n" + base, "horizon_d: must be at most 36500, got 1e+300"},
           {"horizon_d: -.inf\n" + base, "horizon_d: expected a finite number"},
           {base + "    pads: 1000000000\n",
            "sites[0].pads: must be between 1 and 10000, got 1000000000"},
           {"vehicle: {booster: {fleet: 1000001}}\n" + base,
            "vehicle.booster.fleet: must be between 0 and 1000000, got 1000001"},
           {"payload: {interval_h: 1e-300}\n" + base,
            "payload.interval_h: must have a mean of at least 0.0001 h"}}) {
    Outcome o = check_text(c.text, d);
    CAPTURE(c.text);
    CHECK(o.exit_code == 2);
    CHECK(o.err.find(c.message) != std::string::npos);
  }
}

TEST_CASE("a scenario that can never launch says so and names the missing resource") {
  TempDir d;
  write_text(d / "s.yaml",
             "name: nob\nhorizon_d: 5\nvehicle: {booster: {fleet: 0}}\nsites: [{name: a}]\n");
  Outcome o = run_starsim({"run", d / "s.yaml", "--out", d / "out", "--quiet"}, d);
  CHECK(o.exit_code == 0);
  CHECK(o.err ==
        "starsim: nob: no launch in the horizon: every launch waited on booster "
        "(vehicle.booster.fleet is 0 and none are produced)\n");
  CHECK(read_summary(d / "out/summary.csv")["launches"] == "0");
}

TEST_CASE("an output folder that cannot be written is a clear error and exit 2") {
  TempDir d;
  Outcome o = run_starsim({"run", BASELINE, "--out", "/proc/starsim-cannot-be-here", "--quiet"}, d);
  CHECK(o.exit_code == 2);
  CHECK(o.err.find("cannot create output folder '/proc/starsim-cannot-be-here'") !=
        std::string::npos);
  write_text(d / "file", "x");
  Outcome f = run_starsim({"run", BASELINE, "--out", d / "file", "--quiet"}, d);
  CHECK(f.exit_code == 2);
}

TEST_CASE("a run killed with kill -9 leaves no half-written file under a final name") {
  TempDir d;
  REQUIRE(run_starsim({"run", BASELINE, "--set", "horizon_d=5", "--out", d / "out", "--quiet"}, d)
              .exit_code == 0);
  const std::string summary = read_text(d / "out/summary.csv");
  const std::string timeline = read_text(d / "out/timeline.csv");
  // A long run into the same folder, killed mid-way.
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const std::string out = d / "out";
    ::execl(STARSIM_BINARY, "starsim", "run", BASELINE.c_str(), "--set", "horizon_d=36500", "--set",
            "vehicle.booster.life_flights=1000000", "--set",
            "vehicle.booster.production_per_week=0", "--set", "vehicle.ship.production_per_week=0",
            "--out", out.c_str(), "--quiet", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Wait until it has written part of its timeline under a temporary name (in the staging
  // folder of its outputs, beside the output folder).
  bool writing = false;
  for (int i = 0; i < 200 && !writing; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    for (const auto& e : fs::recursive_directory_iterator(d.path()))
      if (e.path().filename().string().find(".timeline.csv.starsim-tmp.") == 0 &&
          fs::file_size(e.path()) > 0)
        writing = true;
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(writing);
  CHECK(WIFSIGNALED(status));
  CHECK(read_text(d / "out/summary.csv") == summary);
  CHECK(read_text(d / "out/timeline.csv") == timeline);
  // What the dead run left is removed by the next run into the folder.
  auto leftovers = [&] {
    int n = 0;
    for (const auto& e : fs::recursive_directory_iterator(d.path()))
      n += e.path().filename().string().find(".starsim-") != std::string::npos ? 1 : 0;
    return n;
  };
  CHECK(leftovers() > 0);
  REQUIRE(run_starsim({"run", BASELINE, "--set", "horizon_d=5", "--out", d / "out", "--quiet"}, d)
              .exit_code == 0);
  CHECK(leftovers() == 0);
  CHECK(read_text(d / "out/summary.csv").substr(0, 200) == summary.substr(0, 200));
}

TEST_CASE("a full disk is a clear error and earlier results stay untouched") {
  if (::geteuid() != 0) {
    MESSAGE("skipped: needs root to mount a small tmpfs");
    return;
  }
  TempDir d;
  const std::string disk = d / "disk";
  fs::create_directories(disk);
  if (std::system(
          ("mount -t tmpfs -o size=256k tmpfs " + shell_quote(disk) + " 2>/dev/null").c_str()) !=
      0) {
    MESSAGE("skipped: cannot mount a tmpfs here");
    return;
  }
  const std::string out = disk + "/out";
  Outcome small = run_starsim(
      {"run", BASELINE, "--set", "horizon_d=1", "--no-timeline", "--out", out, "--quiet"}, d);
  const std::string summary = read_text(out + "/summary.csv");
  Outcome full = run_starsim({"run", BASELINE, "--out", out, "--quiet"}, d);  // a 7 MB timeline
  const bool left_tmp = [&] {
    for (const auto& e : fs::directory_iterator(out))
      if (e.path().filename().string().find(".tmp.") != std::string::npos) return true;
    return false;
  }();
  const std::string after = read_text(out + "/summary.csv");
  std::system(("umount " + shell_quote(disk)).c_str());
  CHECK(small.exit_code == 0);
  CHECK(full.exit_code == 2);
  CHECK(full.err.find("No space left on device") != std::string::npos);
  CHECK(after == summary);
  CHECK(!summary.empty());
  CHECK(!left_tmp);
}
