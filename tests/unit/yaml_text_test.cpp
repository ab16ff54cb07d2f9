// The one YAML reader: what it refuses (cycles, alias bombs, depth, a second document, NUL
// bytes, size), where it says so, and that it reads ordinary aliases. Pure code.
#include "sim/config/yaml_text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "sim/config/config_error.hpp"

namespace {

using starsim::sim::config::ConfigError;
using starsim::sim::config::load_yaml;
using starsim::sim::config::printable;

std::string error_of(const std::string& text, bool with_positions = true) {
  try {
    load_yaml(text, with_positions ? "t.yaml" : "--set x=V", with_positions);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

// "[*a, *a, ...]" with n aliases of `name`.
std::string aliases(const std::string& name, int n) {
  std::string s = "[";
  for (int i = 0; i < n; ++i) s += (i ? ", *" : "*") + name;
  return s + "]";
}

// A billion laughs: 9 levels of 9 aliases each (9^9 values once expanded).
std::string alias_bomb() {
  std::string s = "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]\n";
  for (char c = 'b'; c <= 'i'; ++c)
    s += std::string(1, c) + ": &" + c + " " +
         aliases(std::string(1, static_cast<char>(c - 1)), 9) + "\n";
  return s;
}

std::string nested(int levels) {
  return std::string(static_cast<std::size_t>(levels), '[') +
         std::string(static_cast<std::size_t>(levels), ']');
}

}  // namespace

TEST_CASE("a cycle of aliases is refused at the alias, wherever it is") {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"&a [*a]", "t.yaml:1:5: the alias '*a' refers to the node it is inside of: a cycle"},
      {"x: &a {b: [1, *a]}",
       "t.yaml:1:15: the alias '*a' refers to the node it is inside of: a cycle"},
      {"x: &a\n  b:\n    c: *a\n",
       "t.yaml:3:8: the alias '*a' refers to the node it is inside of: a cycle"},
      {"x: &a [&b [*a]]",
       "t.yaml:1:12: the alias '*a' refers to the node it is inside of: a cycle"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.first);
    CHECK(error_of(c.first) == c.second);
  }
  CHECK(error_of("&a [*a]", false) ==
        "--set x=V: the alias '*a' refers to the node it is inside of: a cycle");
}

TEST_CASE("an alias bomb is refused before it is expanded, and ordinary aliases are read") {
  CHECK(error_of(alias_bomb()).find("holds more than 1000000 values with every alias expanded") !=
        std::string::npos);
  CHECK(error_of(alias_bomb(), false).rfind("--set x=V: holds more than 1000000 values", 0) == 0);
  // At the limit exactly: the root map (1), keys a, b, c (3), a's list of 99,995 values
  // (99,996), b's list (1) of 9 aliases of it (9 x 99,996), c's list (1) of 34 values: 1,000,000.
  auto ones = [](int n) {
    std::string s = "[1";
    for (int i = 1; i < n; ++i) s += ",1";
    return s + "]";
  };
  const std::string at_limit = "a: &a " + ones(99'995) + "\nb: " + aliases("a", 9) + "\nc: ";
  CHECK(error_of(at_limit + ones(34)) == "no error");
  CHECK(error_of(at_limit + ones(35)).find("more than 1000000 values") != std::string::npos);
  const YAML::Node shared = load_yaml("a: &x {mean: 24}\nb: *x\nc: [*x, *x]\n", "t.yaml");
  CHECK(shared["b"]["mean"].as<double>() == 24);
  CHECK(shared["c"][1]["mean"].as<double>() == 24);
}

TEST_CASE("nesting deeper than 200 levels is refused where it starts, through aliases too") {
  CHECK(error_of(nested(200)) == "no error");
  CHECK(error_of(nested(201)) == "t.yaml:1:201: nested deeper than 200 levels");
  CHECK(error_of(nested(100'000)) == "t.yaml:1:201: nested deeper than 200 levels");
  // 150 levels, aliased inside 100 more: 250 once expanded.
  CHECK(error_of("a: &a " + nested(150) + "\nb: " + std::string(100, '[') + "*a" +
                 std::string(100, ']')) == "t.yaml:2:104: nested deeper than 200 levels");
  std::string block = "a:\n";
  for (int i = 1; i <= 250; ++i)
    block += std::string(static_cast<std::size_t>(2 * i), ' ') + "a:\n";
  CHECK(error_of(block).find(": nested deeper than 200 levels") != std::string::npos);
}

TEST_CASE("a second YAML document, a NUL byte and a text over 4 MiB are refused") {
  CHECK(
      error_of("name: x\n---\nname: y\n") ==
      "t.yaml:2:1: holds a second YAML document (after '---'); starsim reads one document a text");
  CHECK(error_of("---\nname: x\n...\n") == "no error");
  CHECK(error_of(std::string("name: x\nsi\0tes: 1\n", 18)) ==
        "t.yaml:2:3: holds a NUL byte: not a text file");
  CHECK(error_of("# " + std::string(5 << 20, 'x')) ==
        "t.yaml: is 5242882 bytes; a scenario or experiment file is at most 4 MiB");
  CHECK(error_of("a: [1,") == "t.yaml:1:1: end of sequence flow not found");
  CHECK(error_of("a: [1,", false) == "--set x=V: invalid value: end of sequence flow not found");
  CHECK(load_yaml("", "t.yaml").IsNull());
}

TEST_CASE("an error quoting a control character stays one line") {
  CHECK(printable("a\nb\tc\rd\x01") == "a\\nb\\tc\\rd\\x01");
  const ConfigError e("t.yaml:1:7", "name", "'a\nb' may hold only letters");
  CHECK(std::string(e.what()) == "t.yaml:1:7: name: 'a\\nb' may hold only letters");
}
