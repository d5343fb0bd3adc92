// textDocument/hover: on a flagged range, what the rule says, why, where it comes from and who
// shaped it. Spelling findings get their suggestions here, on demand (Hunspell is slow to suggest).
#include <algorithm>
#include <sstream>

#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

// A hover is read at a glance: a few examples make the point (`sayso rules explain` has all).
constexpr std::size_t kExamplesShown = 2;
constexpr std::size_t kSpellingSuggestionsShown = 5;

std::vector<std::string> first(const std::vector<std::string>& items, std::size_t count) {
  return {items.begin(),
          items.begin() + static_cast<std::ptrdiff_t>(std::min(count, items.size()))};
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

void add_list(std::ostringstream& out, std::string_view title,
              const std::vector<std::string>& items, std::string_view prefix = "") {
  if (items.empty()) return;
  out << "\n\n**" << title << "**\n";
  for (const std::string& item : items) out << "\n- " << prefix << item;
}

// Who shaped the rule: the groups it was written with and reviewed by, its status, and the
// decisions behind its wording and thresholds.
void add_provenance(std::ostringstream& out, const Provenance& provenance) {
  std::vector<std::string> parts;
  if (!provenance.written_with.empty())
    parts.push_back("written with " + join(provenance.written_with, ", "));
  if (!provenance.reviewed_by.empty())
    parts.push_back("reviewed by " + join(provenance.reviewed_by, ", "));
  if (!provenance.status.empty()) parts.push_back("status: " + provenance.status);
  if (!parts.empty()) out << "\n\n**Who shaped it**\n\nRule " << join(parts, "; ") << ".";
  add_list(out, "Decisions", provenance.decisions);
}

void add_rule_body(std::ostringstream& out, const Rule& rule, std::size_t examples) {
  if (!rule.explanation.empty()) out << "\n\n" << rule.explanation;
  add_list(out, "Examples", first(rule.examples.flag, examples), "Flagged: ");
  add_list(out, "Fine as it is", first(rule.examples.pass, examples));
  add_list(out, "Sources", rule.sources);
  add_provenance(out, rule.provenance);
}

// A finding covers the byte under the cursor; an empty (document-level) range covers its point.
bool covers(const Diagnostic& d, std::size_t byte) {
  return d.begin == d.end ? byte == d.begin : d.begin <= byte && byte < d.end;
}

bool is_spelling(const Diagnostic& d, const Rule* rule) {
  return (rule != nullptr && rule->kind == "spelling") || d.category == "spelling";
}

}  // namespace

std::string hover_markdown(const Diagnostic& diagnostic, const Rule* rule) {
  std::ostringstream out;
  out << "**" << diagnostic.message << "**\n\n`" << diagnostic.rule_id << "` · "
      << diagnostic.category << " · " << severity_name(diagnostic.severity);
  if (!diagnostic.suggestions.empty())
    out << "\n\n**Try:** " << join(diagnostic.suggestions, " or ");
  if (rule != nullptr) add_rule_body(out, *rule, kExamplesShown);
  return out.str();
}

std::string rule_markdown(const Rule& rule) {
  std::ostringstream out;
  out << "### `" << rule.id << "`\n\n"
      << rule.message << "\n\n"
      << rule.kind << " · " << rule.category << " · " << severity_name(rule.severity)
      << (rule.enabled ? "" : " · turned off by your settings");
  add_rule_body(out, rule, std::max(rule.examples.flag.size(), rule.examples.pass.size()));
  return out.str();
}

json Server::on_hover(const json& params) {
  const json& identifier = require_object(require_params_object(params), "textDocument");
  const std::string uri = require_string(identifier, "uri");
  const LineColumn position = parse_position(require_object(params, "position"));
  OpenDocument* found = find_document(uri);
  if (found == nullptr) return nullptr;
  OpenDocument& doc = *found;
  ensure_linted(doc);

  const LineIndex lines(doc.text);
  const std::size_t byte = lines.to_offset(position, position_unit_);
  std::vector<std::string> parts;
  const Diagnostic* first = nullptr;
  for (const Diagnostic& d : doc.diagnostics) {
    if (!covers(d, byte)) continue;
    if (first == nullptr) first = &d;
    const Rule* rule = doc.context ? doc.context->rules.find(d.rule_id) : nullptr;
    if (is_spelling(d, rule) && d.suggestions.empty() && doc.context && doc.context->linter) {
      Diagnostic with_suggestions = d;
      with_suggestions.suggestions = ::sayso::lsp::first(
          doc.context->linter->spelling_suggestions(doc.text.substr(d.begin, d.end - d.begin)),
          kSpellingSuggestionsShown);
      parts.push_back(hover_markdown(with_suggestions, rule));
    } else {
      parts.push_back(hover_markdown(d, rule));
    }
  }
  if (first == nullptr) return nullptr;
  return {
      {"contents",
       {{"kind", hover_markdown_ ? "markdown" : "plaintext"},
        {"value", join(parts, "\n\n---\n\n")}}},
      {"range",
       {{"start", to_json(lines.to_position(first->begin, position_unit_))},
        {"end", to_json(lines.to_position(first->end, position_unit_))}}},
  };
}

}  // namespace sayso::lsp
