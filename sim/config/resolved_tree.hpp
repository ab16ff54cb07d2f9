// The resolved document: every key a reader asked for with the value it used (the file's, or
// the default), in reading order, emitted as YAML. Owned plain data: yaml-cpp nodes shared
// between two trees corrupt each other's memory, so this tree is built separately.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace YAML {  // NOLINT(readability-identifier-naming): yaml-cpp's name
class Emitter;
}  // namespace YAML

namespace starsim::sim::config {

class ResolvedTree {
 public:
  enum class Kind { SCALAR, MAP, LIST };
  // verbatim: a number or a boolean, written as it is (text is quoted when YAML would misread it).
  explicit ResolvedTree(Kind kind = Kind::MAP, std::string scalar = {}, bool verbatim = false)
      : kind_(kind), scalar_(std::move(scalar)), verbatim_(verbatim) {}
  static ResolvedTree value(std::string text) {
    return ResolvedTree(Kind::SCALAR, std::move(text), true);
  }

  // Sets (or replaces) a key of a map; returns the child.
  ResolvedTree* set(const std::string& key, ResolvedTree value);
  // Appends to a list; returns the child.
  ResolvedTree* append(ResolvedTree value);
  const ResolvedTree* find(const std::string& key) const;
  Kind kind() const { return kind_; }
  const std::string& scalar() const { return scalar_; }
  // A map's keys in order; a list's entries.
  std::vector<std::string> keys() const;
  std::size_t size() const { return list_.size(); }
  const ResolvedTree* at(std::size_t i) const { return list_.at(i).get(); }

  // Block-style YAML by yaml-cpp's emitter (two spaces of indentation, empty collections as {}
  // and []); text that YAML would read as null, a boolean or a number is double-quoted.
  std::string to_yaml() const;

 private:
  void emit(YAML::Emitter& out) const;
  Kind kind_;
  std::string scalar_;
  bool verbatim_ = false;
  std::vector<std::pair<std::string, std::unique_ptr<ResolvedTree>>> map_;
  std::vector<std::unique_ptr<ResolvedTree>> list_;
};

}  // namespace starsim::sim::config
