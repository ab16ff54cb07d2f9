// Bad input through every channel around the scenario file: --set values, experiment values,
// SimGrid options, the command line. Each row is one input; each must end in exit 2 with its
// located message on one line, before any output exists (no crash, hang or half-written file).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/scenario/harness.hpp"

using namespace starsim::test;
namespace fs = std::filesystem;

namespace {

const std::string BASELINE = std::string(STARSIM_SOURCE_DIR) + "/configs/scenarios/baseline.yaml";

// A billion laughs in flow style: 9 levels of 9 aliases each.
std::string alias_bomb() {
  std::string s = "{a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]";
  for (char c = 'b'; c <= 'i'; ++c) {
    s += std::string(", ") + c + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) s += (i ? ", *" : "*") + std::string(1, static_cast<char>(c - 1));
    s += "]";
  }
  return s + "}";
}

struct Case {
  std::string what;
  std::vector<std::string> args;  // {d} stands for the test's folder
  std::string files;              // experiment files to write: "name|text" entries, ";;" apart
  std::string message;            // the start of stderr's only line ({d} as above)
};

std::string subst(std::string s, const std::string& d) {
  for (auto at = s.find("{d}"); at != std::string::npos; at = s.find("{d}")) s.replace(at, 3, d);
  return s;
}

// An experiment over the baseline (copied to {d}/base.yaml) with `body` under `experiment:`.
std::string experiment(const std::string& name, const std::string& body) {
  return name + "|experiment:\n  name: e\n  base: base.yaml\n" + body + "\n";
}

void run_case(const Case& c) {
  CAPTURE(c.what);
  TempDir d;
  fs::copy_file(BASELINE, d / "base.yaml");
  for (std::size_t from = 0; from < c.files.size();) {
    const auto end = std::min(c.files.find(";;", from), c.files.size());
    const std::string entry = c.files.substr(from, end - from);
    const auto bar = entry.find('|');
    write_text(d / entry.substr(0, bar), entry.substr(bar + 1));
    from = end + 2;
  }
  std::vector<std::string> args;
  for (const auto& a : c.args) args.push_back(subst(a, d.path()));
  const Outcome o = run_starsim(args, d);
  CAPTURE(o.err);
  CHECK(o.exit_code == 2);
  CHECK(o.err.rfind(subst(c.message, d.path()), 0) == 0);
  CHECK(std::count(o.err.begin(), o.err.end(), '\n') == 1);
  CHECK(!fs::exists(d / "out"));  // nothing written before the input was judged
}

}  // namespace

TEST_CASE(
    "a YAML cycle or alias bomb in any channel is exit 2 at its place, never a crash or a hang") {
  const std::string cycle = "&a [*a]";
  const std::vector<Case> cases{
      {"--set cycle",
       {"run", "{d}/base.yaml", "--set", "horizon_d=" + cycle, "--out", "{d}/out"},
       "",
       "--set horizon_d=&a [*a]: the alias '*a' refers to the node it is inside of: a cycle"},
      {"check --set cycle",
       {"check", "{d}/base.yaml", "--set", "horizon_d=" + cycle},
       "",
       "--set horizon_d=&a [*a]: the alias '*a' refers to the node it is inside of: a cycle"},
      {"--set bomb",
       {"run", "{d}/base.yaml", "--set", "sites=" + alias_bomb(), "--out", "{d}/out"},
       "",
       "--set sites={a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1], b: &b [*a"},
      {"experiment set cycle",
       {"sweep", "{d}/e.yaml", "--out", "{d}/out"},
       experiment("e.yaml", "  set: {horizon_d: &a [*a]}"),
       "{d}/e.yaml:4:24: the alias '*a' refers to the node it is inside of: a cycle"},
      {"experiment grid cycle",
       {"sweep", "{d}/e.yaml", "--out", "{d}/out"},
       experiment("e.yaml", "  grid:\n    horizon_d: [5, &a {x: [*a]}]"),
       "{d}/e.yaml:5:28: the alias '*a' refers to the node it is inside of: a cycle"},
      {"experiment zip cycle",
       {"check", "{d}/e.yaml"},
       experiment("e.yaml", "  zip: {horizon_d: [&a [*a]]}"),
       "{d}/e.yaml:4:25: the alias '*a' refers to the node it is inside of: a cycle"},
      {"experiment set bomb",
       {"sweep", "{d}/e.yaml", "--out", "{d}/out"},
       experiment("e.yaml", "  set: {sites: " + alias_bomb() + "}"),
       "{d}/e.yaml:4:"},
      {"seek in a second document",
       {"seek", "{d}/e.yaml", "--out", "{d}/out"},
       experiment("e.yaml", "---\nexperiment: {name: f, base: base.yaml}"),
       "{d}/e.yaml:4:1: holds a second YAML document (after '---'); starsim reads one document a "
       "text"},
  };
  for (const Case& c : cases) run_case(c);
}

TEST_CASE(
    "a SimGrid option starsim does not test is exit 2 before anything runs, in every command") {
  const std::string accepted = "starsim accepts --cfg=contexts/factory:raw|thread|ucontext|boost";
  const std::vector<Case> cases{
      {"bogus factory",
       {"run", "{d}/base.yaml", "--cfg=contexts/factory:bogus", "--out", "{d}/out"},
       "",
       "starsim: --cfg=contexts/factory:bogus: 'bogus' is not a context factory; " + accepted},
      {"no name:value",
       {"run", "{d}/base.yaml", "--cfg=nonsense", "--out", "{d}/out"},
       "",
       "starsim: --cfg=nonsense: not a SimGrid option starsim accepts; " + accepted},
      {"tiny stack",
       {"run", "{d}/base.yaml", "--cfg=contexts/stack-size:1", "--out", "{d}/out"},
       "",
       "starsim: --cfg=contexts/stack-size:1: the stack size is a whole number of KiB from 64 to "
       "65536"},
      {"parallel contexts",
       {"run", "{d}/base.yaml", "--cfg=contexts/nthreads:64", "--out", "{d}/out"},
       "",
       "starsim: --cfg=contexts/nthreads:64: not a SimGrid option starsim accepts"},
      {"log file",
       {"run", "{d}/base.yaml", "--log=root.app:file:/nonexistent/log", "--out", "{d}/out"},
       "",
       "starsim: --log=root.app:file:/nonexistent/log: only a log threshold can be set"},
      {"log level",
       {"run", "{d}/base.yaml", "--log=root.thres:loud", "--out", "{d}/out"},
       "",
       "starsim: --log=root.thres:loud: 'loud' is not a log level"},
      {"sweep",
       {"sweep", "{d}/e.yaml", "--cfg=contexts/factory:bogus", "--out", "{d}/out"},
       experiment("e.yaml", "  replications: 2"),
       "starsim: --cfg=contexts/factory:bogus: 'bogus' is not"},
      {"check",
       {"check", "{d}/base.yaml", "--cfg=contexts/stack-size:64k"},
       "",
       "starsim: --cfg=contexts/stack-size:64k: the stack size is a whole number"},
  };
  for (const Case& c : cases) run_case(c);
}

TEST_CASE("the baseline year, and a year with a million boosters, run within `ulimit -v 2000000`") {
  // AddressSanitizer reserves terabytes of address space: no such limit can hold it.
  if (std::getenv("STARSIM_SIMGRID_CFG") != nullptr) return;
  TempDir d;
  const std::string starsim = shell_quote(STARSIM_BINARY);
  for (const std::string& extra :
       {std::string(), std::string(" --set vehicle.booster.fleet=1000000")}) {
    CAPTURE(extra);
    const int status = std::system(
        ("ulimit -v 2000000 && " + starsim + " run " + shell_quote(BASELINE) + extra + " --out " +
         shell_quote(d / "out") + " --quiet --no-timeline 2>" + shell_quote(d / "err.txt"))
            .c_str());
    CHECK_MESSAGE(WEXITSTATUS(status) == 0, read_text(d / "err.txt"));
    CHECK(fs::exists(d / "out/summary.csv"));
  }
}

TEST_CASE(
    "a payload queue that cannot drain stops the run with exit 2, naming the queue and both rates, "
    "in bounded memory") {
  TempDir d;
  const bool asan = std::getenv("STARSIM_SIMGRID_CFG") != nullptr;  // no address-space limit then
  const std::string limit = asan ? "" : "ulimit -v 400000 && ";
  struct Queue {
    std::string sets, message;
  };
  for (const Queue& q : std::vector<Queue>{
           {"--set payload.interval_h=0.0001 --set payload.integration_bays=2 --set "
            "payload.integration_h=1000",
            "starsim run: the queue of payloads awaiting a bay holds 1000001 payloads on day 4.2 "
            "and cannot "
            "drain: they arrive at 10000 an hour (payload.interval_h) and leave at 0.02 an hour "
            "(payload.integration_bays and integration_h); a queue that grows without bound is a "
            "modelling "
            "mistake, stopped at 1000000 payloads\n"},
           {"--set payload.interval_h=0.0001 --set payload.integration_bays=50 --set "
            "payload.integration_h=0 "
            "--set vehicle.booster.fleet=0 --set vehicle.booster.production_per_week=0",
            "starsim run: the queue of integrated payloads awaiting a pad holds 1000001 payloads "
            "on day 4.2 and "
            "cannot drain: they arrive at 10000 an hour (the integration bays) and leave at 0.12 "
            "an hour (the "
            "launches: pads, fleets, propellant, caps)"}}) {
    const int status =
        std::system((limit + shell_quote(STARSIM_BINARY) + " run " + shell_quote(BASELINE) + " " +
                     q.sets + " --set horizon_d=30 --no-timeline --quiet --out " +
                     shell_quote(d / "out") + " 2>" + shell_quote(d / "err.txt"))
                        .c_str());
    const std::string err = read_text(d / "err.txt");
    CAPTURE(err);
    CHECK(WEXITSTATUS(status) == 2);
    CHECK(err.rfind(q.message, 0) == 0);
  }
}

TEST_CASE(
    "values that were accepted although wrong, and unclear errors, are exit 2 at their place") {
  const std::vector<Case> cases{
      {"grid and zip vary one path",
       {"check", "{d}/e.yaml"},
       experiment("e.yaml", "  grid: {horizon_d: [5, 6]}\n  zip: {horizon_d: [7, 8]}"),
       "{d}/e.yaml:5:9: experiment.zip.horizon_d: is also given at {d}/e.yaml:4:10: a path takes "
       "its values from "
       "one of set, grid and zip"},
      {"set and grid vary one path",
       {"sweep", "{d}/e.yaml", "--out", "{d}/out"},
       experiment("e.yaml", "  set: {horizon_d: 5}\n  grid: {horizon_d: [7, 8]}"),
       "{d}/e.yaml:5:10: experiment.grid.horizon_d: is also given at {d}/e.yaml:4:9"},
      {"empty --out",
       {"run", "{d}/base.yaml", "--out", ""},
       "",
       "starsim run: --out needs a folder, got ''"},
      {"blank --out of a sweep",
       {"sweep", "{d}/e.yaml", "--out", " "},
       experiment("e.yaml", ""),
       "starsim sweep: --out needs a folder, got ' '"},
      {"check an experiment with --set",
       {"check", "{d}/e.yaml", "--set", "horizon_d=5"},
       experiment("e.yaml", ""),
       "starsim check: --set changes a scenario; {d}/e.yaml is an experiment"},
      {"a horizon of 1e-320 days",
       {"run", "{d}/base.yaml", "--set", "horizon_d=1e-320", "--out", "{d}/out"},
       "",
       "--set horizon_d=1e-320: horizon_d: must be at least one hour (0.0417) and at most 36500, "
       "got 1e-320"},
      {"an end past 9999-12-31",
       {"run", "{d}/base.yaml", "--set", "start_date=9999-12-01", "--set", "horizon_d=60", "--out",
        "{d}/out"},
       "",
       "--set horizon_d=60: horizon_d: 60 days from 9999-12-01 end after 9999-12-31, where the "
       "calendar ends"},
      {"a negative seed",
       {"run", "{d}/base.yaml", "--seed", "-1", "--out", "{d}/out"},
       "",
       "starsim run: --seed takes a whole number from 0 to 9007199254740992, got '-1'"},
      {"an absurd mean",
       {"check", "{d}/base.yaml", "--set",
        "vehicle.booster.turnaround_h={dist: weibull, shape: 0.05, scale: 24}"},
       "",
       "--set vehicle.booster.turnaround_h={dist: weibull, shape: 0.05, scale: 24}: "
       "vehicle.booster.turnaround_h: "
       "has a mean of 5.84e+19 h, more than the 1000000000 h a duration may have"},
      {"a base that is an experiment",
       {"check", "{d}/f.yaml"},
       experiment("e.yaml", "") + ";;" + "f.yaml|experiment: {name: f, base: e.yaml}\n",
       "{d}/f.yaml:1:29: experiment.base: '{d}/e.yaml' is an experiment, not a scenario: base "
       "names the scenario to vary"},
      {"a newline in a scenario name",
       {"check", "{d}/base.yaml", "--set", "name=\"a\\nb\""},
       "",
       "--set name=\"a\\nb\": name: 'a\\nb' may hold only letters, digits, '-', '_' and '.'"},
      {"a newline in a site name",
       {"check", "{d}/base.yaml", "--set", "sites[0].name=\"x\\n1:1: fake\""},
       "",
       "--set sites[0].name=\"x\\n1:1: fake\": sites[0].name: 'x\\n1:1: fake' may hold only "
       "letters"},
      {"a newline in an experiment name",
       {"check", "{d}/e.yaml"},
       "e.yaml|experiment:\n  name: \"e\\n1:1: fake\"\n  base: base.yaml\n",
       "{d}/e.yaml:2:9: experiment.name: 'e\\n1:1: fake' may hold only letters"},
      {"a plan step that makes a whole number half",
       {"plan", "{d}/e.yaml", "--out", "{d}/out"},
       experiment("e.yaml",
                  "  plan: {metric: launches, target: 1e9, resources: {'sites[*].pads': 0.5}}"),
       "{d}/e.yaml:4:70: sites[0].pads: expected an integer, got '4.5'"},
      {"a plan step past a key's maximum",
       {"check", "{d}/e.yaml"},
       experiment(
           "e.yaml",
           "  plan: {metric: launches, target: 1e9, resources: {vehicle.booster.fleet: 1e300}}"),
       "{d}/e.yaml:4:76: vehicle.booster.fleet: expected an integer, got '1e+300'"},
  };
  for (const Case& c : cases) run_case(c);
}
