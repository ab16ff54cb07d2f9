#include "sim/event_log.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/csv.hpp"
#include "sim/rng.hpp"
#include "sim/units.hpp"

using namespace starsim::sim;

TEST_CASE("timeline rows carry UTC time, 1-based ids and empty cells where not applicable") {
  const std::string path =
      (std::filesystem::temp_directory_path() / "starsim_event_log_test.csv").string();
  {
    EventLog log(1e9, *units::parse_date_s("2030-12-31"), {"starbase", "slc-37"});
    log.write_csv_to(path);
    Event e{86399.5, "launch.lifted_off", 0, 1, 2, 6, 11, 41, 100.0};
    log.emit(e);
    log.emit({86400.0, "payload.produced"});
    CHECK(!std::filesystem::exists(path));  // nothing under the final name before finish()
    log.finish();
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str() ==
        "time_s,time_utc,event,launch_id,site,pad,booster,ship,payload,value\n"
        "86399.500,2030-12-31T23:59:59Z,launch.lifted_off,1,slc-37,3,B7,S12,P42,100\n"
        "86400.000,2031-01-01T00:00:00Z,payload.produced,,,,,,,\n");
  std::filesystem::remove(path);
}

TEST_CASE("an unfinished timeline leaves no file behind") {
  const std::string path =
      (std::filesystem::temp_directory_path() / "starsim_unfinished.csv").string();
  {
    EventLog log(10, 0, {});
    log.write_csv_to(path);
    log.emit({1.0, "x.happened"});
  }
  CHECK(!std::filesystem::exists(path));
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
    CHECK(e.path().filename().string().rfind("starsim_unfinished.csv.tmp", 0) == std::string::npos);
}

TEST_CASE("a CSV field is quoted only when it must be") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
}

TEST_CASE("a row's time is the correctly rounded 3-decimal text fmt would give, over a century") {
  const std::string path =
      (std::filesystem::temp_directory_path() / "starsim_event_log_times.csv").string();
  std::vector<double> times{0.0,    0.0005,    0.0625,     0.0015,        1.0005,
                            3153.6, 3153.5995, 86399.9995, 3.1535999999e9};
  RandomStream rng(7, "times");
  for (int i = 0; i < 200000; ++i) {
    const double scale = std::pow(10.0, -3.0 + 12.5 * rng.uniform01());  // 1 ms to ~3e9 s
    times.push_back(scale * rng.uniform01());
    times.push_back(std::floor(scale * 2000.0) / 2000.0);  // exact halves of a millisecond
  }
  std::sort(times.begin(), times.end());
  {
    EventLog log(1e12, 0, {});
    log.write_csv_to(path);
    for (double t : times) log.emit({t, "tick.happened"});
    log.finish();
  }
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::size_t i = 0, wrong = 0;
  for (; std::getline(in, line); ++i) {
    const std::string got = line.substr(0, line.find(','));
    if (got != fmt::format("{:.3f}", times[i]) && ++wrong < 5)
      CHECK(got == fmt::format("{:.3f}", times[i]));
  }
  CHECK(i == times.size());
  CHECK(wrong == 0);
  std::filesystem::remove(path);
}
