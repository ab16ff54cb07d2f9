#include "sim/config/yaml_path.hpp"

#include <cctype>
#include <stdexcept>

namespace starsim::sim::config {

std::vector<PathStep> parse_path(std::string_view text) {
  std::vector<PathStep> steps;
  std::size_t i = 0;
  auto fail = [&](const std::string& why) {
    throw std::invalid_argument("bad path '" + std::string(text) + "': " + why);
  };
  if (text.empty()) fail("empty path");
  bool need_key = true;
  while (i < text.size()) {
    char c = text[i];
    if (c == '[') {
      if (steps.empty()) fail("a path starts with a key");
      std::size_t close = text.find(']', i);
      if (close == std::string_view::npos) fail("missing ']'");
      std::string_view inner = text.substr(i + 1, close - i - 1);
      PathStep step;
      if (inner == "*") {
        step.kind = PathStep::Kind::ALL;
      } else {
        if (inner.empty() || inner.size() > 9) fail("an index is a whole number or *");
        for (char d : inner)
          if (!std::isdigit(static_cast<unsigned char>(d))) fail("an index is a whole number or *");
        step.kind = PathStep::Kind::INDEX;
        step.index = std::stoul(std::string(inner));
      }
      steps.push_back(step);
      i = close + 1;
      need_key = false;
    } else if (c == '.') {
      if (need_key) fail("empty key at position " + std::to_string(i + 1));
      need_key = true;
      ++i;
    } else {
      if (!need_key) fail("expected '.' or '[' at position " + std::to_string(i + 1));
      std::size_t end = i;
      while (end < text.size() && text[end] != '.' && text[end] != '[') {
        char k = text[end];
        if (!(std::isalnum(static_cast<unsigned char>(k)) || k == '_' || k == '-'))
          fail("unexpected '" + std::string(1, k) + "' at position " + std::to_string(end + 1));
        ++end;
      }
      steps.push_back({PathStep::Kind::KEY, std::string(text.substr(i, end - i)), 0});
      i = end;
      need_key = false;
    }
  }
  if (need_key) fail("a path ends with a key or an index");
  return steps;
}

std::string render_path(const std::vector<PathStep>& steps) {
  std::string out;
  for (const auto& s : steps) {
    switch (s.kind) {
      case PathStep::Kind::KEY:
        if (!out.empty()) out += '.';
        out += s.key;
        break;
      case PathStep::Kind::INDEX:
        out += '[' + std::to_string(s.index) + ']';
        break;
      case PathStep::Kind::ALL:
        out += "[*]";
        break;
    }
  }
  return out;
}

std::string schema_path(std::string_view concrete_path) {
  std::string out;
  bool in_index = false;
  for (char c : concrete_path) {
    if (c == '[') {
      in_index = true;
      out += "[]";
    } else if (c == ']') {
      in_index = false;
    } else if (!in_index) {
      out += c;
    }
  }
  return out;
}

}  // namespace starsim::sim::config
