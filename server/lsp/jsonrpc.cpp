#include "lsp/jsonrpc.h"

#include <optional>

#include "core/json_limits.h"
#include "core/user_json.h"

namespace sayso::lsp {
namespace {

ParseOutcome failure(const json& id, ErrorCode code, std::string_view message) {
  ParseOutcome outcome;
  outcome.error_reply = make_error(id, code, message);
  return outcome;
}

bool is_valid_id(const json& id) { return id.is_string() || id.is_number_integer(); }

// A message whose arrays and objects nest too deeply is not parsed into a value (copying such a
// value would overflow the stack); only its top-level members are read, to answer its id.
json top_level_members(std::string_view body) {
  const json::parser_callback_t keep_top_level = [](int depth, json::parse_event_t event, json&) {
    const bool opens =
        event == json::parse_event_t::object_start || event == json::parse_event_t::array_start;
    return !(opens && depth >= 1);  // depth counts the containers around the one that opens
  };
  return json::parse(body, keep_top_level, /*allow_exceptions=*/false);
}

}  // namespace

ParseOutcome parse_message(std::string_view body) {
  if (const auto too_deep = json_nesting_problem(body)) {
    const json top = top_level_members(body);
    const auto id = top.is_object() ? top.find("id") : top.end();
    const json reply_id = id != top.end() && is_valid_id(*id) ? *id : json(nullptr);
    return failure(reply_id, ErrorCode::InvalidRequest, "Message not read: " + *too_deep);
  }
  // allow_exceptions = false: a syntax error gives a "discarded" value instead of throwing.
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  // A lone "\ud800" escape (JSON.stringify writes half a surrogate pair so) is read as U+FFFD.
  if (parsed.is_discarded() && body.find("\\u") != std::string_view::npos)
    parsed = json::parse(with_lone_surrogates_replaced(body), nullptr, /*allow_exceptions=*/false);
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
