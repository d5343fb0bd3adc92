#include "batch/settings_fingerprint.h"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string_view>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "batch/fingerprint.h"

#ifndef SAYSO_VERSION
#define SAYSO_VERSION "0.0.0"
#endif

namespace sayso {
namespace {

// Type, key, value and children; not the lines, which do not change what a rule finds.
void add_node(Fingerprint& f, const DataNode& node) {
  f.add(static_cast<std::size_t>(node.type()));
  f.add(node.key());
  f.add(node.value());
  f.add(node.size());
  for (const DataNode& child : node.children()) add_node(f, child);
}

void add_rule(Fingerprint& f, const Rule& rule) {
  f.add(rule.id);
  f.add(rule.enabled ? "on" : "off");
  f.add(static_cast<std::size_t>(rule.severity));
  for (const auto& [kind, severity] : rule.severity_in) {
    f.add(kind);
    f.add(static_cast<std::size_t>(severity));
  }
  f.add(static_cast<std::size_t>(rule.applies_to));
  f.add(rule.message);
  add_node(f, rule.node);  // kind, category, scope, parameters after the profile and config
}

void add_list(Fingerprint& f, const std::vector<std::string>& items) {
  f.add(items.size());
  for (const std::string& item : items) f.add(item);
}

// A word list by its contents: the same words from another folder are the same settings.
void add_file_contents(Fingerprint& f, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  f.add(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
}

void add_rule_settings(Fingerprint& f, const std::map<std::string, RuleSetting>& rules) {
  for (const auto& [id, setting] : rules) {
    f.add(id);
    f.add(setting.enabled ? (*setting.enabled ? "on" : "off") : "");
    f.add(setting.severity.value_or(""));
    f.add(setting.parameters ? YAML::Dump(setting.parameters) : "");
  }
}

void add_config(Fingerprint& f, const Config& config) {
  f.add(config.profile);
  f.add(config.spelling_language());
  f.add(config.document);
  f.add(config.document_kind);
  add_list(f, config.disabled_packs);
  add_list(f, config.only_packs);
  add_list(f, config.words);
  for (const std::string& dictionary : config.dictionaries) add_file_contents(f, dictionary);
  add_rule_settings(f, config.rules);
  for (const ConfigOverride& over : config.overrides) {
    add_list(f, over.files);
    for (const std::string* text :
         {&over.profile, &over.document, &over.document_kind, &over.language})
      f.add(*text);
    add_rule_settings(f, over.rules);
    add_list(f, over.words);
  }
  f.add(config.max_document_bytes.value_or(0));
  f.add(config.lint_time_budget_ms.value_or(0));
}

void add_rules(Fingerprint& f, const RuleSet& rules) {
  f.add(rules.rules.size());
  for (const Rule& rule : rules.rules) add_rule(f, rule);
}

void add_map(Fingerprint& f, const FormMap* map) {
  if (!map) {
    f.add("no map");
    return;
  }
  f.add(map->id_column);
  f.add(map->title_column);
  for (const auto& [column, kind] : map->sections) {
    f.add(column);
    f.add(kind);
  }
}

void add_options(Fingerprint& f, const FingerprintedOptions& options) {
  for (const std::string* text : {&options.profile, &options.document, &options.document_kind})
    f.add(*text);
  f.add(options.max_bytes);
  f.add(options.use_submission_configs ? "own configs" : "one config");
  f.add(options.max_findings);
  add_map(f, options.map);
}

template <typename Add>
std::string fingerprint_of(Add add) {
  Fingerprint f;
  add(f);
  return f.hex();
}

}  // namespace

std::string settings_fingerprint(const RuleSet& rules, const Config& config,
                                 const FingerprintedOptions& options) {
  Fingerprint f;
  f.add(SAYSO_VERSION);  // another version may find other things in the same text
  add_rules(f, rules);
  add_config(f, config);
  add_options(f, options);
  return f.hex();
}

SettingsParts settings_parts(const RuleSet& rules, const Config& config,
                             const FingerprintedOptions& options) {
  // The profile, --document and --kind are parts of their own, whether the command line or the
  // config gave them: the config's part is the rest of it.
  Config rest_of_config = config;
  rest_of_config.profile.clear();
  rest_of_config.document.clear();
  rest_of_config.document_kind.clear();
  return {
      {"sayso", SAYSO_VERSION},
      {"rules", fingerprint_of([&](Fingerprint& f) { add_rules(f, rules); })},
      {"config", fingerprint_of([&](Fingerprint& f) { add_config(f, rest_of_config); })},
      {"map", fingerprint_of([&](Fingerprint& f) { add_map(f, options.map); })},
      {"profile", config.profile},
      {"document", config.document},
      {"kind", config.document_kind},
      {"max_bytes", std::to_string(options.max_bytes)},
      {"max_findings", std::to_string(options.max_findings)},
      {"submission_configs", options.use_submission_configs ? "on" : "off"},
  };
}

}  // namespace sayso
