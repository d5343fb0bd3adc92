#include "lsp/jsonrpc.h"

namespace sayso::lsp {
namespace {

ParseOutcome failure(const json& id, ErrorCode code, std::string_view message) {
  ParseOutcome outcome;
  outcome.error_reply = make_error(id, code, message);
  return outcome;
}

bool is_valid_id(const json& id) { return id.is_string() || id.is_number_integer(); }

}  // namespace

ParseOutcome parse_message(std::string_view body) {
  // allow_exceptions = false: a syntax error gives a "discarded" value instead of throwing.
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return failure(nullptr, ErrorCode::ParseError, "Parse error");
  if (!parsed.is_object())  // LSP has no batches
    return failure(nullptr, ErrorCode::InvalidRequest, "A message must be a JSON object");

  const auto version = parsed.find("jsonrpc");
  if (version != parsed.end() && *version != "2.0")
    return failure(nullptr, ErrorCode::InvalidRequest, "jsonrpc must be \"2.0\"");

  json id = nullptr;
  const auto id_it = parsed.find("id");
  const bool has_id = id_it != parsed.end() && !id_it->is_null();
  if (has_id) {
    if (!is_valid_id(*id_it))
      return failure(nullptr, ErrorCode::InvalidRequest, "id must be an integer or a string");
    id = *id_it;
  }

  ParseOutcome outcome;
  Message& message = outcome.message;
  message.id = id;
  const auto method = parsed.find("method");
  if (method != parsed.end()) {
    if (!method->is_string())
      return failure(id, ErrorCode::InvalidRequest, "method must be a string");
    message.kind = has_id ? Message::Kind::Request : Message::Kind::Notification;
    message.method = method->get<std::string>();
    const auto params = parsed.find("params");
    if (params != parsed.end()) message.params = *params;
  } else if (has_id && (parsed.contains("result") || parsed.contains("error"))) {
    message.kind = Message::Kind::Response;
  } else {
    return failure(id, ErrorCode::InvalidRequest, "A message needs a method, or a result or error");
  }
  message.body = std::move(parsed);
  outcome.ok = true;
  return outcome;
}

json make_result(const json& id, json result) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json make_error(const json& id, ErrorCode code, std::string_view message) {
  return {{"jsonrpc", "2.0"},
          {"id", id},
          {"error", {{"code", static_cast<int>(code)}, {"message", std::string(message)}}}};
}

json make_notification(std::string_view method, json params) {
  return {{"jsonrpc", "2.0"}, {"method", std::string(method)}, {"params", std::move(params)}};
}

std::string serialise(const json& message) {
  return message.dump(-1, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace);
}

}  // namespace sayso::lsp
