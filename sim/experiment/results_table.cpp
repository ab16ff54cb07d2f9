#include "sim/experiment/results_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

#include "models/launch/run_scenario.hpp"
#include "models/launch/yearly_metrics.hpp"
#include "sim/csv.hpp"

namespace starsim::experiment {

namespace {
constexpr std::size_t FIXED = 4;  // run, point, replication, seed

std::string num(double x) { return fmt::format("{}", x); }

// A cell as a number: numbers, and true/false as 1/0 (the share of runs meeting a target).
bool as_number(const std::string& cell, double& out) {
  if (cell == "true") return out = 1.0, true;
  if (cell == "false") return out = 0.0, true;
  if (cell.empty()) return false;
  char* end = nullptr;
  out = std::strtod(cell.c_str(), &end);
  return end && *end == '\0';
}
// The mean, sample sd and 95 % CI half-width (Student's t) of a non-empty sample; sd and CI
// are NaN for one value.
struct Described {
  double mean, sd, ci;
};
Described describe(const std::vector<double>& xs) {
  double sum = 0;
  for (double x : xs) sum += x;
  const double n = static_cast<double>(xs.size()), mean = sum / n;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (xs.size() < 2) return {mean, nan, nan};
  double ss = 0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  const double sd = std::sqrt(ss / (n - 1));
  return {mean, sd, t_975(static_cast<std::int64_t>(xs.size()) - 1) * sd / std::sqrt(n)};
}

// Mean, sd, 95% CI half-width, min and max of a column over the ok rows (empty cells where
// they cannot be computed). With `never` (models::empty_means_never), an ok run's empty cell is
// a value later than every other: mean, sd, CI and max are then empty too, and min is the
// earliest of the others.
void add_statistics(std::vector<std::string>& cells,
                    const std::vector<const std::vector<std::string>*>& rows, std::size_t col,
                    bool never = false) {
  std::vector<double> xs;
  bool some_never = false;
  for (const auto* r : rows) {
    if (r->back() != "ok") continue;
    double x = 0;
    if (col < r->size() && as_number((*r)[col], x)) {
      xs.push_back(x);
    } else {
      some_never = some_never || never;
    }
  }
  if (xs.empty() || some_never) {
    for (int i = 0; i < 5; ++i) cells.emplace_back();
    if (!xs.empty()) cells[cells.size() - 2] = num(*std::min_element(xs.begin(), xs.end()));
    return;
  }
  const Described d = describe(xs);
  cells.push_back(num(d.mean));
  cells.push_back(std::isnan(d.sd) ? std::string() : num(d.sd));
  cells.push_back(std::isnan(d.ci) ? std::string() : num(d.ci));
  cells.push_back(num(*std::min_element(xs.begin(), xs.end())));
  cells.push_back(num(*std::max_element(xs.begin(), xs.end())));
}

}  // namespace

const std::vector<std::string>& run_metric_columns() {
  static const std::vector<std::string> COLUMNS = [] {
    std::vector<std::string> out;
    for (const auto& c : models::summary_columns())
      if (c != "name" && c != "seed" && c != "wall_s") out.push_back(c);
    return out;
  }();
  return COLUMNS;
}

std::vector<std::string> yearly_run_columns(const std::vector<int>& years) {
  std::vector<std::string> out;
  for (const auto& m : models::yearly_experiment_metrics())
    for (int y : years) out.push_back(models::yearly_column(m, y));
  return out;
}

std::vector<std::string> runs_header(const std::vector<std::string>& varied_paths,
                                     const std::vector<int>& years) {
  std::vector<std::string> h{"run", "point", "replication", "seed"};
  h.insert(h.end(), varied_paths.begin(), varied_paths.end());
  h.insert(h.end(), run_metric_columns().begin(), run_metric_columns().end());
  const auto yearly = yearly_run_columns(years);
  h.insert(h.end(), yearly.begin(), yearly.end());
  h.emplace_back("status");
  return h;
}

double t_975(std::int64_t df) {
  if (df < 1) return std::numeric_limits<double>::quiet_NaN();
  const boost::math::students_t t(static_cast<double>(df));
  return boost::math::quantile(boost::math::complement(t, 0.025));
}

std::string csv_line(const std::vector<std::string>& cells) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    out += sim::csv_field(cells[i]);
  }
  return out + "\n";
}

std::vector<std::string> parse_csv_line(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

std::string Table::runs_csv() const {
  std::string out = csv_line(header);
  for (const auto& [run, row] : rows) out += csv_line(row);
  return out;
}

std::pair<double, double> Table::mean_ci(std::int64_t point, const std::string& metric,
                                         std::int64_t replications) const {
  const auto col =
      static_cast<std::size_t>(std::find(header.begin(), header.end(), metric) - header.begin());
  std::vector<double> xs;
  for (const auto& [run, row] : rows) {
    double x = 0;
    if (std::stoll(row[1]) == point && std::stoll(row[2]) < replications && row.back() == "ok" &&
        col < row.size() && as_number(row[col], x))
      xs.push_back(x);
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (xs.empty()) return {nan, nan};
  const Described d = describe(xs);
  return {d.mean, d.ci};
}

std::pair<double, double> Table::paired_difference(std::int64_t a, std::int64_t b,
                                                   const std::string& metric) const {
  const auto col =
      static_cast<std::size_t>(std::find(header.begin(), header.end(), metric) - header.begin());
  std::map<std::string, double> of_a, of_b;  // by replication
  for (const auto& [run, row] : rows) {
    double x = 0;
    if (row.back() != "ok" || col >= row.size() || !as_number(row[col], x)) continue;
    const std::int64_t point = std::stoll(row[1]);
    if (point == a) of_a[row[2]] = x;
    if (point == b) of_b[row[2]] = x;
  }
  std::vector<double> diffs;
  for (const auto& [rep, x] : of_b)
    if (const auto it = of_a.find(rep); it != of_a.end()) diffs.push_back(x - it->second);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (diffs.empty()) return {nan, nan};
  const Described d = describe(diffs);
  return {d.mean, d.ci};
}

std::string Table::bottleneck_mode(std::int64_t point, const std::string& column) const {
  const auto col =
      static_cast<std::size_t>(std::find(header.begin(), header.end(), column) - header.begin());
  std::vector<std::pair<std::string, int>> counts;
  for (const auto& [run, row] : rows) {
    if (std::stoll(row[1]) != point || row.back() != "ok" || col >= row.size() || row[col].empty())
      continue;
    const std::string& cause = row[col];  // clang 14 cannot capture a structured binding
    auto it =
        std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == cause; });
    if (it == counts.end()) {
      counts.emplace_back(cause, 1);
    } else {
      ++it->second;
    }
  }
  std::string best;
  int best_n = 0;
  for (const auto& [name, n] : counts)
    if (n > best_n) best = name, best_n = n;
  return best;
}

std::string Table::summary_csv() const {
  std::vector<std::string> h(header.begin() + FIXED,
                             header.begin() + static_cast<std::ptrdiff_t>(FIXED + varied));
  h.insert(h.begin(), "point");
  h.emplace_back("runs");
  h.emplace_back("runs_failed");
  std::vector<std::size_t> metric_cols;
  const std::size_t yearly_from = header.size() - 1 - yearly_run_columns(years).size();
  for (std::size_t i = FIXED + varied; i < yearly_from; ++i) {
    if (header[i] == "config_sha256" || header[i] == "bottleneck") continue;
    metric_cols.push_back(i);
    for (const char* s : {"_mean", "_sd", "_ci95", "_min", "_max"}) h.push_back(header[i] + s);
  }
  h.emplace_back("bottleneck_mode");
  std::string out = csv_line(h);

  std::map<std::int64_t, std::vector<const std::vector<std::string>*>> by_point;
  for (const auto& [run, row] : rows) by_point[std::stoll(row[1])].push_back(&row);
  for (const auto& [point, prows] : by_point) {
    std::vector<std::string> cells{std::to_string(point)};
    for (std::size_t v = 0; v < varied; ++v) cells.push_back((*prows.front())[FIXED + v]);
    std::size_t ok = 0;
    for (const auto* r : prows) ok += r->back() == "ok" ? 1 : 0;
    cells.push_back(std::to_string(ok));
    cells.push_back(std::to_string(prows.size() - ok));
    for (std::size_t col : metric_cols)
      add_statistics(cells, prows, col, models::empty_means_never(header[col]));
    cells.push_back(bottleneck_mode(point));
    out += csv_line(cells);
  }
  return out;
}

std::string Table::yearly_csv() const {
  std::vector<std::string> h(header.begin() + FIXED,
                             header.begin() + static_cast<std::ptrdiff_t>(FIXED + varied));
  h.insert(h.begin(), "point");
  h.emplace_back("year");
  h.emplace_back("runs");
  std::vector<std::string> numeric;
  for (const auto& m : models::yearly_experiment_metrics()) {
    if (m == "bottleneck") continue;
    numeric.push_back(m);
    for (const char* s : {"_mean", "_sd", "_ci95", "_min", "_max"}) h.push_back(m + s);
  }
  h.emplace_back("bottleneck_mode");
  std::string out = csv_line(h);
  const auto col_of = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  std::map<std::int64_t, std::vector<const std::vector<std::string>*>> by_point;
  for (const auto& [run, row] : rows) by_point[std::stoll(row[1])].push_back(&row);
  for (const auto& [point, prows] : by_point) {
    for (int year : years) {
      // The ok runs of the point whose horizon covers the year.
      std::vector<const std::vector<std::string>*> covering;
      const std::size_t launches = col_of(models::yearly_column("launches", year));
      for (const auto* r : prows)
        if (r->back() == "ok" && launches < r->size() && !(*r)[launches].empty())
          covering.push_back(r);
      if (covering.empty()) continue;
      std::vector<std::string> cells{std::to_string(point)};
      for (std::size_t v = 0; v < varied; ++v) cells.push_back((*prows.front())[FIXED + v]);
      cells.push_back(std::to_string(year));
      cells.push_back(std::to_string(covering.size()));
      for (const auto& m : numeric)
        add_statistics(cells, covering, col_of(models::yearly_column(m, year)));
      cells.push_back(bottleneck_mode(point, models::yearly_column("bottleneck", year)));
      out += csv_line(cells);
    }
  }
  return out;
}

}  // namespace starsim::experiment
