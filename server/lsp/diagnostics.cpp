// Linting open documents and publishing the findings (textDocument/publishDiagnostics).
#include "app/linting_session.h"
#include "formats/format.h"
#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

// The format to force for a document, "" to let the front ends decide by its extension, or
// nullopt for documents that are not prose (a .yml or source file the editor sent us too).
std::optional<std::string> format_of(const OpenDocument& doc) {
  if (!format_for_path(doc.path).empty()) return "";
  if (doc.language_id == "markdown") return "markdown";
  if (doc.language_id == "plaintext" || doc.language_id == "text" || doc.language_id.empty())
    return "text";
  return std::nullopt;
}

// The kind of a document with no headings, from the config or else from the file's name (the
// same guess as `sayso check`).
std::string headless_kind_of(const OpenDocument& doc, const Config& config) {
  if (!config.document_kind.empty()) return config.document_kind;
  return guess_kind_from_name(doc.path);
}

// The headless kind describes a document with no headings at all: in a document that has
// headings, text before the first one is just document scope.
void rescope_preamble(Document& doc, const std::string& headless_kind) {
  if (doc.sections.size() < 2 || doc.sections.front().has_heading()) return;
  if (doc.sections.front().kind == headless_kind) doc.sections.front().kind = "document";
}

}  // namespace

json to_lsp_diagnostic(const Diagnostic& diagnostic, const LineIndex& lines, ColumnUnit unit) {
  return {
      {"range",
       {{"start", to_json(lines.to_position(diagnostic.begin, unit))},
        {"end", to_json(lines.to_position(diagnostic.end, unit))}}},
      {"severity", static_cast<int>(diagnostic.severity)},  // the enum uses LSP's numbers
      {"code", diagnostic.rule_id},
      {"source", "sayso"},
      {"message", diagnostic.message},
      {"data",
       {{"category", diagnostic.category},
        {"section", diagnostic.section_kind},
        {"suggestions", diagnostic.suggestions}}},
  };
}

std::vector<Diagnostic> Server::lint(const OpenDocument& open, const RuleContext& context) {
  const std::optional<std::string> format = format_of(open);
  if (!context.linter || !format) return {};
  LoadOptions options;
  options.headless_kind = headless_kind_of(open, context.config);
  options.format = *format;
  LoadResult loaded = load_document(open.path, open.text, context.rules.sections, options);
  if (!loaded.ok) {
    log("cannot lint " + open.uri + ": " + loaded.error);
    return {};
  }
  Document& doc = loaded.doc;
  // The index views doc.source.bytes; rebuild it in case moving the document moved a short
  // (small-string-optimised) buffer from under it.
  doc.lines = LineIndex(doc.source.bytes);
  rescope_preamble(doc, options.headless_kind);
  return context.linter->lint(doc).diagnostics;
}

void Server::lint_and_publish(OpenDocument& doc) {
  doc.diagnostics.clear();
  try {
    doc.context = rules_for(doc);
    if (doc.context) doc.diagnostics = lint(doc, *doc.context);
  } catch (const std::exception& e) {
    log("linting " + doc.uri + " failed: " + e.what());
  }
  // Ranges index the editor's text, which is what was linted (decoding keeps byte offsets).
  const LineIndex lines(doc.text);
  json diagnostics = json::array();
  for (const Diagnostic& d : doc.diagnostics)
    diagnostics.push_back(to_lsp_diagnostic(d, lines, position_unit_));
  publish_diagnostics(doc.uri, doc.version, std::move(diagnostics));
}

void Server::publish_diagnostics(const std::string& uri, std::optional<std::int64_t> version,
                                 json diagnostics) {
  json params = {{"uri", uri}, {"diagnostics", std::move(diagnostics)}};
  if (version) params["version"] = *version;
  send(make_notification("textDocument/publishDiagnostics", std::move(params)));
}

}  // namespace sayso::lsp
