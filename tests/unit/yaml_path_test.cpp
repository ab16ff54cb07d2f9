// Paths into a YAML document: parse_path, render_path and schema_path.
#include "sim/config/yaml_path.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace {

using starsim::sim::config::parse_path;
using starsim::sim::config::PathStep;
using starsim::sim::config::render_path;
using starsim::sim::config::schema_path;

// The message parse_path throws for `text`, or "no error".
std::string path_error(const std::string& text) {
  try {
    parse_path(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a dotted path with indices parses into keys and indices") {
  std::vector<PathStep> steps = parse_path("sites[0].propellant.storage_t");
  REQUIRE(steps.size() == 4);
  CHECK(steps[0].kind == PathStep::Kind::KEY);
  CHECK(steps[0].key == "sites");
  CHECK(steps[1].kind == PathStep::Kind::INDEX);
  CHECK(steps[1].index == 0);
  CHECK(steps[2].kind == PathStep::Kind::KEY);
  CHECK(steps[2].key == "propellant");
  CHECK(steps[3].kind == PathStep::Kind::KEY);
  CHECK(steps[3].key == "storage_t");
}

TEST_CASE("[*] parses as every element") {
  std::vector<PathStep> steps = parse_path("sites[*].pads");
  REQUIRE(steps.size() == 3);
  CHECK(steps[1].kind == PathStep::Kind::ALL);
  CHECK(steps[2].key == "pads");
}

TEST_CASE("a single key, multi-digit and consecutive indices parse") {
  std::vector<PathStep> one = parse_path("horizon_d");
  REQUIRE(one.size() == 1);
  CHECK(one[0].key == "horizon_d");

  std::vector<PathStep> steps = parse_path("m[12][3]");
  REQUIRE(steps.size() == 3);
  CHECK(steps[1].index == 12);
  CHECK(steps[2].index == 3);
  CHECK(parse_path("a-b.c_d")[0].key == "a-b");
}

TEST_CASE("a path renders back to the text it was parsed from") {
  for (const char* text : {"name", "vehicle.booster.fleet", "sites[0].pads", "sites[*].pads",
                           "m[12][3].x", "a-b.c_d"}) {
    CAPTURE(text);
    CHECK(render_path(parse_path(text)) == text);
  }
  CHECK(render_path({}).empty());
}

TEST_CASE("a malformed path is rejected with the reason and position") {
  CHECK(path_error("") == "bad path '': empty path");
  CHECK(path_error("a..b") == "bad path 'a..b': empty key at position 3");
  CHECK(path_error(".a") == "bad path '.a': empty key at position 1");
  CHECK(path_error("a.") == "bad path 'a.': a path ends with a key or an index");
  CHECK(path_error("[0].a") == "bad path '[0].a': a path starts with a key");
  CHECK(path_error("a[0") == "bad path 'a[0': missing ']'");
  CHECK(path_error("a[]") == "bad path 'a[]': an index is a whole number or *");
  CHECK(path_error("a[-1]") == "bad path 'a[-1]': an index is a whole number or *");
  CHECK(path_error("a[1234567890]") == "bad path 'a[1234567890]': an index is a whole number or *");
  CHECK(path_error("a[0]b") == "bad path 'a[0]b': expected '.' or '[' at position 5");
  CHECK(path_error("a b") == "bad path 'a b': unexpected ' ' at position 2");
  CHECK(path_error("a=b") == "bad path 'a=b': unexpected '=' at position 2");
  CHECK(path_error("a[123456789]") == "no error");
}

TEST_CASE("a schema path replaces every index with []") {
  CHECK(schema_path("sites[0].pads") == "sites[].pads");
  CHECK(schema_path("a[12].b[*].c") == "a[].b[].c");
  CHECK(schema_path("m[1][2]") == "m[][]");
  CHECK(schema_path("vehicle.booster.fleet") == "vehicle.booster.fleet");
  CHECK(schema_path("") == "");
}
