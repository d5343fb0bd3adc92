// textDocument/didOpen, didChange (incremental and full) and didClose.
#include <algorithm>

#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

std::int64_t require_version(const json& text_document) {
  const auto it = text_document.find("version");
  if (it == text_document.end() || !it->is_number_integer())
    throw RpcError(ErrorCode::InvalidParams, "textDocument.version must be an integer");
  return it->get<std::int64_t>();
}

}  // namespace

void apply_content_change(std::string& text, const json& change, ColumnUnit unit) {
  if (!change.is_object())
    throw RpcError(ErrorCode::InvalidParams, "contentChanges items must be objects");
  std::string new_text = require_string(change, "text");
  const auto range = change.find("range");
  if (range == change.end() || range->is_null()) {  // the whole document
    text = std::move(new_text);
    return;
  }
  const LineColumn start = parse_position(require_object(*range, "start"));
  const LineColumn end = parse_position(require_object(*range, "end"));
  const LineIndex lines(text);
  // to_offset clamps positions past a line's end or the document's end, as LSP asks.
  std::size_t begin_byte = lines.to_offset(start, unit);
  std::size_t end_byte = lines.to_offset(end, unit);
  if (end_byte < begin_byte) std::swap(begin_byte, end_byte);  // reversed range: same span
  text.replace(begin_byte, end_byte - begin_byte, new_text);
}

void Server::on_did_open(const json& params) {
  const json& item = require_object(require_params_object(params), "textDocument");
  OpenDocument doc;
  doc.uri = require_string(item, "uri");
  doc.text = require_string(item, "text");
  doc.version = require_version(item);
  if (item.contains("languageId") && item["languageId"].is_string())
    doc.language_id = item["languageId"].get<std::string>();
  doc.path = file_uri_to_path(doc.uri);
  doc.is_file = !doc.path.empty();
  if (!doc.is_file) doc.path = uri_file_name(doc.uri);
  OpenDocument& stored = documents_[doc.uri] = std::move(doc);
  lint_and_publish(stored);
}

void Server::on_did_change(const json& params) {
  const json& identifier = require_object(require_params_object(params), "textDocument");
  const std::string uri = require_string(identifier, "uri");
  const auto found = documents_.find(uri);
  if (found == documents_.end()) {
    log("didChange for a document that is not open: " + uri);
    return;
  }
  const std::int64_t version = require_version(identifier);
  const auto changes = params.find("contentChanges");
  if (changes == params.end() || !changes->is_array())
    throw RpcError(ErrorCode::InvalidParams, "contentChanges must be an array");
  // Apply to a copy: a malformed change leaves the document as it was.
  std::string text = found->second.text;
  for (const json& change : *changes) apply_content_change(text, change, position_unit_);
  OpenDocument& doc = found->second;
  doc.text = std::move(text);
  doc.version = version;
  lint_and_publish(doc);
}

void Server::on_did_close(const json& params) {
  const json& identifier = require_object(require_params_object(params), "textDocument");
  const std::string uri = require_string(identifier, "uri");
  const auto found = documents_.find(uri);
  if (found == documents_.end()) return;
  documents_.erase(found);
  publish_diagnostics(uri, std::nullopt, json::array());  // clear what the editor shows
}

}  // namespace sayso::lsp
