// Pull diagnostics (LSP 3.17): textDocument/diagnostic for one document, workspace/diagnostic for
// every readable document in the workspace folders. Result ids let the client skip reports that
// have not changed (an open document's lint number; a file's time, size and the rules' generation).
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

std::string open_result_id(const OpenDocument& doc) {
  return "open-" + std::to_string(doc.lint_number);
}

std::string disk_result_id(const std::string& path, std::uint64_t rules_generation) {
  std::error_code ec;
  const auto time = std::filesystem::last_write_time(path, ec).time_since_epoch().count();
  const auto size = std::filesystem::file_size(path, ec);
  return "file-" + std::to_string(time) + "-" + std::to_string(size) + "-" +
         std::to_string(rules_generation);
}

json full_report(json items, const std::string& result_id) {
  return {{"kind", "full"}, {"resultId", result_id}, {"items", std::move(items)}};
}

json unchanged_report(const std::string& result_id) {
  return {{"kind", "unchanged"}, {"resultId", result_id}};
}

// previousResultIds: [{uri, value}] → the value for `uri`, or "".
std::string previous_result_id(const json& previous, const std::string& uri) {
  if (!previous.is_array()) return "";
  for (const json& item : previous)
    if (item.is_object() && item.value("uri", json()) == uri && item.contains("value") &&
        item["value"].is_string())
      return item["value"].get<std::string>();
  return "";
}

}  // namespace

LintOutput Server::lint_file_on_disk(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    log("cannot read " + path);
    return {};
  }
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  const auto context = rules_for_file(path, std::filesystem::path(path).parent_path().string());
  if (!context) return {};
  return lint(path, text, "", *context);
}

json Server::on_document_diagnostic(const json& params) {
  const json& identifier = require_object(require_params_object(params), "textDocument");
  const std::string uri = require_string(identifier, "uri");
  const json* previous = find_path(params, {"previousResultId"});
  if (OpenDocument* doc = find_document(uri)) {
    ensure_linted(*doc);
    const std::string id = open_result_id(*doc);
    if (previous != nullptr && *previous == id) return unchanged_report(id);
    return full_report(lsp_diagnostics(*doc), id);
  }
  const std::string path = file_uri_to_path(uri);
  std::error_code ec;
  if (path.empty() || !std::filesystem::is_regular_file(path, ec))
    return full_report(json::array(), "none");
  const std::string id = disk_result_id(path, rules_generation_);
  if (previous != nullptr && *previous == id) return unchanged_report(id);
  std::string text;
  const LintOutput out = lint_file_on_disk(path, text);
  return full_report(lsp_diagnostics(out.diagnostics, text), id);
}

json Server::on_workspace_diagnostic(const json& params) {
  require_params_object(params);
  const json previous = params.value("previousResultIds", json::array());
  json items = json::array();
  std::set<std::string> open_paths;
  for (auto& [uri, doc] : documents_) {
    ensure_linted(doc);
    if (doc.is_file) open_paths.insert(doc.path);
    const std::string id = open_result_id(doc);
    json report = previous_result_id(previous, uri) == id ? unchanged_report(id)
                                                          : full_report(lsp_diagnostics(doc), id);
    report["uri"] = uri;
    report["version"] = doc.version;
    items.push_back(std::move(report));
  }
  for (const std::string& path : workspace_files()) {
    if (open_paths.count(path) > 0) continue;
    check_cancelled();  // between files: a long request the client may give up on
    const std::string uri = path_to_file_uri(path);
    const std::string id = disk_result_id(path, rules_generation_);
    json report;
    if (previous_result_id(previous, uri) == id) {
      report = unchanged_report(id);
    } else {
      std::string text;
      const LintOutput out = lint_file_on_disk(path, text);
      report = full_report(lsp_diagnostics(out.diagnostics, text), id);
    }
    report["uri"] = uri;
    report["version"] = nullptr;
    items.push_back(std::move(report));
  }
  return {{"items", std::move(items)}};
}

void Server::request_diagnostic_refresh() {
  const json* refresh =
      find_path(client_capabilities_, {"workspace", "diagnostics", "refreshSupport"});
  if (refresh != nullptr && *refresh == true) send_request("workspace/diagnostic/refresh", nullptr);
}

}  // namespace sayso::lsp
