// MapReader: the typed keys of one YAML map (numbers, integers, booleans, text, choices, dates,
// lists, sub-maps), each recorded in the resolved document, and finish()'s check for unknown
// and duplicate keys.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "sim/config/scalar_text.hpp"
#include "sim/config/yaml_reader.hpp"
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

MapReader::MapReader(const Document& doc, const YAML::Node& node, std::string path,
                     ResolvedTree* resolved, bool record_keys)
    : doc_(&doc),
      node_(node),
      path_(std::move(path)),
      resolved_(resolved),
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
  return choice_in(key, std::move(def), std::vector<std::string>(allowed.begin(), allowed.end()));
}

std::string MapReader::choice_in(std::string_view key, std::optional<std::string> def,
                                 const std::vector<std::string>& names) {
  std::string x = string(key, std::move(def));
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
