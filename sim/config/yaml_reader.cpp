#include "sim/config/yaml_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "sim/config/scalar_text.hpp"
#include "sim/config/yaml_path.hpp"
#include "sim/config/yaml_text.hpp"
#include "sim/units.hpp"

namespace starsim::sim::config {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0U : 1U)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = std::numeric_limits<std::size_t>::max();
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  std::size_t allowed = std::max<std::size_t>(2, word.size() / 3);
  return best_d <= allowed ? best : std::string();
}

// ---------------------------------------------------------------------------------- Document

Document::Document(std::string name, YAML::Node root)
    : name_(std::move(name)), root_(std::move(root)), resolved_(std::make_shared<ResolvedTree>()) {}

Document Document::load_string(const std::string& text, const std::string& name) {
  YAML::Node root = load_yaml(text, name);
  if (!root.IsDefined() || root.IsNull()) throw ConfigError(name + ":1:1", "", "the file is empty");
  if (!root.IsMap())
    throw ConfigError(fmt::format("{}:{}:{}", name, root.Mark().line + 1, root.Mark().column + 1),
                      "", "expected a mapping of keys at the top level");
  return Document(name, root);
}

Document Document::load_file(const std::string& file_name) {
  std::error_code ec;
  if (std::filesystem::is_directory(file_name, ec))
    throw ConfigError(file_name, "", "is a directory, not a file");
  if (std::filesystem::exists(file_name, ec) && !std::filesystem::is_regular_file(file_name, ec))
    throw ConfigError(file_name, "", "is not a regular file");
  const auto size = std::filesystem::file_size(file_name, ec);
  if (!ec && size > YamlLimits{}.max_bytes)
    throw ConfigError(file_name, "",
                      fmt::format("is {} bytes; a scenario or experiment file is at most {} MiB",
                                  size, YamlLimits{}.max_bytes >> 20));
  std::ifstream in(file_name, std::ios::binary);
  if (!in) throw ConfigError(file_name, "", fmt::format("cannot read: {}", std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    throw ConfigError(file_name, "", fmt::format("cannot read: {}", std::strerror(errno)));
  return load_string(text.str(), file_name);
}

void Document::mark_origin(const YAML::Node& node, const std::string& label) {
  origins_.emplace_back(node, label);
  if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      origins_.emplace_back(it->first, label);  // a key can be read as a value (a schedule's date)
      mark_origin(it->second, label);
    }
  } else if (node.IsSequence()) {
    for (auto it = node.begin(); it != node.end(); ++it) mark_origin(*it, label);
  }
}

std::string Document::where(const YAML::Node& node) const {
  for (const auto& [n, label] : origins_)
    if (n.is(node)) return label;
  YAML::Mark m = node.Mark();
  if (m.is_null()) return name_;
  return fmt::format("{}:{}:{}", name_, m.line + 1, m.column + 1);
}

std::string Document::where_pair(const YAML::Node& key, const YAML::Node& value) const {
  for (const auto& [n, label] : origins_)
    if (n.is(value)) return label;
  return where(key);
}

void Document::note_accepted(const std::string& concrete_path) const {
  accepted_.insert(schema_path(concrete_path));
}

void Document::note_range(const std::string& concrete_path, double min, double max) const {
  ranges_[schema_path(concrete_path)] = {min, max};
}

void Document::warn(const std::string& where, const std::string& path,
                    const std::string& message) const {
  warnings_.push_back(
      fmt::format("{}: warning: {}{}", where, path.empty() ? "" : path + ": ", message));
}

void Document::apply_override(const std::string& assignment, const std::string& given_label) {
  const std::string label = given_label.empty() ? "--set " + assignment : given_label;
  auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) throw ConfigError(label, "", "expected PATH=VALUE");
  std::vector<PathStep> steps;
  try {
    steps = parse_path(assignment.substr(0, eq));
  } catch (const std::invalid_argument& e) {
    throw ConfigError(label, "", e.what());
  }
  if (steps.front().kind != PathStep::Kind::KEY)
    throw ConfigError(label, "", "a path starts with a key");
  YAML::Node value = load_yaml(assignment.substr(eq + 1), label, false);
  mark_origin(value, label);

  std::vector<YAML::Node> current{root_};
  std::vector<PathStep> walked;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const PathStep& step = steps[i];
    const bool last = i + 1 == steps.size();
    std::vector<YAML::Node> next;
    for (YAML::Node cur : current) {
      const std::string here = render_path(walked);
      if (step.kind == PathStep::Kind::KEY) {
        if (!cur.IsMap())
          throw ConfigError(label, here, fmt::format("is {}, not a mapping", type_name(cur)));
        if (last) {
          cur[step.key] = value;
          continue;
        }
        YAML::Node child = cur[step.key];
        const bool list_next = steps[i + 1].kind != PathStep::Kind::KEY;
        if ((!child.IsDefined() || child.IsNull()) && list_next) {
          walked.push_back(step);
          throw ConfigError(label, render_path(walked), "no such list in the scenario");
        }
        if (!child.IsDefined() || child.IsNull()) {
          YAML::Node fresh(YAML::NodeType::Map);
          mark_origin(fresh, label);
          cur[step.key] = fresh;
          next.push_back(fresh);
        } else {
          next.push_back(child);
        }
      } else {
        if (!cur.IsSequence())
          throw ConfigError(label, here, fmt::format("is {}, not a list", type_name(cur)));
        std::size_t size = cur.size();
        std::vector<std::size_t> indices;
        if (step.kind == PathStep::Kind::ALL) {
          for (std::size_t k = 0; k < size; ++k) indices.push_back(k);
        } else if (step.index >= size) {
          throw ConfigError(label, here,
                            fmt::format("index {} is out of range (the list has {} entr{})",
                                        step.index, size, size == 1 ? "y" : "ies"));
        } else {
          indices.push_back(step.index);
        }
        for (std::size_t k : indices) {
          if (last) {
            cur[k] = value;
          } else {
            next.push_back(cur[k]);
          }
        }
      }
    }
    walked.push_back(step);
    current = std::move(next);
  }
}

// --------------------------------------------------------------------------------- MapReader

MapReader::MapReader(const Document& doc, YAML::Node node, std::string path, ResolvedTree* resolved,
                     bool record_keys)
    : doc_(&doc),
      node_(std::move(node)),
      path_(std::move(path)),
      resolved_(std::move(resolved)),
      record_keys_(record_keys) {
  if (node_.IsDefined() && !node_.IsNull() && !node_.IsMap())
    throw ConfigError(doc.where(node_), path_,
                      fmt::format("expected a mapping, got {}", type_name(node_)));
}

YAML::Node MapReader::find(std::string_view key) const {
  if (!node_.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  for (auto it = node_.begin(); it != node_.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
  return YAML::Node(YAML::NodeType::Undefined);
}

bool MapReader::has(std::string_view key) const { return find(key).IsDefined(); }

std::string MapReader::key_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void MapReader::asked(std::string_view key) {
  asked_.emplace_back(key);
  if (record_keys_) doc_->note_accepted(key_path(key));
}

void MapReader::record(std::string_view key, ResolvedTree value) {
  if (resolved_) resolved_->set(std::string(key), std::move(value));
}

void MapReader::fail(std::string_view key, const std::string& message) const {
  if (node_.IsMap()) {
    for (auto it = node_.begin(); it != node_.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == key) {
        const YAML::Node v = it->second;  // a copy: the iterator's pair is a temporary
        std::string where =
            (v.IsNull() || v.Mark().is_null()) ? doc_->where_pair(it->first, v) : doc_->where(v);
        throw ConfigError(where, key_path(key), message);
      }
    }
  }
  throw ConfigError(location(), key_path(key), message);
}

void MapReader::fail_here(const std::string& message) const {
  throw ConfigError(location(), path_, message);
}

std::string MapReader::location() const {
  return (node_.IsDefined() && !node_.Mark().is_null()) || fallback_where_.empty()
             ? doc_->where(node_)
             : fallback_where_;
}

std::string MapReader::scalar_text(const YAML::Node& value) const {
  return value.IsScalar() ? value.Scalar() : std::string();
}

double MapReader::number(std::string_view key, std::optional<double> def, double min, double max) {
  asked(key);
  doc_->note_range(key_path(key), min, max);
  YAML::Node v = find(key);
  if (!v.IsDefined()) {
    if (!def) fail_here(fmt::format("missing required key '{}'", key));
    record(key, ResolvedTree::value(fmt_number(*def)));
    return *def;
  }
  refuse_changing_form(v, key_path(key));
  if (!v.IsScalar()) fail(key, fmt::format("expected a number, got {}", type_name(v)));
  const std::string& text = v.Scalar();
  if (is_non_finite_word(text)) fail(key, fmt::format("expected a finite number, got '{}'", text));
  std::optional<double> x = parse_double(text);
  if (!x) fail(key, fmt::format("expected a number, got '{}'", text));
  if (!std::isfinite(*x)) fail(key, fmt::format("expected a finite number, got '{}'", text));
  if (*x < min || *x > max) fail(key, range_text(*x, min, max));
  record(key, ResolvedTree::value(fmt_number(*x)));
  return *x;
}

std::optional<double> MapReader::optional_number(std::string_view key, double min, double max) {
  if (!has(key)) {
    asked(key);
    return std::nullopt;
  }
  return number(key, std::nullopt, min, max);
}

std::int64_t MapReader::integer(std::string_view key, std::optional<std::int64_t> def,
                                std::int64_t min, std::int64_t max) {
  asked(key);
  doc_->note_range(key_path(key), static_cast<double>(min), static_cast<double>(max));
  YAML::Node v = find(key);
  if (!v.IsDefined()) {
    if (!def) fail_here(fmt::format("missing required key '{}'", key));
    record(key, ResolvedTree::value(std::to_string(*def)));
    return *def;
  }
  refuse_changing_form(v, key_path(key));
  if (!v.IsScalar()) fail(key, fmt::format("expected an integer, got {}", type_name(v)));
  std::string_view s = v.Scalar();
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::int64_t x = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (s.empty() || ptr != s.data() + s.size() || ec == std::errc::invalid_argument) {
    fail(key, fmt::format("expected an integer, got '{}'", v.Scalar()));
  }
  if (ec == std::errc::result_out_of_range || x < min || x > max) {
    if (ec == std::errc::result_out_of_range)
      fail(key, fmt::format("must be between {} and {}, got {}", min, max, v.Scalar()));
    fail(key, fmt::format("must be between {} and {}, got {}", min, max, x));
  }
  record(key, ResolvedTree::value(std::to_string(x)));
  return x;
}

bool MapReader::boolean(std::string_view key, std::optional<bool> def) {
  asked(key);
  YAML::Node v = find(key);
  if (!v.IsDefined()) {
    if (!def) fail_here(fmt::format("missing required key '{}'", key));
    record(key, ResolvedTree::value(*def ? "true" : "false"));
    return *def;
  }
  std::string t = scalar_text(v);
  bool x = false;
  if (t == "true" || t == "True" || t == "TRUE") {
    x = true;
  } else if (t == "false" || t == "False" || t == "FALSE") {
    x = false;
  } else {
    fail(key, v.IsScalar() ? fmt::format("expected true or false, got '{}'", t)
                           : fmt::format("expected true or false, got {}", type_name(v)));
  }
  record(key, ResolvedTree::value(x ? "true" : "false"));
  return x;
}

std::string MapReader::string(std::string_view key, std::optional<std::string> def) {
  asked(key);
  YAML::Node v = find(key);
  if (!v.IsDefined()) {
    if (!def) fail_here(fmt::format("missing required key '{}'", key));
    record(key, ResolvedTree(ResolvedTree::Kind::SCALAR, *def));
    return *def;
  }
  if (!v.IsScalar()) fail(key, fmt::format("expected a text value, got {}", type_name(v)));
  if (v.Scalar().empty()) fail(key, "must not be empty");
  record(key, ResolvedTree(ResolvedTree::Kind::SCALAR, v.Scalar()));
  return v.Scalar();
}

std::string MapReader::choice(std::string_view key, std::optional<std::string> def,
                              std::initializer_list<std::string_view> allowed) {
  std::string x = string(key, std::move(def));
  std::vector<std::string> names(allowed.begin(), allowed.end());
  if (std::find(names.begin(), names.end(), x) != names.end()) return x;
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  std::string hint = closest_match(x, names);
  fail(key, fmt::format("must be one of {}; got '{}'{}", list, x,
                        hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
}

std::int64_t MapReader::date_s(std::string_view key, std::optional<std::string> def) {
  std::string text = string(key, std::move(def));
  std::optional<std::int64_t> s = units::parse_date_s(text);
  if (!s)
    fail(key, fmt::format("expected a date YYYY-MM-DD between 1970 and 9999, got '{}'", text));
  return *s;
}

std::vector<double> MapReader::numbers(std::string_view key, std::optional<std::vector<double>> def,
                                       double min, double max) {
  asked(key);
  doc_->note_range(key_path(key), min, max);
  YAML::Node v = find(key);
  if (!v.IsDefined()) {
    if (!def) fail_here(fmt::format("missing required key '{}'", key));
    ResolvedTree out(ResolvedTree::Kind::LIST);
    for (double x : *def) out.append(ResolvedTree::value(fmt_number(x)));
    record(key, std::move(out));
    return *def;
  }
  if (v.IsScalar()) {
    asked_.pop_back();  // re-read through number(), which records the key again
    return {number(key, std::nullopt, min, max)};
  }
  if (!v.IsSequence())
    fail(key, fmt::format("expected a number or a list of numbers, got {}", type_name(v)));
  std::vector<double> out;
  ResolvedTree resolved(ResolvedTree::Kind::LIST);
  std::size_t i = 0;
  for (auto it = v.begin(); it != v.end(); ++it, ++i) {
    const YAML::Node& e = *it;
    std::string here = fmt::format("{}[{}]", key_path(key), i);
    std::string text = scalar_text(e);
    std::optional<double> x =
        (e.IsScalar() && !is_non_finite_word(text)) ? parse_double(text) : std::nullopt;
    if (!x || !std::isfinite(*x))
      throw ConfigError(
          doc_->where(e), here,
          e.IsScalar()
              ? (is_non_finite_word(text) ? fmt::format("expected a finite number, got '{}'", text)
                                          : fmt::format("expected a number, got '{}'", text))
              : fmt::format("expected a number, got {}", type_name(e)));
    if (*x < min || *x > max) throw ConfigError(doc_->where(e), here, range_text(*x, min, max));
    out.push_back(*x);
    resolved.append(ResolvedTree::value(fmt_number(*x)));
  }
  record(key, std::move(resolved));
  return out;
}

Distribution MapReader::duration_s(std::string_view key, std::optional<Distribution> def,
                                   double max) {
  const double unit_s = units::seconds_per_unit_of_key(key);
  doc_->note_range(key_path(key), 0.0, max);
  YAML::Node v = find(key);
  if (!v.IsDefined()) {
    asked(key);
    if (!def) fail_here(fmt::format("missing required key '{}'", key));
    record(key, resolved_distribution(*def));
    return def->scaled(unit_s);
  }
  if (v.IsScalar()) return Distribution::fixed(number(key, std::nullopt, 0.0, max)).scaled(unit_s);
  asked(key);
  ResolvedTree resolved;
  Distribution d = distribution_of(v, key_path(key), unit_name(key), max, resolved);
  record(key, std::move(resolved));
  return d.scaled(unit_s);
}

std::string_view MapReader::unit_name(std::string_view key) {
  return key.substr(key.rfind('_') + 1);
}

ResolvedTree MapReader::resolved_distribution(const Distribution& d) {
  // A plain number for a fixed value, else the distribution map, in key units.
  if (d.is_fixed()) return ResolvedTree::value(fmt_number(d.params()[0]));
  ResolvedTree out;
  out.set("dist", ResolvedTree(ResolvedTree::Kind::SCALAR, d.kind_name()));
  std::vector<std::string> names = d.param_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    out.set(names[i], ResolvedTree::value(fmt_number(d.params()[i])));
  if (d.kind() == DistKind::EMPIRICAL) {
    ResolvedTree vals(ResolvedTree::Kind::LIST);
    for (double x : d.values()) vals.append(ResolvedTree::value(fmt_number(x)));
    out.set("values", std::move(vals));
  }
  return out;
}

// A key that takes a plain value given a schedule, a ramp or a learning curve: say so, rather
// than what the plain form misses ("missing required key 'dist'").
void MapReader::refuse_changing_form(const YAML::Node& v, const std::string& path) const {
  if (!v.IsMap() || v["dist"]) return;
  for (const char* form : {"schedule", "ramp", "learning"})
    if (v[form])
      throw ConfigError(
          doc_->where(v), path,
          fmt::format("does not take a {}: configs/README.md marks the keys that change over time "
                      "(schedule, ramp) or with experience (learning)",
                      std::string_view(form) == "learning" ? "learning curve" : form));
}

double MapReader::number_of(const YAML::Node& v, const std::string& path, double min,
                            double max) const {
  const std::string where = doc_->where(v);
  refuse_changing_form(v, path);
  if (!v.IsScalar())
    throw ConfigError(where, path, fmt::format("expected a number, got {}", type_name(v)));
  const std::string& text = v.Scalar();
  if (is_non_finite_word(text))
    throw ConfigError(where, path, fmt::format("expected a finite number, got '{}'", text));
  std::optional<double> x = parse_double(text);
  if (!x) throw ConfigError(where, path, fmt::format("expected a number, got '{}'", text));
  if (!std::isfinite(*x))
    throw ConfigError(where, path, fmt::format("expected a finite number, got '{}'", text));
  if (*x < min || *x > max) throw ConfigError(where, path, range_text(*x, min, max));
  return *x;
}

Distribution MapReader::distribution_of(const YAML::Node& v, const std::string& path,
                                        std::string_view unit, double max,
                                        ResolvedTree& resolved) const {
  Distribution d;
  refuse_changing_form(v, path);
  if (v.IsScalar()) {
    d = Distribution::fixed(number_of(v, path, 0.0, max));
  } else {
    if (!v.IsMap())
      throw ConfigError(
          doc_->where(v), path,
          fmt::format("expected a number or a distribution such as {{dist: exponential, "
                      "mean: 24}}, got {}",
                      type_name(v)));
    MapReader r(*doc_, v, path, nullptr, false);
    std::string kind = r.choice("dist", std::nullopt,
                                {"fixed", "exponential", "uniform", "triangular", "normal",
                                 "lognormal", "weibull", "empirical"});
    auto positive = [&](std::string_view p) {
      double x = r.number(p, std::nullopt, 0.0, max);
      if (x <= 0.0) r.fail(p, fmt::format("must be greater than 0, got {}", fmt_number(x)));
      return x;
    };
    if (kind == "fixed") {
      d = Distribution::fixed(r.number("value", std::nullopt, 0.0, max));
    } else if (kind == "exponential") {
      d = Distribution::exponential(positive("mean"));
    } else if (kind == "uniform") {
      double lo = r.number("min", std::nullopt, 0.0, max);
      double hi = r.number("max", std::nullopt, 0.0, max);
      if (hi < lo)
        r.fail("max", fmt::format("must not be less than min ({}), got {}", fmt_number(lo),
                                  fmt_number(hi)));
      d = Distribution::uniform(lo, hi);
    } else if (kind == "triangular") {
      double lo = r.number("min", std::nullopt, 0.0, max);
      double mode = r.number("mode", std::nullopt, 0.0, max);
      double hi = r.number("max", std::nullopt, 0.0, max);
      if (hi < lo)
        r.fail("max", fmt::format("must not be less than min ({}), got {}", fmt_number(lo),
                                  fmt_number(hi)));
      if (mode < lo || mode > hi)
        r.fail("mode", fmt::format("must lie between min ({}) and max ({}), got {}", fmt_number(lo),
                                   fmt_number(hi), fmt_number(mode)));
      d = Distribution::triangular(lo, mode, hi);
    } else if (kind == "normal") {
      double mean = positive("mean");
      double sd = r.number("sd", std::nullopt, 0.0, max);
      d = Distribution::normal(mean, sd);
    } else if (kind == "lognormal") {
      double mean = positive("mean");
      double cv = r.number("cv", std::nullopt, 0.0, 10.0);
      d = Distribution::lognormal(mean, cv);
    } else if (kind == "weibull") {
      double shape = r.number("shape", std::nullopt, 0.05, 100.0);
      d = Distribution::weibull(shape, positive("scale"));
    } else {
      std::vector<double> values = r.numbers("values", std::nullopt, 0.0, max);
      if (values.empty()) r.fail("values", "needs at least one value");
      d = Distribution::empirical(std::move(values));
    }
    r.finish();
  }
  // Every parameter is within bounds, yet a heavy tail can make the mean absurd (a Weibull
  // of shape 0.05 and scale 24 h has a mean of 5.8e19 h).
  if (!(d.mean() <= max))
    throw ConfigError(
        doc_->where(v), path,
        fmt::format("has a mean of {:.3g} {}, more than the {} {} a duration may have", d.mean(),
                    unit, fmt_number(max), unit));
  resolved = resolved_distribution(d);
  return d;
}

MapReader MapReader::map(std::string_view key, bool record_if_absent) {
  asked(key);
  YAML::Node v = find(key);
  const bool record = resolved_ && (record_if_absent || v.IsDefined());
  ResolvedTree* child_resolved =
      record ? resolved_->set(std::string(key), ResolvedTree()) : nullptr;
  if (v.IsDefined() && !v.IsNull() && !v.IsMap())
    fail(key, fmt::format("expected a mapping, got {}", type_name(v)));
  MapReader child(*doc_, v.IsDefined() ? v : YAML::Node(YAML::NodeType::Null), key_path(key),
                  child_resolved, record_keys_);
  if (!v.IsDefined() || v.IsNull()) child.fallback_where_ = location();
  return child;
}

std::vector<std::pair<YAML::Node, YAML::Node>> MapReader::entries(std::string_view key) {
  asked(key);
  YAML::Node v = find(key);
  std::vector<std::pair<YAML::Node, YAML::Node>> out;
  if (!v.IsDefined() || v.IsNull()) return out;
  if (!v.IsMap()) fail(key, fmt::format("expected a mapping, got {}", type_name(v)));
  std::vector<std::string> seen;
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string name =
        it->first.IsScalar() ? it->first.Scalar() : std::string("<complex key>");
    if (std::find(seen.begin(), seen.end(), name) != seen.end())
      throw ConfigError(doc_->where(it->first), key_path(key),
                        fmt::format("duplicate key '{}'", name));
    seen.push_back(name);
    out.emplace_back(it->first, it->second);
  }
  return out;
}

std::vector<MapReader> MapReader::list_of_maps(std::string_view key, std::size_t min_count) {
  asked(key);
  YAML::Node v = find(key);
  std::vector<MapReader> out;
  if (!v.IsDefined() || v.IsNull()) {
    if (min_count > 0) {
      if (v.IsDefined())
        fail(key, fmt::format("needs at least {} entr{}", min_count, min_count == 1 ? "y" : "ies"));
      fail_here(fmt::format("missing required key '{}'", key));
    }
    return out;
  }
  if (!v.IsSequence()) fail(key, fmt::format("expected a list, got {}", type_name(v)));
  if (v.size() < min_count)
    fail(key, fmt::format("needs at least {} entr{}", min_count, min_count == 1 ? "y" : "ies"));
  ResolvedTree* resolved_list =
      resolved_ ? resolved_->set(std::string(key), ResolvedTree(ResolvedTree::Kind::LIST))
                : nullptr;
  std::size_t i = 0;
  for (auto it = v.begin(); it != v.end(); ++it, ++i) {
    ResolvedTree* fresh = resolved_list ? resolved_list->append(ResolvedTree()) : nullptr;
    YAML::Node element = *it;
    std::string here = fmt::format("{}[{}]", key_path(key), i);
    if (!element.IsMap())
      throw ConfigError(doc_->where(element), here,
                        fmt::format("expected a mapping, got {}", type_name(element)));
    out.emplace_back(*doc_, element, here, fresh, record_keys_);
  }
  return out;
}

namespace {
// What a new user writes for a value that changes over time ("pads_schedule", "online_d"),
// answered with the form starsim takes; "" when the key does not look like one.
std::string changing_form_hint(const std::string& name, const std::vector<std::string>& known) {
  const auto is_known = [&](const std::string& k) {
    return std::find(known.begin(), known.end(), k) != known.end();
  };
  for (std::string_view suffix :
       {"_schedule", "_by_year", "_by_date", "_ramp", "_over_time", "_learning", "_curve"}) {
    if (name.size() <= suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    const std::string key = name.substr(0, name.size() - suffix.size());
    if (!is_known(key)) continue;
    const bool learning = suffix == "_learning" || suffix == "_curve";
    return fmt::format(
        " (a value that changes {} goes in the key itself: '{}: {}')",
        learning ? "with experience" : "over time", key,
        learning ? "{learning: {first: ..., rate: ...}}" : "{schedule: {DATE: value, ...}}");
  }
  if (is_known("pads") &&
      (name.rfind("online", 0) == 0 || name.rfind("open", 0) == 0 || name == "start_date"))
    return " (a site opens on a date through its pads: 'pads: {schedule: {START: 0, DATE: n}}')";
  return "";
}
}  // namespace

void MapReader::finish() {
  if (!node_.IsMap()) return;
  std::vector<std::pair<std::string, int>> seen;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    const YAML::Node k = it->first;  // a copy: the iterator's pair is a temporary
    std::string name = k.IsScalar() ? k.Scalar() : std::string("<complex key>");
    for (const auto& [s, line] : seen) {
      if (s == name)
        throw ConfigError(doc_->where_pair(k, it->second), path_,
                          line > 0
                              ? fmt::format("duplicate key '{}' (first at line {})", name, line)
                              : fmt::format("duplicate key '{}'", name));
    }
    seen.emplace_back(name, k.Mark().is_null() ? 0 : k.Mark().line + 1);
    if (std::find(asked_.begin(), asked_.end(), name) == asked_.end()) {
      std::string hint = changing_form_hint(name, asked_);
      if (hint.empty()) {
        hint = closest_match(name, asked_);
        if (!hint.empty()) hint = fmt::format(" (did you mean '{}'?)", hint);
      }
      throw ConfigError(doc_->where_pair(k, it->second), path_,
                        fmt::format("unknown key '{}'{}", name, hint));
    }
  }
}

}  // namespace starsim::sim::config
