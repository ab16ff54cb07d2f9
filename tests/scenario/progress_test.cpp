// The live progress lines of `run` and `sweep` on stderr: shown only on a terminal and without
// --quiet, never in a pipe or a file, and changing no output of the run. A terminal comes from
// util-linux's `script`, which runs the command on a pseudo-terminal and copies what it shows.
// STARSIM_PROGRESS_EVERY_S=0 redraws the run's line at every chance (every 1,024 instants), so
// that a baseline year, shorter than the half second between two redraws, shows it too.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/kernel.hpp"
#include "tests/scenario/harness.hpp"

using namespace starsim::test;
namespace fs = std::filesystem;

namespace {

const std::string BASELINE = std::string(STARSIM_SOURCE_DIR) + "/configs/scenarios/baseline.yaml";
const std::string CLEAR_TO_END = "\033[K";  // every redraw ends with it

void redraw_at_every_chance() { REQUIRE(::setenv("STARSIM_PROGRESS_EVERY_S", "0", 1) == 0); }

// Runs starsim on a pseudo-terminal: stdout and stderr both go to it; returns what it showed
// (line ends as the terminal sends them, "\r\n") in Outcome::out.
Outcome run_on_terminal(const std::vector<std::string>& args, const TempDir& dir) {
  REQUIRE_MESSAGE(std::system("command -v script >/dev/null 2>&1") == 0,
                  "these tests need util-linux's `script` (apt-get install bsdutils)");
  std::string cmd = shell_quote(STARSIM_BINARY);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  const std::string outer = "script -qec " + shell_quote(cmd) + " /dev/null </dev/null >" +
                            shell_quote(dir / "terminal.txt") + " 2>" +
                            shell_quote(dir / "script-stderr.txt");
  const int status = std::system(outer.c_str());
  Outcome o;
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  o.out = read_text(dir / "terminal.txt");
  o.err = read_text(dir / "script-stderr.txt");
  return o;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// summary.csv without its wall_s column, which measures the run and differs run to run.
Summary summary_but_wall(const std::string& path) {
  Summary s = read_summary(path);
  s.erase("wall_s");
  return s;
}

}  // namespace

TEST_CASE("the kernel's watch sees every n-th instant and is itself no action or instant") {
  starsim::sim::Kernel k;  // one per process: ctest runs each TEST_CASE in its own
  std::vector<double> ran, watched;
  for (int t = 1; t <= 10; ++t) {
    starsim::sim::at(t, [&ran, t] { ran.push_back(t); });
    starsim::sim::at(t, [] {});  // two actions an instant
  }
  starsim::sim::Kernel::set_watch([&](double now_s) { watched.push_back(now_s); }, 3);
  k.run(100);
  starsim::sim::Kernel::set_watch(nullptr);
  CHECK(ran.size() == 10);
  CHECK(watched == std::vector<double>{3, 6, 9});  // after the instant ran, with its time
  CHECK(starsim::sim::Kernel::counts().actions == 20);
  CHECK(starsim::sim::Kernel::counts().instants == 10);
}

TEST_CASE("run shows no progress line when stderr is not a terminal") {
  redraw_at_every_chance();
  TempDir d;
  Outcome o =
      run_starsim({"run", BASELINE, "--out", d / "out", "--no-timeline"}, d);  // stderr: a file
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  CHECK(has(o.out, "baseline (seed 1)"));  // not --quiet: the summary is printed
  CHECK_FALSE(has(o.err, "\r"));
  CHECK_FALSE(has(o.err, CLEAR_TO_END));
  CHECK_FALSE(has(o.err, "launches"));
  CHECK_FALSE(has(o.err, "left"));
}

TEST_CASE("run shows a live progress line on a terminal, erased before the summary") {
  redraw_at_every_chance();
  TempDir d;
  Outcome o = run_on_terminal({"run", BASELINE, "--out", d / "out", "--no-timeline"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.out << o.err);
  // "\rbaseline: 2030-03-14  1,234 launches (6,012/year)  0.1 s elapsed, ~0.3 s left\033[K"
  CHECK(has(o.out, "\rbaseline: 2030-"));
  CHECK(has(o.out, " launches ("));
  CHECK(has(o.out, "/year)  "));
  CHECK(has(o.out, " s elapsed, ~"));
  CHECK(has(o.out, " s left" + CLEAR_TO_END));
  // The last thing written before the summary erases the line.
  const std::size_t summary = o.out.find("baseline (seed 1)");
  REQUIRE(summary != std::string::npos);
  CHECK(o.out.rfind("\r" + CLEAR_TO_END, summary) == summary - ("\r" + CLEAR_TO_END).size());
  CHECK_FALSE(has(o.out.substr(summary), CLEAR_TO_END));
}

TEST_CASE("--quiet turns the progress line off on a terminal too") {
  redraw_at_every_chance();
  TempDir d;
  Outcome o = run_on_terminal({"run", BASELINE, "--out", d / "out", "--no-timeline", "--quiet"}, d);
  REQUIRE_MESSAGE(o.exit_code == 0, o.out << o.err);
  CHECK(fs::exists(d / "out/summary.csv"));
  CHECK_FALSE(has(o.out, CLEAR_TO_END));
  CHECK_FALSE(has(o.out, "launches"));
  CHECK(o.out.empty());
}

TEST_CASE("the progress line changes no output and no kernel count") {
  redraw_at_every_chance();
  REQUIRE(::setenv("STARSIM_KERNEL_CALLS", "1", 1) == 0);
  TempDir d;
  Outcome piped = run_starsim({"run", BASELINE, "--out", d / "piped"}, d);
  REQUIRE_MESSAGE(piped.exit_code == 0, piped.err);
  Outcome shown = run_on_terminal({"run", BASELINE, "--out", d / "shown"}, d);
  REQUIRE_MESSAGE(shown.exit_code == 0, shown.out << shown.err);
  REQUIRE(has(shown.out, CLEAR_TO_END));  // the line was drawn, many times
  CHECK(read_text(d / "piped/timeline.csv") == read_text(d / "shown/timeline.csv"));
  CHECK(read_text(d / "piped/yearly.csv") == read_text(d / "shown/yearly.csv"));
  CHECK(summary_but_wall(d / "piped/summary.csv") == summary_but_wall(d / "shown/summary.csv"));
  // The same actions and instants: the line's watch is no event of the kernel's.
  const std::size_t calls = piped.err.find("kernel_calls ");
  REQUIRE(calls != std::string::npos);
  const std::string counts = piped.err.substr(calls, piped.err.find('\n', calls) - calls);
  CHECK(has(shown.out, counts + "\r\n"));
}

TEST_CASE("a resumed sweep's progress line estimates from the runs finished since it resumed") {
  TempDir d;
  write_text(d / "sweep.yaml",
             "experiment:\n"
             "  name: short-sweep\n"
             "  base: " +
                 BASELINE +
                 "\n"
                 "  replications: 2\n"
                 "  seed: 3\n"
                 "  set:\n"
                 "    horizon_d: 2\n"
                 "  grid:\n"
                 "    sites[*].pads: [1, 2]\n");
  const std::string out = d / "out";
  Outcome whole = run_starsim({"sweep", d / "sweep.yaml", "--out", out, "--jobs", "1"}, d);
  REQUIRE_MESSAGE(whole.exit_code == 0, whole.err);
  CHECK_FALSE(has(whole.err, CLEAR_TO_END));  // not a terminal: no line
  // Keep the header and the first two runs of the journal, as if the sweep had been cut.
  const std::string journal = read_text(out + "/journal.csv");
  std::size_t cut = 0;
  for (int line = 0; line < 3; ++line) cut = journal.find('\n', cut) + 1;
  write_text(out + "/journal.csv", journal.substr(0, cut));

  Outcome resumed =
      run_on_terminal({"sweep", d / "sweep.yaml", "--out", out, "--jobs", "1", "--resume"}, d);
  REQUIRE_MESSAGE(resumed.exit_code == 0, resumed.out << resumed.err);
  // Right after resuming, 2 of 4 are done but none by this invocation: no pace to go by
  // (counting the journal's runs said "~0.0 s left").
  CHECK(has(resumed.out,
            "\rshort-sweep: 2/4 runs, 0 failed, 0.0 s elapsed, time left unknown" + CLEAR_TO_END));
  CHECK(has(resumed.out, "\rshort-sweep: 3/4 runs, 0 failed, "));
  // The last line stays, ended by a newline.
  CHECK(has(resumed.out, "\rshort-sweep: 4/4 runs, 0 failed, "));
  CHECK(has(resumed.out, "~0.0 s left" + CLEAR_TO_END + "\r\n"));
  CHECK(read_text(out + "/journal.csv").size() == journal.size());
}
