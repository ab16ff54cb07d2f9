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
std::string quoted(const std::string& s) {
  bool plain = !s.empty();
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '+'))
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
      out += pad + quoted(k) + ":";
      if (v->kind_ == Kind::SCALAR) {
        out += " " + quoted(v->scalar_) + "\n";
      } else if ((v->kind_ == Kind::MAP && v->map_.empty()) || (v->kind_ == Kind::LIST && v->list_.empty())) {
        out += v->kind_ == Kind::MAP ? " {}\n" : " []\n";
      } else {
        out += "\n";
        v->emit(out, indent + 2);
      }
    }
  } else if (kind_ == Kind::LIST) {
    for (const auto& v : list_) {
      if (v->kind_ == Kind::SCALAR) {
        out += pad + "- " + quoted(v->scalar_) + "\n";
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
