// Linting open documents (debounced) and pushing the findings (textDocument/publishDiagnostics).
#include <algorithm>
#include <functional>

#include "app/linting_session.h"
#include "engine/builtin_findings.h"
#include "engine/finding_limit.h"
#include "formats/format.h"
#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

// The format to force for a document, "" to let the front ends decide by its extension, or
// nullopt for documents that are not prose (a .yml or source file the editor sent us too).
std::optional<std::string> format_of(const std::string& path, const std::string& language_id) {
  if (!format_for_path(path).empty()) return "";
  if (language_id == "markdown") return "markdown";
  if (language_id == "latex" || language_id == "tex") return "latex";
  if (language_id == "plaintext" || language_id == "text" || language_id.empty()) return "text";
  return std::nullopt;
}

// The kind of a document with no headings, from the config or else from the file's name (the
// same guess as `sayso check`).
std::string headless_kind_of(const std::string& path, const Config& config) {
  if (!config.document_kind.empty()) return config.document_kind;
  return guess_kind_from_name(path);
}

// The headless kind describes a document with no headings at all: in a document that has
// headings, text before the first one is just document scope.
void rescope_preamble(Document& doc, const std::string& headless_kind) {
  if (doc.sections.size() < 2 || doc.sections.front().has_heading()) return;
  if (doc.sections.front().kind == headless_kind) doc.sections.front().kind = "document";
}

// A string as serialise() writes it: UTF-8 kept, invalid bytes replaced.
void append_json_string(std::string& out, std::string_view text) {
  out += json(text).dump(-1, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace);
}

void append_position(std::string& out, LineColumn position) {
  out += "{\"line\":";
  out += std::to_string(position.line);
  out += ",\"character\":";
  out += std::to_string(position.column);
  out += '}';
}

// `starts` and `ends` walk the text forward as the findings (in document order) go: converting
// each from its line's start cost the length of the line per finding, minutes for a long paragraph
// pasted without line breaks.
void append_diagnostic(std::string& out, const Diagnostic& d, PositionCursor& starts,
                       PositionCursor& ends, const RuleCatalogue* catalogue) {
  out += "{\"range\":{\"start\":";
  append_position(out, starts.to_position(d.begin));
  out += ",\"end\":";
  append_position(out, ends.to_position(d.end));
  out += "},\"severity\":";
  out += std::to_string(static_cast<int>(d.severity));
  out += ",\"code\":";
  append_json_string(out, d.rule_id);
  if (const std::string link = catalogue != nullptr ? catalogue->link(d.rule_id) : "";
      !link.empty()) {
    out += ",\"codeDescription\":{\"href\":";
    append_json_string(out, link);
    out += '}';
  }
  out += ",\"source\":\"sayso\",\"message\":";
  append_json_string(out, d.message);
  out += ",\"data\":{\"category\":";
  append_json_string(out, d.category);
  out += ",\"section\":";
  append_json_string(out, d.section_kind);
  out += ",\"suggestions\":[";
  for (std::size_t i = 0; i < d.suggestions.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, d.suggestions[i]);
  }
  out += "]}}";
}

// One finding at the start of a document that could not be checked, saying why: an empty list
// would look like a document with nothing to improve.
Diagnostic not_checked(const std::string& why) {
  Diagnostic d;
  d.rule_id = builtin::kNotChecked;
  d.category = "style";
  d.severity = Severity::Warning;
  d.section_kind = "document";
  d.message = "sayso did not check this document: " + why + ".";
  return d;
}

}  // namespace

std::string lsp_diagnostics_text(const std::vector<Diagnostic>& diagnostics, std::string_view text,
                                 ColumnUnit unit, const RuleCatalogue* catalogue) {
  const LineIndex lines(text);
  PositionCursor starts(lines, unit), ends(lines, unit);
  std::string out = "[";
  out.reserve(diagnostics.size() * 256);
  for (std::size_t i = 0; i < diagnostics.size(); ++i) {
    if (i > 0) out += ',';
    append_diagnostic(out, diagnostics[i], starts, ends, catalogue);
  }
  out += ']';
  return out;
}

json to_lsp_diagnostic(const Diagnostic& diagnostic, const LineIndex& lines, ColumnUnit unit,
                       const RuleCatalogue* catalogue) {
  json out = {
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
  if (const std::string link = catalogue != nullptr ? catalogue->link(diagnostic.rule_id) : "";
      !link.empty())
    out["codeDescription"] = {{"href", link}};
  return out;
}

LintOutput Server::lint(const std::string& path, const std::string& text,
                        const std::string& language_id, const RuleContext& context) {
  const std::optional<std::string> format = format_of(path, language_id);
  if (!format) return {};
  if (!context.linter)
    return {{not_checked("its rules could not be loaded (the error was shown when they failed)")},
            nullptr};
  LoadOptions options;
  options.headless_kind = headless_kind_of(path, context.config);
  options.format = *format;
  // A NUL in text being edited is a stray character, not a sign of a binary file (as it is for
  // `sayso check`): read it as a space, which keeps every byte offset and the text around it.
  std::string nul_free;
  if (text.find('\0') != std::string::npos) {
    nul_free = text;
    std::replace(nul_free.begin(), nul_free.end(), '\0', ' ');
  }
  LoadResult loaded =
      load_document(path, nul_free.empty() ? text : nul_free, context.rules.sections, options);
  if (!loaded.ok) {
    log("cannot lint " + path + ": " + loaded.error);
    return {{not_checked(loaded.error)}, nullptr};
  }
  auto doc = std::make_shared<Document>(std::move(loaded.doc));
  // The index views doc.source.bytes: rebuild it over the bytes' final home.
  doc->rebuild_index();
  rescope_preamble(*doc, options.headless_kind);
  LintOutput out;
  out.diagnostics = context.linter->lint(*doc).diagnostics;
  limit_findings(out.diagnostics, *doc);
  out.document = std::move(doc);
  return out;
}

void Server::limit_findings(std::vector<Diagnostic>& diagnostics, const Document& doc) const {
  const std::size_t total = diagnostics.size();
  if (max_problems_ == 0 || total <= max_problems_) return;
  keep_most_severe(diagnostics, max_problems_);
  insert_in_order(diagnostics,
                  findings_left_out_note(doc, "document", max_problems_, total,
                                         "To see them all, set maxProblems (sayso.maxProblems "
                                         "in VS Code) to 0, or run sayso check on the file."));
}

void Server::schedule_lint(OpenDocument& doc, std::chrono::milliseconds delay) {
  doc.dirty = true;
  doc.figures.reset();
  // A client that pulls asks when it wants them: lint then (ensure_linted).
  if (!push_diagnostics_) return;
  doc.lint_scheduled = true;
  doc.due = Clock::now() + delay;
}

void Server::ensure_linted(OpenDocument& doc) {
  if (!doc.dirty) return;
  doc.dirty = false;
  doc.diagnostics.clear();
  doc.document.reset();
  doc.figures.reset();
  doc.lint_number = ++lint_counter_;
  try {
    doc.context = rules_for(doc);
    if (doc.context) {
      LintOutput out = lint(doc.path, doc.text, doc.language_id, *doc.context);
      doc.diagnostics = std::move(out.diagnostics);
      doc.document = std::move(out.document);
    }
  } catch (const std::exception& e) {
    log("linting " + doc.uri + " failed: " + e.what());
  }
}

void Server::lint_and_publish(OpenDocument& doc) {
  doc.lint_scheduled = false;
  ensure_linted(doc);
  if (!push_diagnostics_) return;
  // A settings file with a problem to show goes the general way; every other document (each
  // edit while typing) has its findings written as JSON text directly, without building a JSON
  // tree first: on a long document that tree was most of the language server's own time.
  if (doc.is_file && !file_problem_diagnostics(doc.path).empty())
    return publish_diagnostics(doc.uri, doc.version, lsp_diagnostics(doc));
  std::string message =
      R"({"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":)";
  append_json_string(message, doc.uri);
  message += ",\"version\":" + std::to_string(doc.version) + ",\"diagnostics\":";
  message += lsp_diagnostics_text(doc.diagnostics, doc.text, position_unit_, &catalogue_);
  message += "}}";
  const std::size_t hash = std::hash<std::string>{}(message);
  if (doc.published_hash == hash) return;
  doc.published_hash = hash;
  transport_.write_message(message);
}

void Server::relint_all_open() {
  for (auto& [uri, doc] : documents_) {
    doc.dirty = true;
    lint_and_publish(doc);
  }
  if (!push_diagnostics_) request_diagnostic_refresh();
  request_section_figures_refresh();
}

json Server::lsp_diagnostics(const std::vector<Diagnostic>& found, std::string_view text) const {
  // Ranges index the text that was linted (decoding keeps byte offsets).
  const LineIndex lines(text);
  json diagnostics = json::array();
  for (const Diagnostic& d : found)
    diagnostics.push_back(to_lsp_diagnostic(d, lines, position_unit_, &catalogue_));
  return diagnostics;
}

json Server::lsp_diagnostics(const OpenDocument& doc) const {
  json diagnostics = lsp_diagnostics(doc.diagnostics, doc.text);
  // A settings file open in the editor also shows why it could not be loaded.
  if (doc.is_file)
    for (json& problem : file_problem_diagnostics(doc.path)) diagnostics.push_back(problem);
  return diagnostics;
}

void Server::publish_diagnostics(const std::string& uri, std::optional<std::int64_t> version,
                                 json diagnostics) {
  // Published the general way: the next fast publish must not be taken for a repeat.
  if (const auto open = documents_.find(uri); open != documents_.end())
    open->second.published_hash.reset();
  json params = {{"uri", uri}, {"diagnostics", std::move(diagnostics)}};
  if (version) params["version"] = *version;
  send(make_notification("textDocument/publishDiagnostics", std::move(params)));
}

}  // namespace sayso::lsp
