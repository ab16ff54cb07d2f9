// libFuzzer target over everything a user writes by hand: scenario text, experiment text and
// --set overrides. Bad input must end in sim::config::ConfigError (exit 2 in the program);
// any other exception, a crash, a sanitizer report, a hang (-timeout) or a blow-up
// (-rss_limit_mb) is a finding. Findings are kept in tests/fuzz/crashes/ and replayed by
// tests/fuzz/replay_crashes.sh.
//
// Input layout: up to three parts separated by NUL bytes
//   SCENARIO \0 EXPERIMENT \0 OVERRIDES
//   SCENARIO   YAML text: Document::load_string + models::parse_scenario
//   EXPERIMENT YAML text: written to <tmp>/experiments/fuzz.yaml, experiment::parse_experiment
//              (its base may name ../scenarios/{baseline,caps-2025,droneship}.yaml or
//              fleet-bound.yaml, copied there at start-up)
//   OVERRIDES  one PATH=VALUE a line, applied to configs/scenarios/baseline.yaml, then parsed
// An empty part is skipped. tests/fuzz/seed_corpus.sh builds seeds in this layout.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/scenario_config.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/experiment/experiment_config.hpp"

namespace {

namespace fs = std::filesystem;
using starsim::sim::config::ConfigError;
using starsim::sim::config::Document;

std::string g_baseline;  // configs/scenarios/baseline.yaml
fs::path g_dir;          // per-process scratch folder
fs::path g_experiment;   // g_dir/experiments/fuzz.yaml

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "fuzz_config: cannot read %s\n", p.c_str());
    std::abort();
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void remove_scratch() {
  std::error_code ec;
  fs::remove_all(g_dir, ec);
}

[[noreturn]] void finding(const char* part, const char* what) {
  std::fprintf(stderr, "fuzz_config: %s: an exception other than ConfigError: %s\n", part, what);
  std::abort();
}

// Runs one part; ConfigError is the expected answer to bad input.
template <class F>
void run_part(const char* part, F&& f) {
  try {
    f();
  } catch (const ConfigError&) {
  } catch (const std::exception& e) {
    finding(part, e.what());
  } catch (...) {
    finding(part, "(not a std::exception)");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const fs::path src = STARSIM_SOURCE_DIR;
  g_baseline = read_file(src / "configs/scenarios/baseline.yaml");
  std::string tmpl = (fs::temp_directory_path() / "starsim-fuzz-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) {
    std::perror("fuzz_config: mkdtemp");
    std::abort();
  }
  g_dir = tmpl;
  std::atexit(remove_scratch);
  fs::create_directories(g_dir / "scenarios");
  fs::create_directories(g_dir / "experiments");
  for (const auto& e : fs::directory_iterator(src / "configs/scenarios"))
    if (e.path().extension() == ".yaml")
      fs::copy_file(e.path(), g_dir / "scenarios" / e.path().filename());
  const fs::path fleet_bound = src / "tests/data/experiments/fleet-bound.yaml";
  if (fs::exists(fleet_bound)) fs::copy_file(fleet_bound, g_dir / "experiments/fleet-bound.yaml");
  g_experiment = g_dir / "experiments/fuzz.yaml";
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view parts[3];
  std::size_t start = 0;
  for (int i = 0; i < 3; ++i) {
    const std::size_t nul = i < 2 ? input.find('\0', start) : std::string_view::npos;
    const std::size_t end = nul == std::string_view::npos ? input.size() : nul;
    parts[i] = input.substr(start, end - start);
    if (nul == std::string_view::npos) break;
    start = nul + 1;
  }

  if (!parts[0].empty()) {
    run_part("scenario", [&] {
      const Document doc = Document::load_string(std::string(parts[0]), "fuzz.yaml");
      starsim::models::parse_scenario(doc);
    });
  }

  // Experiments name files: keep the fuzzer inside its scratch folder and the sources (a base
  // under /proc or /dev could read forever or from a device).
  if (!parts[1].empty() && parts[1].find("/proc") == std::string_view::npos &&
      parts[1].find("/dev") == std::string_view::npos &&
      parts[1].find("/sys") == std::string_view::npos) {
    {
      std::ofstream out(g_experiment, std::ios::binary | std::ios::trunc);
      out.write(parts[1].data(), static_cast<std::streamsize>(parts[1].size()));
    }
    run_part("experiment", [&] { starsim::experiment::parse_experiment(g_experiment.string()); });
  }

  if (!parts[2].empty()) {
    run_part("override", [&] {
      Document doc = Document::load_string(g_baseline, "baseline.yaml");
      std::size_t pos = 0;
      while (pos <= parts[2].size()) {
        std::size_t nl = parts[2].find('\n', pos);
        if (nl == std::string_view::npos) nl = parts[2].size();
        const std::string line(parts[2].substr(pos, nl - pos));
        if (!line.empty()) doc.apply_override(line);
        pos = nl + 1;
      }
      starsim::models::parse_scenario(doc);
    });
  }
  return 0;
}
