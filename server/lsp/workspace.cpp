// Configuration (.sayso.yml, searched upward from each document) and the rule sets it selects.
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

}  // namespace

// Settings changed in the editor: re-read every .sayso.yml and re-lint what is open.
void Server::on_did_change_configuration(const json&) {
  rule_contexts_.clear();
  for (auto& [uri, doc] : documents_) lint_and_publish(doc);
}

std::shared_ptr<const RuleContext> Server::rules_for(const OpenDocument& doc) {
  const std::string start_dir =
      doc.is_file ? std::filesystem::path(doc.path).parent_path().string() : root_path_;
  const std::string config_file = config_file_for(start_dir);
  const auto time =
      config_file.empty() ? std::filesystem::file_time_type{} : modification_time(config_file);
  std::shared_ptr<RuleContext>& cached = rule_contexts_[config_file];
  // Reload when the config file was edited since it was read.
  if (!cached || cached->config_time != time) cached = load_rule_context(config_file, time);
  return cached;
}

std::shared_ptr<RuleContext> Server::load_rule_context(const std::string& config_file,
                                                       std::filesystem::file_time_type time) {
  auto context = std::make_shared<RuleContext>();
  context->config_file = config_file;
  context->config_time = time;
  if (!config_file.empty()) {
    try {
      context->config = load_config_file(config_file);
    } catch (const std::exception& e) {
      show_message(kMessageError, std::string("sayso: ") + e.what() +
                                      " (using the default settings until it is fixed)");
      context->config = Config{};
    }
  }
  try {
    context->rules = load_rules(rules_dir_, context->config);
  } catch (const std::exception& e) {
    show_message(kMessageError, std::string("sayso: ") + e.what());
    if (context->config.file.empty()) return context;  // the default rules themselves failed
    context->config = Config{};
    try {
      context->rules = load_rules(rules_dir_, context->config);
    } catch (const std::exception&) {
      return context;
    }
  }
  try {
    context->linter = std::make_unique<Linter>(context->rules, context->config);
  } catch (const std::exception& e) {
    show_message(kMessageError, std::string("sayso: cannot start the linter: ") + e.what());
  }
  return context;
}

}  // namespace sayso::lsp
