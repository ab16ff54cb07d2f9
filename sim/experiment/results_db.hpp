// results.sqlite: an experiment's results in long ("tidy") form, one value a row, for pandas,
// R or SQL, written beside the wide runs.csv, summary.csv and yearly.csv (configs/README.md,
// "results.sqlite"). Tables:
//   runs(run, point, replication, seed, status)          one row per run
//   params(run, path, value)                             the varied paths' values, as runs.csv
//   writes them metrics(run, name, value, text)                      runs.csv's metric columns
//   yearly(run, year, name, value, text)                 runs.csv's `<metric>_<year>` columns
//   summary(point, name, stat, value, text)              summary.csv (stat: mean, sd, ci95, min,
//   max) yearly_summary(point, year, name, stat, value, text) yearly.csv timeline(run, row, time_s,
//   time_utc, event, launch_id, site, pad, booster, ship, payload, value)
//                                                        each kept run's timeline.csv (timelines:
//                                                        true)
// `value` is the cell as a number (true and false as 1 and 0, as summary.csv counts them), NULL
// when it is not one; `text` is the cell as written when it is not a plain number (a
// bottleneck's name, config_sha256, true/false), else NULL. A cell runs.csv leaves empty (a
// failed run, a year past the horizon, a target never met) has no row.
#pragma once

#include <string>

#include "sim/experiment/results_table.hpp"

namespace starsim::experiment {

// The bytes of the database file. The same table gives the same bytes (same SQLite version):
// it is built in memory by the same statements, rows in run order. Throws sim::OutputError.
// runs_dir: the folder of the kept runs (OUT/runs, with timelines: true), whose timeline.csv
// files fill `timeline`; empty: no timeline rows.
std::string results_sqlite(const Table& t, const std::string& runs_dir = "");

}  // namespace starsim::experiment
