// The resolved document's tree and its YAML text (sim/config/resolved_tree): the text is
// what scenario.resolved.yaml holds, so its bytes are pinned here, and it must read back
// (yaml-cpp) as the same tree: keys in order, text that YAML would misread quoted.
#include "sim/config/resolved_tree.hpp"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace {

using starsim::sim::config::ResolvedTree;
using Kind = ResolvedTree::Kind;

ResolvedTree text(std::string s) { return ResolvedTree(Kind::SCALAR, std::move(s)); }

// The tree as yaml-cpp reads it back: map keys in order, every scalar's text and whether it
// was quoted (a quoted scalar's tag is "!").
void check_same(const ResolvedTree& tree, const YAML::Node& node) {
  switch (tree.kind()) {
    case Kind::SCALAR:
      REQUIRE(node.IsScalar());
      CHECK(node.Scalar() == tree.scalar());
      break;
    case Kind::MAP: {
      REQUIRE(node.IsMap());
      std::vector<std::string> keys;
      for (auto it = node.begin(); it != node.end(); ++it) {
        keys.push_back(it->first.Scalar());
        const ResolvedTree* child = tree.find(it->first.Scalar());
        REQUIRE(child != nullptr);
        check_same(*child, it->second);
      }
      CHECK(keys == tree.keys());
      break;
    }
    case Kind::LIST:
      REQUIRE(node.IsSequence());
      REQUIRE(node.size() == tree.size());
      for (std::size_t i = 0; i < tree.size(); ++i) check_same(*tree.at(i), node[i]);
      break;
  }
}

// A scalar as a YAML 1.1 reader types it: tag "!" when it was quoted (always text).
bool read_back_quoted(const std::string& yaml, const std::string& key) {
  return YAML::Load(yaml)[key].Tag() == "!";
}

}  // namespace

TEST_CASE("nested maps and lists are written in block style, keys in the order they were set") {
  ResolvedTree root;
  root.set("zeta", ResolvedTree::value("1"));
  root.set("alpha", text("starbase"));
  ResolvedTree* sub = root.set("sub", ResolvedTree());
  sub->set("b", ResolvedTree::value("2.5"));
  sub->set("a", ResolvedTree::value("true"));
  ResolvedTree* list = root.set("list", ResolvedTree(Kind::LIST));
  ResolvedTree* first = list->append(ResolvedTree());
  first->set("name", text("pad"));
  ResolvedTree* inner = first->set("values", ResolvedTree(Kind::LIST));
  inner->append(ResolvedTree::value("1"));
  inner->append(ResolvedTree::value("2"));
  list->append(ResolvedTree::value("3"));
  list->append(ResolvedTree());
  ResolvedTree* nested = list->append(ResolvedTree(Kind::LIST));
  nested->append(text("x"));
  root.set("empty_map", ResolvedTree());
  root.set("empty_list", ResolvedTree(Kind::LIST));
  root.set("zeta", ResolvedTree::value("4"));  // replaced in place: the order stays

  const std::string yaml = root.to_yaml();
  CHECK(yaml ==
        "zeta: 4\n"
        "alpha: starbase\n"
        "sub:\n"
        "  b: 2.5\n"
        "  a: true\n"
        "list:\n"
        "  - name: pad\n"
        "    values:\n"
        "      - 1\n"
        "      - 2\n"
        "  - 3\n"
        "  - {}\n"
        "  -\n"
        "    - x\n"
        "empty_map: {}\n"
        "empty_list: []\n");
  check_same(root, YAML::Load(yaml));
}

TEST_CASE("text that YAML would read as something else is quoted, numbers and booleans not") {
  ResolvedTree root;
  const std::vector<std::string> misread = {"true", "no",  "Off", "null", "~",   "-",
                                            "-x",   "",    "a b", "a: b", "#c",  "1",
                                            "2.5",  "1e9", "-3",  ".inf", "0x1F"};
  for (std::size_t i = 0; i < misread.size(); ++i)
    root.set("k" + std::to_string(i), text(misread[i]));
  root.set("plain", text("2030-01-01"));
  root.set("dashed", text("ramp-2026"));
  root.set("number", ResolvedTree::value("2.5"));
  root.set("boolean", ResolvedTree::value("false"));
  root.set("quote", text("say \"hi\"\\ \n next"));
  const std::string yaml = root.to_yaml();
  CAPTURE(yaml);
  for (std::size_t i = 0; i < misread.size(); ++i) {
    CAPTURE(misread[i]);
    CHECK(read_back_quoted(yaml, "k" + std::to_string(i)));
  }
  CHECK_FALSE(read_back_quoted(yaml, "plain"));
  CHECK_FALSE(read_back_quoted(yaml, "dashed"));
  CHECK_FALSE(read_back_quoted(yaml, "number"));
  CHECK_FALSE(read_back_quoted(yaml, "boolean"));
  CHECK(yaml.find("k0: \"true\"\n") != std::string::npos);
  CHECK(yaml.find("k11: \"1\"\n") != std::string::npos);
  CHECK(yaml.find("number: 2.5\n") != std::string::npos);
  CHECK(yaml.find("quote: \"say \\\"hi\\\"\\\\ \\n next\"\n") != std::string::npos);
  check_same(root, YAML::Load(yaml));
}
