// The results of an experiment as tables: runs.csv (one row per run, in run order) and
// summary.csv (one row per point: mean, sd, 95% CI half-width by Student's t, min and max of
// every numeric metric). Built from rows alone, so a sweep, its shards merged, and a resumed
// sweep all give the same bytes.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace starsim::experiment {

// run,point,replication,seed, the varied paths, the metrics, the yearly metrics of these
// years (`<metric>_<year>`, metric by metric), status.
std::vector<std::string> runs_header(const std::vector<std::string>& varied_paths,
                                     const std::vector<int>& years);
// The `<metric>_<year>` columns, in runs.csv's order.
std::vector<std::string> yearly_run_columns(const std::vector<int>& years);
// The per-run metric columns: summary.csv's, less name, seed and wall_s (which differs by
// machine and load: runs.csv must not).
const std::vector<std::string>& run_metric_columns();

struct Table {
  std::vector<std::string> header;
  std::size_t varied = 0;
  std::vector<int> years;                                 // of the yearly columns
  std::map<std::int64_t, std::vector<std::string>> rows;  // by run index

  std::string runs_csv() const;
  // One row per point over the run's whole horizon (the yearly columns are yearly.csv's).
  std::string summary_csv() const;
  // One row per point and year: point, the varied values, year, runs (the ok runs that cover
  // the year), then the yearly metrics' statistics as in summary.csv, and bottleneck_mode.
  std::string yearly_csv() const;
  // Mean and CI half-width of a metric over the ok rows of one point (nan when none), of its
  // first `replications` (a decision made on 3 replications is the same when the journal, being
  // resumed, already holds 12).
  std::pair<double, double> mean_ci(
      std::int64_t point, const std::string& metric,
      std::int64_t replications = std::numeric_limits<std::int64_t>::max()) const;
  // The mean of b's value less a's, replication by replication (runs of the same replication
  // index paired: common random numbers), and its 95 % CI half-width; NaN without a pair.
  std::pair<double, double> paired_difference(std::int64_t a, std::int64_t b,
                                              const std::string& metric) const;
  // The most frequent bottleneck of a point's ok rows (ties: first seen); `column` names a
  // year's ("bottleneck_2031").
  std::string bottleneck_mode(std::int64_t point, const std::string& column = "bottleneck") const;
};

// Two-sided 95% Student's t quantile for df degrees of freedom (df >= 1; Boost.Math's students_t).
double t_975(std::int64_t df);

std::vector<std::string> parse_csv_line(const std::string& line);
std::string csv_line(const std::vector<std::string>& cells);

}  // namespace starsim::experiment
