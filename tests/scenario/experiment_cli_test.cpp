// The experiment commands end to end, through the starsim binary: sweep (--jobs, --resume after
// a kill, --shard and merge), seek and plan on a scenario whose answer arithmetic knows, and
// check. Experiments live in tests/data/experiments; every run is a few simulated days.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;

namespace {

namespace fs = std::filesystem;

const std::string EXPERIMENTS = STARSIM_SOURCE_DIR "/tests/data/experiments/";
const std::string SWEEP = EXPERIMENTS + "baseline-sweep.yaml";    // 6 points x 3 = 18 runs
const std::string RESUME = EXPERIMENTS + "baseline-resume.yaml";  // 4 points x 5 = 20 runs

// A CSV file as its header and rows (no cell of these files holds a comma).
struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  std::size_t column(const std::string& name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    REQUIRE_MESSAGE(it != header.end(), "no column " << name);
    return static_cast<std::size_t>(it - header.begin());
  }
  const std::string& at(std::size_t row, const std::string& name) const {
    return rows.at(row).at(column(name));
  }
};

Csv read_csv(const std::string& path) {
  std::istringstream in(read_text(path));
  Csv c;
  std::string line;
  if (std::getline(in, line)) c.header = split(line);
  while (std::getline(in, line)) c.rows.push_back(split(line));
  return c;
}

// The complete lines of a file (a journal being written may end in half a line).
std::vector<std::string> complete_lines(const std::string& path) {
  const std::string text = read_text(path);
  std::vector<std::string> lines;
  std::size_t pos = 0;
  for (std::size_t nl; (nl = text.find('\n', pos)) != std::string::npos; pos = nl + 1)
    lines.push_back(text.substr(pos, nl - pos));
  return lines;
}

Outcome sweep(const std::string& experiment, const std::string& out, const TempDir& dir,
              std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"sweep", experiment, "--out", out, "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_starsim(args, dir);
}

}  // namespace

TEST_CASE("a sweep gives byte-identical runs.csv and summary.csv with --jobs 1 and --jobs 2") {
  TempDir dir;
  Outcome one = sweep(SWEEP, dir / "one", dir, {"--jobs", "1"});
  REQUIRE_MESSAGE(one.exit_code == 0, one.err);
  Outcome two = sweep(SWEEP, dir / "two", dir, {"--jobs", "2"});
  REQUIRE_MESSAGE(two.exit_code == 0, two.err);
  CHECK(read_text(dir / "one/runs.csv") == read_text(dir / "two/runs.csv"));
  CHECK(read_text(dir / "one/summary.csv") == read_text(dir / "two/summary.csv"));

  // runs.csv: one row per run in run order; the varied paths as columns; every run ok.
  const Csv runs = read_csv(dir / "one/runs.csv");
  REQUIRE(runs.rows.size() == 18);
  CHECK(std::vector<std::string>(runs.header.begin(), runs.header.begin() + 7) ==
        std::vector<std::string>{"run", "point", "replication", "seed", "sites[*].pads",
                                 "vehicle.booster.fleet", "vehicle.ship.fleet"});
  CHECK(runs.header.back() == "status");
  for (std::size_t i = 0; i < runs.rows.size(); ++i) {
    CAPTURE(i);
    CHECK(runs.at(i, "run") == std::to_string(i));
    CHECK(runs.at(i, "point") == std::to_string(i / 3));
    CHECK(runs.at(i, "replication") == std::to_string(i % 3));
    CHECK(runs.at(i, "sites[*].pads") == std::to_string(1 + i / 6));
    CHECK(runs.at(i, "vehicle.booster.fleet") == (i / 3 % 2 == 0 ? "10" : "30"));
    CHECK(runs.at(i, "vehicle.ship.fleet") == (i / 3 % 2 == 0 ? "30" : "90"));
    CHECK(runs.at(i, "status") == "ok");
    CHECK(std::stoi(runs.at(i, "launches")) > 0);
  }
  // Replications differ by their seed.
  CHECK(runs.at(0, "seed") != runs.at(1, "seed"));

  const Csv summary = read_csv(dir / "one/summary.csv");
  REQUIRE(summary.rows.size() == 6);
  for (std::size_t p = 0; p < 6; ++p) {
    CAPTURE(p);
    CHECK(summary.at(p, "point") == std::to_string(p));
    CHECK(summary.at(p, "sites[*].pads") == std::to_string(1 + p / 2));
    CHECK(summary.at(p, "runs") == "3");
    CHECK(summary.at(p, "runs_failed") == "0");
    double sum = 0;
    for (std::size_t r = 3 * p; r < 3 * p + 3; ++r) sum += std::stod(runs.at(r, "launches"));
    CHECK(std::stod(summary.at(p, "launches_mean")) == doctest::Approx(sum / 3));
  }
  // The journal is kept next to the results; runs of a successful sweep leave no folders.
  CHECK(fs::exists(dir / "one/journal.csv"));
  CHECK_FALSE(fs::exists(dir / "one/runs"));
}

TEST_CASE("a sweep killed mid-way and resumed ends as if never interrupted") {
  TempDir dir;
  Outcome whole = sweep(RESUME, dir / "whole", dir, {"--jobs", "1"});
  REQUIRE_MESSAGE(whole.exit_code == 0, whole.err);
  const std::size_t total = read_csv(dir / "whole/runs.csv").rows.size();
  REQUIRE(total == 20);

  // Start the same sweep in its own process group, wait for a few finished runs, kill it all.
  const std::string out = dir / "cut";
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::setpgid(0, 0);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::execl(STARSIM_BINARY, STARSIM_BINARY, "sweep", RESUME.c_str(), "--jobs", "1", "--out",
            out.c_str(), "--quiet", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::setpgid(pid, pid);
  const std::string journal = out + "/journal.csv";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int status = 0;
  bool ended = false;  // by itself, before the kill: the test cannot interrupt it
  while (complete_lines(journal).size() < 1 + 3 && std::chrono::steady_clock::now() < deadline) {
    if ((ended = ::waitpid(pid, &status, WNOHANG) == pid)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (!ended) {
    ::kill(-pid, SIGKILL);  // the sweep and the run it is running
    ::waitpid(pid, &status, 0);
  }
  REQUIRE_MESSAGE(!ended, "the sweep ended before it could be killed, status " << status);
  REQUIRE(WIFSIGNALED(status));

  const std::vector<std::string> before = complete_lines(journal);
  CAPTURE(before.size());
  REQUIRE(before.size() >= 1 + 3);
  REQUIRE(before.size() < 1 + total);  // some runs were left to do
  CHECK_FALSE(fs::exists(out + "/runs.csv"));
  CHECK_FALSE(fs::exists(out + "/summary.csv"));

  Outcome resumed = sweep(RESUME, out, dir, {"--jobs", "1", "--resume"});
  REQUIRE_MESSAGE(resumed.exit_code == 0, resumed.err);
  CHECK(read_text(out + "/runs.csv") == read_text(dir / "whole/runs.csv"));
  CHECK(read_text(out + "/summary.csv") == read_text(dir / "whole/summary.csv"));
  // The journal now holds every run, and the rows finished before the kill are kept as they were.
  const std::vector<std::string> after = complete_lines(journal);
  REQUIRE(after.size() == 1 + total);
  CHECK(std::vector<std::string>(
            after.begin(), after.begin() + static_cast<std::ptrdiff_t>(before.size())) == before);
  // The folder of the run killed mid-way is gone with its rerun. (A kill between journalling a
  // run and removing its folder leaves that run's folder behind: resume does not rerun it.)
  if (fs::exists(out + "/runs")) {
    for (const auto& e : fs::directory_iterator(out + "/runs")) {
      CAPTURE(e.path().string());
      const int run = std::stoi(e.path().filename().string().substr(4));
      CHECK(run < static_cast<int>(before.size()) - 1);  // journalled before the kill
    }
  }

  // Resuming a finished sweep runs nothing and changes nothing.
  const std::string journal_text = read_text(journal);
  Outcome again = sweep(RESUME, out, dir, {"--jobs", "1", "--resume"});
  REQUIRE_MESSAGE(again.exit_code == 0, again.err);
  CHECK(read_text(journal) == journal_text);
  CHECK(read_text(out + "/runs.csv") == read_text(dir / "whole/runs.csv"));
}

TEST_CASE("the shards of a sweep, merged, equal the sweep on one machine") {
  TempDir dir;
  Outcome whole = sweep(SWEEP, dir / "whole", dir, {"--jobs", "2"});
  REQUIRE_MESSAGE(whole.exit_code == 0, whole.err);
  for (const char* k : {"0", "1"}) {
    Outcome shard = sweep(SWEEP, dir / ("shard" + std::string(k)), dir,
                          {"--jobs", "2", "--shard", k + std::string("/2")});
    REQUIRE_MESSAGE(shard.exit_code == 0, shard.err);
    // A shard's runs.csv holds its own runs only: those whose index is K modulo 2.
    const Csv runs = read_csv(dir / ("shard" + std::string(k) + "/runs.csv"));
    CHECK(runs.rows.size() == 9);
    for (std::size_t i = 0; i < runs.rows.size(); ++i)
      CHECK(std::stoi(runs.at(i, "run")) % 2 == std::stoi(k));
  }
  Outcome merged =
      run_starsim({"merge", dir / "shard0", dir / "shard1", "--out", dir / "merged"}, dir);
  REQUIRE_MESSAGE(merged.exit_code == 0, merged.err);
  CHECK(read_text(dir / "merged/runs.csv") == read_text(dir / "whole/runs.csv"));
  CHECK(read_text(dir / "merged/summary.csv") == read_text(dir / "whole/summary.csv"));
  // The targets it is judged on: the base scenario's, copied from the shards.
  CHECK(read_text(dir / "merged/targets.csv") == read_text(dir / "whole/targets.csv"));
  CHECK(read_text(dir / "whole/targets.csv").find(",sweep,launches_per_year,") !=
        std::string::npos);

  // In the other order too.
  Outcome reversed =
      run_starsim({"merge", dir / "shard1", dir / "shard0", "--out", dir / "reversed"}, dir);
  REQUIRE_MESSAGE(reversed.exit_code == 0, reversed.err);
  CHECK(read_text(dir / "reversed/runs.csv") == read_text(dir / "whole/runs.csv"));

  // One shard alone is not the whole: exit 2, naming the missing runs, writing nothing.
  Outcome half = run_starsim({"merge", dir / "shard0", "--out", dir / "half"}, dir);
  CHECK(half.exit_code == 2);
  CHECK(half.err.find("9 of 18 runs") != std::string::npos);
  CHECK(half.err.find("missing runs: 1, 3, 5, 7, 9, 11, 13, 15, 17") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "half/runs.csv"));
  // The same shard twice does not make up for the other.
  Outcome twice =
      run_starsim({"merge", dir / "shard0", dir / "shard0", "--out", dir / "twice"}, dir);
  CHECK(twice.exit_code == 2);
  CHECK(twice.err.find("shard 0/2 is given twice") != std::string::npos);
  // A folder that is no sweep's.
  Outcome stranger =
      run_starsim({"merge", dir / "shard0", dir.path(), "--out", dir / "stranger"}, dir);
  CHECK(stranger.exit_code == 2);
  CHECK(stranger.err.find("manifest") != std::string::npos);
}

TEST_CASE(
    "a run that fails is recorded with its status, the sweep goes on and exits 1 naming its "
    "error") {
  TempDir dir;
  // Run 4 fails in its child process (an injected error, exit 1).
  ::setenv("STARSIM_FAULT_RUN", "4:error", 1);
  Outcome o = run_starsim({"sweep", SWEEP, "--out", dir / "out", "--jobs", "2"}, dir);
  ::unsetenv("STARSIM_FAULT_RUN");
  CHECK(o.exit_code == 1);
  CHECK(o.out.find("18 runs (1 failed)") != std::string::npos);
  CHECK(o.err ==
        "starsim sweep: 1 run failed (--resume runs them again):\n"
        "  run 4 (point 1, replication 1): failed (exit 1): failed: an error injected by "
        "STARSIM_FAULT_RUN\n");
  const Csv runs = read_csv(dir / "out/runs.csv");
  REQUIRE(runs.rows.size() == 18);
  for (std::size_t i = 0; i < runs.rows.size(); ++i) {
    CAPTURE(i);
    if (i == 4) {
      CHECK(runs.at(i, "status").rfind("failed", 0) == 0);
      CHECK(runs.at(i, "launches") == "");
      CHECK(runs.at(i, "sites[*].pads") == "1");  // its point and values are still recorded
    } else {
      CHECK(runs.at(i, "status") == "ok");
    }
  }
  // Point 1 (runs 3-5) summarises its two ok runs and counts the failed one.
  const Csv summary = read_csv(dir / "out/summary.csv");
  CHECK(summary.at(1, "runs") == "2");
  CHECK(summary.at(1, "runs_failed") == "1");
  const double mean = (std::stod(runs.at(3, "launches")) + std::stod(runs.at(5, "launches"))) / 2;
  CHECK(std::stod(summary.at(1, "launches_mean")) == doctest::Approx(mean));
  for (std::size_t p : {0u, 2u, 3u, 4u, 5u}) CHECK(summary.at(p, "runs_failed") == "0");
}

TEST_CASE("seek finds the smallest booster fleet meeting a launch target on a fleet-bound site") {
  TempDir dir;
  // The arithmetic: 30 launches per booster in 30 days; 6 boosters 180, 7 boosters 210.
  for (const auto& [fleet, launches] : {std::pair{"6", "180"}, std::pair{"7", "210"}}) {
    Outcome o = run_starsim({"run", EXPERIMENTS + "fleet-bound.yaml", "--set",
                             std::string("vehicle.booster.fleet=") + fleet, "--out",
                             dir / ("fleet" + std::string(fleet)), "--quiet", "--no-timeline"},
                            dir);
    REQUIRE_MESSAGE(o.exit_code == 0, o.err);
    CHECK(read_summary(dir / ("fleet" + std::string(fleet)) + "/summary.csv")["launches"] ==
          launches);
  }

  Outcome o = run_starsim(
      {"seek", EXPERIMENTS + "fleet-seek.yaml", "--out", dir / "seek", "--jobs", "2"}, dir);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  CHECK(o.out.find("is 7") != std::string::npos);
  const Csv answer = read_csv(dir / "seek/answer.csv");
  REQUIRE(answer.rows.size() == 1);
  CHECK(answer.at(0, "path") == "vehicle.booster.fleet");
  CHECK(answer.at(0, "value") == "7");
  CHECK(answer.at(0, "metric") == "launches");
  CHECK(answer.at(0, "target") == "200");
  CHECK(answer.at(0, "mean") == "210");
  CHECK(answer.at(0, "ci95") == "0");  // fixed durations: every replication agrees
  CHECK(answer.at(0, "reached") == "true");

  // Every probe is in runs.csv (2 replications each), and 6 and 7 were both probed.
  const Csv runs = read_csv(dir / "seek/runs.csv");
  CHECK(runs.rows.size() == 2 * std::stoul(answer.at(0, "probes")));
  std::map<std::string, std::string> launches_at;
  for (std::size_t i = 0; i < runs.rows.size(); ++i) {
    CHECK(runs.at(i, "status") == "ok");
    const std::string fleet = runs.at(i, "vehicle.booster.fleet");
    CHECK(std::stoi(runs.at(i, "launches")) == 30 * std::stoi(fleet));
    launches_at[fleet] = runs.at(i, "launches");
  }
  CHECK(launches_at["6"] == "180");
  CHECK(launches_at["7"] == "210");
}

TEST_CASE("seek with an unreachable target reports reached=false and exits 0") {
  TempDir dir;
  Outcome o = run_starsim(
      {"seek", EXPERIMENTS + "fleet-seek-unreachable.yaml", "--out", dir / "seek"}, dir);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  CHECK(o.out.find("unreachable") != std::string::npos);
  const Csv answer = read_csv(dir / "seek/answer.csv");
  REQUIRE(answer.rows.size() == 1);
  CHECK(answer.at(0, "reached") == "false");
  CHECK(answer.at(0, "value") == "");
  // The max (5 boosters: 150 launches) was probed and fell short.
  const Csv runs = read_csv(dir / "seek/runs.csv");
  bool probed_max = false;
  for (std::size_t i = 0; i < runs.rows.size(); ++i)
    if (runs.at(i, "vehicle.booster.fleet") == "5") probed_max = runs.at(i, "launches") == "150";
  CHECK(probed_max);
}

TEST_CASE("plan grows the booster fleet of a fleet-bound site until the target is met") {
  TempDir dir;
  Outcome o = run_starsim(
      {"plan", EXPERIMENTS + "fleet-plan.yaml", "--out", dir / "plan", "--jobs", "2"}, dir);
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  CHECK(o.out.find("target met") != std::string::npos);
  // Step 0 is the base (3 boosters, 90 launches); each step adds a booster: 30 launches more.
  const Csv plan = read_csv(dir / "plan/plan.csv");
  CHECK(plan.header == std::vector<std::string>{"step", "resource", "value", "launches_mean",
                                                "launches_ci95", "replications", "verdict",
                                                "bottleneck", "why", "gain", "gain_ci95",
                                                "relieved"});
  REQUIRE(plan.rows.size() == 5);
  const Csv targets = read_csv(dir / "plan/targets.csv");
  REQUIRE(!targets.rows.empty());
  CHECK(targets.at(targets.rows.size() - 1, "metric") == "launches");
  CHECK(targets.at(targets.rows.size() - 1, "target") == "200");
  CHECK(targets.at(targets.rows.size() - 1, "from") == "plan");
  for (std::size_t step = 0; step < plan.rows.size(); ++step) {
    CAPTURE(step);
    CHECK(plan.at(step, "step") == std::to_string(step));
    CHECK(plan.at(step, "resource") == (step == 0 ? "" : "vehicle.booster.fleet"));
    CHECK(plan.at(step, "value") == (step == 0 ? "" : std::to_string(3 + step)));
    CHECK(plan.at(step, "launches_mean") == std::to_string(90 + 30 * step));
    CHECK(plan.at(step, "bottleneck") == "booster");
  }
  CHECK(std::stoi(plan.at(4, "launches_mean")) >= 200);

  // The planned scenario has the grown fleet and its pads untouched, and is itself valid.
  const std::string planned = dir / "plan/scenario.planned.yaml";
  const std::string text = read_text(planned);
  CHECK(text.find("fleet: 7") != std::string::npos);
  CHECK(text.find("pads: 10") != std::string::npos);
  Outcome rerun =
      run_starsim({"run", planned, "--out", dir / "rerun", "--quiet", "--no-timeline"}, dir);
  REQUIRE_MESSAGE(rerun.exit_code == 0, rerun.err);
  CHECK(read_summary(dir / "rerun/summary.csv")["launches"] == "210");
}

TEST_CASE("check on an experiment says it is valid and how many runs it makes") {
  TempDir dir;
  Outcome o = run_starsim({"check", SWEEP}, dir);
  CHECK(o.exit_code == 0);
  CHECK(o.out == SWEEP + ": experiment 'baseline-sweep' is valid (18 runs)\n");
  Outcome r = run_starsim({"check", RESUME}, dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("(20 runs)") != std::string::npos);
  // A bad experiment: exit 2, file:line:col on stderr.
  const std::string bad = STARSIM_SOURCE_DIR "/tests/data/bad_experiments/grid-path-no-key.yaml";
  Outcome b = run_starsim({"check", bad}, dir);
  CHECK(b.exit_code == 2);
  CHECK(b.err == bad + ":7:21: sites[0]: unknown key 'pdas' (did you mean 'pads'?)\n");
}

TEST_CASE("each experiment command refuses the other kinds of experiment with exit 2") {
  TempDir dir;
  struct Case {
    const char* command;
    std::string file;
    const char* says;
  };
  for (const Case& c :
       {Case{"sweep", EXPERIMENTS + "fleet-seek.yaml", "run it with starsim seek"},
        Case{"sweep", EXPERIMENTS + "fleet-plan.yaml", "run it with starsim plan"},
        Case{"seek", SWEEP, "no 'seek' section"}, Case{"plan", SWEEP, "no 'plan' section"},
        Case{"plan", EXPERIMENTS + "fleet-seek.yaml", "no 'plan' section"}}) {
    CAPTURE(c.command);
    CAPTURE(c.file);
    Outcome o = run_starsim({c.command, c.file, "--out", dir / "out"}, dir);
    CHECK(o.exit_code == 2);
    CHECK(o.err.find(c.says) != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out"));
  }
}

TEST_CASE("a bad --shard, --jobs or merge command line exits 2 and writes nothing") {
  TempDir dir;
  for (const char* shard : {"3/2", "2/2", "x", "-1/2", "0/0", "1/", "/2", "0/2x", "1"}) {
    CAPTURE(shard);
    Outcome o = sweep(SWEEP, dir / "out", dir, {"--shard", shard});
    CHECK(o.exit_code == 2);
    CHECK(o.err.find("--shard takes K/N") != std::string::npos);
  }
  for (const char* jobs : {"0", "-2", "many"}) {
    CAPTURE(jobs);
    Outcome o = sweep(SWEEP, dir / "out", dir, {"--jobs", jobs});
    CHECK(o.exit_code == 2);
  }
  CHECK_FALSE(fs::exists(dir / "out"));
  CHECK(run_starsim({"merge", dir.path()}, dir).exit_code == 2);            // no --out
  CHECK(run_starsim({"merge", "--out", dir / "m"}, dir).exit_code == 2);    // no folders
  CHECK(run_starsim({"sweep"}, dir).exit_code == 2);                        // no experiment
  CHECK(run_starsim({"sweep", dir / "missing.yaml"}, dir).exit_code == 2);  // no such file
}
