// starsim sweep | seek | plan EXPERIMENT, and starsim merge DIR... --out DIR.
#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdint>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "sim/app/commands.hpp"
#include "sim/experiment/drivers.hpp"
#include "sim/experiment/experiment_folder.hpp"
#include "sim/experiment/run_pool.hpp"

namespace po = boost::program_options;

namespace starsim::app {

namespace {

enum class Kind { SWEEP, SEEK, PLAN };

// Prints the report, and the runs that failed with the first error of each (stderr); the exit
// code is 1 when any run failed.
int finish(const char* command, const experiment::DriverResult& r, bool quiet) {
  if (!quiet) std::cout << r.report;
  if (r.failures.empty()) return EXIT_OK;
  std::cerr << "starsim " << command << ": " << r.failures.size() << " run"
            << (r.failures.size() == 1 ? "" : "s") << " failed"
            << (std::string(command) == "merge" ? "" : " (--resume runs them again)") << ":\n";
  std::size_t shown = 0;
  for (const auto& f : r.failures) {
    if (++shown > 20) {
      std::cerr << "  ... and " << r.failures.size() - 20 << " more (runs.csv's status column)\n";
      break;
    }
    std::cerr << "  run " << f.run << " (point " << f.point << ", replication " << f.replication
              << "): " << f.status << (f.error.empty() ? "" : ": " + f.error) << "\n";
  }
  return EXIT_FAILED;
}

// --runs 10-19,40: inclusive ranges of run indices, in any order.
bool runs_option(const std::string& text, std::vector<std::pair<std::int64_t, std::int64_t>>& out) {
  auto bad = [&](const std::string& why) {
    std::cerr << "starsim sweep: --runs takes run indices and ranges such as 10-19,40; '" << text
              << "' " << why << "\n";
    return false;
  };
  auto whole = [](const std::string& t, std::int64_t& v) {
    if (t.empty() || t.size() > 12 || t.find_first_not_of("0123456789") != std::string::npos)
      return false;
    v = std::stoll(t);
    return true;
  };
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t comma = std::min(text.find(',', at), text.size());
    const std::string item = text.substr(at, comma - at);
    const std::size_t dash = item.find('-');
    std::int64_t from = 0, to = 0;
    if (dash == std::string::npos) {
      if (!whole(item, from)) return bad("has '" + item + "', not a run index");
      to = from;
    } else if (!whole(item.substr(0, dash), from) || !whole(item.substr(dash + 1), to)) {
      return bad("has '" + item + "', not a range FROM-TO");
    } else if (to < from) {
      return bad("has '" + item + "', a range that ends before it starts");
    }
    out.emplace_back(from, to);
    at = comma + 1;
  }
  return true;
}

int experiment_command(Kind kind, const char* name, const std::vector<std::string>& args) {
  po::options_description opts(std::string(name) + " options");
  opts.add_options()("help,h", "this help")("file", po::value<std::string>(), "experiment file")(
      "jobs,j", po::value<int>(), "runs at a time (default: the number of cores)")(
      "out", po::value<std::string>(), "output folder (default results/<experiment name>/)")(
      "force", "replace the results the output folder holds")("quiet,q", "no progress line");
  opts.add_options()("resume", "go on with the folder's finished runs: run only what is missing");
  opts.add_options()(
      "launcher", po::value<std::string>(),
      "run the runs through this executable, in batches: LAUNCHER BATCH N runs tasks 0..N-1 "
      "(`starsim run-batch BATCH I`), e.g. tools/slurm-launch: a Slurm job array per batch");
  if (kind == Kind::SWEEP)
    opts.add_options()("runs", po::value<std::string>(),
                       "only these runs: 10-19,40 (run indices, as runs.csv's)")(
        "shard", po::value<std::string>(), "K/N: only the runs whose index is K modulo N");
  po::variables_map vm;
  if (!parse_file_command(name, "experiment", args, opts, vm)) return EXIT_BAD_INPUT;
  if (vm.count("help")) return EXIT_OK;
  experiment::DriverOptions o;
  o.jobs = vm.count("jobs") ? vm["jobs"].as<int>() : experiment::default_jobs();
  if (o.jobs < 1 || o.jobs > 1024) {
    std::cerr << "starsim " << name << ": --jobs must be between 1 and 1024\n";
    return EXIT_BAD_INPUT;
  }
  o.resume = vm.count("resume") > 0;
  o.force = vm.count("force") > 0;
  o.quiet = vm.count("quiet") > 0;
  if (o.resume && o.force) {
    std::cerr
        << "starsim " << name
        << ": --resume keeps the folder's finished runs and --force discards them: give one\n";
    return EXIT_BAD_INPUT;
  }
  if (vm.count("out") && !out_option(name, vm["out"].as<std::string>(), o.out_dir))
    return EXIT_BAD_INPUT;
  if (vm.count("shard")) {
    const std::string s = vm["shard"].as<std::string>();
    const auto slash = s.find('/');
    try {
      if (slash == std::string::npos) throw std::invalid_argument(s);
      std::size_t used = 0;
      o.shard = std::stoi(s.substr(0, slash), &used);
      if (used != slash) throw std::invalid_argument(s);
      o.shards = std::stoi(s.substr(slash + 1), &used);
      if (used != s.size() - slash - 1) throw std::invalid_argument(s);
    } catch (const std::exception&) {
      o.shards = 0;
    }
    if (o.shards < 1 || o.shard < 0 || o.shard >= o.shards) {
      std::cerr << "starsim sweep: --shard takes K/N with 0 <= K < N, got '" << s << "'\n";
      return EXIT_BAD_INPUT;
    }
  }
  if (vm.count("runs") && !runs_option(vm["runs"].as<std::string>(), o.runs)) return EXIT_BAD_INPUT;
  if (vm.count("launcher")) {
    o.launcher = vm["launcher"].as<std::string>();
    if (o.launcher.empty() || o.launcher.find('\n') != std::string::npos) {
      std::cerr << "starsim " << name << ": --launcher needs the path of an executable\n";
      return EXIT_BAD_INPUT;
    }
  }
  const experiment::ExperimentConfig c = experiment::parse_experiment(vm["file"].as<std::string>());
  if (kind == Kind::SEEK && !c.seek) {
    std::cerr << c.file << ": experiment has no 'seek' section\n";
    return EXIT_BAD_INPUT;
  }
  if (kind == Kind::PLAN && !c.plan) {
    std::cerr << c.file << ": experiment has no 'plan' section\n";
    return EXIT_BAD_INPUT;
  }
  if (kind == Kind::SWEEP && (c.seek || c.plan)) {
    std::cerr << c.file << ": this experiment is a " << (c.seek ? "seek" : "plan")
              << "; run it with starsim " << (c.seek ? "seek" : "plan") << "\n";
    return EXIT_BAD_INPUT;
  }
  const experiment::DriverResult r = kind == Kind::SWEEP  ? experiment::sweep(c, o)
                                     : kind == Kind::SEEK ? experiment::seek(c, o)
                                                          : experiment::plan(c, o);
  const int code = finish(name, r, o.quiet);
  if (!r.stopped_by_failures.empty()) {
    std::cerr << "starsim " << name << ": stopped: " << r.stopped_by_failures << "\n";
    return EXIT_FAILED;
  }
  return code;
}

}  // namespace

int sweep_command(const std::vector<std::string>& args) {
  return experiment_command(Kind::SWEEP, "sweep", args);
}
int seek_command(const std::vector<std::string>& args) {
  return experiment_command(Kind::SEEK, "seek", args);
}
int plan_command(const std::vector<std::string>& args) {
  return experiment_command(Kind::PLAN, "plan", args);
}

// starsim run-batch BATCH I: one task of a launcher's batch (not for people: a launcher runs it).
int run_batch_command(const std::vector<std::string>& args) {
  if (args.size() != 2 || args[1].empty() ||
      args[1].find_first_not_of("0123456789") != std::string::npos || args[1].size() > 12) {
    std::cerr << "starsim run-batch: usage: starsim run-batch BATCH_FILE TASK_INDEX (run by a "
                 "--launcher)\n";
    return EXIT_BAD_INPUT;
  }
  return experiment::run_batch_task(args[0], std::stoll(args[1])) == 0 ? EXIT_OK : EXIT_FAILED;
}

int merge_command(const std::vector<std::string>& args) {
  po::options_description opts("merge options");
  opts.add_options()("help,h", "this help")("dirs", po::value<std::vector<std::string>>(),
                                            "shard folders")("out", po::value<std::string>(),
                                                             "output folder (required)")(
      "force", "replace the results the output folder holds");
  po::positional_options_description pos;
  pos.add("dirs", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(opts).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "starsim merge: " << e.what() << "\n";
    return EXIT_BAD_INPUT;
  }
  if (vm.count("help")) {
    std::cout << "usage: starsim merge DIR... --out DIR\n" << opts;
    return EXIT_OK;
  }
  if (!vm.count("dirs") || !vm.count("out")) {
    std::cerr << "starsim merge: usage: starsim merge DIR... --out DIR\n";
    return EXIT_BAD_INPUT;
  }
  std::string out;
  if (!out_option("merge", vm["out"].as<std::string>(), out)) return EXIT_BAD_INPUT;
  return finish(
      "merge",
      experiment::merge(vm["dirs"].as<std::vector<std::string>>(), out, vm.count("force") > 0),
      false);
}

}  // namespace starsim::app
