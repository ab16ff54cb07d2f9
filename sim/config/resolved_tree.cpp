#include "sim/config/resolved_tree.hpp"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace starsim::sim::config {

ResolvedTree* ResolvedTree::set(const std::string& key, ResolvedTree value) {
  for (auto& [k, v] : map_) {
    if (k == key) {
      *v = std::move(value);
      return v.get();
    }
  }
  map_.emplace_back(key, std::make_unique<ResolvedTree>(std::move(value)));
  return map_.back().second.get();
}

ResolvedTree* ResolvedTree::append(ResolvedTree value) {
  list_.push_back(std::make_unique<ResolvedTree>(std::move(value)));
  return list_.back().get();
}

const ResolvedTree* ResolvedTree::find(const std::string& key) const {
  for (const auto& [k, v] : map_)
    if (k == key) return v.get();
  return nullptr;
}

std::vector<std::string> ResolvedTree::keys() const {
  std::vector<std::string> out;
  for (const auto& entry : map_) out.push_back(entry.first);
  return out;
}

namespace {

// Words YAML 1.1/1.2 would read as null or a boolean, and text starting with '-'.
bool looks_special(const std::string& s) {
  static const char* const WORDS[] = {"null",  "Null",  "NULL",  "~",   "true", "True", "TRUE",
                                      "false", "False", "FALSE", "yes", "Yes",  "YES",  "no",
                                      "No",    "NO",    "on",    "On",  "ON",   "off",  "Off",
                                      "OFF",   "y",     "Y",     "n",   "N"};
  for (const char* w : WORDS)
    if (s == w) return true;
  return s.front() == '-' && (s.size() == 1 || !std::isdigit(static_cast<unsigned char>(s[1])));
}

// Text a YAML reader would take for a number: what strtod reads whole ("12", "-3", "1e9",
// "0x1F", "inf") and YAML's own spellings of infinity and not-a-number.
bool looks_like_number(const std::string& s) {
  static const char* const WORDS[] = {".inf",  ".Inf",  ".INF",  "+.inf", "+.Inf", "+.INF",
                                      "-.inf", "-.Inf", "-.INF", ".nan",  ".NaN",  ".NAN"};
  for (const char* w : WORDS)
    if (s == w) return true;
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

// Plain when every character is a letter, a digit or one of _-.+ and a value would not be
// misread (a key is never read as anything but text); double-quoted otherwise.
bool plain(const std::string& s, bool is_key) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
          c == '+'))
      return false;
  return is_key || !(looks_special(s) || looks_like_number(s));
}

void write_text(YAML::Emitter& out, const std::string& s, bool is_key) {
  if (plain(s, is_key))
    out << s;
  else
    out << YAML::DoubleQuoted << s;
}

}  // namespace

void ResolvedTree::emit(YAML::Emitter& out) const {
  switch (kind_) {
    case Kind::SCALAR:
      if (verbatim_)
        out << scalar_;
      else
        write_text(out, scalar_, false);
      break;
    case Kind::MAP:
      out << (map_.empty() ? YAML::Flow : YAML::Block) << YAML::BeginMap;
      for (const auto& [k, v] : map_) {
        out << YAML::Key;
        write_text(out, k, true);
        out << YAML::Value;
        v->emit(out);
      }
      out << YAML::EndMap;
      break;
    case Kind::LIST:
      out << (list_.empty() ? YAML::Flow : YAML::Block) << YAML::BeginSeq;
      for (const auto& v : list_) v->emit(out);
      out << YAML::EndSeq;
      break;
  }
}

std::string ResolvedTree::to_yaml() const {
  if (kind_ == Kind::MAP && map_.empty()) return "";
  YAML::Emitter out;
  emit(out);
  if (!out.good()) throw std::logic_error("ResolvedTree::to_yaml: " + out.GetLastError());
  return std::string(out.c_str()) + "\n";
}

}  // namespace starsim::sim::config
