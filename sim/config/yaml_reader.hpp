// Reading YAML configuration with compiler-quality errors.
//
// yaml-cpp 0.7 marks are 0-based, accepts duplicate keys silently and names no key in a
// conversion error; this reader handles each. Every error reads
//   file:line:col: path: message
// (1-based line and column), or, for a value given on the command line,
//   --set PATH=VALUE: path: message
// A MapReader records every key it is asked for: finish() rejects the rest (with a "did you
// mean" suggestion), the Document collects the accepted key names (checked against
// configs/README.md by a test) and the resolved document (every default filled in).
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/config_error.hpp"
#include "sim/config/resolved_tree.hpp"
#include "sim/distribution.hpp"
#include "sim/learning.hpp"
#include "sim/timed.hpp"

namespace starsim::sim::config {

// The closest candidate to `word` by edit distance, or "" when none is close enough.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

class Document {
 public:
  // Throws ConfigError for an unreadable file, a YAML syntax error or a root that is not a map.
  static Document load_file(const std::string& file_name);
  static Document load_string(const std::string& text, const std::string& name);

  // Applies "PATH=VALUE" (VALUE is YAML). Creates missing keys; the parsers then judge them.
  // `label` names the override in errors (default "--set PATH=VALUE").
  void apply_override(const std::string& assignment, const std::string& label = "");

  const std::string& name() const { return name_; }
  YAML::Node root() const { return root_; }
  ResolvedTree& resolved() const { return *resolved_; }
  // Schema names ("sites[].pads") of every key a reader asked for.
  const std::set<std::string>& accepted_keys() const { return accepted_; }

  // Location of a node: "file:L:C", or the --set assignment that created it.
  std::string where(const YAML::Node& node) const;
  // Location of a key/value pair: the key's position, or the --set assignment.
  std::string where_pair(const YAML::Node& key, const YAML::Node& value) const;
  void note_accepted(const std::string& concrete_path) const;
  // The [min, max] each number, integer or duration (its parameters) was read with, by schema
  // name: configs/README.md documents them, a test compares.
  void note_range(const std::string& concrete_path, double min, double max) const;
  const std::map<std::string, std::pair<double, double>>& ranges() const { return ranges_; }

  // The calendar that dates of schedules are read against: start_date (UTC midnight, seconds
  // since 1970) and the horizon. Set once both are read, before any schedule.
  struct Calendar {
    std::int64_t start_epoch_s = 0;
    double horizon_s = 0;
  };
  void set_calendar(Calendar calendar) const { calendar_ = calendar; }
  const std::optional<Calendar>& calendar() const { return calendar_; }
  // Something valid but likely unmeant (a schedule's date past the horizon): "where: warning:
  // path: message" lines, printed by the command before it runs.
  void warn(const std::string& where, const std::string& path, const std::string& message) const;
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  Document(std::string name, const YAML::Node& root);
  void mark_origin(const YAML::Node& node, const std::string& label);

  std::string name_;
  YAML::Node root_;
  std::shared_ptr<ResolvedTree> resolved_;
  std::vector<std::pair<YAML::Node, std::string>> origins_;  // nodes made by --set
  mutable std::set<std::string> accepted_;
  mutable std::map<std::string, std::pair<double, double>> ranges_;
  mutable std::optional<Calendar> calendar_;
  mutable std::vector<std::string> warnings_;
};

class MapReader {
 public:
  // node must be a map (or null: treated as empty); path is the concrete path ("sites[0]").
  // resolved: the map in the resolved document to fill (nullptr: nothing recorded).
  MapReader(const Document& doc, const YAML::Node& node, std::string path, ResolvedTree* resolved,
            bool record_keys = true);

  // Scalars. A missing key takes the default; with no default (nullopt) the key is required.
  double number(std::string_view key, std::optional<double> def, double min, double max);
  std::int64_t integer(std::string_view key, std::optional<std::int64_t> def, std::int64_t min,
                       std::int64_t max);
  // A number that may be absent (nothing recorded then).
  std::optional<double> optional_number(std::string_view key, double min, double max);
  double probability(std::string_view key, std::optional<double> def) {
    return number(key, def, 0.0, 1.0);
  }
  bool boolean(std::string_view key, std::optional<bool> def);
  std::string string(std::string_view key, std::optional<std::string> def);
  std::string choice(std::string_view key, std::optional<std::string> def,
                     std::initializer_list<std::string_view> allowed);
  // A date "YYYY-MM-DD" (UTC midnight); returns seconds since 1970-01-01.
  std::int64_t date_s(std::string_view key, std::optional<std::string> def);
  // A duration in the unit its key names (_s, _min, _h, _d): a number or a distribution map.
  // Returns the distribution in seconds; `max` bounds every parameter in the key's unit.
  Distribution duration_s(std::string_view key, std::optional<Distribution> def_in_key_unit,
                          double max_in_key_unit = 1e9);
  // Quantities that change with time (sim/timed.hpp; configs/README.md, "Values that change
  // over time"): a plain value, {schedule: {DATE: value, ...}} (steps; also a list of [DATE,
  // value] pairs) or, where ramps make sense, {ramp: {DATE: value, ...}} (linear between the
  // dates, stepped at each midnight). The value at the start is the last one dated at or before
  // start_date: the first date must not be later. A date at or past the horizon is warned about.
  // Times are seconds since the start (the Document's calendar).
  sim::Timed<double> timed_number(std::string_view key, std::optional<double> def, double min,
                                  double max, bool ramp_ok = true);
  // Whole numbers, in steps only. A schedule's values may go down to schedule_min (0 pads
  // before a site opens) and, with grow_only, never decrease (fleets: vehicles leave by loss
  // and retirement, not by date).
  sim::Timed<std::int64_t> timed_integer(std::string_view key, std::optional<std::int64_t> def,
                                         std::int64_t min, std::int64_t max,
                                         std::int64_t schedule_min, bool grow_only);
  // Durations: a schedule's values are durations (numbers or distributions), a ramp's numbers.
  // In seconds.
  sim::Timed<Distribution> timed_duration_s(std::string_view key,
                                            std::optional<Distribution> def_in_key_unit,
                                            double max_in_key_unit = 1e9);
  // Quantities that fall with experience (sim/learning.hpp): a plain value (or distribution), or
  // {learning: {first, rate, floor, per, prior}} with `per` one of the allowed counts.
  sim::Learned learned_duration_s(std::string_view key, std::optional<Distribution> def_in_key_unit,
                                  std::initializer_list<sim::LearnPer> per_allowed,
                                  double max_in_key_unit = 1e9);
  sim::Learned learned_probability(std::string_view key, double def,
                                   std::initializer_list<sim::LearnPer> per_allowed);
  // A number in [0, max] that falls with experience (a unit cost along the units built).
  sim::Learned learned_number(std::string_view key, double def, double max,
                              std::initializer_list<sim::LearnPer> per_allowed);

  // A list of numbers (each within [min, max]); a single number is accepted too.
  std::vector<double> numbers(std::string_view key, std::optional<std::vector<double>> def,
                              double min, double max);

  bool has(std::string_view key) const;
  // Accepts a key that this reader does not read now (read conditionally, or absent).
  void declare(std::string_view key) { asked(key); }
  // An optional sub-map: an empty reader when the key is absent. With record_if_absent false,
  // an absent map stays absent in the resolved document (its absence has a meaning).
  MapReader map(std::string_view key, bool record_if_absent = true);
  // The key/value nodes of a free-form map (keys chosen by the user: paths of an experiment).
  std::vector<std::pair<YAML::Node, YAML::Node>> entries(std::string_view key);
  // A list of maps; at least min_count entries.
  std::vector<MapReader> list_of_maps(std::string_view key, std::size_t min_count);

  // Rejects keys nobody asked for, and duplicate keys. Call after every read.
  void finish();

  // An error about a key of this map (its value's position if present, else the map's).
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;
  [[noreturn]] void fail_here(const std::string& message) const;
  const std::string& path() const { return path_; }
  const Document& document() const { return *doc_; }

 private:
  YAML::Node find(std::string_view key) const;
  std::string key_path(std::string_view key) const;
  std::string scalar_text(const YAML::Node& value) const;
  // Where this map is; for an absent section, where its parent is.
  std::string location() const;
  void record(std::string_view key, ResolvedTree value);
  void asked(std::string_view key);
  std::string choice_in(std::string_view key, std::optional<std::string> def,
                        const std::vector<std::string>& allowed);
  static std::string_view unit_name(std::string_view key);  // "h" of "turnaround_h"
  static ResolvedTree resolved_distribution(const Distribution& d);
  // A value node read wherever it is (a schedule's entry): located errors.
  void refuse_changing_form(const YAML::Node& v, const std::string& path) const;
  double number_of(const YAML::Node& v, const std::string& path, double min, double max) const;
  Distribution distribution_of(const YAML::Node& v, const std::string& path, std::string_view unit,
                               double max, ResolvedTree& resolved) const;
  // The {schedule|ramp: ...} map of a key: its (time, value node) entries in order, checked.
  struct Dated;
  std::vector<Dated> dated_entries(std::string_view key, const YAML::Node& v, bool ramp_ok,
                                   bool& ramp) const;

  const Document* doc_;
  YAML::Node node_;
  std::string path_;
  ResolvedTree* resolved_;
  bool record_keys_;
  std::vector<std::string> asked_;
  std::string fallback_where_;
};

}  // namespace starsim::sim::config
