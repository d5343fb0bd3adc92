#include "core/config.h"

#include <filesystem>

#include <fmt/format.h>

namespace sayso {
namespace fs = std::filesystem;
namespace {

std::string where(const std::string& file, const YAML::Node& node) {
  return fmt::format("{}:{}", file, node.Mark().line + 1);
}

[[noreturn]] void fail(const std::string& file, const YAML::Node& node, const std::string& what) {
  throw ConfigError(fmt::format("{}: {}", where(file, node), what));
}

std::string scalar(const std::string& file, const YAML::Node& node, const char* key) {
  if (!node.IsScalar()) fail(file, node, fmt::format("'{}' must be a single value", key));
  return node.as<std::string>();
}

std::vector<std::string> string_list(const std::string& file, const YAML::Node& node,
                                     const char* key) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.as<std::string>());
    return out;
  }
  if (!node.IsSequence()) fail(file, node, fmt::format("'{}' must be a list", key));
  for (const auto& item : node) out.push_back(scalar(file, item, key));
  return out;
}

RuleSetting parse_rule_setting(const std::string& file, const std::string& id,
                               const YAML::Node& value) {
  RuleSetting setting;
  setting.where = where(file, value);
  if (value.IsScalar()) {
    const std::string v = value.as<std::string>();
    if (v == "off" || v == "false" || v == "disable" || v == "disabled")
      setting.enabled = false;
    else if (v == "on" || v == "true")
      setting.enabled = true;
    else
      setting.severity = v;  // "warning", "hint", ... checked against the rule set later
    return setting;
  }
  if (!value.IsMap())
    fail(file, value, fmt::format("rule '{}': expected off, a severity, or a map of settings", id));
  setting.parameters = YAML::Node(YAML::NodeType::Map);
  for (const auto& kv : value) {
    const std::string key = kv.first.as<std::string>();
    if (key == "severity")
      setting.severity = scalar(file, kv.second, "severity");
    else if (key == "enabled")
      setting.enabled = kv.second.as<bool>();
    else
      setting.parameters[key] = kv.second;
  }
  return setting;
}

Config parse_config(const std::string& file, const YAML::Node& root, int depth);

Config load_config_at_depth(const std::string& path, int depth) {
  if (depth > 16) throw ConfigError(fmt::format("{}: 'extends' goes more than 16 levels deep (a loop?)", path));
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw ConfigError(fmt::format("{}: cannot read this config file", path));
  } catch (const YAML::Exception& e) {
    throw ConfigError(fmt::format("{}:{}: not valid YAML: {}", path, e.mark.line + 1, e.msg));
  }
  return parse_config(path, root, depth);
}

Config parse_config(const std::string& file, const YAML::Node& root, int depth) {
  Config config;
  config.file = file;
  if (!root || root.IsNull()) return config;
  if (!root.IsMap()) fail(file, root, "a config file must be a map of settings (key: value)");
  const fs::path dir = fs::path(file).parent_path();
  Config base;
  bool has_base = false;
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    const YAML::Node& value = kv.second;
    if (key == "extends") {
      for (const auto& parent : string_list(file, value, "extends")) {
        const std::string parent_path = (dir / parent).lexically_normal().string();
        Config loaded = load_config_at_depth(parent_path, depth + 1);
        base = has_base ? merge_configs(base, loaded) : loaded;
        has_base = true;
      }
    } else if (key == "profile") {
      config.profile = scalar(file, value, "profile");
    } else if (key == "language") {
      config.language = scalar(file, value, "language");
      if (config.language != "en_GB" && config.language != "en_US")
        fail(file, value, "language must be en_GB or en_US");
    } else if (key == "document") {
      config.document = scalar(file, value, "document");
      if (config.document != "application" && config.document != "fragment" &&
          config.document != "auto")
        fail(file, value, "document must be application, fragment or auto");
      if (config.document == "auto") config.document.clear();
    } else if (key == "document_kind") {
      config.document_kind = scalar(file, value, "document_kind");
    } else if (key == "packs") {
      for (const auto& p : string_list(file, value, "packs"))
        config.packs.push_back((dir / p).lexically_normal().string());
    } else if (key == "disable_packs") {
      config.disabled_packs = string_list(file, value, "disable_packs");
    } else if (key == "words" || key == "dictionary") {
      config.words = string_list(file, value, key.c_str());
    } else if (key == "rules") {
      if (!value.IsMap()) fail(file, value, "'rules' must be a map from rule id to its setting");
      for (const auto& rule : value) {
        const std::string id = rule.first.as<std::string>();
        config.rules[id] = parse_rule_setting(file, id, rule.second);
      }
    } else {
      fail(file, kv.first,
           fmt::format("unknown setting '{}' (known: extends, profile, language, document, "
                       "document_kind, packs, disable_packs, rules, words)",
                       key));
    }
  }
  if (!has_base) return config;
  Config merged = merge_configs(base, config);
  merged.file = file;
  return merged;
}

}  // namespace

Config load_config_file(const std::string& path) { return load_config_at_depth(path, 0); }

std::string find_config_file(const std::string& start_dir) {
  std::error_code ec;
  fs::path dir = fs::absolute(start_dir.empty() ? fs::path(".") : fs::path(start_dir), ec);
  for (int i = 0; i < 64 && !dir.empty(); ++i) {
    for (const char* name : {".sayso.yml", ".sayso.yaml"}) {
      fs::path candidate = dir / name;
      if (fs::is_regular_file(candidate, ec)) return candidate.string();
    }
    if (dir == dir.parent_path()) break;
    dir = dir.parent_path();
  }
  return "";
}

Config merge_configs(const Config& base, const Config& over) {
  Config out = base;
  out.file = over.file.empty() ? base.file : over.file;
  if (!over.profile.empty()) out.profile = over.profile;
  if (over.language != "en_GB" || base.language.empty()) out.language = over.language;
  if (!over.document.empty()) out.document = over.document;
  if (!over.document_kind.empty()) out.document_kind = over.document_kind;
  out.packs.insert(out.packs.end(), over.packs.begin(), over.packs.end());
  out.disabled_packs.insert(out.disabled_packs.end(), over.disabled_packs.begin(),
                            over.disabled_packs.end());
  out.words.insert(out.words.end(), over.words.begin(), over.words.end());
  for (const auto& [id, setting] : over.rules) {
    RuleSetting& target = out.rules[id];
    if (setting.enabled) target.enabled = setting.enabled;
    if (setting.severity) target.severity = setting.severity;
    if (setting.parameters && setting.parameters.IsMap()) {
      if (!target.parameters || !target.parameters.IsMap())
        target.parameters = YAML::Node(YAML::NodeType::Map);
      for (const auto& kv : setting.parameters) target.parameters[kv.first.as<std::string>()] = kv.second;
    }
    target.where = setting.where;
  }
  return out;
}

}  // namespace sayso
