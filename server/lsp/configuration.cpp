// Settings from the editor (section "sayso"): pulled with workspace/configuration, pushed with
// workspace/didChangeConfiguration or given in initializationOptions (as "settings", as "sayso"
// or flat: the first settings of a client that does neither). They sit under
// every .sayso.yml: the project's file wins where both say something.
//
//   {"profile": "nihr", "language": "en_GB", "documentKind": "involvement",
//    "document": "application", "severityOverrides": {"acronyms.unexplained": "info"},
//    "rules": {"plain-english.passive-voice": "off", "structure.pes-word-limit": {"max_words":
//    250}}, "words": ["Brumfield"], "packs": ["/abs/pack"], "disablePacks": ["spelling"],
//    "debounceMs": 150, "inlayHints": false, "maxProblems": 1000}
//
// "severityOverrides" (the VS Code setting's name), "severity" (what the VS Code extension sends)
// and "rules" (as in .sayso.yml) are read alike; "rulePacks" is "packs". A key the server does not
// know is named in a warning, with the known key it is most like, as a bad value is.
#include <algorithm>

#include "core/closest_name.h"
#include "core/sections.h"
#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

constexpr std::string_view kWhere = "editor settings";

std::vector<std::string> strings_of(const json& value, std::string_view key,
                                    std::vector<std::string>& problems) {
  std::vector<std::string> out;
  if (!value.is_array()) {
    problems.push_back(std::string(key) + " must be a list of strings");
    return out;
  }
  for (const json& item : value)
    if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

// "off", "on", or a severity name; an object of parameters (with optional severity/enabled).
std::optional<RuleSetting> rule_setting_of(const json& value) {
  RuleSetting setting;
  setting.where = std::string(kWhere);
  if (value.is_boolean()) {
    setting.enabled = value.get<bool>();
    return setting;
  }
  if (value.is_string()) {
    const std::string v = value.get<std::string>();
    if (v == "off" || v == "disabled" || v == "false")
      setting.enabled = false;
    else if (v == "on" || v == "true")
      setting.enabled = true;
    else
      setting.severity = v;  // checked against the rule set when the rules load
    return setting;
  }
  if (!value.is_object()) return std::nullopt;
  setting.parameters = YAML::Node(YAML::NodeType::Map);
  for (const auto& [key, item] : value.items()) {
    if (key == "severity" && item.is_string())
      setting.severity = item.get<std::string>();
    else if (key == "enabled" && item.is_boolean())
      setting.enabled = item.get<bool>();
    else
      setting.parameters[key] = YAML::Load(item.dump());  // JSON is YAML
  }
  return setting;
}

void read_rule_settings(const json& value, std::string_view key, Config& config,
                        std::vector<std::string>& problems) {
  if (!value.is_object()) {
    problems.push_back(std::string(key) + " must be an object of rule ids");
    return;
  }
  for (const auto& [id, item] : value.items()) {
    std::optional<RuleSetting> setting = rule_setting_of(item);
    if (!setting) {
      problems.push_back(std::string(key) + "." + id + " must be off, a severity or an object");
      continue;
    }
    config.rules[id] = *setting;
  }
}

std::string string_setting(const json& value, std::string_view key,
                           std::vector<std::string>& problems) {
  if (value.is_string()) return value.get<std::string>();
  if (!value.is_null()) problems.push_back(std::string(key) + " must be a string");
  return "";
}

// Every key the settings may have. The last ones are not rule settings: the server reads them
// elsewhere (debounceMs, inlayHints, pushDiagnostics) or leaves them to the client (server, trace:
// the VS Code extension's own settings, which a client may pass on with the rest).
const std::vector<std::string>& known_setting_keys() {
  static const std::vector<std::string> kKeys = {
      "profile", "language",   "documentKind", "document",        "words",
      "packs",   "rulePacks",  "disablePacks", "severity",        "severityOverrides",
      "rules",   "debounceMs", "inlayHints",   "pushDiagnostics", "server",
      "trace",   "maxProblems"};
  return kKeys;
}

bool is_rule_settings_key(std::string_view key) {
  return key == "rules" || key == "severityOverrides" || key == "severity";
}

void report_unknown_keys(const json& settings, std::vector<std::string>& problems) {
  const std::vector<std::string>& known = known_setting_keys();
  for (const auto& [key, value] : settings.items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    const std::string meant = closest_name(key, known);
    problems.push_back("unknown setting '" + key + "'" +
                       (meant.empty() ? "" : " (did you mean '" + meant + "'?)"));
  }
}

Config config_from_settings(const json& settings, std::vector<std::string>& problems) {
  Config config;
  report_unknown_keys(settings, problems);
  for (const auto& [key, value] : settings.items()) {
    if (key == "profile") {
      config.profile = string_setting(value, key, problems);
      config.profile_where = "the editor's sayso settings (profile)";
    } else if (key == "language") {
      const std::string language = string_setting(value, key, problems);
      if (language == "en_GB" || language == "en_US")
        config.language = language;
      else if (!language.empty())
        problems.push_back("language must be en_GB or en_US");
    } else if (key == "documentKind") {
      config.document_kind = string_setting(value, key, problems);
      // Any other word would make the text a section no rule is about: most checks would stop.
      if (!config.document_kind.empty() && !is_headless_kind(config.document_kind)) {
        problems.push_back(
            "documentKind must be a section kind (plain-english-summary, "
            "involvement, …) or document, not '" +
            config.document_kind + "'");
        config.document_kind.clear();
      }
    } else if (key == "document") {
      config.document = string_setting(value, key, problems);
      if (config.document == "auto") config.document.clear();
    } else if (key == "words") {
      config.words = strings_of(value, key, problems);
    } else if (key == "packs" || key == "rulePacks") {
      for (std::string& pack : strings_of(value, key, problems))
        config.packs.push_back(std::move(pack));
    } else if (key == "disablePacks") {
      config.disabled_packs = strings_of(value, key, problems);
    } else if (is_rule_settings_key(key)) {
      read_rule_settings(value, key, config, problems);
    }
  }
  return config;
}

bool has_known_key(const json& settings) {
  const std::vector<std::string>& known = known_setting_keys();
  return std::any_of(known.begin(), known.end(),
                     [&](const std::string& key) { return settings.contains(key); });
}

}  // namespace

const json& settings_section(const json& settings) {
  const json* section = &settings;
  while (section->is_object()) {
    const json* nested = nullptr;
    for (const char* key : {"settings", "sayso"})
      if (const auto found = section->find(key); found != section->end() && found->is_object())
        nested = &*found;
    if (nested == nullptr) break;
    section = nested;
  }
  return *section;
}

void Server::apply_client_settings(const json& settings) {
  // The same settings again (a client that sends them as initializationOptions and then with
  // didChangeConfiguration, as Neovim's sayso.lua does): their problems were said once already.
  const bool said_before = !client_settings_json_.is_null() && settings == client_settings_json_;
  std::vector<std::string> problems;
  client_settings_ = config_from_settings(settings, problems);
  client_settings_json_ = settings;
  const auto debounce = settings.find("debounceMs");
  if (debounce != settings.end() && debounce->is_number_integer() && transport_.can_wait()) {
    const int asked = debounce->get<int>();
    const int used = std::clamp(asked, 0, 5000);
    if (used != asked)
      problems.push_back("debounceMs must be from 0 to 5000 (milliseconds); " +
                         std::to_string(used) + " is used");
    debounce_ = std::chrono::milliseconds(used);
  } else if (debounce != settings.end() && !debounce->is_null() && !debounce->is_number_integer()) {
    problems.push_back("debounceMs must be a whole number of milliseconds, from 0 to 5000; " +
                       std::to_string(debounce_.count()) + " is used");
  }
  max_problems_ = kDefaultMaxProblems;
  if (const auto most = settings.find("maxProblems"); most != settings.end()) {
    if (most->is_number_unsigned())
      max_problems_ = most->get<std::size_t>();
    else
      problems.push_back("maxProblems must be a whole number (0 for no limit); " +
                         std::to_string(kDefaultMaxProblems) + " is used");
  }
  inlay_hints_ = false;
  if (const auto hints = settings.find("inlayHints"); hints != settings.end()) {
    if (hints->is_boolean())
      inlay_hints_ = hints->get<bool>();
    else
      problems.push_back("inlayHints must be true or false");
  }
  if (said_before) return;
  for (const std::string& problem : problems)
    show_message(kMessageWarning, "sayso: editor setting ignored: " + problem);
}

void Server::apply_folder_settings(const std::string& folder, const json& settings) {
  // The same settings as the global ones need no rule set of their own.
  if (!settings.is_object() || settings == client_settings_json_) return;
  std::vector<std::string> problems;
  folder_settings_[folder] = config_from_settings(settings, problems);
  for (const std::string& problem : problems)
    show_message(kMessageWarning, "sayso: editor setting for " + folder + " ignored: " + problem);
}

bool Server::client_answers_configuration() const {
  const json* supported = find_path(client_capabilities_, {"workspace", "configuration"});
  return supported != nullptr && *supported == true;
}

void Server::request_client_settings() {
  if (!client_answers_configuration()) return;
  // One item for the global settings, then one per workspace folder (scopeUri): an editor can
  // give each folder of a multi-root workspace its own profile or rule settings.
  json items = json::array({{{"section", "sayso"}}});
  const std::vector<std::string> folders = folders_;
  for (const std::string& folder : folders)
    items.push_back({{"scopeUri", path_to_file_uri(folder)}, {"section", "sayso"}});
  send_request("workspace/configuration", {{"items", std::move(items)}},
               [this, folders](const json& result, const json* error) {
                 if (error != nullptr || !result.is_array() || result.empty()) return;
                 // No settings (null): keep the defaults. A client may answer with all its
                 // settings, {"sayso": {...}}, rather than the section asked for.
                 if (result[0].is_object()) apply_client_settings(settings_section(result[0]));
                 folder_settings_.clear();
                 for (std::size_t i = 0; i < folders.size() && i + 1 < result.size(); ++i)
                   apply_folder_settings(folders[i], settings_section(result[i + 1]));
                 reload_rules("the editor's settings arrived");
               });
}

void Server::on_did_change_configuration(const json& params) {
  // {"settings": {"sayso": {...}}}, as the spec's clients send; or the section itself, flat, from
  // a client that sends only its own server's settings (and no other server's). Applied even for a
  // client that answers workspace/configuration: it may answer null (no "sayso" section of its
  // own), and the settings it pushed must not be lost.
  const json* pushed = find_path(params, {"settings"});
  if (pushed != nullptr && pushed->is_object()) {
    const json& settings = settings_section(*pushed);
    if (&settings != pushed || has_known_key(settings)) apply_client_settings(settings);
  }
  // Such a client is asked again, folder by folder (the pull model: the notification may carry
  // nothing, and never carries per-folder settings).
  if (client_answers_configuration()) return request_client_settings();
  reload_rules("the editor's settings changed");
}

}  // namespace sayso::lsp
