#include "cli/print_config.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "engine/linter.h"
#include "engine/ruleset.h"

namespace sayso {
namespace fs = std::filesystem;
namespace {

// A rule whose state in force differs from what its rule file says.
struct RuleChange {
  std::string id;
  bool on = true, on_by_default = true;
  Severity severity = Severity::Warning, default_severity = Severity::Warning;
  std::string because;  // "file:line" of the setting, "profile NAME", or ""
};

// Everything printed for one path.
struct Settings {
  std::string path;
  Config config;
  std::string read_as, read_as_why;  // what a text with no headings is, and why
  std::vector<std::string> packs;    // names of the packs loaded
  std::size_t rules = 0, rules_on = 0;
  std::vector<RuleChange> changes;
  std::size_t max_bytes = 0;
  std::string user_dictionary;
};

// Why a rule is not as its file says: the setting naming it (or its pack), else the profile.
std::string cause_of_change(const Config& config, const std::string& id) {
  if (const RuleSetting* setting = setting_for_rule(config, id)) return setting->where;
  if (!config.profile.empty()) return "profile " + config.profile;
  return "";
}

std::vector<RuleChange> rule_changes(const RuleSet& in_force, const RuleSet& as_written,
                                     const Config& config) {
  std::vector<RuleChange> changes;
  for (const Rule& rule : in_force.rules) {
    const Rule* original = as_written.find(rule.id);
    if (!original) continue;
    if (rule.enabled == original->enabled && rule.severity == original->severity) continue;
    changes.push_back({rule.id, rule.enabled, original->enabled, rule.severity, original->severity,
                       cause_of_change(config, rule.id)});
  }
  return changes;
}

std::pair<std::string, std::string> reading_of(const LintingSession& session,
                                               const std::string& path, const Config& config) {
  const std::string kind = session.headless_kind(path, config);
  if (config.document == "application") return {kind, "the document is said to be an application"};
  if (!config.document_kind.empty()) return {kind, "the settings say so"};
  return {kind, "from the file name"};
}

Settings settings_for(LintingSession& session, const std::string& path) {
  Settings s;
  std::error_code ec;
  s.path = path;
  // A folder's own settings: those of a file in it that no override names.
  const bool folder = path != "-" && fs::is_directory(path, ec);
  const Config& config =
      session.config_for(folder ? (fs::absolute(path, ec) / "").lexically_normal().string() : path);
  s.config = config;
  std::tie(s.read_as, s.read_as_why) = reading_of(session, path, config);
  if (folder && s.read_as_why == "from the file name")
    s.read_as_why = "for a file in it whose name says nothing: summary, pes and ppi names say more";
  const RuleSet& in_force = session.linter_for(config).rules();
  const RuleSet as_written = load_rules(in_force.rules_dir, packs_only(s.config));
  for (const Pack& pack : in_force.packs) s.packs.push_back(pack.name);
  s.rules = in_force.rules.size();
  s.rules_on = static_cast<std::size_t>(std::count_if(in_force.rules.begin(), in_force.rules.end(),
                                                      [](auto& r) { return r.enabled; }));
  s.changes = rule_changes(in_force, as_written, s.config);
  s.max_bytes = session.max_bytes_for(s.config);
  s.user_dictionary = user_dictionary_path();
  return s;
}

// A rule setting as written: "off", "error", "{max_words: 250}", or several of them.
std::string setting_text(const RuleSetting& setting) {
  std::vector<std::string> parts;
  if (setting.enabled) parts.push_back(*setting.enabled ? "on" : "off");
  if (setting.severity) parts.push_back(*setting.severity);
  if (setting.parameters && setting.parameters.size() > 0) {
    YAML::Emitter flow;
    flow << YAML::Flow << setting.parameters;
    parts.push_back(flow.c_str());
  }
  return parts.empty() ? std::string("(nothing)") : fmt::format("{}", fmt::join(parts, ", "));
}

std::string state_text(bool on, Severity severity) {
  return on ? std::string(severity_name(severity)) : std::string("off");
}

std::string list_or(const std::vector<std::string>& items, const char* none) {
  return items.empty() ? std::string(none) : fmt::format("{}", fmt::join(items, ", "));
}

void write_text(std::ostream& out, const Settings& s) {
  const Config& c = s.config;
  out << "Settings for " << (s.path == "-" ? std::string("standard input") : s.path) << "\n";
  out << "  config files (the nearest first): "
      << list_or(c.sources, "none, so the built-in defaults") << "\n";
  if (!c.applied_overrides.empty())
    out << "  overrides for this file: " << list_or(c.applied_overrides, "") << "\n";
  out << "  profile: "
      << (c.profile.empty()
              ? std::string("none")
              : c.profile + " (" + (c.profile_where.empty() ? "--profile" : c.profile_where) + ")")
      << "\n";
  out << "  spelling: " << c.spelling_language() << "\n";
  out << "  a text with no headings is read as: " << s.read_as << " (" << s.read_as_why << ")\n";
  out << "  packs: " << list_or(s.packs, "none") << "\n";
  for (const auto& name : c.disabled_packs)
    out << "  pack turned off: " << name << " ("
        << (c.disabled_packs_where.count(name) ? c.disabled_packs_where.at(name) : c.file) << ")\n";
  if (!c.packs.empty()) out << "  packs of your own: " << list_or(c.packs, "") << "\n";
  out << fmt::format("  rules: {} of {} on\n", s.rules_on, s.rules);
  if (!s.changes.empty()) {
    out << "  not as their rule files say:\n";
    std::size_t width = 0;
    for (const auto& change : s.changes) width = std::max(width, change.id.size());
    for (const auto& change : s.changes) {
      const std::string state = state_text(change.on, change.severity) + " (the file says " +
                                state_text(change.on_by_default, change.default_severity) + ")";
      out << fmt::format("    {:<{}}  {:<32} {}\n", change.id, width, state, change.because);
    }
  }
  if (!c.rules.empty()) {
    out << "  rule settings, as written:\n";
    for (const auto& [name, setting] : c.rules)
      out << fmt::format("    {}: {}  ({})\n", name, setting_text(setting), setting.where);
  }
  out << fmt::format("  dictionary: {} words from the config files", c.words.size());
  if (!c.dictionaries.empty()) out << "; word lists: " << list_or(c.dictionaries, "");
  if (!s.user_dictionary.empty()) out << "; your own: " << s.user_dictionary;
  out << "\n";
  out << fmt::format("  largest file checked: {} bytes\n", s.max_bytes);
  if (c.lint_time_budget_ms)
    out << fmt::format("  checks of one file stop after: {} ms\n", *c.lint_time_budget_ms);
}

nlohmann::json settings_json(const Settings& s) {
  const Config& c = s.config;
  nlohmann::json changes = nlohmann::json::array();
  for (const auto& change : s.changes)
    changes.push_back(
        {{"rule", change.id},
         {"state", state_text(change.on, change.severity)},
         {"rule_file_says", state_text(change.on_by_default, change.default_severity)},
         {"because", change.because}});
  nlohmann::json settings = nlohmann::json::object();
  for (const auto& [name, setting] : c.rules)
    settings[name] = {{"value", setting_text(setting)}, {"where", setting.where}};
  nlohmann::json disabled = nlohmann::json::object();
  for (const auto& name : c.disabled_packs)
    disabled[name] = c.disabled_packs_where.count(name) ? c.disabled_packs_where.at(name) : c.file;
  nlohmann::json j = {
      {"path", s.path},
      {"config_files", c.sources},
      {"overrides", c.applied_overrides},
      {"profile", c.profile.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.profile)},
      {"profile_where", c.profile_where},
      {"language", c.spelling_language()},
      {"headless_kind", s.read_as},
      {"packs", s.packs},
      {"packs_off", disabled},
      {"own_packs", c.packs},
      {"rules", s.rules},
      {"rules_on", s.rules_on},
      {"changed_rules", changes},
      {"rule_settings", settings},
      {"words", c.words.size()},
      {"word_lists", c.dictionaries},
      {"user_dictionary", s.user_dictionary},
      {"max_bytes", s.max_bytes}};
  if (c.lint_time_budget_ms) j["lint_time_budget_ms"] = *c.lint_time_budget_ms;
  return j;
}

}  // namespace

void print_config(std::ostream& out, LintingSession& session, const std::vector<std::string>& paths,
                  const std::string& format) {
  nlohmann::json files = nlohmann::json::array();
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const Settings settings = settings_for(session, paths[i]);
    if (format == "json") {
      files.push_back(settings_json(settings));
    } else {
      if (i > 0) out << "\n";
      write_text(out, settings);
    }
  }
  if (format == "json") out << nlohmann::json{{"version", 1}, {"files", files}}.dump(2) << "\n";
}

}  // namespace sayso
