// Lifecycle (initialize, initialized, shutdown, exit) and dispatch of requests, notifications and
// the client's replies to our own requests.
#include "lsp/server.h"

#include <algorithm>
#include <iostream>

#include "lsp/fd_input.h"
#include "lsp/protocol.h"

#ifndef SAYSO_VERSION
#define SAYSO_VERSION "0.0.0"
#endif

namespace sayso::lsp {
namespace {

// Longer debounces would make the editor feel slow; this bounds a mistyped setting.
constexpr int kMaxDebounceMs = 5000;

const std::vector<std::string>& command_names() {
  static const std::vector<std::string> names = {"sayso.lintWorkspace", "sayso.explainRule",
                                                 "sayso.addWord",       "sayso.setLanguage",
                                                 "sayso.showSection",   "sayso.disableRule"};
  return names;
}

json server_capabilities(ColumnUnit unit) {
  return {
      {"positionEncoding", std::string(encoding_name(unit))},
      {"textDocumentSync",
       {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},  // incremental
      {"hoverProvider", true},
      {"codeActionProvider",
       {{"codeActionKinds", {"quickfix", "source.sayso.fixAll"}}, {"resolveProvider", true}}},
      {"documentSymbolProvider", true},
      {"inlayHintProvider", true},
      {"codeLensProvider", {{"resolveProvider", false}}},
      {"diagnosticProvider",
       {{"identifier", "sayso"}, {"interFileDependencies", false}, {"workspaceDiagnostics", true}}},
      {"executeCommandProvider", {{"commands", command_names()}}},
      {"workspace", {{"workspaceFolders", {{"supported", true}, {"changeNotifications", true}}}}},
  };
}

}  // namespace

Server::Server(Transport& transport, LanguageServerOptions options)
    : transport_(transport), options_(std::move(options)), catalogue_(options_.rules_dir) {
  // Over a stream with no descriptor nothing can arrive during a wait: lint at once.
  if (transport_.can_wait())
    debounce_ = std::chrono::milliseconds(std::clamp(options_.debounce_ms, 0, kMaxDebounceMs));
}

const std::map<std::string, Server::RequestHandler, std::less<>>& Server::request_handlers() {
  static const std::map<std::string, RequestHandler, std::less<>> handlers = {
      {"initialize", &Server::on_initialize},
      {"shutdown", &Server::on_shutdown},
      {"textDocument/hover", &Server::on_hover},
      {"textDocument/codeAction", &Server::on_code_action},
      {"codeAction/resolve", &Server::on_code_action_resolve},
      {"textDocument/documentSymbol", &Server::on_document_symbol},
      {"textDocument/inlayHint", &Server::on_inlay_hint},
      {"textDocument/codeLens", &Server::on_code_lens},
      {"textDocument/diagnostic", &Server::on_document_diagnostic},
      {"workspace/diagnostic", &Server::on_workspace_diagnostic},
      {"workspace/executeCommand", &Server::on_execute_command},
      {"sayso/documentSummary", &Server::on_document_summary},
  };
  return handlers;
}

const std::map<std::string, Server::NotificationHandler, std::less<>>&
Server::notification_handlers() {
  static const std::map<std::string, NotificationHandler, std::less<>> handlers = {
      {"initialized", &Server::on_initialized},
      {"textDocument/didOpen", &Server::on_did_open},
      {"textDocument/didChange", &Server::on_did_change},
      {"textDocument/didClose", &Server::on_did_close},
      {"textDocument/didSave", &Server::on_did_save},
      {"workspace/didChangeConfiguration", &Server::on_did_change_configuration},
      {"workspace/didChangeWatchedFiles", &Server::on_did_change_watched_files},
      {"workspace/didChangeWorkspaceFolders", &Server::on_did_change_workspace_folders},
  };
  return handlers;
}

void Server::handle_message(const Message& message) {
  switch (message.kind) {
    case Message::Kind::Request:
      handle_request(message);
      break;
    case Message::Kind::Notification:
      handle_notification(message);
      break;
    case Message::Kind::Response:
      handle_response(message);
      break;
  }
}

void Server::handle_request(const Message& message) {
  const json& id = message.id;
  if (cancelled_.erase(id.dump()) > 0)
    return send(make_error(id, ErrorCode::RequestCancelled, "Request cancelled"));
  if (message.method == "initialize" && initialized_)
    return send(make_error(id, ErrorCode::InvalidRequest, "initialize was already received"));
  if (message.method != "initialize" && !initialized_) {
    log("request " + message.method + " before initialize: refused");
    return send(make_error(id, ErrorCode::ServerNotInitialized, "Server not initialized"));
  }
  if (shutdown_requested_)
    return send(make_error(id, ErrorCode::InvalidRequest, "Server is shutting down"));

  const auto handler = request_handlers().find(message.method);
  if (handler == request_handlers().end()) {
    log("unknown request " + message.method);
    return send(make_error(id, ErrorCode::MethodNotFound, "Unknown method " + message.method));
  }
  current_request_ = id;
  // Every handler is wrapped: no input may bring the server down.
  try {
    send(make_result(id, (this->*handler->second)(message.params)));
  } catch (const RpcError& e) {
    log(message.method + ": " + e.what());
    send(make_error(id, e.code, e.what()));
  } catch (const std::exception& e) {
    log(message.method + " failed: " + e.what());
    send(make_error(id, ErrorCode::InternalError, e.what()));
  } catch (...) {
    log(message.method + " failed");
    send(make_error(id, ErrorCode::InternalError, "Internal error"));
  }
  current_request_ = nullptr;
  cancelled_.erase(id.dump());  // a cancel that came too late
}

void Server::handle_notification(const Message& message) {
  if (message.method == "exit") {
    exit_requested_ = true;
    return;
  }
  // Before initialize and after shutdown, notifications are dropped (LSP: all but exit).
  if (!initialized_ || shutdown_requested_) {
    log("notification " + message.method +
        " dropped: " + (initialized_ ? "shutting down" : "not initialized"));
    return;
  }
  const auto handler = notification_handlers().find(message.method);
  if (handler == notification_handlers().end()) return;  // e.g. $/setTrace
  try {
    (this->*handler->second)(message.params);
  } catch (const std::exception& e) {
    log(message.method + " ignored: " + e.what());
  } catch (...) {
    log(message.method + " ignored");
  }
}

void Server::handle_response(const Message& message) {
  if (!message.id.is_number_integer()) return;  // not one of ours
  const auto waiting = awaiting_reply_.find(message.id.get<int>());
  if (waiting == awaiting_reply_.end()) return;
  const ReplyHandler on_reply = std::move(waiting->second);
  awaiting_reply_.erase(waiting);
  const auto error = message.body.find("error");
  if (error != message.body.end()) log("the client answered with an error: " + error->dump());
  if (!on_reply) return;
  try {
    static const json kNull = nullptr;
    const auto result = message.body.find("result");
    on_reply(result != message.body.end() ? *result : kNull,
             error != message.body.end() ? &*error : nullptr);
  } catch (const std::exception& e) {
    log(std::string("handling the client's reply failed: ") + e.what());
  }
}

json Server::on_initialize(const json& params) {
  require_params_object(params);
  client_capabilities_ = params.value("capabilities", json::object());
  if (!client_capabilities_.is_object()) client_capabilities_ = json::object();
  position_unit_ = negotiate_position_encoding(client_capabilities_);

  // Hover content: Markdown unless the client lists formats without it.
  const json* formats = find_path(client_capabilities_, {"textDocument", "hover", "contentFormat"});
  if (formats != nullptr && formats->is_array() && !formats->empty()) {
    hover_markdown_ = false;
    for (const json& f : *formats) hover_markdown_ = hover_markdown_ || f == "markdown";
  }
  set_workspace_folders(params);

  // A client that pulls diagnostics would show pushed ones twice.
  push_diagnostics_ = find_path(client_capabilities_, {"textDocument", "diagnostic"}) == nullptr;
  const json* options = find_path(params, {"initializationOptions"});
  if (options != nullptr && options->is_object()) {
    const auto push = options->find("pushDiagnostics");
    if (push != options->end() && push->is_boolean()) push_diagnostics_ = push->get<bool>();
    const auto debounce = options->find("debounceMs");
    if (debounce != options->end() && debounce->is_number_integer() && transport_.can_wait())
      debounce_ = std::chrono::milliseconds(std::clamp(debounce->get<int>(), 0, kMaxDebounceMs));
    // The first settings, for clients that neither answer workspace/configuration nor push
    // them: {"settings": {...}}, {"sayso": {...}} (what Helix sends from its `config`, shaped like
    // the configuration section) or the settings themselves, flat.
    apply_client_settings(settings_section(*options));
  }

  initialized_ = true;
  return {
      {"capabilities", server_capabilities(position_unit_)},
      {"serverInfo", {{"name", "sayso"}, {"version", SAYSO_VERSION}}},
  };
}

void Server::on_initialized(const json&) {
  register_file_watchers();
  request_client_settings();
}

json Server::on_shutdown(const json&) {
  shutdown_requested_ = true;
  return nullptr;
}

void Server::send(const json& message) { transport_.write_message(serialise(message)); }

void Server::send_request(std::string method, json params, ReplyHandler on_reply) {
  const int id = next_request_id_++;
  awaiting_reply_[id] = std::move(on_reply);
  json message = {{"jsonrpc", "2.0"}, {"id", id}, {"method", std::move(method)}};
  if (!params.is_null()) message["params"] = std::move(params);
  send(message);
}

// Once the client has said hello, what the server has to say goes to the client's log
// (window/logMessage): editors such as Neovim file everything on stderr as an error. Before that,
// and for the framing problems the transport reports itself, stderr is the only place left.
void Server::log(std::string_view text) {
  if (!initialized_) {
    transport_.log() << "sayso lsp: " << text << '\n';
    return;
  }
  const bool named = text.starts_with("sayso");
  send(make_notification(
      "window/logMessage",
      {{"type", kMessageLog}, {"message", (named ? "" : "sayso: ") + std::string(text)}}));
}

// Clients keep what they show in their own log (Eglot's *Messages*, VS Code's output), so after
// initialize the message is not logged as well: Eglot showed each one twice.
void Server::show_message(int type, const std::string& text) {
  if (!initialized_) log(text);
  send(make_notification("window/showMessage", {{"type", type}, {"message", text}}));
}

}  // namespace sayso::lsp

namespace sayso {

int run_language_server(std::istream& in, std::ostream& out, const LanguageServerOptions& options,
                        std::ostream& log) {
  lsp::Transport transport(in, out, log, options.max_message_bytes, options.input_fd);
  lsp::Server server(transport, options);
  return server.run();
}

int run_stdio_language_server(const LanguageServerOptions& options) {
  lsp::FdInputBuffer input(0);
  std::istream in(&input);
  LanguageServerOptions with_fd = options;
  with_fd.input_fd = 0;
  return run_language_server(in, std::cout, with_fd, std::cerr);
}

int run_language_server(std::istream& in, std::ostream& out, const std::string& rules_dir,
                        std::ostream& log) {
  LanguageServerOptions options;
  options.rules_dir = rules_dir;
  return run_language_server(in, out, options, log);
}

int run_language_server(std::istream& in, std::ostream& out, const std::string& rules_dir) {
  return run_language_server(in, out, rules_dir, std::cerr);
}

}  // namespace sayso
