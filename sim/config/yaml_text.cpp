#include "sim/config/yaml_text.hpp"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <sstream>
#include <vector>

#include "sim/config/config_error.hpp"

namespace starsim::sim::config {

namespace {

// Thrown from inside yaml-cpp's event loop; caught by load_yaml and turned into a ConfigError.
struct Refused {
  YAML::Mark mark;
  std::string message;
};

// Walks the event stream once before any node is built: counts depth and nodes as if every
// alias were expanded, and stops at a cycle, a bomb, too deep a nesting or a second document.
class Guard : public YAML::EventHandler {
 public:
  explicit Guard(const YamlLimits& limits) : limits_(limits) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1)
      throw Refused{
          mark, "holds a second YAML document (after '---'); starsim reads one document a text"};
  }
  void OnDocumentEnd() override {}
  void OnAnchor(const YAML::Mark&, const std::string& name) override { anchor_name_ = name; }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string&) override {
    leaf(mark, anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end() || it->second.open)
      throw Refused{mark, fmt::format("the alias '*{}' refers to the node it is inside of: a cycle",
                                      it == anchors_.end() ? "?" : it->second.name)};
    const Anchor& a = it->second;
    if (open_.size() + a.height > static_cast<std::size_t>(limits_.max_depth)) too_deep(mark);
    add(mark, a.nodes, a.height);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Anchor {
    std::string name;
    bool open = true;
    std::size_t nodes = 1, height = 0;  // with aliases expanded
  };
  struct Open {
    YAML::anchor_t anchor;
    YAML::Mark mark;
    std::size_t nodes = 1, height = 0;
  };

  void name_anchor(YAML::anchor_t anchor) {
    if (anchor == YAML::NullAnchor) return;
    anchors_[anchor] = Anchor{anchor_name_, true, 1, 0};
  }
  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor) {
    name_anchor(anchor);
    if (anchor != YAML::NullAnchor) anchors_[anchor].open = false;
    add(mark, 1, 0);
  }
  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    name_anchor(anchor);
    if (open_.size() >= static_cast<std::size_t>(limits_.max_depth)) too_deep(mark);
    open_.push_back({anchor, mark});
    count(mark, 1);
  }
  void close() {
    const Open done = open_.back();
    open_.pop_back();
    if (done.anchor != YAML::NullAnchor) {
      Anchor& a = anchors_[done.anchor];
      a.open = false;
      a.nodes = done.nodes;
      a.height = done.height;
    }
    if (!open_.empty()) {
      open_.back().nodes += done.nodes;
      open_.back().height = std::max(open_.back().height, done.height + 1);
    }
  }
  // A subtree of `nodes` nodes and `height` levels below its root, inside the open collection.
  void add(const YAML::Mark& mark, std::size_t nodes, std::size_t height) {
    count(mark, nodes);
    if (!open_.empty()) {
      open_.back().nodes += nodes;
      open_.back().height = std::max(open_.back().height, height + 1);
    }
  }
  void count(const YAML::Mark& mark, std::size_t nodes) {
    total_ += nodes;
    if (total_ > limits_.max_nodes)
      throw Refused{
          mark, fmt::format("holds more than {} values with every alias expanded (an alias bomb?)",
                            limits_.max_nodes)};
  }
  [[noreturn]] void too_deep(const YAML::Mark& mark) const {
    throw Refused{mark, fmt::format("nested deeper than {} levels", limits_.max_depth)};
  }

  const YamlLimits& limits_;
  int documents_ = 0;
  std::string anchor_name_;
  std::map<YAML::anchor_t, Anchor> anchors_;
  std::vector<Open> open_;
  std::size_t total_ = 0;
};

std::string at(const std::string& where, bool with_positions, const YAML::Mark& mark) {
  if (!with_positions || mark.is_null()) return where;
  return fmt::format("{}:{}:{}", where, mark.line + 1, mark.column + 1);
}

}  // namespace

YAML::Node load_yaml(const std::string& text, const std::string& where, bool with_positions,
                     const YamlLimits& limits) {
  if (text.size() > limits.max_bytes)
    throw ConfigError(where, "",
                      fmt::format("is {} bytes; a scenario or experiment file is at most {} MiB",
                                  text.size(), limits.max_bytes >> 20));
  // NOLINTNEXTLINE(bugprone-not-null-terminated-result): it looks for a NUL, copies nothing
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    const auto offset = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
    YAML::Mark mark;
    mark.line = static_cast<int>(
        std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    const auto line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    mark.column = static_cast<int>(
        line_start == std::string::npos || offset == 0 ? offset : offset - line_start - 1);
    throw ConfigError(at(where, with_positions, mark), "", "holds a NUL byte: not a text file");
  }
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    Guard guard(limits);
    while (parser.HandleNextDocument(guard)) {
    }
    YAML::Node root = YAML::Load(text);
    // No document at all: a null node that exists (yaml-cpp's bare Node() is no node yet, and
    // two such nodes are not is() each other, which --set origins rely on).
    return root.IsNull() ? YAML::Node(YAML::NodeType::Null) : root;
  } catch (const Refused& r) {
    throw ConfigError(at(where, with_positions, r.mark), "", r.message);
  } catch (const YAML::DeepRecursion& e) {
    throw ConfigError(at(where, with_positions, e.mark), "",
                      fmt::format("nested deeper than {} levels", limits.max_depth));
  } catch (const YAML::ParserException& e) {
    throw ConfigError(at(where, with_positions, e.mark), "",
                      (with_positions ? "" : "invalid value: ") + e.msg);
  } catch (const YAML::Exception& e) {
    throw ConfigError(where, "", e.msg);
  }
}

}  // namespace starsim::sim::config
