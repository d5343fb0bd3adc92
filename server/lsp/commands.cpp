// workspace/executeCommand:
//   sayso.lintWorkspace            lints every readable document under the workspace folders,
//                                  publishing diagnostics (a client that pulls is asked to pull
//                                  again: workspace/diagnostic/refresh) and reporting
//                                  window/workDoneProgress;
//                                  → {"files": n, "diagnostics": n}
//   sayso.explainRule [rule, {"show": false}?]  → Markdown: what the rule says, why, sources,
//                                  who shaped it (explain_rule.cpp; shown to the user as well)
//   sayso.addWord [word, uri?]     adds the word to `words:` in the workspace's .sayso.yml
//                                  (created if absent) and re-lints; → {"file": path}
//   sayso.setLanguage [language, uri?]  sets `language:` (en_GB or en_US) in the workspace's
//                                  .sayso.yml (created if absent) and re-lints; → {"file": path}
//                                  Both change only those bytes of the file, through the editor
//                                  (workspace/applyEdit, so it can be undone) when it can.
//   sayso.disableRule [ruleId, uri?]  sets `ruleId: off` under `rules:` in the same .sayso.yml
//                                  (the way to turn a rule off without a comment in the text)
//   sayso.showSection [uri, line]  the section whose heading is on that line (the code lens's
//                                  command): shows its figures and missing evidence
//                                  (window/showMessage); → the same in Markdown
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <system_error>

#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxWordBytes = 100;

// Argument `index` when it is a string, else "".
std::string optional_command_argument(const json& arguments, std::size_t index) {
  return arguments.is_array() && arguments.size() > index && arguments[index].is_string()
             ? arguments[index].get<std::string>()
             : "";
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Written beside the target and renamed over it, so a failure never leaves half a file.
void write_text_file(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".sayso-tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw std::runtime_error("cannot write " + path);
  }
  std::error_code ec;
  fs::rename(temporary, path, ec);
  if (ec) {
    fs::remove(temporary, ec);
    throw std::runtime_error("cannot write " + path);
  }
}

class Progress {
 public:
  Progress(std::function<void(const json&)> send, json token)
      : send_(std::move(send)), token_(std::move(token)) {}
  void begin(const std::string& title, const std::string& message) {
    notify({{"kind", "begin"},
            {"title", title},
            {"message", message},
            {"percentage", 0},
            {"cancellable", false}});
  }
  void report(const std::string& message, std::size_t done, std::size_t total) {
    notify({{"kind", "report"},
            {"message", message},
            {"percentage", total == 0 ? 100 : done * 100 / total}});
  }
  void end(const std::string& message) { notify({{"kind", "end"}, {"message", message}}); }

 private:
  void notify(json value) {
    if (!token_.is_null())
      send_(make_notification("$/progress", {{"token", token_}, {"value", std::move(value)}}));
  }
  std::function<void(const json&)> send_;
  json token_;
};

}  // namespace

std::string command_argument(const json& arguments, std::size_t index, std::string_view what) {
  if (!arguments.is_array() || arguments.size() <= index || !arguments[index].is_string())
    throw RpcError(ErrorCode::InvalidParams,
                   "argument " + std::to_string(index + 1) + " must be " + std::string(what));
  return arguments[index].get<std::string>();
}

json Server::on_execute_command(const json& params) {
  const std::string command = require_string(require_params_object(params), "command");
  const json arguments = params.value("arguments", json::array());
  if (command == "sayso.lintWorkspace") return lint_workspace(params);
  if (command == "sayso.explainRule") return explain_rule(arguments);
  if (command == "sayso.addWord") return add_word(arguments);
  if (command == "sayso.setLanguage") return set_language(arguments);
  if (command == "sayso.showSection") return show_section(arguments);
  if (command == "sayso.disableRule") return disable_rule(arguments);
  throw RpcError(ErrorCode::InvalidParams, "unknown command " + command);
}

json Server::lint_workspace(const json& params) {
  const std::vector<std::string> files = workspace_files();
  json token = nullptr;
  const auto given = params.find("workDoneToken");
  if (given != params.end() && (given->is_string() || given->is_number_integer())) {
    token = *given;
  } else if (const json* supported =
                 find_path(client_capabilities_, {"window", "workDoneProgress"});
             supported != nullptr && *supported == true) {
    token = "sayso-lint-workspace-" + std::to_string(next_request_id_);
    send_request("window/workDoneProgress/create", {{"token", token}});
  }
  Progress progress([this](const json& message) { send(message); }, token);
  progress.begin("sayso: linting the workspace", std::to_string(files.size()) + " files");
  std::size_t findings = 0;
  try {
    for (std::size_t i = 0; i < files.size(); ++i) {
      check_cancelled();
      const std::string& path = files[i];
      progress.report(std::to_string(i + 1) + " of " + std::to_string(files.size()) + ": " +
                          fs::path(path).filename().string(),
                      i, files.size());
      if (OpenDocument* open = find_document(path_to_file_uri(path))) {
        lint_and_publish(*open);
        findings += open->diagnostics.size();
        continue;
      }
      std::string text;
      const LintOutput out = lint_file_on_disk(path, text);
      findings += out.diagnostics.size();
      // A client that pulls gets them from workspace/diagnostic (below): pushed as well, they
      // would show twice (the pushed and pulled ones are kept apart).
      if (push_diagnostics_)
        publish_diagnostics(path_to_file_uri(path), std::nullopt,
                            lsp_diagnostics(out.diagnostics, text));
    }
  } catch (const RpcError&) {
    progress.end("Cancelled");
    throw;
  }
  if (!push_diagnostics_) request_diagnostic_refresh();
  progress.end("Linted " + std::to_string(files.size()) + " files: " + std::to_string(findings) +
               " findings");
  return {{"files", files.size()}, {"diagnostics", findings}};
}

std::pair<std::string, std::string> Server::workspace_config_for(const std::string& uri) {
  const std::string doc_path = file_uri_to_path(uri);
  std::string folder = doc_path.empty() ? "" : folder_of(doc_path);
  if (folder.empty() && !doc_path.empty()) folder = fs::path(doc_path).parent_path().string();
  if (folder.empty() && !folders_.empty()) folder = folders_.front();
  if (folder.empty())
    throw RpcError(ErrorCode::InvalidParams, "no workspace folder to keep settings in");

  // The .sayso.yml that governs the document, if it is inside the workspace; else a new one in
  // the workspace folder, which adds to whatever applied before (the files above still count).
  const std::string start = doc_path.empty() ? folder : fs::path(doc_path).parent_path().string();
  std::string config = find_config_file(start);
  const fs::path relative = fs::path(config).lexically_relative(folder);
  if (!config.empty() && !relative.empty() && *relative.begin() != "..") {
    // Open in an editor that applies our edits: its buffer, perhaps with unsaved changes, is
    // what the edit applies to.
    const json* can_apply = find_path(client_capabilities_, {"workspace", "applyEdit"});
    const OpenDocument* open = find_document(path_to_file_uri(config));
    if (open != nullptr && can_apply != nullptr && *can_apply == true) return {config, open->text};
    return {config, config_text_after_sent_edits(config)};
  }
  return {(fs::path(folder) / ".sayso.yml").string(), ""};
}

namespace {

// The one edit that turns `old_text` into `new_text`: the span between what they share at the
// start and at the end, as byte offsets into `old_text` and the text to put there.
struct SpanEdit {
  std::size_t begin = 0, end = 0;
  std::string text;
};

SpanEdit span_edit(const std::string& old_text, const std::string& new_text) {
  std::size_t prefix = 0;
  while (prefix < old_text.size() && prefix < new_text.size() &&
         old_text[prefix] == new_text[prefix])
    ++prefix;
  std::size_t suffix = 0;
  while (suffix < old_text.size() - prefix && suffix < new_text.size() - prefix &&
         old_text[old_text.size() - 1 - suffix] == new_text[new_text.size() - 1 - suffix])
    ++suffix;
  // Never split a UTF-8 character: the edit's positions are counted in characters' units.
  auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
  while (prefix > 0 && continuation(old_text[prefix])) --prefix;
  while (suffix > 0 && continuation(old_text[old_text.size() - suffix])) --suffix;
  return {prefix, old_text.size() - suffix,
          new_text.substr(prefix, new_text.size() - suffix - prefix)};
}

}  // namespace

std::string Server::config_text_after_sent_edits(const std::string& path) {
  std::string disk = read_text_file(path);
  const auto sent = sent_config_edits_.find(path);
  if (sent == sent_config_edits_.end()) return disk;
  if (sent->second.disk_text == disk) return sent->second.buffer_text;
  sent_config_edits_.erase(sent);  // saved, or changed some other way: the file says what holds
  return disk;
}

void Server::change_workspace_config(const std::string& path, const std::string& old_text,
                                     const std::string& new_text, ConfigChange change) {
  const json* can_apply = find_path(client_capabilities_, {"workspace", "applyEdit"});
  std::error_code ec;
  if (can_apply != nullptr && *can_apply == true && fs::exists(path, ec)) {
    const SpanEdit edit = span_edit(old_text, new_text);
    const LineIndex lines(old_text);
    const json range = {{"start", to_json(lines.to_position(edit.begin, position_unit_))},
                        {"end", to_json(lines.to_position(edit.end, position_unit_))}};
    const std::string uri = path_to_file_uri(path);
    const std::string label = "sayso: " + change.description + " in " + path;
    json params = {
        {"label", label},
        {"edit",
         {{"changes", {{uri, json::array({{{"range", range}, {"newText", edit.text}}})}}}}}};
    UnsavedConfigChange unsaved{fs::last_write_time(path, ec), change.words, change.language,
                                change.disabled_rules};
    // The editor's buffer holds the new text from now on, saved or not: the next change starts
    // from it (unless the buffer is open here, when its text is known anyway).
    if (find_document(uri) == nullptr) sent_config_edits_[path] = {read_text_file(path), new_text};
    send_request(
        "workspace/applyEdit", std::move(params),
        [this, path, label, unsaved, new_text](const json& result, const json* error) {
          if (error != nullptr || !result.is_object() || result.value("applied", false) != true) {
            if (const auto sent = sent_config_edits_.find(path);
                sent != sent_config_edits_.end() && sent->second.buffer_text == new_text)
              sent_config_edits_.erase(sent);
            const std::string reason = result.is_object() ? result.value("failureReason", "") : "";
            show_message(kMessageError, "sayso: the editor did not apply the change (" + label +
                                            ")" + (reason.empty() ? "" : ": " + reason));
            return;
          }
          // The editor may not have saved the file: its settings hold meanwhile.
          UnsavedConfigChange& pending = unsaved_config_changes_[path];
          if (pending.disk_time != unsaved.disk_time) pending = {unsaved.disk_time, {}, {}, {}};
          for (const std::string& word : unsaved.words) pending.words.push_back(word);
          if (unsaved.language) pending.language = unsaved.language;
          for (const std::string& rule : unsaved.disabled_rules)
            pending.disabled_rules.push_back(rule);
          reload_rules(label);
        });
    return;
  }
  const bool created = !fs::exists(path, ec);
  try {
    write_text_file(path, new_text);
  } catch (const std::exception& e) {
    show_message(kMessageError,
                 "sayso: cannot " + change.description + " in " + path + ": " + e.what());
    throw RpcError(ErrorCode::InternalError, e.what());
  }
  log(change.description + " in " + path);
  // Written straight to disk (no buffer holds it yet): say so, or the finding just vanishes.
  if (created)
    show_message(kMessageInfo, "sayso: " + change.description + " in a new settings file, " + path +
                                   ". Open it to see or undo the change.");
  reload_rules(change.description + " in " + path);
}

json Server::add_word(const json& arguments) {
  const std::string word = command_argument(arguments, 0, "the word to add");
  if (word.empty() || word.size() > kMaxWordBytes ||
      word.find_first_of("\r\n\t") != std::string::npos)
    throw RpcError(ErrorCode::InvalidParams, "not a word: " + word.substr(0, kMaxWordBytes));
  auto [config, text] = workspace_config_for(optional_command_argument(arguments, 1));
  std::string changed;
  try {
    changed = add_word_to_config_text(text, word);
  } catch (const std::exception& e) {
    show_message(kMessageError, "sayso: cannot add '" + word + "' to " + config + ": " + e.what());
    throw RpcError(ErrorCode::InternalError, e.what());
  }
  if (changed != text)
    change_workspace_config(config, text, changed,
                            {"added '" + word + "'", {word}, std::nullopt, {}});
  return {{"file", config}};
}

json Server::set_language(const json& arguments) {
  const std::string language = command_argument(arguments, 0, "en_GB or en_US");
  if (language != "en_GB" && language != "en_US")
    throw RpcError(ErrorCode::InvalidParams, "language must be en_GB or en_US");
  auto [config, text] = workspace_config_for(optional_command_argument(arguments, 1));
  std::string changed;
  try {
    changed = set_language_in_config_text(text, language);
  } catch (const std::exception& e) {
    show_message(kMessageError, "sayso: cannot set the language in " + config + ": " + e.what());
    throw RpcError(ErrorCode::InternalError, e.what());
  }
  if (changed != text)
    change_workspace_config(config, text, changed, {"set language: " + language, {}, language, {}});
  return {{"file", config}};
}

// A rule these rules know, as its full id, or a pack's name; else InvalidParams with a
// did-you-mean. An unknown name in .sayso.yml would make sayso check refuse the whole file.
std::string Server::known_rule_or_pack(const std::string& typed, const std::string& uri) {
  const std::string path = file_uri_to_path(uri);
  const auto context = path.empty() ? rules_for_file("", folders_.empty() ? "" : folders_.front())
                                    : rules_for_file(path, fs::path(path).parent_path().string());
  if (!context) return typed;  // no rules loaded to judge by: the file's own check will say
  const auto& packs = context->rules.packs;
  if (std::any_of(packs.begin(), packs.end(), [&](const Pack& p) { return p.name == typed; }))
    return typed;
  return rule_named(context->rules, typed).id;
}

json Server::disable_rule(const json& arguments) {
  std::string rule = command_argument(arguments, 0, "a rule id");
  // A rule id ("plain-english.passive-voice"): it becomes a YAML key as it is written.
  if (rule.empty() || rule.size() > kMaxWordBytes ||
      rule.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
          std::string::npos)
    throw RpcError(ErrorCode::InvalidParams, "not a rule id: " + rule.substr(0, kMaxWordBytes));
  rule = known_rule_or_pack(rule, optional_command_argument(arguments, 1));
  auto [config, text] = workspace_config_for(optional_command_argument(arguments, 1));
  std::string changed;
  try {
    changed = disable_rule_in_config_text(text, rule);
  } catch (const std::exception& e) {
    show_message(kMessageError,
                 "sayso: cannot turn off " + rule + " in " + config + ": " + e.what());
    throw RpcError(ErrorCode::InternalError, e.what());
  }
  if (changed != text)
    change_workspace_config(config, text, changed,
                            {"turned off " + rule, {}, std::nullopt, {rule}});
  return {{"file", config}};
}

}  // namespace sayso::lsp
