// Output folders: one writer at a time, nothing discarded or adopted without being told, a
// run's files committed as one unit, nothing left behind by an interrupt or a dead process,
// and every failed run reported with exit 1.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;
namespace fs = std::filesystem;

namespace {

const std::string BASELINE = std::string(STARSIM_SOURCE_DIR) + "/configs/scenarios/baseline.yaml";
const std::string TINY = std::string(STARSIM_SOURCE_DIR) + "/configs/experiments/tiny-sweep.yaml";

// Starts starsim with these arguments in the background (stderr to `err`); returns its pid.
pid_t start(const std::vector<std::string>& args, const std::string& err) {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>("starsim")};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const int fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 2);
    ::execv(STARSIM_BINARY, argv.data());
    ::_exit(127);
  }
  return pid;
}

// Waits (up to 20 s) until `ready` holds.
template <class F>
bool wait_for(F&& ready) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!ready()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

int exit_code_of(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// A run of the baseline long enough to be caught writing (a century, no production).
std::vector<std::string> long_run(const std::string& out) {
  return {"run",    BASELINE,
          "--set",  "horizon_d=36500",
          "--set",  "vehicle.booster.life_flights=1000000",
          "--set",  "vehicle.booster.production_per_week=0",
          "--set",  "vehicle.ship.production_per_week=0",
          "--out",  out,
          "--quiet"};
}

// Entries under `root` whose names hold ".starsim-" (temporaries, staging folders) or ".tmp.".
std::vector<std::string> leftovers(const std::string& root) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    const std::string n = e.path().filename().string();
    if ((n.find(".starsim-") != std::string::npos && n != ".starsim.lock") ||
        n.find(".tmp.") != std::string::npos)
      out.push_back(e.path().string());
  }
  return out;
}

bool temporary_timeline_written(const std::string& root) {
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.path().filename().string().find(".timeline.csv.starsim-tmp.") == 0 &&
        fs::file_size(e.path()) > 0)
      return true;
  return false;
}

// The files of a run folder, with summary.csv's wall_s cut off (it differs run to run).
std::map<std::string, std::string> run_set(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const char* name :
       {"timeline.csv", "summary.csv", "scenario.resolved.yaml", "manifest.txt"}) {
    std::string text = fs::exists(dir + "/" + name) ? read_text(dir + "/" + name) : "<missing>";
    if (std::string(name) == "summary.csv") text = text.substr(0, text.rfind(','));
    files[name] = text;
  }
  return files;
}

}  // namespace

TEST_CASE("a second writer of an output folder is refused at once, naming the first") {
  TempDir d;
  const pid_t first = start(long_run(d / "out"), d / "first.err");
  REQUIRE(wait_for([&] { return temporary_timeline_written(d.path()); }));
  Outcome run =
      run_starsim({"run", BASELINE, "--set", "horizon_d=2", "--out", d / "out", "--quiet"}, d);
  Outcome sweep = run_starsim({"sweep", TINY, "--out", d / "out", "--quiet", "--force"}, d);
  ::kill(first, SIGKILL);
  exit_code_of(first);
  for (const Outcome& o : {run, sweep}) {
    CHECK(o.exit_code == 2);
    CHECK(o.err.find("/out' is being written by another starsim (pid " + std::to_string(first) +
                     ": starsim run, since ") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(d / "out/summary.csv"));  // neither wrote anything
}

TEST_CASE("a finished sweep is neither discarded nor adopted without being told") {
  TempDir d;
  REQUIRE(run_starsim({"sweep", TINY, "--out", d / "s", "--quiet"}, d).exit_code == 0);
  const std::string runs = read_text(d / "s/runs.csv");
  const std::string manifest = read_text(d / "s/manifest.txt");
  CHECK(manifest.rfind("command sweep\nstarsim ", 0) == 0);
  CHECK(manifest.find("\nexperiment tiny-sweep\nexperiment_sha256 ") != std::string::npos);
  CHECK(manifest.find("\nruns 8\nshard 0/1\nvaried 2\nfingerprint ") != std::string::npos);

  // Again without --resume: refused, nothing touched.
  Outcome again = run_starsim({"sweep", TINY, "--out", d / "s", "--quiet"}, d);
  CHECK(again.exit_code == 2);
  CHECK(again.err ==
        "starsim sweep: '" + d / "s" +
            "' holds the results of a sweep of experiment 'tiny-sweep'; it "
            "holds 8 finished runs: add --resume to go on with them, or --force to discard them\n");
  CHECK(read_text(d / "s/runs.csv") == runs);
  // --resume: nothing left to run, the same tables; --force: run again, the same tables.
  CHECK(run_starsim({"sweep", TINY, "--out", d / "s", "--quiet", "--resume"}, d).exit_code == 0);
  CHECK(read_text(d / "s/runs.csv") == runs);
  CHECK(run_starsim({"sweep", TINY, "--out", d / "s", "--quiet", "--force"}, d).exit_code == 0);
  CHECK(read_text(d / "s/runs.csv") == runs);
  CHECK(run_starsim({"sweep", TINY, "--out", d / "s", "--resume", "--force"}, d).exit_code == 2);

  // A seek's folder: sweep --resume, run and merge refuse it.
  write_text(d / "seek.yaml",
             "experiment:\n  name: pads\n  base: " + BASELINE +
                 "\n  set: {horizon_d: 3}\n  seek: {path: 'sites[0].pads', min: 1, max: 2, "
                 "metric: launches, target: 1}\n");
  REQUIRE(run_starsim({"seek", d / "seek.yaml", "--out", d / "k", "--quiet"}, d).exit_code == 0);
  const std::string answer = read_text(d / "k/answer.csv");
  Outcome resume = run_starsim({"sweep", TINY, "--out", d / "k", "--resume", "--quiet"}, d);
  CHECK(resume.exit_code == 2);
  CHECK(
      resume.err.find(
          "holds the results of a seek of experiment 'pads'; --resume goes on only with a sweep") !=
      std::string::npos);
  Outcome run =
      run_starsim({"run", BASELINE, "--set", "horizon_d=2", "--out", d / "k", "--quiet"}, d);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("holds the results of a seek of experiment 'pads'; choose another --out, or "
                     "add --force") != std::string::npos);
  Outcome merge = run_starsim({"merge", d / "k", "--out", d / "m"}, d);
  CHECK(merge.exit_code == 2);
  CHECK(merge.err.find("is the folder of a seek, not of a sweep's shard") != std::string::npos);
  CHECK(read_text(d / "k/answer.csv") == answer);
  // With --force, a run replaces every file of the seek.
  REQUIRE(run_starsim(
              {"run", BASELINE, "--set", "horizon_d=2", "--out", d / "k", "--quiet", "--force"}, d)
              .exit_code == 0);
  for (const std::string gone : {"answer.csv", "journal.csv", "runs.csv", "targets.csv"})
    CHECK_FALSE(fs::exists(d / ("k/" + gone)));
  CHECK(read_text(d / "k/manifest.txt").rfind("command run\n", 0) == 0);
}

TEST_CASE(
    "a run's files are committed as one unit: killed at any point of the commit, the folder holds "
    "the old set or the new") {
  TempDir d;
  REQUIRE(run_starsim({"run", BASELINE, "--set", "horizon_d=5", "--out", d / "out", "--quiet"}, d)
              .exit_code == 0);
  REQUIRE(run_starsim({"run", BASELINE, "--set", "horizon_d=6", "--out", d / "new", "--quiet"}, d)
              .exit_code == 0);
  const auto old_set = run_set(d / "out"), new_set = run_set(d / "new");
  REQUIRE(old_set != new_set);
  fs::create_directories(d / "out/plots");
  write_text(d / "out/plots/gw.svg", "a chart\n");
  write_text(d / "out/notes.txt", "mine\n");
  for (const char* point : {"carried", "exchanged"}) {
    CAPTURE(point);
    ::setenv("STARSIM_FAULT_COMMIT", point, 1);
    Outcome killed =
        run_starsim({"run", BASELINE, "--set", "horizon_d=6", "--out", d / "out", "--quiet"}, d);
    ::unsetenv("STARSIM_FAULT_COMMIT");
    CHECK(killed.exit_code == 128 + SIGKILL);
    const auto now = run_set(d / "out");
    CHECK((now == old_set || now == new_set));
    CHECK(now == (std::string(point) == "carried" ? old_set : new_set));
    CHECK(read_text(d / "out/notes.txt") == "mine\n");
    // The next run puts back what the dead commit had moved aside, and removes its leftovers.
    REQUIRE(run_starsim({"run", BASELINE, "--set", "horizon_d=5", "--out", d / "out", "--quiet"}, d)
                .exit_code == 0);
    CHECK(run_set(d / "out") == old_set);
    CHECK(read_text(d / "out/plots/gw.svg") == "a chart\n");
    CHECK(read_text(d / "out/notes.txt") == "mine\n");
    CHECK(leftovers(d.path()).empty());
  }
  // A run without its timeline removes the old one: never an old timeline beside a new summary.
  REQUIRE(run_starsim({"run", BASELINE, "--set", "horizon_d=6", "--out", d / "out", "--quiet",
                       "--no-timeline"},
                      d)
              .exit_code == 0);
  CHECK_FALSE(fs::exists(d / "out/timeline.csv"));
  CHECK(run_set(d / "out")["summary.csv"] == new_set.at("summary.csv"));
  // A folder that holds a sub-folder of its own is not exchanged (nothing of it is moved): the
  // files are renamed one by one, and it stays where it is.
  fs::create_directories(d / "out/mine");
  write_text(d / "out/mine/data.txt", "keep\n");
  struct stat before_st {
  }, after_st{};
  REQUIRE(::stat((d / "out/mine").c_str(), &before_st) == 0);
  REQUIRE(run_starsim({"run", BASELINE, "--set", "horizon_d=5", "--out", d / "out", "--quiet"}, d)
              .exit_code == 0);
  CHECK(run_set(d / "out") == old_set);
  CHECK(read_text(d / "out/mine/data.txt") == "keep\n");
  REQUIRE(::stat((d / "out/mine").c_str(), &after_st) == 0);
  CHECK(after_st.st_ino == before_st.st_ino);
  CHECK(before_st.st_ino != 0);
  CHECK(leftovers(d.path()).empty());
}

TEST_CASE("a link planted under an output's name is replaced, never written through") {
  TempDir d;
  fs::create_directories(d / "out");
  write_text(d / "victim.txt", "keep me\n");
  fs::create_symlink(d / "victim.txt", d / "out/summary.csv");
  fs::create_symlink(d / "victim.txt", d / "out/timeline.csv");
  REQUIRE(run_starsim({"run", BASELINE, "--set", "horizon_d=2", "--out", d / "out", "--quiet"}, d)
              .exit_code == 0);
  CHECK(read_text(d / "victim.txt") == "keep me\n");
  CHECK_FALSE(fs::is_symlink(d / "out/summary.csv"));
  CHECK(read_text(d / "out/summary.csv").rfind("name,seed,", 0) == 0);
}

TEST_CASE(
    "SIGINT and SIGTERM end a run with 130 and 143, leave no temporary file and keep the earlier "
    "results") {
  for (const int sig : {SIGINT, SIGTERM}) {
    CAPTURE(sig);
    TempDir d;
    REQUIRE(run_starsim({"run", BASELINE, "--set", "horizon_d=2", "--out", d / "out", "--quiet"}, d)
                .exit_code == 0);
    const auto before = run_set(d / "out");
    const pid_t pid = start(long_run(d / "out"), d / "err.txt");
    REQUIRE(wait_for([&] { return temporary_timeline_written(d.path()); }));
    ::kill(pid, sig);
    CHECK(exit_code_of(pid) == 128 + sig);
    CHECK(read_text(d / "err.txt") ==
          (sig == SIGINT ? "starsim: interrupted (SIGINT); temporary files removed\n"
                         : "starsim: terminated (SIGTERM); temporary files removed\n"));
    CHECK(leftovers(d.path()).empty());
    CHECK(run_set(d / "out") == before);
  }
}

TEST_CASE(
    "SIGTERM stops a sweep and its runs, leaves no temporary file, and --resume completes it") {
  TempDir d;
  // Longer runs than the tiny sweep's 5 days, so that the signal finds some running on a fast
  // machine: ten years each (about 0.6 s).
  std::string text = read_text(TINY);
  text.replace(text.find("../scenarios/baseline.yaml"), 26, BASELINE);
  text.replace(text.find("horizon_d: 5\n"), 13, "horizon_d: 3650\n");
  write_text(d / "e.yaml", text);
  REQUIRE(run_starsim({"sweep", d / "e.yaml", "--out", d / "whole", "--jobs", "2", "--quiet"}, d)
              .exit_code == 0);
  const pid_t pid =
      start({"sweep", d / "e.yaml", "--out", d / "cut", "--jobs", "2", "--quiet"}, d / "err.txt");
  REQUIRE(wait_for([&] { return fs::exists(d / "cut/runs"); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ::kill(pid, SIGTERM);
  CHECK(exit_code_of(pid) == 128 + SIGTERM);
  // Each run's child removes its own temporary files as it dies, which on a loaded machine can
  // take longer than its parent's exit: wait for them (a leftover that stays fails here).
  const bool clean = wait_for([&] { return leftovers(d.path()).empty(); });
  for (const auto& f : leftovers(d.path())) MESSAGE("left behind: " << f);
  CHECK(clean);
  Outcome resumed =
      run_starsim({"sweep", d / "e.yaml", "--out", d / "cut", "--resume", "--quiet"}, d);
  REQUIRE_MESSAGE(resumed.exit_code == 0, resumed.err);
  CHECK(read_text(d / "cut/runs.csv") == read_text(d / "whole/runs.csv"));
}

TEST_CASE(
    "a damaged journal or manifest is exit 2 naming its line, and merge takes exactly the "
    "experiment's runs") {
  TempDir d;
  REQUIRE(run_starsim({"sweep", TINY, "--out", d / "s", "--quiet"}, d).exit_code == 0);
  const std::string journal = read_text(d / "s/journal.csv"),
                    manifest = read_text(d / "s/manifest.txt");
  auto line_of = [](const std::string& text, int n) {
    std::size_t at = 0;
    for (int i = 1; i < n; ++i) at = text.find('\n', at) + 1;
    return at;
  };
  struct Damage {
    std::string file, text, command, message;
  };
  std::string bad_run = journal;
  bad_run.replace(line_of(journal, 3), 1, "x");
  std::string short_row = journal;
  short_row.replace(line_of(journal, 4),
                    journal.find('\n', line_of(journal, 4)) - line_of(journal, 4), "3,1,0,5");
  std::string twice =
      journal + journal.substr(line_of(journal, 2), line_of(journal, 3) - line_of(journal, 2));
  // Runs are journalled as they finish: line 2 holds whichever finished first.
  const std::string first_run = journal.substr(
      line_of(journal, 2), journal.find(',', line_of(journal, 2)) - line_of(journal, 2));
  std::string bad_manifest = manifest;
  bad_manifest.replace(manifest.find("\nruns 8"), 7, "\nruns x");
  for (const Damage& dmg : std::vector<Damage>{
           {"journal.csv", bad_run, "resume", "journal.csv:3: run 'x' is not a whole number"},
           {"journal.csv", short_row, "resume", "journal.csv:4: has 4 cells, expected "},
           {"journal.csv", twice, "resume",
            "journal.csv:10: run " + first_run + " appears twice (first at line 2)"},
           {"journal.csv", bad_run, "merge", "journal.csv:3: run 'x' is not a whole number"},
           {"manifest.txt", bad_manifest, "merge",
            "manifest.txt:6: runs 'x' is not a whole number"},
           {"manifest.txt", "experiment\n", "merge",
            "manifest.txt:1: expected 'key value', got 'experiment'"}}) {
    CAPTURE(dmg.message);
    TempDir c;
    fs::copy(d / "s", c / "s", fs::copy_options::recursive);
    write_text(c / "s" + "/" + dmg.file, dmg.text);
    Outcome o = dmg.command == "resume"
                    ? run_starsim({"sweep", TINY, "--out", c / "s", "--resume", "--quiet"}, c)
                    : run_starsim({"merge", c / "s", "--out", c / "m"}, c);
    CHECK(o.exit_code == 2);
    CHECK(o.err.find(c / "s/" + dmg.message) == 0);
    CHECK_FALSE(fs::exists(c / "m"));
  }
  // A journal padded with runs the experiment does not have (0, 2, 4, 6 of a 4-run one).
  write_text(d / "four.yaml", "experiment:\n  name: four\n  base: " + BASELINE +
                                  "\n  replications: 4\n  set: {horizon_d: 2}\n");
  REQUIRE(run_starsim({"sweep", d / "four.yaml", "--out", d / "f", "--quiet"}, d).exit_code == 0);
  std::string padded = read_text(d / "f/journal.csv");
  std::string rows;
  for (const char* n : {"4", "6"})
    rows += n + padded.substr(line_of(padded, 3) + 1, line_of(padded, 4) - line_of(padded, 3) - 1);
  write_text(d / "f/journal.csv", padded + rows);
  Outcome merge = run_starsim({"merge", d / "f", "--out", d / "fm"}, d);
  CHECK(merge.exit_code == 2);
  CHECK(merge.err == d / "f/journal.csv:6: run 4 is not a run of this experiment (it has 4)\n");
}

TEST_CASE("failed runs make sweep, seek and plan exit 1, and --resume runs them again") {
  TempDir d;
  REQUIRE(run_starsim({"sweep", TINY, "--out", d / "whole", "--quiet"}, d).exit_code == 0);
  ::setenv("STARSIM_FAULT_RUN", "5:error", 1);
  Outcome failed = run_starsim({"sweep", TINY, "--out", d / "s", "--quiet"}, d);
  ::unsetenv("STARSIM_FAULT_RUN");
  CHECK(failed.exit_code == 1);
  CHECK(failed.err.find(
            "run 5 (point 2, replication 1): failed (exit 1): failed: an error injected") !=
        std::string::npos);
  CHECK(fs::exists(d / "s/runs.csv"));
  Outcome resumed = run_starsim({"sweep", TINY, "--out", d / "s", "--resume", "--quiet"}, d);
  REQUIRE_MESSAGE(resumed.exit_code == 0, resumed.err);
  CHECK(read_text(d / "s/runs.csv") == read_text(d / "whole/runs.csv"));

  write_text(d / "seek.yaml",
             "experiment:\n  name: pads\n  base: " + BASELINE +
                 "\n  set: {horizon_d: 3}\n  seek: {path: 'sites[0].pads', min: 1, max: 4, "
                 "metric: launches, target: 1000}\n");
  write_text(d / "plan.yaml",
             "experiment:\n  name: grow\n  base: " + BASELINE +
                 "\n  set: {horizon_d: 3}\n  plan: {metric: launches, target: 1e6, max_steps: 3, "
                 "resources: {vehicle.booster.fleet: 10}}\n");
  ::setenv("STARSIM_FAULT_RUN", "0:error", 1);
  Outcome seek = run_starsim({"seek", d / "seek.yaml", "--out", d / "k", "--quiet"}, d);
  Outcome plan = run_starsim({"plan", d / "plan.yaml", "--out", d / "p", "--quiet"}, d);
  ::unsetenv("STARSIM_FAULT_RUN");
  CHECK(seek.exit_code == 1);
  CHECK(
      seek.err.find(
          "starsim seek: stopped: the probe sites[0].pads = 1: 1 of 1 runs failed, so no answer") !=
      std::string::npos);
  CHECK_FALSE(fs::exists(d / "k/answer.csv"));
  CHECK(plan.exit_code == 1);
  CHECK(plan.err.find(
            "starsim plan: stopped: step 0: 1 of 1 runs failed, so the plan cannot go on") !=
        std::string::npos);
}
