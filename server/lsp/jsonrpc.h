// JSON-RPC 2.0 messages as LSP uses them: parsing without exceptions, replies and error codes.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace sayso::lsp {

using json = nlohmann::json;

enum class ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestCancelled = -32800,
};

// Thrown by handlers to answer a request with an error; the dispatcher catches it.
class RpcError : public std::runtime_error {
 public:
  RpcError(ErrorCode code, const std::string& message) : std::runtime_error(message), code(code) {}
  ErrorCode code;
};

struct Message {
  enum class Kind { Request, Notification, Response };
  Kind kind = Kind::Notification;
  json id;             // number or string for requests and responses; null for notifications
  std::string method;  // empty for responses
  json params;         // as sent (null when absent); handlers check its shape
  json body;           // the whole message
};

// A parsed message, or the error reply to send for a body that is not a valid message.
struct ParseOutcome {
  bool ok = false;
  Message message;
  json error_reply;  // when !ok: an error response (id null if the id could not be read)
};

// Messages nested more deeply than core's JSON limit are refused (InvalidRequest, with their id
// when it can be read); lone UTF-16 surrogate escapes in strings are read as U+FFFD.
ParseOutcome parse_message(std::string_view body);

json make_result(const json& id, json result);
json make_error(const json& id, ErrorCode code, std::string_view message);
json make_notification(std::string_view method, json params);

// Serialises without throwing: invalid UTF-8 in strings is replaced by U+FFFD.
std::string serialise(const json& message);

}  // namespace sayso::lsp
