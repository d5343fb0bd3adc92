// textDocument/didOpen, didChange (incremental and full), didClose and didSave.
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

// The byte offset of a position; `clamped` is set when the position was outside the text.
std::size_t offset_of(const LineIndex& lines, LineColumn position, ColumnUnit unit, bool& clamped) {
  const std::size_t offset = lines.to_offset(position, unit);
  const LineColumn back = lines.to_position(offset, unit);
  if (back.line != position.line || back.column != position.column) clamped = true;
  return offset;
}

}  // namespace

void apply_content_change(std::string& text, const json& change, ColumnUnit unit, bool* clamped) {
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
  // Positions past a line's end or the document's end are clamped, as LSP asks.
  bool outside = false;
  std::size_t begin_byte = offset_of(lines, start, unit, outside);
  std::size_t end_byte = offset_of(lines, end, unit, outside);
  if (clamped != nullptr) *clamped = *clamped || outside;
  if (end_byte < begin_byte) std::swap(begin_byte, end_byte);  // reversed range: same span
  text.replace(begin_byte, end_byte - begin_byte, new_text);
}

OpenDocument* Server::find_document(const std::string& uri) {
  const auto found = documents_.find(uri);
  return found == documents_.end() ? nullptr : &found->second;
}

OpenDocument& Server::require_document(const json& params) {
  const json& identifier = require_object(require_params_object(params), "textDocument");
  const std::string uri = require_string(identifier, "uri");
  OpenDocument* doc = find_document(uri);
  if (doc == nullptr) throw RpcError(ErrorCode::InvalidParams, "document is not open: " + uri);
  ensure_linted(*doc);
  return *doc;
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
  schedule_lint(stored, std::chrono::milliseconds(0));  // a document just opened: no waiting
}

void Server::on_did_change(const json& params) {
  const json& identifier = require_object(require_params_object(params), "textDocument");
  const std::string uri = require_string(identifier, "uri");
  OpenDocument* doc = find_document(uri);
  if (doc == nullptr) {
    log("didChange for a document that is not open: " + uri + " (ignored)");
    return;
  }
  const std::int64_t version = require_version(identifier);
  if (version <= doc->version)
    log("didChange for " + uri + " went from version " + std::to_string(doc->version) + " to " +
        std::to_string(version) + ": applied in the order received");
  const auto changes = params.find("contentChanges");
  if (changes == params.end() || !changes->is_array())
    throw RpcError(ErrorCode::InvalidParams, "contentChanges must be an array");
  // Apply to a copy: a malformed change leaves the document as it was.
  std::string text = doc->text;
  bool clamped = false;
  for (const json& change : *changes) apply_content_change(text, change, position_unit_, &clamped);
  if (clamped)
    log("didChange for " + uri + " had positions outside the document: clamped to its end");
  doc->text = std::move(text);
  doc->version = version;
  schedule_lint(*doc, debounce_);
}

void Server::on_did_close(const json& params) {
  const json& identifier = require_object(require_params_object(params), "textDocument");
  const std::string uri = require_string(identifier, "uri");
  const auto found = documents_.find(uri);
  if (found == documents_.end()) return;
  const std::string path = found->second.is_file ? found->second.path : "";
  documents_.erase(found);
  // Clear what the editor shows, unless it is a settings file with a problem to show.
  publish_diagnostics(uri, std::nullopt, file_problem_diagnostics(path));
}

// Saving a .sayso.yml or a rule file in the editor reloads the rules, as a file watcher would.
void Server::on_did_save(const json& params) {
  const json& identifier = require_object(require_params_object(params), "textDocument");
  const std::string path = file_uri_to_path(require_string(identifier, "uri"));
  if (is_settings_file(path)) reload_rules(path + " was saved");
}

}  // namespace sayso::lsp
