// Configuration (.sayso.yml, searched upward from each document, over the editor's settings) and
// the rule sets it selects. A file that fails to load keeps the last good rules in use.
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
  const std::string start_dir = doc.is_file ? std::filesystem::path(doc.path).parent_path().string()
                                            : (folders_.empty() ? std::string() : folders_.front());
  return rules_for_directory(start_dir);
}

std::shared_ptr<const RuleContext> Server::rules_for_directory(const std::string& dir) {
  const std::string config_file = config_file_for(dir);
  const auto time =
      config_file.empty() ? std::filesystem::file_time_type{} : modification_time(config_file);
  ContextSlot& slot = rule_contexts_[config_file];
  // Reload when the config file was edited since it was read, or the rules changed.
  if (!slot.context || slot.stale || slot.seen_time != time) {
    slot.context = load_rule_context(config_file, time, slot.context);
    slot.seen_time = time;
    slot.stale = false;
  }
  return slot.context;
}

std::shared_ptr<RuleContext> Server::load_rule_context(
    const std::string& config_file, std::filesystem::file_time_type time,
    const std::shared_ptr<RuleContext>& last_good) {
  auto context = std::make_shared<RuleContext>();
  context->config_file = config_file;
  context->config_time = time;
  context->config = client_settings_;
  if (!config_file.empty()) {
    try {
      context->config = merge_configs(client_settings_, load_config_file(config_file));
    } catch (const std::exception& e) {
      report_file_problem(e.what());
      if (last_good) return last_good;
      context->config = client_settings_;  // nothing better yet: the defaults
    }
  }
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
