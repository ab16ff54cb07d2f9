// MapReader's quantities that change with time (schedules and ramps) and with experience
// (learning curves); yaml_reader.hpp documents the forms, configs/README.md the rules.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "sim/config/scalar_text.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/units.hpp"

namespace starsim::sim::config {

// One dated entry of a schedule or a ramp.
struct MapReader::Dated {
  double time_s;     // since the start
  std::string date;  // as written (YYYY-MM-DD)
  YAML::Node date_node, value;
  std::string path;  // of the value
};

namespace {

// A key of a mapping (without operator[], which may add it).
bool map_has(const YAML::Node& v, std::string_view key) {
  if (!v.IsMap()) return false;
  for (auto it = v.begin(); it != v.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == key) return true;
  return false;
}

std::string date_text(std::int64_t epoch_s) { return units::format_utc(epoch_s).substr(0, 10); }

// "2032-12-31" when the horizon ends at a midnight, else the instant.
std::string horizon_end_text(const Document::Calendar& cal) {
  const double end = static_cast<double>(cal.start_epoch_s) + cal.horizon_s;
  const auto whole = static_cast<std::int64_t>(end);
  if (static_cast<double>(whole) == end && whole % 86400 == 0) return date_text(whole);
  return units::format_utc(whole);
}

// The forms a key accepts, for messages.
std::string forms_text(bool ramp_ok) {
  return ramp_ok ? "a number, {schedule: {DATE: value, ...}} or {ramp: {DATE: value, ...}}"
                 : "a number or {schedule: {DATE: value, ...}}";
}

Timed<double> schedule_steps(const std::vector<std::pair<double, double>>& points) {
  std::size_t i = 0;
  while (i + 1 < points.size() && points[i + 1].first <= 0) ++i;
  Timed<double> out(points[i].second);
  for (++i; i < points.size(); ++i) out.step(points[i].first, points[i].second);
  return out;
}

// Linear between the points, constant after the last; the value changes at each midnight
// (start_date is one: steps at whole days since the start) up to the horizon.
Timed<double> ramp_steps(const std::vector<std::pair<double, double>>& points, double horizon_s) {
  auto value_at = [&](double t) {
    if (t >= points.back().first) return points.back().second;
    std::size_t i = 0;
    while (points[i + 1].first <= t) ++i;
    const auto [t0, v0] = points[i];
    const auto [t1, v1] = points[i + 1];
    return v0 + (v1 - v0) * (t - t0) / (t1 - t0);
  };
  Timed<double> out(value_at(0.0));
  double last = out.initial();
  const double end_s = std::min(horizon_s, points.back().first);
  for (double t = units::SECONDS_PER_DAY; t <= end_s && t < horizon_s;
       t += units::SECONDS_PER_DAY) {
    const double v = value_at(t);
    if (v != last) out.step(t, v);
    last = v;
  }
  return out;
}

}  // namespace

std::vector<MapReader::Dated> MapReader::dated_entries(std::string_view key, const YAML::Node& v,
                                                       bool ramp_ok, bool& ramp) const {
  const std::string path = key_path(key);
  if (!doc_->calendar())
    throw std::logic_error("a schedule is read before the scenario's calendar");
  const Document::Calendar cal = *doc_->calendar();
  if (v.size() != 1) {
    throw ConfigError(doc_->where(v), path,
                      fmt::format("expected {}; a schedule map has one key, got {}",
                                  forms_text(ramp_ok), v.size()));
  }
  const YAML::Node form = v.begin()->first;
  const YAML::Node body = v.begin()->second;
  const std::string form_name = form.IsScalar() ? form.Scalar() : std::string("<complex key>");
  std::vector<std::string> forms{"schedule"};
  if (ramp_ok) forms.push_back("ramp");
  if (std::find(forms.begin(), forms.end(), form_name) == forms.end()) {
    if (form_name == "ramp")
      throw ConfigError(
          doc_->where(form), path,
          "changes in whole steps: a ramp is not accepted here, write {schedule: ...}");
    const std::string hint = closest_match(form_name, forms);
    throw ConfigError(doc_->where(form), path,
                      fmt::format("unknown key '{}'{}: expected {}", form_name,
                                  hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint),
                                  forms_text(ramp_ok)));
  }
  ramp = form_name == "ramp";
  const std::string body_path = path + "." + form_name;
  std::vector<Dated> out;
  auto add = [&](const YAML::Node& date_node, const YAML::Node& value,
                 const std::string& value_path) {
    const std::string text = date_node.IsScalar() ? date_node.Scalar() : std::string();
    const std::optional<std::int64_t> epoch = units::parse_date_s(text);
    if (!epoch)
      throw ConfigError(
          doc_->where(date_node), body_path,
          date_node.IsScalar()
              ? fmt::format("expected a date YYYY-MM-DD, got '{}'", text)
              : fmt::format("expected a date YYYY-MM-DD, got {}", type_name(date_node)));
    const double t = static_cast<double>(*epoch - cal.start_epoch_s);
    if (!out.empty() && !(t > out.back().time_s))
      throw ConfigError(doc_->where(date_node), body_path,
                        t == out.back().time_s
                            ? fmt::format("{} is given twice", text)
                            : fmt::format("dates go in increasing order: {} comes after {}", text,
                                          out.back().date));
    if (!value.IsDefined() || value.IsNull())
      throw ConfigError(doc_->where(date_node), value_path, fmt::format("no value for {}", text));
    out.push_back({t, text, date_node, value, value_path});
  };
  if (body.IsMap()) {
    for (auto it = body.begin(); it != body.end(); ++it) {
      const YAML::Node k = it->first,
                       val = it->second;  // copies: the iterator's pair is a temporary
      add(k, val, body_path + "." + (k.IsScalar() ? k.Scalar() : std::string("?")));
    }
  } else if (body.IsSequence()) {
    std::size_t i = 0;
    for (auto it = body.begin(); it != body.end(); ++it, ++i) {
      const YAML::Node pair = *it;
      const std::string here = fmt::format("{}[{}]", body_path, i);
      if (!pair.IsSequence() || pair.size() != 2)
        throw ConfigError(doc_->where(pair), here, "expected a pair [DATE, value]");
      add(pair[0], pair[1], here + "[1]");
    }
  } else {
    throw ConfigError(
        doc_->where(body), body_path,
        fmt::format(
            "expected a mapping of dates to values (or a list of [DATE, value] pairs), got {}",
            type_name(body)));
  }
  if (out.empty()) throw ConfigError(doc_->where(body), body_path, "needs at least one date");
  if (ramp && out.size() < 2)
    throw ConfigError(doc_->where(body), body_path, "a ramp needs at least two dates");
  if (out.front().time_s > 0)
    throw ConfigError(
        doc_->where(out.front().date_node), body_path,
        fmt::format("starts on {}, after start_date {}: give the value at the start (a date on or "
                    "before {})",
                    out.front().date, date_text(cal.start_epoch_s), date_text(cal.start_epoch_s)));
  // A step at or past the horizon never applies; a ramp's date there still shapes the line
  // before it, unless the date before it is past the horizon too.
  for (std::size_t i = 0; i < out.size(); ++i) {
    const Dated& d = out[i];
    if (d.time_s >= cal.horizon_s && (!ramp || (i > 0 && out[i - 1].time_s >= cal.horizon_s)))
      doc_->warn(doc_->where(d.date_node), body_path,
                 fmt::format("{} is at or after the end of the horizon ({}): it never applies",
                             d.date, horizon_end_text(cal)));
  }
  return out;
}

Timed<double> MapReader::timed_number(std::string_view key, std::optional<double> def, double min,
                                      double max, bool ramp_ok) {
  YAML::Node v = find(key);
  if (!v.IsDefined() || v.IsScalar()) return Timed<double>(number(key, def, min, max));
  asked(key);
  if (!v.IsMap()) fail(key, fmt::format("expected {}, got {}", forms_text(ramp_ok), type_name(v)));
  bool ramp = false;
  const std::vector<Dated> entries = dated_entries(key, v, ramp_ok, ramp);
  ResolvedTree resolved;
  ResolvedTree* body = resolved.set(ramp ? "ramp" : "schedule", ResolvedTree());
  std::vector<std::pair<double, double>> points;
  for (const Dated& e : entries) {
    const double x = number_of(e.value, e.path, min, max);
    points.emplace_back(e.time_s, x);
    body->set(e.date, ResolvedTree::value(fmt_number(x)));
  }
  record(key, std::move(resolved));
  return ramp ? ramp_steps(points, doc_->calendar()->horizon_s) : schedule_steps(points);
}

Timed<std::int64_t> MapReader::timed_integer(std::string_view key, std::optional<std::int64_t> def,
                                             std::int64_t min, std::int64_t max,
                                             std::int64_t schedule_min, bool grow_only) {
  YAML::Node v = find(key);
  if (!v.IsDefined() || v.IsScalar()) return Timed<std::int64_t>(integer(key, def, min, max));
  asked(key);
  if (!v.IsMap()) fail(key, fmt::format("expected {}, got {}", forms_text(false), type_name(v)));
  bool ramp = false;
  const std::vector<Dated> entries = dated_entries(key, v, false, ramp);
  ResolvedTree resolved;
  ResolvedTree* body = resolved.set("schedule", ResolvedTree());
  std::vector<std::pair<double, std::int64_t>> points;
  for (const Dated& e : entries) {
    const std::string text = e.value.IsScalar() ? e.value.Scalar() : std::string();
    std::string_view s = text;
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    std::int64_t x = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
    if (!e.value.IsScalar() || s.empty() || ptr != s.data() + s.size() ||
        ec == std::errc::invalid_argument)
      throw ConfigError(doc_->where(e.value), e.path,
                        e.value.IsScalar()
                            ? fmt::format("expected an integer, got '{}'", text)
                            : fmt::format("expected an integer, got {}", type_name(e.value)));
    if (ec == std::errc::result_out_of_range || x < schedule_min || x > max)
      throw ConfigError(doc_->where(e.value), e.path,
                        fmt::format("must be between {} and {}, got {}", schedule_min, max, text));
    if (grow_only && !points.empty() && x < points.back().second)
      throw ConfigError(
          doc_->where(e.value), e.path,
          fmt::format("only grows: {} after {} (vehicles leave by loss, expending or retirement, "
                      "not by date)",
                      x, points.back().second));
    points.emplace_back(e.time_s, x);
    body->set(e.date, ResolvedTree::value(std::to_string(x)));
  }
  record(key, std::move(resolved));
  std::size_t i = 0;
  while (i + 1 < points.size() && points[i + 1].first <= 0) ++i;
  Timed<std::int64_t> out(points[i].second);
  for (++i; i < points.size(); ++i) out.step(points[i].first, points[i].second);
  return out;
}

Timed<Distribution> MapReader::timed_duration_s(std::string_view key,
                                                std::optional<Distribution> def, double max) {
  YAML::Node v = find(key);
  const bool dated = map_has(v, "schedule") || map_has(v, "ramp");
  if (!dated) return Timed<Distribution>(duration_s(key, std::move(def), max));
  asked(key);
  const double unit_s = units::seconds_per_unit_of_key(key);
  bool ramp = false;
  const std::vector<Dated> entries = dated_entries(key, v, true, ramp);
  ResolvedTree resolved;
  ResolvedTree* body = resolved.set(ramp ? "ramp" : "schedule", ResolvedTree());
  if (ramp) {
    std::vector<std::pair<double, double>> points;
    for (const Dated& e : entries) {
      if (!e.value.IsScalar())
        throw ConfigError(doc_->where(e.value), e.path,
                          "a ramp's values are numbers (a schedule's may be distributions)");
      const double x = number_of(e.value, e.path, 0.0, max);
      points.emplace_back(e.time_s, x);
      body->set(e.date, ResolvedTree::value(fmt_number(x)));
    }
    record(key, std::move(resolved));
    const Timed<double> steps = ramp_steps(points, doc_->calendar()->horizon_s);
    Timed<Distribution> out(Distribution::fixed(steps.initial() * unit_s));
    for (std::size_t i = 0; i < steps.steps(); ++i)
      out.step(steps.step_time_s(i), Distribution::fixed(steps.step_value(i) * unit_s));
    return out;
  }
  std::vector<std::pair<double, Distribution>> points;
  for (const Dated& e : entries) {
    ResolvedTree r;
    points.emplace_back(e.time_s,
                        distribution_of(e.value, e.path, unit_name(key), max, r).scaled(unit_s));
    body->set(e.date, std::move(r));
  }
  record(key, std::move(resolved));
  std::size_t i = 0;
  while (i + 1 < points.size() && points[i + 1].first <= 0) ++i;
  Timed<Distribution> out(points[i].second);
  for (++i; i < points.size(); ++i) out.step(points[i].first, points[i].second);
  return out;
}

// ---------------------------------------------------------------------------------- learning

namespace {

std::vector<std::string> per_names(std::initializer_list<LearnPer> allowed) {
  std::vector<std::string> out;
  for (LearnPer p : allowed) out.emplace_back(learn_per_name(p));
  return out;
}

// The curve's rate, per and prior (after first and floor).
void read_curve(MapReader& lr, LearningCurve& c, std::initializer_list<LearnPer> per_allowed) {
  c.rate = lr.number("rate", std::nullopt, 0.0, 1.0);
  if (c.rate <= 0)
    lr.fail(
        "rate",
        fmt::format(
            "must be greater than 0 and at most 1 (0.85: each doubling of the count takes 85 %), "
            "got {}",
            fmt_number(c.rate)));
  const std::string per = lr.choice("per", "fleet", {"fleet", "site", "pad", "vehicle"});
  const std::vector<std::string> names = per_names(per_allowed);
  if (std::find(names.begin(), names.end(), per) == names.end())
    lr.fail("per", fmt::format("this key does not learn per {}: it learns per {}", per,
                               fmt::join(names, " or ")));
  for (LearnPer p : per_allowed)
    if (per == learn_per_name(p)) c.per = p;
  c.prior = lr.integer("prior", 0, 0, 1'000'000'000);
  lr.finish();
}

}  // namespace

Learned MapReader::learned_duration_s(std::string_view key, std::optional<Distribution> def,
                                      std::initializer_list<LearnPer> per_allowed, double max) {
  YAML::Node v = find(key);
  if (!map_has(v, "learning")) return Learned(duration_s(key, std::move(def), max));
  asked(key);
  const double unit_s = units::seconds_per_unit_of_key(key);
  ResolvedTree resolved;
  MapReader outer(*doc_, v, key_path(key), &resolved, false);
  MapReader lr = outer.map("learning");
  lr.asked("first");
  const YAML::Node first_node = lr.find("first");
  if (!first_node.IsDefined()) lr.fail_here("missing required key 'first'");
  ResolvedTree first_resolved;
  const Distribution first =
      distribution_of(first_node, lr.key_path("first"), unit_name(key), max, first_resolved);
  lr.record("first", std::move(first_resolved));
  LearningCurve c;
  c.floor = lr.number("floor", 0.0, 0.0, max);
  if (c.floor > first.mean())
    lr.fail("floor", fmt::format("{} is above first's mean ({}): the curve would never apply",
                                 fmt_number(c.floor), fmt_number(first.mean())));
  read_curve(lr, c, per_allowed);
  outer.finish();
  record(key, std::move(resolved));
  return Learned(first, c).scaled(unit_s);
}

Learned MapReader::learned_probability(std::string_view key, double def,
                                       std::initializer_list<LearnPer> per_allowed) {
  return learned_number(key, def, 1.0, per_allowed);  // a probability is a number in [0, 1]
}

Learned MapReader::learned_number(std::string_view key, double def, double max,
                                  std::initializer_list<LearnPer> per_allowed) {
  YAML::Node v = find(key);
  if (!map_has(v, "learning")) return Learned(Distribution::fixed(number(key, def, 0.0, max)));
  asked(key);
  ResolvedTree resolved;
  MapReader outer(*doc_, v, key_path(key), &resolved, false);
  MapReader lr = outer.map("learning");
  LearningCurve c;
  const double first = lr.number("first", std::nullopt, 0.0, max);
  c.floor = lr.number("floor", 0.0, 0.0, max);
  if (c.floor > first)
    lr.fail("floor", fmt::format("{} is above first ({}): the curve would never apply",
                                 fmt_number(c.floor), fmt_number(first)));
  read_curve(lr, c, per_allowed);
  outer.finish();
  record(key, std::move(resolved));
  return Learned(Distribution::fixed(first), c);
}

}  // namespace starsim::sim::config
