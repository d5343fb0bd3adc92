// One thread serves everything: it reads whatever the client has sent, handles it in order, and
// runs a document's lint only once the client has been quiet for the debounce. Newer edits that
// arrive first replace the pending lint (stale work is dropped); $/cancelRequest removes a waiting
// request, and long requests look for it between files.
#include <algorithm>

#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

int milliseconds_until(Clock::time_point when) {
  const auto now = Clock::now();
  if (when <= now) return 0;
  // Rounded up, so the wait never ends before the lint is due.
  return static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(when - now).count());
}

// The value of a "key": ... pair in the raw text, if it is a number or a simple string.
std::optional<json> sniff_value(std::string_view text, std::string_view key) {
  const std::size_t at = text.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t i = at + key.size();
  while (i < text.size() && (text[i] == ' ' || text[i] == ':' || text[i] == '\t')) ++i;
  if (i >= text.size()) return std::nullopt;
  std::size_t end = i;
  if (text[i] == '"') {
    end = text.find('"', i + 1);
    if (end == std::string_view::npos) return std::nullopt;
    ++end;
  } else {
    while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '-')) ++end;
  }
  json value = json::parse(text.substr(i, end - i), nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded() || !(value.is_string() || value.is_number_integer()))
    return std::nullopt;
  return value;
}

}  // namespace

std::optional<json> sniff_request_id(std::string_view prefix) {
  if (prefix.find("\"method\"") == std::string_view::npos) return std::nullopt;
  return sniff_value(prefix, "\"id\"");
}

int Server::run() {
  while (!exit_requested_) {
    if (!queue_.empty()) {
      handle_next_queued();
      continue;
    }
    if (input_ended_) break;
    if (const auto due = next_lint_due()) {
      if (transport_.input_waiting(milliseconds_until(*due))) {
        read_messages();
        continue;
      }
      run_due_lints();
      continue;
    }
    read_messages();
  }
  if (input_ended_ && !exit_requested_) log("input ended without an exit notification");
  return shutdown_requested_ ? 0 : 1;
}

bool Server::read_messages() {
  do {
    const Transport::Frame frame = transport_.read_frame();
    switch (frame.kind) {
      case Transport::Frame::Kind::End:
        input_ended_ = true;
        return false;
      case Transport::Frame::Kind::Oversized:
        accept_oversized(frame);
        break;
      case Transport::Frame::Kind::Body:
        accept_body(frame.body);
        break;
    }
  } while (transport_.input_waiting(0));
  return true;
}

void Server::accept_body(const std::string& body) {
  ParseOutcome parsed = parse_message(body);
  if (!parsed.ok) {
    log("bad message: " + parsed.error_reply["error"]["message"].get<std::string>());
    send(parsed.error_reply);
    return;
  }
  if (parsed.message.kind == Message::Kind::Notification &&
      parsed.message.method == "$/cancelRequest") {
    note_cancel(parsed.message.params);
    return;
  }
  queue_.push_back(std::move(parsed.message));
}

void Server::accept_oversized(const Transport::Frame& frame) {
  const std::string& prefix = frame.body;
  if (const std::optional<json> id = sniff_request_id(prefix)) {
    log("request " + id->dump() + " could not be read: answered with an error");
    send(make_error(*id, ErrorCode::InvalidRequest, frame.problem));
    return;
  }
  // A lost didOpen or didChange leaves the document's text unknown: checking what sayso holds
  // would put findings at the wrong places, so the document is dropped and the writer told.
  const std::optional<json> method = sniff_value(prefix, "\"method\"");
  const std::optional<json> uri = sniff_value(prefix, "\"uri\"");
  if (!method || !uri || !uri->is_string()) return;
  if (*method != "textDocument/didOpen" && *method != "textDocument/didChange") return;
  const std::string uri_text = uri->get<std::string>();
  if (documents_.erase(uri_text) > 0) publish_diagnostics(uri_text, std::nullopt, {});
  show_message(kMessageWarning, "sayso: stopped checking " + uri_file_name(uri_text) +
                                    ": the editor sent it in a message sayso could not read (" +
                                    frame.problem +
                                    "). Close and reopen the file to check it again.");
}

void Server::handle_next_queued() {
  const Message message = std::move(queue_.front());
  queue_.pop_front();
  // Last line of defence: a failure in one message must not end the session.
  try {
    handle_message(message);
  } catch (const std::exception& e) {
    log(std::string("message dropped: ") + e.what());
  } catch (...) {
    log("message dropped");
  }
}

void Server::note_cancel(const json& params) {
  const json* id = find_path(params, {"id"});
  if (id == nullptr || !(id->is_string() || id->is_number_integer())) {
    log("$/cancelRequest without a valid id: ignored");
    return;
  }
  // Only requests not yet answered can be cancelled; others are forgotten at once.
  const bool waiting =
      *id == current_request_ || std::any_of(queue_.begin(), queue_.end(), [&](const Message& m) {
        return m.kind == Message::Kind::Request && m.id == *id;
      });
  if (waiting) cancelled_.insert(id->dump());
}

void Server::check_cancelled() {
  while (!input_ended_ && transport_.input_waiting(0)) read_messages();
  if (!current_request_.is_null() && cancelled_.erase(current_request_.dump()) > 0)
    throw RpcError(ErrorCode::RequestCancelled, "Request cancelled");
}

std::optional<Clock::time_point> Server::next_lint_due() const {
  std::optional<Clock::time_point> first;
  for (const auto& [uri, doc] : documents_)
    if (doc.lint_scheduled && (!first || doc.due < *first)) first = doc.due;
  return first;
}

bool Server::run_due_lints() {
  bool ran = false;
  for (auto& [uri, doc] : documents_) {
    if (!doc.lint_scheduled || doc.due > Clock::now()) continue;
    lint_and_publish(doc);
    ran = true;
    // Anything newer (an edit, a request) comes first: the next lint may be stale by then.
    if (transport_.input_waiting(0)) break;
  }
  return ran;
}

}  // namespace sayso::lsp
