// Helpers for scenario tests: run the starsim binary on a scenario text in a fresh folder
// (one simulation per process, as SimGrid requires) and read back what it wrote.
#pragma once

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/temp_dir.hpp"

namespace starsim::test {

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

struct Outcome {
  int exit_code = -1;
  std::string out, err;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs the starsim binary with these arguments; captures stdout, stderr and the exit code.
inline Outcome run_starsim(const std::vector<std::string>& args, const TempDir& dir) {
  std::string cmd = shell_quote(STARSIM_BINARY);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd += " >" + shell_quote(dir / "stdout.txt") + " 2>" + shell_quote(dir / "stderr.txt");
  int status = std::system(cmd.c_str());
  Outcome o;
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  o.out = read_text(dir / "stdout.txt");
  o.err = read_text(dir / "stderr.txt");
  return o;
}

// Writes the scenario text to DIR/scenario.yaml and runs it into DIR/out.
inline Outcome run_scenario_text(const std::string& yaml, const TempDir& dir,
                                 std::vector<std::string> extra = {}) {
  write_text(dir / "scenario.yaml", yaml);
  std::vector<std::string> args{"run", dir / "scenario.yaml", "--out", dir / "out", "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_starsim(args, dir);
}

inline std::vector<std::string> split(const std::string& line, char sep = ',') {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, sep)) cells.push_back(cell);
  if (!line.empty() && line.back() == sep) cells.emplace_back();
  return cells;
}

// summary.csv as column -> value.
inline std::map<std::string, std::string> read_summary(const std::string& path) {
  std::istringstream in(read_text(path));
  std::string header, values;
  std::getline(in, header);
  std::getline(in, values);
  auto h = split(header), v = split(values);
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i < h.size() && i < v.size(); ++i) out[h[i]] = v[i];
  return out;
}

struct Row {
  double time_s;
  std::string event, launch_id, site, pad, booster, ship, payload, value;
};

inline std::vector<Row> read_timeline(const std::string& path) {
  std::istringstream in(read_text(path));
  std::string line;
  std::getline(in, line);  // header
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    auto c = split(line);
    c.resize(10);
    rows.push_back({std::stod(c[0]), c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]});
  }
  return rows;
}

inline std::vector<Row> only(const std::vector<Row>& rows, const std::string& event) {
  std::vector<Row> out;
  for (const auto& r : rows)
    if (r.event == event) out.push_back(r);
  return out;
}

// A CSV with a header as rows of column -> value (yearly.csv, runs.csv).
inline std::vector<std::map<std::string, std::string>> read_table(const std::string& path) {
  std::istringstream in(read_text(path));
  std::string line;
  std::getline(in, line);
  const auto header = split(line);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    const auto cells = split(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

// The rows of CSV text, quoted cells unquoted ("a ""b""" is a "b"; a quoted cell may hold a
// comma or a line break).
inline std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row(1);
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted && c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
      row.back() += '"', ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == ',') {
      row.emplace_back();
    } else if (!quoted && c == '\n') {
      rows.push_back(std::move(row));
      row.assign(1, "");
    } else if (!(c == '\r' && !quoted)) {
      row.back() += c;
    }
  }
  return rows;
}

// The rows an SQL query gives on an SQLite file, read with Debian's sqlite3 command (-csv: a
// NULL is an empty cell); the test fails when the command does.
inline std::vector<std::vector<std::string>> sqlite_rows(const std::string& db,
                                                         const std::string& sql) {
  const std::string cmd =
      "sqlite3 -batch -bail -csv " + shell_quote(db) + " " + shell_quote(sql) + " 2>&1";
  std::FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int status = ::pclose(p);
  INFO(cmd << "\n" << out);
  REQUIRE(status == 0);
  return csv_rows(out);
}

using Summary = std::map<std::string, std::string>;

// A summary (or yearly) column as a number; the test fails on an empty cell.
inline double num(const Summary& s, const std::string& column) {
  const auto it = s.find(column);
  const std::string v = it == s.end() ? std::string() : it->second;
  INFO("column " << column << " = '" << v << "'");
  REQUIRE_FALSE(v.empty());
  return std::stod(v);
}

// Runs the scenario text in DIR (exit code 0 required) and returns its summary row.
inline Summary run_ok(const std::string& yaml, const TempDir& dir,
                      std::vector<std::string> extra = {}) {
  Outcome o = run_scenario_text(yaml, dir, std::move(extra));
  REQUIRE_MESSAGE(o.exit_code == 0, o.err);
  return read_summary(dir / "out/summary.csv");
}

inline std::vector<Row> timeline(const TempDir& dir) {
  return read_timeline(dir / "out/timeline.csv");
}

// One site whose pads are the only limit: a pad stacks for 3 h, loads for 1 h, lifts off and
// refurbishes for 3 h (7 h a launch, at 4 + 7k hours); flights are instant, vehicles abundant,
// a payload every `interval_h`. `extra_site` is more YAML of the site, at its indentation.
inline std::string pad_bound_scenario(const std::string& pads, const std::string& extra_site,
                                      const std::string& horizon_d, const std::string& interval_h) {
  return "name: pad-bound\n"
         "start_date: 2030-01-01\n"
         "horizon_d: " +
         horizon_d +
         "\n"
         "vehicle:\n"
         "  booster: {fleet: 50, life_flights: 1000000, turnaround_h: 0}\n"
         "  ship: {fleet: 50, life_flights: 1000000, turnaround_h: 0}\n"
         "  phases: {stack_h: 3, propellant_load_h: 1, ascent_min: 0, booster_return_min: 0,\n"
         "           orbit_insertion_min: 0, deploy_h: 0, orbit_stay_h: 0, ship_return_h: 0, "
         "catch_clear_h: 0}\n"
         "sites:\n"
         "  - name: pb\n"
         "    pads: " +
         pads +
         "\n"
         "    pad_refurb_h: 3\n" +
         extra_site + "payload: {interval_h: " + interval_h +
         ", integration_bays: 50, integration_h: 0}\n";
}

}  // namespace starsim::test
