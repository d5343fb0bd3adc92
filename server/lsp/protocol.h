// LSP structures the features share: checked access to params, positions, URIs, encodings.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/positions.h"
#include "lsp/jsonrpc.h"

namespace sayso::lsp {

// Checked access to params: each throws RpcError(InvalidParams) naming the field when it is
// missing or of the wrong type.
const json& require_object(const json& parent, std::string_view key);
std::string require_string(const json& parent, std::string_view key);
std::uint32_t require_uint(const json& parent, std::string_view key);
const json& require_params_object(const json& params);

// The value at root.k1.k2..., or null if any step is missing or not an object.
const json* find_path(const json& root, std::initializer_list<std::string_view> keys);

// {"line": n, "character": n} → LineColumn, in whatever unit the session negotiated.
LineColumn parse_position(const json& position);
json to_json(LineColumn position);

// The LSP name of a position encoding ("utf-8", "utf-16", "utf-32").
std::string_view encoding_name(ColumnUnit unit);

// Picks the position encoding from the client's `general.positionEncodings`: UTF-16 whenever the
// client offers it (or offers nothing), else the first of UTF-8 / UTF-32 it lists.
ColumnUnit negotiate_position_encoding(const json& client_capabilities);

// file:///a%20b/c.md → "/a b/c.md"; "" for URIs that are not file: URIs.
std::string file_uri_to_path(std::string_view uri);
// "/a b/c.md" → file:///a%20b/c.md (the inverse of file_uri_to_path for absolute paths).
std::string path_to_file_uri(std::string_view path);
// The last path segment of any URI, percent-decoded ("untitled:Untitled-1" → "Untitled-1").
std::string uri_file_name(std::string_view uri);

}  // namespace sayso::lsp
