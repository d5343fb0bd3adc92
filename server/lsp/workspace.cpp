// Configuration per document, resolved as `sayso check` resolves it: the editor's settings (those
// of the document's workspace folder when the editor gives folders their own), under the
// .sayso.yml searched upward from the document, with the file's per-glob `overrides:` applied
// for the document's path (core config_for_path). Rule sets are cached per settings scope, config
// file and override variant. A file that fails to load keeps the last good rules in use.
#include <system_error>

#include "lsp/server.h"

namespace sayso::lsp {
namespace {

std::filesystem::file_time_type modification_time(const std::string& file) {
  std::error_code ec;
  const auto time = std::filesystem::last_write_time(file, ec);
  return ec ? std::filesystem::file_time_type{} : time;
}

std::string config_file_for(const std::string& start_dir) {
  if (start_dir.empty()) return "";
  try {
    return find_config_file(start_dir);
  } catch (const std::exception&) {
    return "";  // an unreadable folder: use the defaults
  }
}

// Rules and a linter for a config; throws what loading throws.
void load_rules_into(RuleContext& context, const std::string& rules_dir) {
  context.rules = load_rules(rules_dir, context.config);
  context.linter = std::make_unique<Linter>(context.rules, context.config);
}

}  // namespace

std::shared_ptr<const RuleContext> Server::rules_for(const OpenDocument& doc) {
  if (doc.is_file)
    return rules_for_file(doc.path, std::filesystem::path(doc.path).parent_path().string());
  // A buffer with no file: the first folder's .sayso.yml, no path for overrides to match.
  return rules_for_file("", folders_.empty() ? std::string() : folders_.front());
}

std::string Server::settings_scope_of(const std::string& path) const {
  if (path.empty() || folder_settings_.empty()) return "";
  const std::string folder = folder_of(path);
  return folder_settings_.count(folder) > 0 ? folder : "";
}

const Config& Server::client_settings_for(const std::string& scope) const {
  const auto found = folder_settings_.find(scope);
  return found == folder_settings_.end() ? client_settings_ : found->second;
}

std::vector<std::filesystem::file_time_type> Server::source_times_of(const BaseConfigSlot& slot) {
  std::vector<std::filesystem::file_time_type> times;
  if (slot.file_config)
    for (const std::string& source : slot.file_config->sources)
      times.push_back(modification_time(source));
  return times;
}

const Server::BaseConfigSlot& Server::base_config(const std::string& scope,
                                                  const std::string& config_file) {
  const auto time =
      config_file.empty() ? std::filesystem::file_time_type{} : modification_time(config_file);
  BaseConfigSlot& slot = base_configs_[scope + '\n' + config_file];
  // Reload when the config file, or one it adds to, was edited since it was read, or the
  // settings changed.
  if (slot.config && !slot.stale && slot.seen_time == time &&
      slot.source_times == source_times_of(slot))
    return slot;
  if (!config_file.empty()) {
    try {
      slot.file_config = load_found_config(config_file);
    } catch (const ConfigError& e) {
      // The file's last good settings stay, if any.
      report_file_problem(all_settings_mistakes(e, options_.rules_dir));
    } catch (const std::exception& e) {
      report_file_problem(e.what());
    }
  }
  const Config& settings = client_settings_for(scope);
  if (slot.file_config) {
    Config file_config = *slot.file_config;
    apply_unsaved_changes(config_file, time, file_config);
    slot.config = merge_configs(settings, file_config);
  } else {
    slot.config = settings;
  }
  slot.seen_time = time;
  slot.source_times = source_times_of(slot);
  slot.stale = false;
  slot.generation = ++config_generation_;
  return slot;
}

void Server::apply_unsaved_changes(const std::string& config_file,
                                   std::filesystem::file_time_type disk_time, Config& config) {
  const auto unsaved = unsaved_config_changes_.find(config_file);
  if (unsaved == unsaved_config_changes_.end()) return;
  // Saved (or changed some other way) since: the file now says what holds.
  if (unsaved->second.disk_time != disk_time) {
    unsaved_config_changes_.erase(unsaved);
    return;
  }
  for (const std::string& word : unsaved->second.words) config.words.push_back(word);
  if (unsaved->second.language) config.language = unsaved->second.language;
  for (const std::string& rule : unsaved->second.disabled_rules) {
    RuleSetting& setting = config.rules[rule];
    setting.enabled = false;
    setting.where = config_file + " (not saved yet)";
  }
}

std::shared_ptr<const RuleContext> Server::rules_for_file(const std::string& path,
                                                          const std::string& dir) {
  const std::string scope = settings_scope_of(path.empty() ? dir : path);
  const std::string config_file = config_file_for(dir);
  const BaseConfigSlot& base = base_config(scope, config_file);
  // Per-glob overrides give some files their own settings, and their own rule set.
  Config config = config_for_path(*base.config, path);
  ContextSlot& slot = rule_contexts_[scope + '\n' + config_file + config.variant];
  if (!slot.context || slot.generation != base.generation) {
    slot.context = load_rule_context(std::move(config), config_file, slot.context);
    slot.generation = base.generation;
  }
  return slot.context;
}

std::shared_ptr<RuleContext> Server::load_rule_context(
    Config config, const std::string& config_file, const std::shared_ptr<RuleContext>& last_good) {
  auto context = std::make_shared<RuleContext>();
  context->config_file = config_file;
  context->config = std::move(config);
  try {
    load_rules_into(*context, options_.rules_dir);
    return context;
  } catch (const std::exception& e) {
    report_file_problem(e.what());
  }
  if (last_good) return last_good;
  // No good rules yet: try again without the project's settings, then give up (no linter).
  context->config = Config{};
  try {
    load_rules_into(*context, options_.rules_dir);
  } catch (const std::exception& e) {
    log(std::string("the default rules cannot be loaded either: ") + e.what());
    context->linter.reset();
  }
  return context;
}

}  // namespace sayso::lsp
