#include "sim/experiment/headline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "sim/experiment/driver_common.hpp"

namespace starsim::experiment {

namespace {

// The cells of a column over a point's ok rows.
std::vector<std::string> cells_of(const Table& t, std::int64_t point, const std::string& column) {
  std::vector<std::string> out;
  const auto it = std::find(t.header.begin(), t.header.end(), column);
  if (it == t.header.end()) return out;
  const auto col = static_cast<std::size_t>(it - t.header.begin());
  const std::string p = std::to_string(point);
  for (const auto& [run, row] : t.rows)
    if (row[1] == p && row.back() == "ok" && col < row.size()) out.push_back(row[col]);
  return out;
}

// 7868.67 -> "7,869"; 78.7 -> "78.7": three significant figures at least, thousands grouped.
std::string readable(double x) {
  if (std::isnan(x)) return "n/a";
  if (std::fabs(x) >= 1000) {
    std::string digits = std::to_string(std::llabs(std::llround(x)));
    for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3)
      digits.insert(static_cast<std::size_t>(i), ",");
    return (x < 0 ? "-" : "") + digits;
  }
  return fmt::format("{:.3g}", x);
}

std::string metric_part(const Table& t, std::int64_t point, const std::string& metric,
                        const std::string& label, const std::string& met_column) {
  const auto [mean, ci] = t.mean_ci(point, metric);
  if (std::isnan(mean)) return "";
  std::string out =
      fmt::format("{} {}{}", label, readable(mean), std::isnan(ci) ? "" : " ±" + readable(ci));
  const auto met = cells_of(t, point, met_column);
  std::size_t yes = 0, judged = 0;
  for (const auto& m : met) {
    if (m.empty()) continue;  // no target in the scenario
    ++judged;
    yes += m == "true" ? 1 : 0;
  }
  if (judged > 0) out += fmt::format(" (target met in {} of {})", yes, judged);
  return out;
}

}  // namespace

std::string headline(const Table& t, std::int64_t point) {
  std::vector<std::string> parts;
  for (const auto& [metric, label, met] :
       {std::tuple{"launches_per_year", "launches/year", "launches_target_met"},
        std::tuple{"gw_per_year", "GW/year", "gw_target_met"}}) {
    const std::string part = metric_part(t, point, metric, label, met);
    if (!part.empty()) parts.push_back(part);
  }
  if (parts.empty()) return "";
  std::vector<std::pair<std::string, int>> counts;  // first seen first: ties keep run order
  const auto causes = cells_of(t, point, "bottleneck");
  for (const auto& c : causes) {
    auto it =
        std::find_if(counts.begin(), counts.end(), [&](const auto& e) { return e.first == c; });
    if (it == counts.end())
      counts.emplace_back(c, 1);
    else
      ++it->second;
  }
  std::stable_sort(counts.begin(), counts.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string shares;
  for (const auto& [cause, n] : counts)
    shares += fmt::format("{}{} {} of {}", shares.empty() ? "" : ", ", cause, n, causes.size());
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return shares.empty() ? out : out + "; bottleneck " + shares;
}

std::string headlines(const Table& t, std::size_t max_points) {
  std::set<std::int64_t> points;
  for (const auto& [run, row] : t.rows) points.insert(std::stoll(row[1]));
  std::string out;
  std::size_t shown = 0;
  for (const std::int64_t p : points) {
    if (shown == max_points) {
      out += fmt::format("  ... and {} more points: summary.csv\n", points.size() - shown);
      break;
    }
    const std::string line = headline(t, p);
    if (line.empty()) continue;
    std::string label;
    for (std::size_t i = 0; i < t.varied; ++i) {
      const auto& row = std::find_if(t.rows.begin(), t.rows.end(), [&](const auto& r) {
                          return std::stoll(r.second[1]) == p;
                        })->second;
      label += fmt::format("{}{}={}", label.empty() ? "" : ", ", t.header[4 + i], row[4 + i]);
    }
    out +=
        fmt::format("  {}{}\n",
                    points.size() == 1 && label.empty()
                        ? ""
                        : fmt::format("point {}{}: ", p, label.empty() ? "" : " (" + label + ")"),
                    line);
    ++shown;
  }
  return out;
}

}  // namespace starsim::experiment
