// starsim: a discrete-event simulator of launch cadence, fleets and ground infrastructure for
// putting solar-powered compute into orbit. See README.md and scenario-format.md.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "sim/app/commands.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/csv.hpp"
#include "sim/kernel.hpp"

namespace {

constexpr const char* USAGE =
    "usage:\n"
    "  starsim run SCENARIO [--set PATH=VALUE]... [--seed N] [--out DIR] [--no-timeline] [--quiet]\n"
    "  starsim check FILE [--set PATH=VALUE]...\n"
    "  starsim --help | --version\n"
    "\n"
    "run     simulate a scenario; writes timeline.csv, summary.csv and scenario.resolved.yaml\n"
    "        into DIR (default results/<name>/) and prints the summary\n"
    "check   validate a scenario and run nothing\n"
    "\n"
    "Exit codes: 0 done, 1 the program failed, 2 bad input.\n"
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
  std::vector<std::string> args, engine_options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--cfg=", 0) == 0 || a.rfind("--log=", 0) == 0) {
      engine_options.push_back(a);
    } else {
      args.push_back(a);
    }
  }
  starsim::sim::Kernel::set_engine_options(engine_options);
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
  if (command == "check") return guarded("check", check_command, args);
  std::cerr << "starsim: unknown command '" << command << "'\n\n" << USAGE;
  return EXIT_BAD_INPUT;
}
