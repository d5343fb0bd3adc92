#include "lsp/server.h"

#include <iostream>

#include "lsp/lsp.h"
#include "lsp/protocol.h"

#ifndef SAYSO_VERSION
#define SAYSO_VERSION "0.0.0"
#endif

namespace sayso::lsp {

Server::Server(Transport& transport, std::string rules_dir)
    : transport_(transport), rules_dir_(std::move(rules_dir)) {}

const std::map<std::string, Server::RequestHandler, std::less<>>& Server::request_handlers() {
  static const std::map<std::string, RequestHandler, std::less<>> handlers = {
      {"initialize", &Server::on_initialize},
      {"shutdown", &Server::on_shutdown},
      {"textDocument/hover", &Server::on_hover},
  };
  return handlers;
}

const std::map<std::string, Server::NotificationHandler, std::less<>>&
Server::notification_handlers() {
  static const std::map<std::string, NotificationHandler, std::less<>> handlers = {
      {"textDocument/didOpen", &Server::on_did_open},
      {"textDocument/didChange", &Server::on_did_change},
      {"textDocument/didClose", &Server::on_did_close},
      {"workspace/didChangeConfiguration", &Server::on_did_change_configuration},
  };
  return handlers;
}

int Server::run() {
  while (!exit_requested_) {
    std::optional<std::string> body = transport_.read_message();
    if (!body) {
      log("input ended without an exit notification");
      break;
    }
    // Last line of defence: a failure in one message must not end the session.
    try {
      handle_body(*body);
    } catch (const std::exception& e) {
      log(std::string("message dropped: ") + e.what());
    } catch (...) {
      log("message dropped");
    }
  }
  return shutdown_requested_ ? 0 : 1;
}

void Server::handle_body(const std::string& body) {
  ParseOutcome parsed = parse_message(body);
  if (!parsed.ok) {
    log("bad message: " + parsed.error_reply["error"]["message"].get<std::string>());
    send(parsed.error_reply);
    return;
  }
  switch (parsed.message.kind) {
    case Message::Kind::Request:
      handle_request(parsed.message);
      break;
    case Message::Kind::Notification:
      handle_notification(parsed.message);
      break;
    case Message::Kind::Response:
      break;  // we send no requests, so no reply is awaited
  }
}

void Server::handle_request(const Message& message) {
  const json& id = message.id;
  if (message.method == "initialize" && initialized_)
    return send(make_error(id, ErrorCode::InvalidRequest, "initialize was already received"));
  if (message.method != "initialize" && !initialized_)
    return send(make_error(id, ErrorCode::ServerNotInitialized, "Server not initialized"));
  if (shutdown_requested_)
    return send(make_error(id, ErrorCode::InvalidRequest, "Server is shutting down"));

  const auto handler = request_handlers().find(message.method);
  if (handler == request_handlers().end())
    return send(make_error(id, ErrorCode::MethodNotFound, "Unknown method " + message.method));
  // Every handler is wrapped: no input may bring the server down.
  try {
    send(make_result(id, (this->*handler->second)(message.params)));
  } catch (const RpcError& e) {
    send(make_error(id, e.code, e.what()));
  } catch (const std::exception& e) {
    log(message.method + " failed: " + e.what());
    send(make_error(id, ErrorCode::InternalError, e.what()));
  } catch (...) {
    log(message.method + " failed");
    send(make_error(id, ErrorCode::InternalError, "Internal error"));
  }
}

void Server::handle_notification(const Message& message) {
  if (message.method == "exit") {
    exit_requested_ = true;
    return;
  }
  // Before initialize and after shutdown, notifications are dropped (LSP: all but exit).
  if (!initialized_ || shutdown_requested_) return;
  const auto handler = notification_handlers().find(message.method);
  if (handler == notification_handlers().end()) return;  // e.g. initialized, $/cancelRequest
  try {
    (this->*handler->second)(message.params);
  } catch (const std::exception& e) {
    log(message.method + " ignored: " + e.what());
  } catch (...) {
    log(message.method + " ignored");
  }
}

json Server::on_initialize(const json& params) {
  require_params_object(params);
  const json capabilities = params.value("capabilities", json::object());
  position_unit_ = negotiate_position_encoding(capabilities);

  // Hover content: Markdown unless the client lists formats without it.
  const json* formats = find_path(capabilities, {"textDocument", "hover", "contentFormat"});
  if (formats != nullptr && formats->is_array() && !formats->empty()) {
    hover_markdown_ = false;
    for (const json& f : *formats) hover_markdown_ = hover_markdown_ || f == "markdown";
  }

  const auto root_uri = params.find("rootUri");
  if (root_uri != params.end() && root_uri->is_string())
    root_path_ = file_uri_to_path(root_uri->get<std::string>());

  initialized_ = true;
  return {
      {"capabilities",
       {{"positionEncoding", std::string(encoding_name(position_unit_))},
        {"textDocumentSync", {{"openClose", true}, {"change", 2}}},  // 2 = incremental
        {"hoverProvider", true}}},
      {"serverInfo", {{"name", "sayso"}, {"version", SAYSO_VERSION}}},
  };
}

json Server::on_shutdown(const json&) {
  shutdown_requested_ = true;
  return nullptr;
}

void Server::send(const json& message) { transport_.write_message(serialise(message)); }

void Server::log(std::string_view text) { transport_.log() << "sayso lsp: " << text << '\n'; }

void Server::show_message(int type, const std::string& text) {
  log(text);
  send(make_notification("window/showMessage", {{"type", type}, {"message", text}}));
}

}  // namespace sayso::lsp

namespace sayso {

int run_language_server(std::istream& in, std::ostream& out, const std::string& rules_dir,
                        std::ostream& log) {
  lsp::Transport transport(in, out, log);
  lsp::Server server(transport, rules_dir);
  return server.run();
}

int run_language_server(std::istream& in, std::ostream& out, const std::string& rules_dir) {
  return run_language_server(in, out, rules_dir, std::cerr);
}

}  // namespace sayso
