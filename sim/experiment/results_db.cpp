#include "sim/experiment/results_db.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>

#include "sim/csv.hpp"

namespace starsim::experiment {

namespace {
constexpr std::size_t FIXED = 4;  // run, point, replication, seed

// Every table is keyed by what a reader selects on (run first), so WITHOUT ROWID: the key is the
// table's own order and its index on run, with no second copy of the rows. No STRICT: readers
// with an SQLite older than 3.37 (Python's on older systems) could not open the file.
constexpr const char* SCHEMA = R"(
CREATE TABLE runs(run INTEGER PRIMARY KEY, point INTEGER NOT NULL, replication INTEGER NOT NULL,
                  seed INTEGER NOT NULL, status TEXT NOT NULL);
CREATE TABLE params(run INTEGER NOT NULL, path TEXT NOT NULL, value TEXT NOT NULL,
                    PRIMARY KEY(run, path)) WITHOUT ROWID;
CREATE TABLE metrics(run INTEGER NOT NULL, name TEXT NOT NULL, value REAL, text TEXT,
                     PRIMARY KEY(run, name)) WITHOUT ROWID;
CREATE TABLE yearly(run INTEGER NOT NULL, year INTEGER NOT NULL, name TEXT NOT NULL,
                    value REAL, text TEXT, PRIMARY KEY(run, year, name)) WITHOUT ROWID;
CREATE TABLE summary(point INTEGER NOT NULL, name TEXT NOT NULL, stat TEXT NOT NULL,
                     value REAL, text TEXT, PRIMARY KEY(point, name, stat)) WITHOUT ROWID;
CREATE TABLE yearly_summary(point INTEGER NOT NULL, year INTEGER NOT NULL,
                            name TEXT NOT NULL, stat TEXT NOT NULL, value REAL, text TEXT,
                            PRIMARY KEY(point, year, name, stat)) WITHOUT ROWID;
CREATE TABLE timeline(run INTEGER NOT NULL, row INTEGER NOT NULL, time_s REAL NOT NULL,
                      time_utc TEXT, event TEXT NOT NULL, launch_id INTEGER, site TEXT,
                      pad INTEGER, booster TEXT, ship TEXT, payload TEXT, value REAL,
                      PRIMARY KEY(run, row)) WITHOUT ROWID;
CREATE INDEX runs_by_point ON runs(point);
)";

// timeline.csv's columns, in its order (configs/README.md), and which are whole numbers or reals.
const std::vector<std::string> TIMELINE_COLUMNS{"time_s",  "time_utc", "event",   "launch_id",
                                                "site",    "pad",      "booster", "ship",
                                                "payload", "value"};

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  throw sim::OutputError(fmt::format("cannot build results.sqlite: {}: {}", what,
                                     db ? sqlite3_errmsg(db) : "out of memory"));
}

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

void exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(db, sql);
}

// A prepared INSERT: bind the row's cells in order, then insert().
class Insert {
 public:
  Insert(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) fail(db, sql);
  }
  ~Insert() { sqlite3_finalize(stmt_); }
  Insert(const Insert&) = delete;
  Insert& operator=(const Insert&) = delete;

  Insert& integer(std::int64_t x) { return check(sqlite3_bind_int64(stmt_, ++at_, x)); }
  Insert& real(double x) { return check(sqlite3_bind_double(stmt_, ++at_, x)); }
  Insert& text(const std::string& s) {
    return check(
        sqlite3_bind_text(stmt_, ++at_, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT));
  }
  Insert& null() { return check(sqlite3_bind_null(stmt_, ++at_)); }
  // A cell as value and text (results_db.hpp).
  Insert& cell(const std::string& c) {
    if (c == "true" || c == "false") return real(c == "true" ? 1.0 : 0.0).text(c);
    double x = 0;
    const auto [end, err] = std::from_chars(c.data(), c.data() + c.size(), x);
    if (err == std::errc() && end == c.data() + c.size() && std::isfinite(x)) return real(x).null();
    return null().text(c);
  }
  void insert() {
    if (sqlite3_step(stmt_) != SQLITE_DONE) fail(db_, sqlite3_sql(stmt_));
    sqlite3_reset(stmt_);
    at_ = 0;
  }

 private:
  Insert& check(int rc) {
    if (rc != SQLITE_OK) fail(db_, "binding a value");
    return *this;
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int at_ = 0;
};

std::int64_t whole(const std::string& cell, const std::string& column) {
  std::int64_t x = 0;
  const auto [end, err] = std::from_chars(cell.data(), cell.data() + cell.size(), x);
  if (err != std::errc() || end != cell.data() + cell.size())
    throw sim::OutputError(
        fmt::format("cannot build results.sqlite: {} '{}' is not a whole number", column, cell));
  return x;
}

// The rows of a CSV text (a quoted cell may hold a line break).
std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::size_t from = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (text[i] == '\n' && !quoted) {
      rows.push_back(parse_csv_line(text.substr(from, i - from)));
      from = i + 1;
    }
  }
  return rows;
}

// A statistics column of summary.csv or yearly.csv as (name, stat): "gw_launched_mean" is
// (gw_launched, mean); the counts of runs are (runs, ok) and (runs, failed); bottleneck_mode is
// (bottleneck, mode).
std::pair<std::string, std::string> name_and_stat(const std::string& column) {
  if (column == "runs") return {"runs", "ok"};
  if (column == "runs_failed") return {"runs", "failed"};
  if (column == "bottleneck_mode") return {"bottleneck", "mode"};
  for (const std::string stat : {"mean", "sd", "ci95", "min", "max"})
    if (column.size() > stat.size() + 1 && column.ends_with("_" + stat))
      return {column.substr(0, column.size() - stat.size() - 1), stat};
  return {column, ""};
}

// summary.csv or yearly.csv into `table`: `keys` leading columns (point, the varied values and,
// in yearly.csv, year) of which the point and the year are kept.
void insert_statistics(sqlite3* db, const std::string& csv, std::size_t keys, bool by_year,
                       const char* table) {
  const auto rows = csv_rows(csv);
  if (rows.empty()) return;
  Insert ins(db,
             fmt::format("INSERT INTO {} VALUES (?, {}?, ?, ?, ?)", table, by_year ? "?, " : ""));
  const auto& header = rows.front();
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    for (std::size_t col = keys; col < header.size() && col < row.size(); ++col) {
      if (row[col].empty()) continue;
      const auto [name, stat] = name_and_stat(header[col]);
      ins.integer(whole(row[0], "point"));
      if (by_year) ins.integer(whole(row[keys - 1], "year"));
      ins.text(name).text(stat).cell(row[col]).insert();
    }
  }
}

}  // namespace

// A kept run's timeline.csv, one row per event (empty cells NULL), into `timeline`.
void insert_timeline(sqlite3* db, std::int64_t run, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return;  // a run without its timeline (timeline: false in its scenario)
  std::ostringstream text;
  text << in.rdbuf();
  const auto rows = csv_rows(text.str());
  if (rows.empty() || rows.front() != TIMELINE_COLUMNS)
    throw sim::OutputError(
        fmt::format("cannot build results.sqlite: '{}' is not a timeline.csv", path));
  Insert ins(db, "INSERT INTO timeline VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() != TIMELINE_COLUMNS.size())
      throw sim::OutputError(
          fmt::format("cannot build results.sqlite: {}:{} has {} cells", path, i + 1, r.size()));
    ins.integer(run).integer(static_cast<std::int64_t>(i));
    for (std::size_t c = 0; c < r.size(); ++c) {
      const std::string& name = TIMELINE_COLUMNS[c];
      if (r[c].empty()) {
        ins.null();
      } else if (name == "launch_id" || name == "pad") {
        ins.integer(whole(r[c], path + " " + name));
      } else if (name == "time_s" || name == "value") {
        double x = 0;
        const auto [end, err] = std::from_chars(r[c].data(), r[c].data() + r[c].size(), x);
        if (err != std::errc() || end != r[c].data() + r[c].size())
          ins.text(r[c]);
        else
          ins.real(x);
      } else {
        ins.text(r[c]);
      }
    }
    ins.insert();
  }
}

std::string results_sqlite(const Table& t, const std::string& runs_dir) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open(":memory:", &raw);
  Db db(raw);
  if (rc != SQLITE_OK) fail(raw, "opening an in-memory database");
  exec(raw, SCHEMA);
  exec(raw, "BEGIN");
  {
    const auto& h = t.header;
    if (h.size() < FIXED + t.varied + yearly_run_columns(t.years).size() + 1)
      throw sim::OutputError(fmt::format(
          "cannot build results.sqlite: {} columns are too few for a results table", h.size()));
    const std::size_t yearly_from = h.size() - 1 - yearly_run_columns(t.years).size();
    Insert runs(raw, "INSERT INTO runs VALUES (?, ?, ?, ?, ?)");
    Insert params(raw, "INSERT INTO params VALUES (?, ?, ?)");
    Insert metrics(raw, "INSERT INTO metrics VALUES (?, ?, ?, ?)");
    Insert yearly(raw, "INSERT INTO yearly VALUES (?, ?, ?, ?, ?)");
    // A yearly column's metric and year: "gw_launched_2031" is (gw_launched, 2031).
    std::vector<std::pair<std::string, std::int64_t>> yearly_of;
    for (std::size_t col = yearly_from; col + 1 < h.size(); ++col) {
      const auto cut = h[col].rfind('_');
      yearly_of.emplace_back(h[col].substr(0, cut),
                             whole(h[col].substr(cut + 1), "the year of " + h[col]));
    }
    for (const auto& [run, row] : t.rows) {
      if (row.size() != h.size())
        throw sim::OutputError(
            fmt::format("cannot build results.sqlite: run {} has {} cells for {} columns", run,
                        row.size(), h.size()));
      runs.integer(run).integer(whole(row[1], "point")).integer(whole(row[2], "replication"));
      runs.integer(whole(row[3], "seed")).text(row.back()).insert();
      for (std::size_t col = FIXED; col < FIXED + t.varied; ++col)
        params.integer(run).text(h[col]).text(row[col]).insert();
      for (std::size_t col = FIXED + t.varied; col < yearly_from; ++col)
        if (!row[col].empty()) metrics.integer(run).text(h[col]).cell(row[col]).insert();
      for (std::size_t col = yearly_from; col + 1 < h.size(); ++col) {
        if (row[col].empty()) continue;
        const auto& [name, year] = yearly_of[col - yearly_from];
        yearly.integer(run).integer(year).text(name).cell(row[col]).insert();
      }
    }
    if (!runs_dir.empty())
      for (const auto& [run, row] : t.rows)
        if (row.back() == "ok")
          insert_timeline(raw, run, fmt::format("{}/run-{}/timeline.csv", runs_dir, run));
    insert_statistics(raw, t.summary_csv(), 1 + t.varied, false, "summary");
    insert_statistics(raw, t.yearly_csv(), 2 + t.varied, true, "yearly_summary");
  }
  exec(raw, "COMMIT");
  sqlite3_int64 size = 0;
  unsigned char* bytes = sqlite3_serialize(raw, "main", &size, 0);
  if (!bytes) fail(raw, "serializing");
  std::string out(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
  sqlite3_free(bytes);
  return out;
}

}  // namespace starsim::experiment
