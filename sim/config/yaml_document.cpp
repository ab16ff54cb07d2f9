// Document: a loaded YAML file, where each of its nodes is (file:line:col, or the --set that
// made it), the keys its readers accepted and the warnings they gave.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/config/yaml_path.hpp"
#include "sim/config/yaml_reader.hpp"
#include "sim/config/yaml_text.hpp"

namespace starsim::sim::config {

Document::Document(std::string name, const YAML::Node& root)
    : name_(std::move(name)), root_(root), resolved_(std::make_shared<ResolvedTree>()) {}

Document Document::load_string(const std::string& text, const std::string& name) {
  YAML::Node root = load_yaml(text, name);
  if (!root.IsDefined() || root.IsNull()) throw ConfigError(name + ":1:1", "", "the file is empty");
  if (!root.IsMap())
    throw ConfigError(fmt::format("{}:{}:{}", name, root.Mark().line + 1, root.Mark().column + 1),
                      "", "expected a mapping of keys at the top level");
  return Document(name, root);
}

Document Document::load_file(const std::string& file_name) {
  std::error_code ec;
  if (std::filesystem::is_directory(file_name, ec))
    throw ConfigError(file_name, "", "is a directory, not a file");
  if (std::filesystem::exists(file_name, ec) && !std::filesystem::is_regular_file(file_name, ec))
    throw ConfigError(file_name, "", "is not a regular file");
  const auto size = std::filesystem::file_size(file_name, ec);
  if (!ec && size > YamlLimits{}.max_bytes)
    throw ConfigError(file_name, "",
                      fmt::format("is {} bytes; a scenario or experiment file is at most {} MiB",
                                  size, YamlLimits{}.max_bytes >> 20));
  std::ifstream in(file_name, std::ios::binary);
  if (!in) throw ConfigError(file_name, "", fmt::format("cannot read: {}", std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    throw ConfigError(file_name, "", fmt::format("cannot read: {}", std::strerror(errno)));
  return load_string(text.str(), file_name);
}

void Document::mark_origin(const YAML::Node& node, const std::string& label) {
  origins_.emplace_back(node, label);
  if (node.IsMap()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      origins_.emplace_back(it->first, label);  // a key can be read as a value (a schedule's date)
      mark_origin(it->second, label);
    }
  } else if (node.IsSequence()) {
    for (auto it = node.begin(); it != node.end(); ++it) mark_origin(*it, label);
  }
}

std::string Document::where(const YAML::Node& node) const {
  for (const auto& [n, label] : origins_)
    if (n.is(node)) return label;
  YAML::Mark m = node.Mark();
  if (m.is_null()) return name_;
  return fmt::format("{}:{}:{}", name_, m.line + 1, m.column + 1);
}

std::string Document::where_pair(const YAML::Node& key, const YAML::Node& value) const {
  for (const auto& [n, label] : origins_)
    if (n.is(value)) return label;
  return where(key);
}

void Document::note_accepted(const std::string& concrete_path) const {
  accepted_.insert(schema_path(concrete_path));
}

void Document::note_range(const std::string& concrete_path, double min, double max) const {
  ranges_[schema_path(concrete_path)] = {min, max};
}

void Document::warn(const std::string& where, const std::string& path,
                    const std::string& message) const {
  warnings_.push_back(
      fmt::format("{}: warning: {}{}", where, path.empty() ? "" : path + ": ", message));
}

}  // namespace starsim::sim::config
