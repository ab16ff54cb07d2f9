// The YAML reader: exact error texts (file:line:col: path: message), distributions, the
// resolved tree, the accepted-key schema and --set overrides. Pure code: no simulation.
#include "sim/config/yaml_reader.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/scenario_config.hpp"
#include "sim/distribution.hpp"

namespace {

using starsim::sim::DistKind;
using starsim::sim::Distribution;
using starsim::sim::config::closest_match;
using starsim::sim::config::ConfigError;
using starsim::sim::config::Document;
using starsim::sim::config::MapReader;

constexpr double INF = std::numeric_limits<double>::infinity();

Document load(const std::string& text) { return Document::load_string(text, "t.yaml"); }

// The ConfigError text `body` throws, or "no error".
std::string error_of(const std::function<void()>& body) {
  try {
    body();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

// Reads `key` of the top-level map as a number in [min, max] (no default) and finishes.
std::string number_error(const std::string& text, double min = 0.0, double max = 10.0) {
  return error_of([&] {
    Document doc = load(text);
    MapReader r(doc, doc.root(), "", nullptr);
    r.number("x", std::nullopt, min, max);
    r.finish();
  });
}

std::string integer_error(const std::string& text) {
  return error_of([&] {
    Document doc = load(text);
    MapReader r(doc, doc.root(), "", nullptr);
    r.integer("n", std::nullopt, 0, 10);
    r.finish();
  });
}

std::string boolean_error(const std::string& text) {
  return error_of([&] {
    Document doc = load(text);
    MapReader r(doc, doc.root(), "", nullptr);
    r.boolean("flag", std::nullopt);
    r.finish();
  });
}

// Reads the top-level duration `key` and returns it (in seconds).
Distribution duration(const std::string& text, const std::string& key) {
  Document doc = load(text);
  MapReader r(doc, doc.root(), "", nullptr);
  Distribution d = r.duration_s(key, std::nullopt);
  r.finish();
  return d;
}

std::string duration_error(const std::string& text) {
  return error_of([&] { duration(text, "t_h"); });
}

// The reader of the small two-level document the override tests use: a.b (number), a.c
// (optional number), sites[].pads (integer). Returns the values read.
struct Small {
  double b = 0.0;
  std::optional<double> c;
  std::vector<std::int64_t> pads;
};
Small read_small(const Document& doc) {
  Small s;
  MapReader r(doc, doc.root(), "", nullptr);
  MapReader a = r.map("a");
  s.b = a.number("b", 1.0, 0.0, 100.0);
  s.c = a.optional_number("c", 0.0, 100.0);
  a.finish();
  for (MapReader& site : r.list_of_maps("sites", 0)) {
    s.pads.push_back(site.integer("pads", 1, 1, 100));
    site.finish();
  }
  r.finish();
  return s;
}

const char* const SMALL = "a:\n  b: 2\nsites:\n  - pads: 1\n  - pads: 2\n";

std::string override_error(const std::string& assignment) {
  return error_of([&] {
    Document doc = load(SMALL);
    doc.apply_override(assignment);
    read_small(doc);
  });
}

}  // namespace

// ------------------------------------------------------------------------------- unknown keys

TEST_CASE("a misspelt key is named with a suggestion") {
  CHECK(error_of([] {
          Document doc = load("a: 1\nbb: 2\n");
          MapReader r(doc, doc.root(), "", nullptr);
          r.number("a", std::nullopt, 0, 10);
          r.number("b", 0.0, 0, 10);
          r.finish();
        }) == "t.yaml:2:1: unknown key 'bb' (did you mean 'b'?)");
}

TEST_CASE("a misspelt key in a nested map names the map's path") {
  CHECK(error_of([] {
          Document doc = load("vehicle:\n  booster:\n    flet: 4\n");
          MapReader r(doc, doc.root(), "", nullptr);
          MapReader v = r.map("vehicle");
          MapReader b = v.map("booster");
          b.integer("fleet", 40, 0, 100);
          b.finish();
          v.finish();
          r.finish();
        }) == "t.yaml:3:5: vehicle.booster: unknown key 'flet' (did you mean 'fleet'?)");
}

TEST_CASE("an unknown key far from every known key has no suggestion") {
  CHECK(error_of([] {
          Document doc = load("name: x\ncolour: blue\n");
          MapReader r(doc, doc.root(), "", nullptr);
          r.string("name", std::nullopt);
          r.finish();
        }) == "t.yaml:2:1: unknown key 'colour'");
}

TEST_CASE("the closest known name is suggested only when it is close") {
  CHECK(closest_match("pad", {"name", "pads", "pad_refurb_h"}) == "pads");
  CHECK(closest_match("integration_bay", {"interval_h", "integration_bays"}) == "integration_bays");
  CHECK(closest_match("colour", {"name", "seed"}).empty());
  CHECK(closest_match("x", {}).empty());
}

TEST_CASE("a duplicate key names the line of its first occurrence") {
  CHECK(error_of([] {
          Document doc = load("x: 1\ny: 2\nx: 3\n");
          MapReader r(doc, doc.root(), "", nullptr);
          r.number("x", std::nullopt, 0, 10);
          r.number("y", std::nullopt, 0, 10);
          r.finish();
        }) == "t.yaml:3:1: duplicate key 'x' (first at line 1)");
  CHECK(error_of([] {
          Document doc = load("a:\n  x: 1\n  x: 1\n");
          MapReader r(doc, doc.root(), "", nullptr);
          MapReader a = r.map("a");
          a.number("x", std::nullopt, 0, 10);
          a.finish();
        }) == "t.yaml:3:3: a: duplicate key 'x' (first at line 2)");
}

// ------------------------------------------------------------------------------ mistyped values

TEST_CASE("a number that is text, a list, a mapping or empty is rejected") {
  CHECK(number_error("x: abc\n") == "t.yaml:1:4: x: expected a number, got 'abc'");
  CHECK(number_error("x: 1.5.2\n") == "t.yaml:1:4: x: expected a number, got '1.5.2'");
  CHECK(number_error("x: [1, 2]\n") == "t.yaml:1:4: x: expected a number, got a list");
  CHECK(number_error("x: {a: 1}\n") == "t.yaml:1:4: x: expected a number, got a mapping");
  // An empty value has no position of its own: the key's is used.
  CHECK(number_error("x:\n") == "t.yaml:1:1: x: expected a number, got an empty value");
}

TEST_CASE("a number accepts integers, decimals, exponents and a leading plus") {
  Document doc = load("a: 3\nb: 2.5\nc: 1e3\nd: +4\ne: -0.5\n");
  MapReader r(doc, doc.root(), "", nullptr);
  CHECK(r.number("a", std::nullopt, -10, 1e4) == 3.0);
  CHECK(r.number("b", std::nullopt, -10, 1e4) == 2.5);
  CHECK(r.number("c", std::nullopt, -10, 1e4) == 1000.0);
  CHECK(r.number("d", std::nullopt, -10, 1e4) == 4.0);
  CHECK(r.number("e", std::nullopt, -10, 1e4) == -0.5);
  CHECK(r.number("f", 7.0, -10, 1e4) == 7.0);
  CHECK_NOTHROW(r.finish());
}

TEST_CASE("a non-finite number is rejected by name") {
  CHECK(number_error("x: .nan\n") == "t.yaml:1:4: x: expected a finite number, got '.nan'");
  CHECK(number_error("x: .inf\n") == "t.yaml:1:4: x: expected a finite number, got '.inf'");
  CHECK(number_error("x: -.inf\n") == "t.yaml:1:4: x: expected a finite number, got '-.inf'");
  CHECK(number_error("x: .NaN\n") == "t.yaml:1:4: x: expected a finite number, got '.NaN'");
}

TEST_CASE("an integer that is fractional, text or too large is rejected") {
  CHECK(integer_error("n: 2.5\n") == "t.yaml:1:4: n: expected an integer, got '2.5'");
  CHECK(integer_error("n: many\n") == "t.yaml:1:4: n: expected an integer, got 'many'");
  CHECK(integer_error("n: 1e3\n") == "t.yaml:1:4: n: expected an integer, got '1e3'");
  CHECK(integer_error("n: [1]\n") == "t.yaml:1:4: n: expected an integer, got a list");
  CHECK(integer_error("n: 11\n") == "t.yaml:1:4: n: must be between 0 and 10, got 11");
  CHECK(integer_error("n: -1\n") == "t.yaml:1:4: n: must be between 0 and 10, got -1");
  CHECK(integer_error("n: 99999999999999999999\n") ==
        "t.yaml:1:4: n: must be between 0 and 10, got 99999999999999999999");
  CHECK(integer_error("n: +7\n") == "no error");
}

TEST_CASE("a boolean is true or false, nothing else") {
  CHECK(boolean_error("flag: maybe\n") == "t.yaml:1:7: flag: expected true or false, got 'maybe'");
  CHECK(boolean_error("flag: yes\n") == "t.yaml:1:7: flag: expected true or false, got 'yes'");
  CHECK(boolean_error("flag: 1\n") == "t.yaml:1:7: flag: expected true or false, got '1'");
  CHECK(boolean_error("flag: [true]\n") == "t.yaml:1:7: flag: expected true or false, got a list");
  CHECK(boolean_error("flag: True\n") == "no error");
  CHECK(boolean_error("flag: FALSE\n") == "no error");
}

TEST_CASE("a text value must be a non-empty scalar and a choice one of its names") {
  auto text_error = [](const std::string& text) {
    return error_of([&] {
      Document doc = load(text);
      MapReader r(doc, doc.root(), "", nullptr);
      r.choice("recovery", std::nullopt, {"tower_catch", "droneship", "expend"});
      r.finish();
    });
  };
  CHECK(text_error("recovery: ''\n") == "t.yaml:1:11: recovery: must not be empty");
  CHECK(text_error("recovery: [a]\n") ==
        "t.yaml:1:11: recovery: expected a text value, got a list");
  CHECK(text_error("recovery: tower_cach\n") ==
        "t.yaml:1:11: recovery: must be one of tower_catch, droneship, expend; got "
        "'tower_cach' (did you mean 'tower_catch'?)");
  CHECK(text_error("recovery: parachute\n") ==
        "t.yaml:1:11: recovery: must be one of tower_catch, droneship, expend; got 'parachute'");
  CHECK(text_error("recovery: expend\n") == "no error");
}

// -------------------------------------------------------------------------------- out of range

TEST_CASE("a number out of its range says the range and the value") {
  CHECK(number_error("x: 11\n") == "t.yaml:1:4: x: must be between 0 and 10, got 11");
  CHECK(number_error("x: -0.5\n") == "t.yaml:1:4: x: must be between 0 and 10, got -0.5");
  CHECK(number_error("x: 0\n", 1.0, INF) == "t.yaml:1:4: x: must be at least 1, got 0");
  CHECK(number_error("x: 6\n", -INF, 5.0) == "t.yaml:1:4: x: must be at most 5, got 6");
  CHECK(number_error("x: 0.001\n", 0.001, 1e6) == "no error");
  CHECK(number_error("x: 1e6\n", 0.001, 1e6) == "no error");
}

TEST_CASE("a probability is a number in [0, 1]") {
  CHECK(error_of([] {
          Document doc = load("p: 1.5\n");
          MapReader r(doc, doc.root(), "", nullptr);
          r.probability("p", 0.0);
        }) == "t.yaml:1:4: p: must be between 0 and 1, got 1.5");
}

TEST_CASE("a list of numbers checks each element and accepts a single number") {
  auto numbers_error = [](const std::string& text) {
    return error_of([&] {
      Document doc = load(text);
      MapReader r(doc, doc.root(), "", nullptr);
      r.numbers("xs", std::nullopt, 0.0, 1.0);
      r.finish();
    });
  };
  CHECK(numbers_error("xs: [0.1, 2]\n") == "t.yaml:1:11: xs[1]: must be between 0 and 1, got 2");
  CHECK(numbers_error("xs: [0.1, .nan]\n") ==
        "t.yaml:1:11: xs[1]: expected a finite number, got '.nan'");
  CHECK(numbers_error("xs: [[1]]\n") == "t.yaml:1:6: xs[0]: expected a number, got a list");
  CHECK(numbers_error("xs: {a: 1}\n") ==
        "t.yaml:1:5: xs: expected a number or a list of numbers, got a mapping");
  CHECK(numbers_error("xs: 2\n") == "t.yaml:1:5: xs: must be between 0 and 1, got 2");

  Document doc = load("xs: [0.25, 0.5]\nys: 0.75\n");
  MapReader r(doc, doc.root(), "", nullptr);
  CHECK(r.numbers("xs", std::nullopt, 0.0, 1.0) == std::vector<double>{0.25, 0.5});
  CHECK(r.numbers("ys", std::nullopt, 0.0, 1.0) == std::vector<double>{0.75});
  CHECK(r.numbers("zs", std::vector<double>{0.1}, 0.0, 1.0) == std::vector<double>{0.1});
  CHECK_NOTHROW(r.finish());
}

// ---------------------------------------------------------------------------- required keys

TEST_CASE("a missing required key is named at the map that lacks it") {
  CHECK(number_error("y: 1\n") == "t.yaml:1:1: missing required key 'x'");
  CHECK(error_of([] {
          Document doc = load("top: 1\na:\n  y: 1\n");
          MapReader r(doc, doc.root(), "", nullptr);
          MapReader a = r.map("a");
          a.string("name", std::nullopt);
        }) == "t.yaml:3:3: a: missing required key 'name'");
}

TEST_CASE("a required list that is missing or empty is named") {
  auto sites_error = [](const std::string& text) {
    return error_of([&] {
      Document doc = load(text);
      MapReader r(doc, doc.root(), "", nullptr);
      r.list_of_maps("sites", 1);
    });
  };
  CHECK(sites_error("name: x\n") == "t.yaml:1:1: missing required key 'sites'");
  CHECK(sites_error("name: x\nsites:\n") == "t.yaml:2:1: sites: needs at least 1 entry");
  CHECK(sites_error("name: x\nsites: []\n") == "t.yaml:2:8: sites: needs at least 1 entry");
  CHECK(sites_error("sites: {a: 1}\n") == "t.yaml:1:8: sites: expected a list, got a mapping");
  CHECK(sites_error("sites:\n  - 3\n") == "t.yaml:2:5: sites[0]: expected a mapping, got a value");
}

TEST_CASE("a section that is not a mapping is rejected") {
  CHECK(error_of([] {
          Document doc = load("vehicle: 5\n");
          MapReader r(doc, doc.root(), "", nullptr);
          r.map("vehicle");
        }) == "t.yaml:1:10: vehicle: expected a mapping, got a value");
}

TEST_CASE("an error deep in lists and maps names the whole path") {
  CHECK(error_of([] {
          Document doc = load("a:\n  b:\n    - c: 1\n    - c: oops\n");
          MapReader r(doc, doc.root(), "", nullptr);
          MapReader a = r.map("a");
          for (MapReader& e : a.list_of_maps("b", 1)) e.number("c", std::nullopt, 0, 10);
        }) == "t.yaml:4:10: a.b[1].c: expected a number, got 'oops'");
}

TEST_CASE("a date is a real calendar day") {
  auto date_error = [](const std::string& text) {
    return error_of([&] {
      Document doc = load(text);
      MapReader r(doc, doc.root(), "", nullptr);
      r.date_s("start_date", std::nullopt);
    });
  };
  CHECK(date_error("start_date: 2030-02-30\n") ==
        "t.yaml:1:13: start_date: expected a date YYYY-MM-DD between 1970 and 9999, got "
        "'2030-02-30'");
  CHECK(date_error("start_date: 2030-1-1\n") ==
        "t.yaml:1:13: start_date: expected a date YYYY-MM-DD between 1970 and 9999, got "
        "'2030-1-1'");
  CHECK(date_error("start_date: 2032-02-29\n") == "no error");

  Document doc = load("start_date: 2030-01-02\n");
  MapReader r(doc, doc.root(), "", nullptr);
  CHECK(r.date_s("start_date", std::nullopt) == 1893456000 + 86400);
  CHECK(r.date_s("other_date", "1970-01-01") == 0);
}

// ----------------------------------------------------------------------------- distributions

TEST_CASE("every distribution form is parsed, in seconds") {
  Distribution d = duration("t_h: 2\n", "t_h");
  CHECK(d.kind() == DistKind::FIXED);
  CHECK(d.mean() == doctest::Approx(7200));

  d = duration("t_h: {dist: fixed, value: 2}\n", "t_h");
  CHECK(d.kind() == DistKind::FIXED);
  CHECK(d.mean() == doctest::Approx(7200));

  d = duration("t_min: {dist: exponential, mean: 3}\n", "t_min");
  CHECK(d.kind() == DistKind::EXPONENTIAL);
  CHECK(d.mean() == doctest::Approx(180));

  d = duration("t_h: {dist: uniform, min: 1, max: 3}\n", "t_h");
  CHECK(d.kind() == DistKind::UNIFORM);
  CHECK(d.mean() == doctest::Approx(7200));

  d = duration("t_d: {dist: triangular, min: 1, mode: 2, max: 3}\n", "t_d");
  CHECK(d.kind() == DistKind::TRIANGULAR);
  CHECK(d.mean() == doctest::Approx(2 * 86400));

  d = duration("t_h: {dist: normal, mean: 10, sd: 0}\n", "t_h");
  CHECK(d.kind() == DistKind::NORMAL);
  CHECK(d.mean() == doctest::Approx(36000));

  d = duration("t_s: {dist: lognormal, mean: 5, cv: 0.3}\n", "t_s");
  CHECK(d.kind() == DistKind::LOGNORMAL);
  CHECK(d.mean() == doctest::Approx(5));

  d = duration("t_h: {dist: weibull, shape: 1, scale: 2}\n", "t_h");
  CHECK(d.kind() == DistKind::WEIBULL);
  CHECK(d.mean() == doctest::Approx(7200));

  d = duration("t_h: {dist: empirical, values: [1, 2, 3]}\n", "t_h");
  CHECK(d.kind() == DistKind::EMPIRICAL);
  CHECK(d.mean() == doctest::Approx(7200));

  d = duration("t_h:\n  dist: uniform\n  min: 0\n  max: 0.5\n", "t_h");
  CHECK(d.kind() == DistKind::UNIFORM);
  CHECK(d.mean() == doctest::Approx(900));
}

TEST_CASE("a missing duration takes its default, given in the key's unit") {
  Document doc = load("a: 1\n");
  MapReader r(doc, doc.root(), "", nullptr);
  r.number("a", std::nullopt, 0, 10);
  Distribution d = r.duration_s("cycle_d", Distribution::uniform(1, 3));
  CHECK(d.kind() == DistKind::UNIFORM);
  CHECK(d.mean() == doctest::Approx(2 * 86400));
  CHECK(error_of([&] { r.duration_s("stack_h", std::nullopt); }) ==
        "t.yaml:1:1: missing required key 'stack_h'");
}

TEST_CASE("a bad distribution names the parameter at fault") {
  CHECK(duration_error("t_h: {dist: lognorml, mean: 24, cv: 0.3}\n") ==
        "t.yaml:1:13: t_h.dist: must be one of fixed, exponential, uniform, triangular, normal, "
        "lognormal, weibull, empirical; got 'lognorml' (did you mean 'lognormal'?)");
  CHECK(duration_error("t_h: {mean: 24}\n") == "t.yaml:1:6: t_h: missing required key 'dist'");
  CHECK(duration_error("t_h: {dist: triangular, min: 8, mode: 30, max: 24}\n") ==
        "t.yaml:1:39: t_h.mode: must lie between min (8) and max (24), got 30");
  CHECK(duration_error("t_h: {dist: uniform, min: 4, max: 2}\n") ==
        "t.yaml:1:35: t_h.max: must not be less than min (4), got 2");
  CHECK(duration_error("t_h: {dist: lognormal, mean: 24}\n") ==
        "t.yaml:1:6: t_h: missing required key 'cv'");
  CHECK(duration_error("t_h: {dist: exponential, mean: 24, sd: 3}\n") ==
        "t.yaml:1:36: t_h: unknown key 'sd'");
  CHECK(duration_error("t_h: {dist: normal, mean: 24, sdd: 3, sd: 3}\n") ==
        "t.yaml:1:31: t_h: unknown key 'sdd' (did you mean 'sd'?)");
  CHECK(duration_error("t_h: {dist: exponential, mean: 0}\n") ==
        "t.yaml:1:32: t_h.mean: must be greater than 0, got 0");
  CHECK(duration_error("t_h: {dist: uniform, min: 1, max: 1e10}\n") ==
        "t.yaml:1:35: t_h.max: must be between 0 and 1000000000, got 10000000000");
  CHECK(duration_error("t_h: {dist: uniform, min: -1, max: 1}\n") ==
        "t.yaml:1:27: t_h.min: must be between 0 and 1000000000, got -1");
  CHECK(duration_error("t_h: {dist: empirical, values: []}\n") ==
        "t.yaml:1:32: t_h.values: needs at least one value");
  CHECK(duration_error("t_h: [1, 2]\n") ==
        "t.yaml:1:6: t_h: expected a number or a distribution such as {dist: exponential, "
        "mean: 24}, got a list");
  CHECK(duration_error("t_h: -2\n") == "t.yaml:1:6: t_h: must be between 0 and 1000000000, got -2");
  CHECK(duration_error("t_h: .inf\n") == "t.yaml:1:6: t_h: expected a finite number, got '.inf'");
}

// ----------------------------------------------------------------------- the resolved document

TEST_CASE("the resolved document holds every key read, defaults filled in, in reading order") {
  Document doc = load(
      "name: demo run\n"
      "t_h: {dist: uniform, min: 1, max: 3}\n"
      "sub:\n"
      "  k: 2\n"
      "list:\n"
      "  - a: 1\n"
      "  - a: 2.50\n");
  MapReader r(doc, doc.root(), "", &doc.resolved());
  r.string("name", std::nullopt);
  r.number("n", 5.0, 0, 10);
  r.duration_s("t_h", std::nullopt);
  r.duration_s("fixed_min", Distribution::fixed(3));
  r.duration_s("spread_d", Distribution::lognormal(2, 0.5));
  r.date_s("start_date", "2030-01-01");
  MapReader sub = r.map("sub");
  sub.integer("k", 0, 0, 10);
  sub.boolean("flag", true);
  sub.finish();
  MapReader none = r.map("none");
  none.finish();
  for (MapReader& e : r.list_of_maps("list", 1)) {
    e.number("a", std::nullopt, 0, 10);
    e.finish();
  }
  r.finish();

  CHECK(doc.resolved().to_yaml() ==
        "name: \"demo run\"\n"
        "n: 5\n"
        "t_h:\n"
        "  dist: uniform\n"
        "  min: 1\n"
        "  max: 3\n"
        "fixed_min: 3\n"
        "spread_d:\n"
        "  dist: lognormal\n"
        "  mean: 2\n"
        "  cv: 0.5\n"
        "start_date: 2030-01-01\n"
        "sub:\n"
        "  k: 2\n"
        "  flag: true\n"
        "none: {}\n"
        "list:\n"
        "  - a: 1\n"
        "  - a: 2.5\n");
  REQUIRE(doc.resolved().find("sub") != nullptr);
  REQUIRE(doc.resolved().find("sub")->find("flag") != nullptr);
  CHECK(doc.resolved().find("sub")->find("flag")->scalar() == "true");
}

TEST_CASE("a resolved scenario can be read back and resolves to the same text") {
  const std::string text =
      "name: tiny\n"
      "sites:\n"
      "  - name: starbase\n";
  Document doc = load(text);
  starsim::models::parse_scenario(doc);
  const std::string resolved = starsim::models::resolved_yaml(doc);
  CHECK(resolved.find("horizon_d: 365\n") != std::string::npos);
  CHECK(resolved.find("  - name: starbase\n    pads: 1\n") != std::string::npos);
  Document again = load(resolved);
  starsim::models::parse_scenario(again);
  CHECK(starsim::models::resolved_yaml(again) == resolved);
}

TEST_CASE("accepted keys are named by their schema path") {
  Document doc = load("a:\n  - b: 1\n  - b: 2\nt_h: {dist: exponential, mean: 1}\n");
  MapReader r(doc, doc.root(), "", nullptr);
  for (MapReader& e : r.list_of_maps("a", 1)) {
    e.number("b", std::nullopt, 0, 10);
    e.number("c", 0.0, 0, 10);
    e.finish();
  }
  r.duration_s("t_h", std::nullopt);
  r.map("sub").boolean("flag", false);
  CHECK(doc.accepted_keys() ==
        std::set<std::string>{"a", "a[].b", "a[].c", "t_h", "sub", "sub.flag"});
}

TEST_CASE("a scenario's accepted keys include every section's keys") {
  Document doc = load("name: tiny\nsites:\n  - name: starbase\n");
  starsim::models::parse_scenario(doc);
  const std::set<std::string>& keys = doc.accepted_keys();
  for (const char* key :
       {"name", "start_date", "horizon_d", "seed", "targets.gw_per_year", "vehicle.payload_t",
        "vehicle.booster.fleet", "vehicle.ship.recovery", "vehicle.phases.stack_h", "sites[].name",
        "sites[].pads", "payload.integration_h", "output.timeline"}) {
    CAPTURE(key);
    CHECK(keys.count(key) == 1);
  }
  CHECK(keys.count("sites[0].pads") == 0);
  CHECK(keys.count("vehicle.booster.turnaround_h.dist") == 0);
}

// ----------------------------------------------------------------------------------- overrides

TEST_CASE("--set replaces a value") {
  Document doc = load(SMALL);
  doc.apply_override("a.b=3");
  CHECK(read_small(doc).b == 3.0);
}

TEST_CASE("--set creates a missing key and missing maps") {
  Document doc = load(SMALL);
  doc.apply_override("a.c=4");
  CHECK(read_small(doc).c == 4.0);

  Document doc2 = load("sites: []\n");
  doc2.apply_override("a.b=7");
  CHECK(read_small(doc2).b == 7.0);
  CHECK(doc2.root()["a"]["b"].as<std::string>() == "7");
}

TEST_CASE("--set with [*] sets the key in every list element, [i] in one") {
  Document doc = load(SMALL);
  doc.apply_override("sites[*].pads=7");
  CHECK(read_small(doc).pads == std::vector<std::int64_t>{7, 7});
  doc.apply_override("sites[1].pads=9");
  CHECK(read_small(doc).pads == std::vector<std::int64_t>{7, 9});
}

TEST_CASE("--set value may be any YAML, e.g. a distribution") {
  Document doc = load("t_h: 1\n");
  doc.apply_override("t_h={dist: uniform, min: 1, max: 5}");
  MapReader r(doc, doc.root(), "", nullptr);
  CHECK(r.duration_s("t_h", std::nullopt).mean() == doctest::Approx(3 * 3600));
}

TEST_CASE("--set errors name the assignment") {
  CHECK(override_error("sites[5].pads=1") ==
        "--set sites[5].pads=1: sites: index 5 is out of range (the list has 2 entries)");
  CHECK(override_error("a.b.c=1") == "--set a.b.c=1: a.b: is a value, not a mapping");
  CHECK(override_error("a[0]=1") == "--set a[0]=1: a: is a mapping, not a list");
  CHECK(override_error("sites.pads=1") == "--set sites.pads=1: sites: is a list, not a mapping");
  CHECK(override_error("a..b=1") == "--set a..b=1: bad path 'a..b': empty key at position 3");
  CHECK(override_error("a[x]=1") ==
        "--set a[x]=1: bad path 'a[x]': an index is a whole number or *");
  CHECK(override_error("a b=1") == "--set a b=1: bad path 'a b': unexpected ' ' at position 2");
  CHECK(override_error("[0]=1") == "--set [0]=1: bad path '[0]': a path starts with a key");
  CHECK(override_error("a.b") == "--set a.b: expected PATH=VALUE");
  CHECK(override_error("=1") == "--set =1: expected PATH=VALUE");
  CHECK(override_error("a.b=[1,") ==
        "--set a.b=[1,: invalid value: end of sequence flow not found");
}

TEST_CASE("a bad value or key introduced by --set is reported against the --set") {
  CHECK(override_error("a.bb=1") == "--set a.bb=1: a: unknown key 'bb' (did you mean 'b'?)");
  CHECK(override_error("a.b=oops") == "--set a.b=oops: a.b: expected a number, got 'oops'");
  CHECK(override_error("a.b=") == "--set a.b=: a.b: expected a number, got an empty value");
  CHECK(override_error("sites[0].pads=0") ==
        "--set sites[0].pads=0: sites[0].pads: must be between 1 and 100, got 0");
  CHECK(override_error("sites[1]=3") ==
        "--set sites[1]=3: sites[1]: expected a mapping, got a value");
  CHECK(error_of([] {
          Document doc = load("t_h: 1\n");
          doc.apply_override("t_h={dist: uniform, min: 3, max: 1}");
          MapReader r(doc, doc.root(), "", nullptr);
          r.duration_s("t_h", std::nullopt);
        }) ==
        "--set t_h={dist: uniform, min: 3, max: 1}: t_h.max: must not be less than min (3), "
        "got 1");
  // A value from the file next to an overridden one keeps its file position.
  CHECK(error_of([] {
          Document doc = load("a:\n  b: 2\n  c: oops\n");
          doc.apply_override("a.b=3");
          read_small(doc);
        }) == "t.yaml:3:6: a.c: expected a number, got 'oops'");
}

// ------------------------------------------------------------------------- the file as a whole

TEST_CASE("a YAML syntax error gives its line and column") {
  CHECK(error_of([] { load("a: 1\nb: [1, 2\nc: 3\n"); }) ==
        "t.yaml:3:2: end of sequence flow not found");
  CHECK(error_of([] { load("a: b: c\n"); }) == "t.yaml:1:5: illegal map value");
}

TEST_CASE("a document that is empty or not a mapping is rejected") {
  CHECK(error_of([] { load(""); }) == "t.yaml:1:1: the file is empty");
  CHECK(error_of([] { load("# only a comment\n"); }) == "t.yaml:1:1: the file is empty");
  CHECK(error_of([] { load("- 1\n- 2\n"); }) ==
        "t.yaml:1:1: expected a mapping of keys at the top level");
  CHECK(error_of([] { load("hello\n"); }) ==
        "t.yaml:1:1: expected a mapping of keys at the top level");
}

TEST_CASE("a file that cannot be read is named") {
  const std::string missing = STARSIM_SOURCE_DIR "/tests/data/no-such-file.yaml";
  CHECK(error_of([&] { Document::load_file(missing); }) ==
        missing + ": cannot read: No such file or directory");
  const std::string dir = STARSIM_SOURCE_DIR "/tests/data";
  CHECK(error_of([&] { Document::load_file(dir); }) == dir + ": is a directory, not a file");
}
