// results.sqlite (sim/experiment/results_db.hpp): a hand-made results table exported, written
// to a file and read back with Debian's sqlite3 command, as a user's pandas or R would.
#include "sim/experiment/results_db.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/experiment/results_table.hpp"

namespace ex = starsim::experiment;

namespace {

// A file removed at the end of the test.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& bytes) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "starsim-results-XXXXXX").string();
    const int fd = ::mkstemp(tmpl.data());
    REQUIRE(fd >= 0);
    ::close(fd);
    path = tmpl;
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// What `sqlite3 -csv FILE SQL` prints (the command must succeed).
std::string query(const TempFile& db, const std::string& sql) {
  const std::string cmd =
      "sqlite3 -batch -bail -csv " + shell_quote(db.path) + " " + shell_quote(sql) + " 2>&1";
  std::FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int status = ::pclose(p);
  INFO(cmd << "\n" << out);
  REQUIRE(status == 0);
  return out;
}

// run,point,replication,seed, one varied path, the metrics, two years' yearly columns, status:
// point 0 has two ok runs, point 1 an ok run and a failed one.
ex::Table hand_made_table() {
  ex::Table t;
  t.years = {2030, 2031};
  t.header = ex::runs_header({"sites[*].pads"}, t.years);
  t.varied = 1;
  auto set = [&](std::vector<std::string>& row, const std::string& column,
                 const std::string& value) {
    for (std::size_t i = 0; i < t.header.size(); ++i)
      if (t.header[i] == column) return void(row[i] = value);
    FAIL("no column " << column);
  };
  auto row = [&](std::int64_t run, const std::string& point, const std::string& pads,
                 const std::string& launches, const std::string& bottleneck,
                 const std::string& launches_2030, const std::string& launches_2031,
                 const std::string& status) {
    std::vector<std::string> r(t.header.size());
    r[0] = std::to_string(run), r[1] = point, r[2] = std::to_string(run % 2),
    r[3] = std::to_string(1000 + run);
    r[4] = pads;
    if (status == "ok") {
      // Every metric and year filled (a number of its own), then the cells the checks read.
      for (std::size_t i = 5; i + 1 < r.size(); ++i)
        r[i] = std::to_string(100 * run + static_cast<std::int64_t>(i));
      set(r, "config_sha256", "abc123");
      set(r, "launches", launches);
      set(r, "launches_per_year", "0.125");
      set(r, "bottleneck", bottleneck);
      set(r, "launches_target_met", run % 2 ? "false" : "true");
      set(r, "launches_2030", launches_2030);
      set(r, "launches_2031", launches_2031);
      set(r, "bottleneck_2030", bottleneck);
    }
    r.back() = status;
    t.rows[run] = r;
  };
  row(0, "0", "1", "10", "pad", "4", "6", "ok");
  row(1, "0", "1", "20.5", "booster", "8.25", "", "ok");  // a horizon that ends in 2030
  row(2, "1", "2", "7", "ship", "3", "4", "ok");
  row(3, "1", "2", "", "", "", "", "failed (exit 1)");
  return t;
}

// The cells runs.csv writes for the metrics (not run, point, ..., status), counted.
std::size_t filled_cells(const ex::Table& t, std::size_t from, std::size_t to) {
  std::size_t n = 0;
  for (const auto& [run, row] : t.rows)
    for (std::size_t i = from; i < to; ++i) n += row[i].empty() ? 0 : 1;
  return n;
}

}  // namespace

TEST_CASE(
    "results.sqlite holds runs, params, metrics and yearly, one cell a row, as runs.csv has them") {
  const ex::Table t = hand_made_table();
  const std::string bytes = ex::results_sqlite(t);
  REQUIRE(bytes.rfind(std::string("SQLite format 3\0", 16), 0) == 0);
  const TempFile db(bytes);
  CHECK(query(db, "PRAGMA integrity_check") == "ok\n");

  CHECK(query(db, "SELECT * FROM runs ORDER BY run") ==
        "0,0,0,1000,ok\n1,0,1,1001,ok\n2,1,0,1002,ok\n3,1,1,1003,\"failed (exit 1)\"\n");
  CHECK(query(db,
              "SELECT typeof(run), typeof(point), typeof(replication), typeof(seed) FROM runs "
              "LIMIT 1") == "integer,integer,integer,integer\n");
  CHECK(query(db, "SELECT run, path, value, typeof(value) FROM params ORDER BY run") ==
        "0,sites[*].pads,1,text\n1,sites[*].pads,1,text\n2,sites[*].pads,2,text\n3,sites[*].pads,2,"
        "text\n");

  // metrics: a row for every filled metric cell of runs.csv, none for the failed run's.
  const std::size_t yearly_from = t.header.size() - 1 - ex::yearly_run_columns(t.years).size();
  CHECK(query(db, "SELECT count(*) FROM metrics") ==
        std::to_string(filled_cells(t, 5, yearly_from)) + "\n");
  CHECK(query(db, "SELECT count(*) FROM metrics WHERE run = 3") == "0\n");
  // A number is a REAL value and no text; true/false are 1/0 and keep their text; a name is text.
  CHECK(query(db,
              "SELECT value, typeof(value), quote(text) FROM metrics WHERE run = 1 AND name = "
              "'launches'") == "20.5,real,NULL\n");
  CHECK(query(db,
              "SELECT value, text FROM metrics WHERE name = 'launches_target_met' ORDER BY run") ==
        "1.0,true\n0.0,false\n1.0,true\n");
  CHECK(query(db,
              "SELECT quote(value), text FROM metrics WHERE run = 2 AND name IN ('bottleneck', "
              "'config_sha256') "
              "ORDER BY name") == "NULL,ship\nNULL,abc123\n");
  // The mean of point 0's launches by SQL is the mean by hand and the results table's.
  CHECK(query(db,
              "SELECT avg(m.value) FROM metrics m JOIN runs r USING (run) "
              "WHERE r.point = 0 AND r.status = 'ok' AND m.name = 'launches'") == "15.25\n");
  CHECK(t.mean_ci(0, "launches").first == (10 + 20.5) / 2);

  // yearly: `<metric>_<year>` as (year, name); a year past a run's horizon has no row.
  CHECK(query(db, "SELECT count(*) FROM yearly") ==
        std::to_string(filled_cells(t, yearly_from, t.header.size() - 1)) + "\n");
  CHECK(
      query(db, "SELECT run, year, value FROM yearly WHERE name = 'launches' ORDER BY run, year") ==
      "0,2030,4.0\n0,2031,6.0\n1,2030,8.25\n2,2030,3.0\n2,2031,4.0\n");
  CHECK(
      query(
          db,
          "SELECT run, text FROM yearly WHERE name = 'bottleneck' AND year = 2030 ORDER BY run") ==
      "0,pad\n1,booster\n2,ship\n");
}

TEST_CASE("results.sqlite's summary and yearly_summary are summary.csv's and yearly.csv's cells") {
  const ex::Table t = hand_made_table();
  const TempFile db(ex::results_sqlite(t));
  // summary.csv: point 0's launches 10 and 20.5; point 1 one ok run and one failed.
  CHECK(query(db,
              "SELECT stat, value FROM summary WHERE point = 0 AND name = 'launches' AND stat IN "
              "('mean', 'min', "
              "'max') ORDER BY stat") == "max,20.5\nmean,15.25\nmin,10.0\n");
  const double sd = std::sqrt(2 * 5.25 * 5.25);  // n - 1 = 1
  CHECK(std::stod(query(
            db,
            "SELECT printf('%!.17g', value) FROM summary WHERE point = 0 AND name = 'launches' "
            "AND stat = 'sd'")) == doctest::Approx(sd).epsilon(1e-15));
  CHECK(std::stod(query(
            db,
            "SELECT printf('%!.17g', value) FROM summary WHERE point = 0 AND name = 'launches' "
            "AND stat = 'ci95'")) ==
        doctest::Approx(starsim::experiment::t_975(1) * sd / std::sqrt(2.0)).epsilon(1e-15));
  CHECK(query(db,
              "SELECT point, stat, value FROM summary WHERE name = 'runs' ORDER BY point, stat") ==
        "0,failed,0.0\n0,ok,2.0\n1,failed,1.0\n1,ok,1.0\n");
  CHECK(query(db,
              "SELECT point, text FROM summary WHERE name = 'bottleneck' AND stat = 'mode' ORDER "
              "BY point") == "0,pad\n1,ship\n");
  // One ok run: no sd nor CI (summary.csv's empty cells), so no row.
  CHECK(query(db,
              "SELECT count(*) FROM summary WHERE point = 1 AND name = 'launches' AND stat IN "
              "('sd', 'ci95')") == "0\n");
  // yearly.csv: 2031 is covered by run 0 only at point 0 (run 1's horizon ends in 2030).
  CHECK(query(db,
              "SELECT year, value FROM yearly_summary WHERE point = 0 AND name = 'launches' AND "
              "stat = 'mean' "
              "ORDER BY year") == "2030,6.125\n2031,6.0\n");
  CHECK(query(db,
              "SELECT year, value FROM yearly_summary WHERE point = 0 AND name = 'runs' ORDER BY "
              "year") == "2030,2.0\n2031,1.0\n");
}

TEST_CASE(
    "results.sqlite is the same bytes for the same table, whatever order its rows were added in") {
  const ex::Table t = hand_made_table();
  ex::Table reversed;
  reversed.header = t.header, reversed.varied = t.varied, reversed.years = t.years;
  for (auto it = t.rows.rbegin(); it != t.rows.rend(); ++it) reversed.rows[it->first] = it->second;
  const std::string a = ex::results_sqlite(t);
  CHECK(a == ex::results_sqlite(t));
  CHECK(a == ex::results_sqlite(reversed));
  // A different cell is a different file.
  ex::Table other = t;
  other.rows[0][5] = "abc124";
  CHECK(a != ex::results_sqlite(other));
}

TEST_CASE("results.sqlite of a table without runs has its tables, empty") {
  ex::Table t;
  t.header = ex::runs_header({}, {});
  const TempFile db(ex::results_sqlite(t));
  CHECK(query(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") ==
        "metrics\nparams\nruns\nsummary\ntimeline\nyearly\nyearly_summary\n");
  CHECK(query(db, "SELECT count(*) FROM runs") == "0\n");
}
