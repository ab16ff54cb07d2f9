#include "sim/config/resolved_tree.hpp"

#include <cctype>

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

std::string quoted(const std::string& s, bool is_key = false) {
  bool plain = !s.empty() && (is_key || !looks_special(s));
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
          c == '+'))
      plain = false;
  if (plain) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}
}  // namespace

void ResolvedTree::emit(std::string& out, int indent) const {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  if (kind_ == Kind::MAP) {
    for (const auto& [k, v] : map_) {
      out += pad + quoted(k, true) + ":";
      if (v->kind_ == Kind::SCALAR) {
        out += " " + (v->verbatim_ ? v->scalar_ : quoted(v->scalar_)) + "\n";
      } else if ((v->kind_ == Kind::MAP && v->map_.empty()) ||
                 (v->kind_ == Kind::LIST && v->list_.empty())) {
        out += v->kind_ == Kind::MAP ? " {}\n" : " []\n";
      } else {
        out += "\n";
        v->emit(out, indent + 2);
      }
    }
  } else if (kind_ == Kind::LIST) {
    for (const auto& v : list_) {
      if (v->kind_ == Kind::SCALAR) {
        out += pad + "- " + (v->verbatim_ ? v->scalar_ : quoted(v->scalar_)) + "\n";
      } else if (v->map_.empty() && v->list_.empty()) {
        out += pad + (v->kind_ == Kind::MAP ? "- {}\n" : "- []\n");
      } else {
        std::string child;
        v->emit(child, indent + 2);
        // The first line of the child takes the "- " in place of its indentation.
        out += pad + "- " + child.substr(static_cast<std::size_t>(indent) + 2);
      }
    }
  }
}

std::string ResolvedTree::to_yaml() const {
  std::string out;
  emit(out, 0);
  return out;
}

}  // namespace starsim::sim::config
