// starsim: a discrete-event simulator of launch cadence, fleets and ground infrastructure for
// putting solar-powered compute into orbit. See README.md and scenario-format.md.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "sim/app/commands.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/csv.hpp"
#include "sim/interrupt.hpp"
#include "sim/kernel.hpp"
#include "sim/provenance.hpp"

namespace {

constexpr const char* USAGE =
    "usage:\n"
    "  starsim run SCENARIO [--set PATH=VALUE]... [--seed N] [--out DIR] [--force] [--no-timeline] "
    "[--quiet]\n"
    "  starsim sweep EXPERIMENT [--jobs N] [--resume | --force] [--shard K/N] [--runs 10-19,40] "
    "[--launcher EXE]\n"
    "                          [--out DIR] [--quiet]\n"
    "  starsim seek EXPERIMENT [--jobs N] [--resume | --force] [--launcher EXE] [--out DIR] "
    "[--quiet]\n"
    "  starsim plan EXPERIMENT [--jobs N] [--resume | --force] [--launcher EXE] [--out DIR] "
    "[--quiet]\n"
    "  starsim merge DIR... --out DIR [--force]\n"
    "  starsim check FILE [--set PATH=VALUE]...\n"
    "  starsim --help | --version\n"
    "\n"
    "run     simulate a scenario; writes timeline.csv, summary.csv and scenario.resolved.yaml\n"
    "        into DIR (default results/<name>/) and prints the summary\n"
    "sweep   run an experiment's grid/zip points x replications, in parallel; runs.csv, "
    "summary.csv\n"
    "seek    the smallest integer value of a path that meets a target (its 95 % CI clear of it);\n"
    "        probes.csv, answer.csv\n"
    "plan    grow the bottleneck's resource until a target is met; plan.csv, "
    "scenario.planned.yaml\n"
    "merge   join the folders of a sharded sweep (or batches of other seeds) into runs.csv and "
    "summary.csv\n"
    "check   validate a scenario or an experiment and run nothing\n"
    "\n"
    "One command writes a folder at a time. A folder that holds another command's results, or\n"
    "finished runs, is replaced only with --force (--resume goes on with its runs).\n"
    "Exit codes: 0 done, 1 the program or a run failed, 2 bad input, 130/143 interrupted\n"
    "(SIGINT/SIGTERM: temporary files removed).\n"
    "SimGrid options (--cfg=..., --log=...) are passed to the kernel.\n";

}  // namespace

namespace starsim::app {

int guarded(const char* command, int (*body)(const std::vector<std::string>&),
            const std::vector<std::string>& args) {
  try {
    return body(args);
  } catch (const sim::config::ConfigError& e) {
    std::cerr << e.what() << "\n";
    return EXIT_BAD_INPUT;
  } catch (const sim::ModelError& e) {
    std::cerr << "starsim " << command << ": " << e.what() << "\n";
    return EXIT_BAD_INPUT;
  } catch (const sim::OutputError& e) {
    std::cerr << "starsim " << command << ": " << e.what() << "\n";
    return EXIT_BAD_INPUT;
  } catch (const std::exception& e) {
    std::cerr << "starsim " << command << ": failed: " << e.what() << "\n";
    return EXIT_FAILED;
  }
}

}  // namespace starsim::app

int main(int argc, char** argv) {
  using namespace starsim::app;
  starsim::sim::interrupt::install();
  starsim::sim::set_command_line(argc, argv);
  std::vector<std::string> args, engine_options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--cfg=", 0) == 0 || a.rfind("--log=", 0) == 0) {
      engine_options.push_back(a);
    } else {
      args.push_back(a);
    }
  }
  try {
    starsim::sim::Kernel::set_engine_options(engine_options);
  } catch (const starsim::sim::config::ConfigError& e) {
    std::cerr << "starsim: " << e.what() << "\n";
    return EXIT_BAD_INPUT;
  }
  if (args.empty()) {
    std::cerr << USAGE;
    return EXIT_BAD_INPUT;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << USAGE;
    return EXIT_OK;
  }
  if (command == "--version") {
    std::cout << "starsim " << STARSIM_VERSION << "\n";
    return EXIT_OK;
  }
  if (command == "run") return guarded("run", run_command, args);
  if (command == "run-batch") return guarded("run-batch", run_batch_command, args);
  if (command == "check") return guarded("check", check_command, args);
  if (command == "sweep") return guarded("sweep", sweep_command, args);
  if (command == "seek") return guarded("seek", seek_command, args);
  if (command == "plan") return guarded("plan", plan_command, args);
  if (command == "merge") return guarded("merge", merge_command, args);
  std::cerr << "starsim: unknown command '" << command << "'\n\n" << USAGE;
  return EXIT_BAD_INPUT;
}
