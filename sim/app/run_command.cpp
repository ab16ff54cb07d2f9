#include <boost/program_options.hpp>

#include <cstdlib>
#include <iostream>

#include "models/launch/run_scenario.hpp"
#include "sim/kernel.hpp"
#include "sim/experiment/expand.hpp"
#include "sim/app/commands.hpp"

namespace po = boost::program_options;

namespace starsim::app {

bool parse_file_command(const char* command, const char* file_kind, const std::vector<std::string>& args,
                        po::options_description& opts, po::variables_map& vm) {
  po::positional_options_description pos;
  pos.add("file", 1);
  try {
    po::store(po::command_line_parser(args).options(opts).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "starsim " << command << ": " << e.what() << " (see starsim " << command << " --help)\n";
    return false;
  }
  if (vm.count("help")) {
    std::cout << "usage: starsim " << command << " FILE [options]\n" << opts;
    return true;
  }
  if (!vm.count("file")) {
    std::cerr << "starsim " << command << ": missing the " << file_kind << " file (see starsim --help)\n";
    return false;
  }
  return true;
}

int run_command(const std::vector<std::string>& args) {
  po::options_description opts("run options");
  opts.add_options()("help,h", "this help")
      ("file", po::value<std::string>(), "scenario file")
      ("set", po::value<std::vector<std::string>>()->composing(), "override: PATH=VALUE (repeatable)")
      ("seed", po::value<std::uint64_t>(), "run seed (overrides the scenario's)")
      ("out", po::value<std::string>(), "output folder (default results/<name>/)")
      ("no-timeline", "do not write timeline.csv")
      ("quiet,q", "print nothing on success");
  po::variables_map vm;
  if (!parse_file_command("run", "scenario", args, opts, vm)) return EXIT_BAD_INPUT;
  if (vm.count("help")) return EXIT_OK;
  models::RunOptions o;
  if (vm.count("set")) o.overrides = vm["set"].as<std::vector<std::string>>();
  if (vm.count("seed")) o.seed = vm["seed"].as<std::uint64_t>();
  if (vm.count("out")) o.out_dir = vm["out"].as<std::string>();
  o.no_timeline = vm.count("no-timeline") > 0;
  models::RunResult r = models::run_scenario(vm["file"].as<std::string>(), o);
  if (!vm.count("quiet")) std::cout << r.report;
  if (!r.warning.empty()) std::cerr << r.warning;
  // For tools/bench: the kernel's blocking calls of the run.
  if (std::getenv("STARSIM_KERNEL_CALLS")) {
    const auto& c = sim::Kernel::calls();
    std::cerr << "kernel_calls sleeps=" << c.sleeps << " waits=" << c.waits << " releases=" << c.releases << "\n";
  }
  return EXIT_OK;
}

int check_command(const std::vector<std::string>& args) {
  po::options_description opts("check options");
  opts.add_options()("help,h", "this help")
      ("file", po::value<std::string>(), "scenario file")
      ("set", po::value<std::vector<std::string>>()->composing(), "override: PATH=VALUE (repeatable)");
  po::variables_map vm;
  if (!parse_file_command("check", "scenario or experiment", args, opts, vm)) return EXIT_BAD_INPUT;
  if (vm.count("help")) return EXIT_OK;
  std::vector<std::string> overrides;
  if (vm.count("set")) overrides = vm["set"].as<std::vector<std::string>>();
  const std::string file = vm["file"].as<std::string>();
  if (experiment::is_experiment_file(file)) {
    const auto c = experiment::parse_experiment(file);
    std::cout << file << ": experiment '" << c.name << "' is valid (";
    if (c.seek) {
      std::cout << "a seek of " << c.seek->path << ", " << c.replications << " runs a probe)\n";
    } else if (c.plan) {
      std::cout << "a plan, " << c.replications << " runs a step)\n";
    } else {
      std::cout << experiment::expand_runs(c).size() << " runs)\n";
    }
    return EXIT_OK;
  }
  const std::string name = models::check_scenario(file, overrides);
  std::cout << file << ": scenario '" << name << "' is valid\n";
  return EXIT_OK;
}

}  // namespace starsim::app
