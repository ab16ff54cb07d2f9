#include <boost/program_options.hpp>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <iostream>

#include "models/launch/run_scenario.hpp"
#include "sim/app/commands.hpp"
#include "sim/experiment/expand.hpp"
#include "sim/kernel.hpp"
#include "sim/progress_line.hpp"

namespace po = boost::program_options;

namespace starsim::app {

bool parse_file_command(const char* command, const char* file_kind,
                        const std::vector<std::string>& args, po::options_description& opts,
                        po::variables_map& vm) {
  po::positional_options_description pos;
  pos.add("file", 1);
  try {
    po::store(po::command_line_parser(args).options(opts).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "starsim " << command << ": " << e.what() << " (see starsim " << command
              << " --help)\n";
    return false;
  }
  if (vm.count("help")) {
    std::cout << "usage: starsim " << command << " FILE [options]\n" << opts;
    return true;
  }
  if (!vm.count("file")) {
    std::cerr << "starsim " << command << ": missing the " << file_kind
              << " file (see starsim --help)\n";
    return false;
  }
  return true;
}

bool out_option(const char* command, const std::string& value, std::string& out) {
  if (value.find_first_not_of(" \t") == std::string::npos) {
    std::cerr << "starsim " << command << ": --out needs a folder, got '" << value << "'\n";
    return false;
  }
  out = value;
  return true;
}

namespace {
// --seed: a whole number from 0 to 2^53 (the scenario's range), as text: Boost would read "-1"
// into an unsigned as 18446744073709551615.
bool seed_option(const std::string& text, std::uint64_t& seed) {
  std::uint64_t x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
      x > (std::uint64_t{1} << 53)) {
    std::cerr << "starsim run: --seed takes a whole number from 0 to 9007199254740992, got '"
              << text << "'\n";
    return false;
  }
  seed = x;
  return true;
}
}  // namespace

int run_command(const std::vector<std::string>& args) {
  po::options_description opts("run options");
  opts.add_options()("help,h", "this help")("file", po::value<std::string>(), "scenario file")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override: PATH=VALUE (repeatable)")("seed", po::value<std::string>(),
                                           "run seed (overrides the scenario's)")(
      "out", po::value<std::string>(), "output folder (default results/<name>/)")(
      "force", "replace another command's results in the output folder")(
      "no-timeline", "do not write timeline.csv")(
      "quiet,q", "print nothing on success (no summary, no progress line)");
  po::variables_map vm;
  if (!parse_file_command("run", "scenario", args, opts, vm)) return EXIT_BAD_INPUT;
  if (vm.count("help")) return EXIT_OK;
  models::RunOptions o;
  if (vm.count("set")) o.overrides = vm["set"].as<std::vector<std::string>>();
  if (vm.count("seed")) {
    std::uint64_t seed = 0;
    if (!seed_option(vm["seed"].as<std::string>(), seed)) return EXIT_BAD_INPUT;
    o.seed = seed;
  }
  if (vm.count("out") && !out_option("run", vm["out"].as<std::string>(), o.out_dir))
    return EXIT_BAD_INPUT;
  o.no_timeline = vm.count("no-timeline") > 0;
  o.force = vm.count("force") > 0;
  // A live line on stderr while the run simulates, only where someone watches it.
  o.progress = !vm.count("quiet") && sim::stderr_is_terminal();
  models::RunResult r = models::run_scenario(vm["file"].as<std::string>(), o);
  if (!vm.count("quiet")) std::cout << r.report;
  if (!r.warning.empty()) std::cerr << r.warning;
  // For tools/bench: what the run cost the kernel.
  if (std::getenv("STARSIM_KERNEL_CALLS")) {
    const auto& c = sim::Kernel::counts();
    std::cerr << "kernel_calls actions=" << c.actions << " instants=" << c.instants
              << " most_pending=" << c.most_pending << "\n";
  }
  return EXIT_OK;
}

int check_command(const std::vector<std::string>& args) {
  po::options_description opts("check options");
  opts.add_options()("help,h", "this help")("file", po::value<std::string>(), "scenario file")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override: PATH=VALUE (repeatable)");
  po::variables_map vm;
  if (!parse_file_command("check", "scenario or experiment", args, opts, vm)) return EXIT_BAD_INPUT;
  if (vm.count("help")) return EXIT_OK;
  std::vector<std::string> overrides;
  if (vm.count("set")) overrides = vm["set"].as<std::vector<std::string>>();
  const std::string file = vm["file"].as<std::string>();
  if (experiment::is_experiment_file(file)) {
    if (!overrides.empty()) {
      std::cerr << "starsim check: --set changes a scenario; " << file
                << " is an experiment, whose values belong in its own set, grid or zip\n";
      return EXIT_BAD_INPUT;
    }
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
  const models::ScenarioCheck checked = models::check_scenario(file, overrides);
  for (const auto& w : checked.warnings) std::cerr << w << "\n";
  std::cout << file << ": scenario '" << checked.name << "' is valid\n";
  return EXIT_OK;
}

}  // namespace starsim::app
