// The language server's state and dispatch. Each LSP feature lives in its own file:
// text_sync.cpp, diagnostics.cpp, hover.cpp, and workspace.cpp (configuration and rule sets).
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.h"
#include "core/document.h"
#include "core/positions.h"
#include "engine/diagnostic.h"
#include "engine/linter.h"
#include "engine/ruleset.h"
#include "lsp/jsonrpc.h"
#include "lsp/transport.h"

namespace sayso::lsp {

// The rules and linter for the documents governed by one .sayso.yml (or by none).
struct RuleContext {
  std::string config_file;  // "" = default settings
  std::filesystem::file_time_type config_time{};
  Config config;
  RuleSet rules;
  std::unique_ptr<Linter> linter;  // null when no rules could be loaded; refers to `rules`
};

struct OpenDocument {
  std::string uri;
  std::string path;  // file path for file: URIs, else the URI's last segment (for its name only)
  bool is_file = false;
  std::string language_id;
  std::string text;
  std::int64_t version = 0;
  std::shared_ptr<const RuleContext> context;  // the rules of the last lint
  std::vector<Diagnostic> diagnostics;         // of the last lint: byte ranges into `text`
};

class Server {
 public:
  Server(Transport& transport, std::string rules_dir);
  // Serves until `exit` or the end of the input; returns the exit status.
  int run();

 private:
  using RequestHandler = json (Server::*)(const json& params);
  using NotificationHandler = void (Server::*)(const json& params);
  static const std::map<std::string, RequestHandler, std::less<>>& request_handlers();
  static const std::map<std::string, NotificationHandler, std::less<>>& notification_handlers();

  // server.cpp: dispatch and lifecycle.
  void handle_body(const std::string& body);
  void handle_request(const Message& message);
  void handle_notification(const Message& message);
  json on_initialize(const json& params);
  json on_shutdown(const json& params);
  void send(const json& message);
  void log(std::string_view text);

  // text_sync.cpp
  void on_did_open(const json& params);
  void on_did_change(const json& params);
  void on_did_close(const json& params);

  // diagnostics.cpp
  void lint_and_publish(OpenDocument& doc);
  std::vector<Diagnostic> lint(const OpenDocument& doc, const RuleContext& context);
  void publish_diagnostics(const std::string& uri, std::optional<std::int64_t> version,
                           json diagnostics);

  // hover.cpp
  json on_hover(const json& params);

  // workspace.cpp
  void on_did_change_configuration(const json& params);
  std::shared_ptr<const RuleContext> rules_for(const OpenDocument& doc);
  std::shared_ptr<RuleContext> load_rule_context(const std::string& config_file,
                                                 std::filesystem::file_time_type config_time);
  void show_message(int type, const std::string& text);

  Transport& transport_;
  std::string rules_dir_;
  std::string root_path_;  // workspace root, for documents that are not files
  ColumnUnit position_unit_ = ColumnUnit::Utf16Units;
  bool hover_markdown_ = true;
  bool initialized_ = false;
  bool shutdown_requested_ = false;
  bool exit_requested_ = false;
  std::map<std::string, OpenDocument> documents_;                      // by URI
  std::map<std::string, std::shared_ptr<RuleContext>> rule_contexts_;  // by config file
};

// Helpers the features use, exposed for unit tests.

// Applies one TextDocumentContentChangeEvent (a ranged edit, or the whole new text) to `text`.
// Positions past the end of a line or of the document are clamped. Throws RpcError on bad shapes.
void apply_content_change(std::string& text, const json& change, ColumnUnit unit);

// One engine diagnostic as an LSP Diagnostic, its range in `unit` over `lines`.
json to_lsp_diagnostic(const Diagnostic& diagnostic, const LineIndex& lines, ColumnUnit unit);

// The hover text for one finding: its message, the rule's explanation, sources, examples and
// provenance (Markdown). `rule` may be null (findings with no rule behind them).
std::string hover_markdown(const Diagnostic& diagnostic, const Rule* rule);

enum MessageType { kMessageError = 1, kMessageWarning = 2, kMessageInfo = 3, kMessageLog = 4 };

}  // namespace sayso::lsp
