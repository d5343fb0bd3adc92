// textDocument/hover: on a flagged range, what the rule says, why, where it comes from and who
// shaped it. Spelling findings get their suggestions here, on demand (Hunspell is slow to suggest).
#include <algorithm>
#include <map>
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

std::string rule_message_in_words(const Rule& rule, const std::string& example_message) {
  if (!example_message.empty()) return example_message;
  // No example to fill it from: the placeholders in plain words, not "{match}".
  static const std::map<std::string, std::string> kPlainWords = {{"match", "the words flagged"},
                                                                 {"suggestion", "a plainer word"},
                                                                 {"count", "several"},
                                                                 {"missing", "what is missing"},
                                                                 {"limit", "the limit"},
                                                                 {"words", "the words"},
                                                                 {"unit", "words"},
                                                                 {"section", "the section"},
                                                                 {"level", "the level found"}};
  std::string out;
  for (std::size_t i = 0; i < rule.message.size(); ++i) {
    const std::size_t close = rule.message[i] == '{' ? rule.message.find('}', i) : i;
    if (close == std::string::npos || close == i) {
      out += rule.message[i];
      continue;
    }
    const std::string name = rule.message.substr(i + 1, close - i - 1);
    const auto known = kPlainWords.find(name);
    out += known != kPlainWords.end() ? known->second : "…";
    i = close;
  }
  return out;
}

std::string rule_markdown(const Rule& rule, const std::string& example_message) {
  std::ostringstream out;
  out << "### `" << rule.id << "`\n\n"
      << rule_message_in_words(rule, example_message)
      << (example_message.empty() ? "" : " (as it reads on its first example)") << "\n\n"
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
  // Where findings overlap ("RCT" inside a long sentence), the innermost (smallest) one is the
  // one under the cursor: its range and its full text; the others get a line each.
  std::vector<const Diagnostic*> here;
  for (const Diagnostic& d : doc.diagnostics)
    if (covers(d, byte)) here.push_back(&d);
  if (here.empty()) return nullptr;
  std::stable_sort(here.begin(), here.end(), [](const Diagnostic* a, const Diagnostic* b) {
    return a->end - a->begin < b->end - b->begin;
  });
  const Diagnostic& innermost = *here.front();
  const Rule* rule = doc.context ? doc.context->rules.find(innermost.rule_id) : nullptr;
  std::string text;
  if (is_spelling(innermost, rule) && innermost.suggestions.empty() && doc.context &&
      doc.context->linter) {
    Diagnostic with_suggestions = innermost;
    with_suggestions.suggestions =
        ::sayso::lsp::first(doc.context->linter->spelling_suggestions(
                                doc.text.substr(innermost.begin, innermost.end - innermost.begin)),
                            kSpellingSuggestionsShown);
    text = hover_markdown(with_suggestions, rule);
  } else {
    text = hover_markdown(innermost, rule);
  }
  if (here.size() > 1) {
    std::vector<std::string> others;
    for (std::size_t i = 1; i < here.size(); ++i)
      others.push_back(here[i]->message + " (`" + here[i]->rule_id + "`)");
    text += "\n\n---\n\n**Also here**\n\n- " + join(others, "\n- ");
  }
  return {
      {"contents", {{"kind", hover_markdown_ ? "markdown" : "plaintext"}, {"value", text}}},
      {"range",
       {{"start", to_json(lines.to_position(innermost.begin, position_unit_))},
        {"end", to_json(lines.to_position(innermost.end, position_unit_))}}},
  };
}

}  // namespace sayso::lsp
