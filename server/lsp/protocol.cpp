#include "lsp/protocol.h"

#include <limits>
#include <string>

namespace sayso::lsp {
namespace {

[[noreturn]] void invalid(std::string_view key, std::string_view expected) {
  throw RpcError(ErrorCode::InvalidParams, std::string(key) + " must be " + std::string(expected));
}

const json& require_field(const json& parent, std::string_view key, std::string_view expected) {
  if (!parent.is_object()) invalid(key, expected);
  const auto it = parent.find(key);
  if (it == parent.end()) invalid(key, expected);
  return *it;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace

const json& require_params_object(const json& params) {
  if (!params.is_object()) invalid("params", "an object");
  return params;
}

const json& require_object(const json& parent, std::string_view key) {
  const json& value = require_field(parent, key, "an object");
  if (!value.is_object()) invalid(key, "an object");
  return value;
}

std::string require_string(const json& parent, std::string_view key) {
  const json& value = require_field(parent, key, "a string");
  if (!value.is_string()) invalid(key, "a string");
  return value.get<std::string>();
}

std::uint32_t require_uint(const json& parent, std::string_view key) {
  const json& value = require_field(parent, key, "a non-negative integer");
  // Parsed JSON holds non-negative integers as unsigned, values built in code as signed.
  if (value.is_number_integer() && value.get<std::int64_t>() >= 0 &&
      value.get<std::int64_t>() <= std::numeric_limits<std::uint32_t>::max())
    return static_cast<std::uint32_t>(value.get<std::int64_t>());
  invalid(key, "a non-negative integer (uinteger)");
}

const json* find_path(const json& root, std::initializer_list<std::string_view> keys) {
  const json* at = &root;
  for (std::string_view key : keys) {
    if (!at->is_object()) return nullptr;
    const auto it = at->find(key);
    if (it == at->end()) return nullptr;
    at = &*it;
  }
  return at;
}

LineColumn parse_position(const json& position) {
  return {require_uint(position, "line"), require_uint(position, "character")};
}

json to_json(LineColumn position) {
  return {{"line", position.line}, {"character", position.column}};
}

std::string_view encoding_name(ColumnUnit unit) {
  switch (unit) {
    case ColumnUnit::Utf8Bytes:
      return "utf-8";
    case ColumnUnit::Utf16Units:
      return "utf-16";
    case ColumnUnit::CodePoints:
      return "utf-32";
  }
  return "utf-16";
}

ColumnUnit negotiate_position_encoding(const json& client_capabilities) {
  const json* offered = find_path(client_capabilities, {"general", "positionEncodings"});
  // UTF-16 is the protocol's default and the one every client must support.
  if (offered == nullptr || !offered->is_array() || offered->empty()) return ColumnUnit::Utf16Units;
  for (const json& name : *offered)
    if (name == "utf-16") return ColumnUnit::Utf16Units;
  for (const json& name : *offered) {
    if (name == "utf-8") return ColumnUnit::Utf8Bytes;
    if (name == "utf-32") return ColumnUnit::CodePoints;
  }
  return ColumnUnit::Utf16Units;
}

std::string file_uri_to_path(std::string_view uri) {
  constexpr std::string_view scheme = "file://";
  if (uri.substr(0, scheme.size()) != scheme) return "";
  std::string_view rest = uri.substr(scheme.size());
  // file://host/path: only the local host (empty or "localhost") names a local file.
  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return "";
  const std::string_view host = rest.substr(0, slash);
  if (!host.empty() && host != "localhost") return "";
  rest = rest.substr(slash);
  rest = rest.substr(0, rest.find_first_of("?#"));
  return percent_decode(rest);
}

std::string path_to_file_uri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri = "file://";
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                       (byte >= '0' && byte <= '9') ||
                       std::string_view("/-._~").find(c) != std::string_view::npos;
    if (plain) {
      uri.push_back(c);
    } else {
      uri.push_back('%');
      uri.push_back(kHex[byte >> 4]);
      uri.push_back(kHex[byte & 15]);
    }
  }
  return uri;
}

std::string uri_file_name(std::string_view uri) {
  uri = uri.substr(0, uri.find_first_of("?#"));
  const std::size_t cut = uri.find_last_of("/:");
  return percent_decode(cut == std::string_view::npos ? uri : uri.substr(cut + 1));
}

}  // namespace sayso::lsp
