// textDocument/codeAction: for each finding under the cursor, replace it with each suggestion
// (spelling suggestions are computed now, on demand), add a word to the workspace dictionary,
// or turn the rule off for this line or this file; and "fix all plain-English substitutions"
// for the whole document (kind source.fixAll.sayso).
#include <algorithm>
#include <set>

#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

constexpr std::size_t kSpellingSuggestions = 5;
constexpr std::string_view kFixAllKind = "source.fixAll.sayso";

struct ActionContext {
  const OpenDocument& doc;
  const LineIndex& lines;
  ColumnUnit unit;
  bool latex;
};

json lsp_range(const ActionContext& c, std::size_t begin, std::size_t end) {
  return {{"start", to_json(c.lines.to_position(begin, c.unit))},
          {"end", to_json(c.lines.to_position(end, c.unit))}};
}

json text_edit(const ActionContext& c, std::size_t begin, std::size_t end, std::string text) {
  return {{"range", lsp_range(c, begin, end)}, {"newText", std::move(text)}};
}

json edit_action(const ActionContext& c, std::string title, std::string_view kind, json edits,
                 const json* diagnostic) {
  json action = {{"title", std::move(title)},
                 {"kind", std::string(kind)},
                 {"edit", {{"changes", {{c.doc.uri, std::move(edits)}}}}}};
  if (diagnostic != nullptr) action["diagnostics"] = json::array({*diagnostic});
  return action;
}

// Whether the client asked for actions of this kind (context.only: kinds or their parents).
bool wanted(const json& only, std::string_view kind) {
  if (!only.is_array()) return true;
  for (const json& entry : only) {
    if (!entry.is_string()) continue;
    const std::string prefix = entry.get<std::string>();
    if (kind == prefix || (kind.size() > prefix.size() && kind.substr(0, prefix.size()) == prefix &&
                           kind[prefix.size()] == '.'))
      return true;
  }
  return false;
}

// Where a "disable for this file" comment goes: the top, or after YAML front matter.
std::size_t file_comment_position(const std::string& text, bool latex) {
  if (latex || text.rfind("---", 0) != 0) return 0;
  const std::size_t close = text.find("\n---", 3);
  if (close == std::string::npos) return 0;
  const std::size_t line_end = text.find('\n', close + 4);
  return line_end == std::string::npos ? text.size() : line_end + 1;
}

std::string comment(bool latex, std::string_view marker, const std::string& rule) {
  if (latex) return "% " + std::string(marker) + " " + rule + "\n";
  return "<!-- " + std::string(marker) + " " + rule + " -->\n";
}

// A document-level finding (empty range) at the very end of the text needs its line start.
std::size_t line_start_of(const LineIndex& lines, std::size_t byte) {
  return lines.line_start(lines.line_of(byte));
}

const Rule* rule_of(const OpenDocument& doc, const Diagnostic& d) {
  return doc.context ? doc.context->rules.find(d.rule_id) : nullptr;
}

bool is_spelling(const OpenDocument& doc, const Diagnostic& d) {
  const Rule* rule = rule_of(doc, d);
  return rule != nullptr ? rule->kind == "spelling" : d.category == "spelling";
}

bool is_substitution(const OpenDocument& doc, const Diagnostic& d) {
  const Rule* rule = rule_of(doc, d);
  return rule != nullptr && rule->kind == "substitution" && !d.suggestions.empty();
}

void add_replacements(const ActionContext& c, const Diagnostic& d,
                      const std::vector<std::string>& suggestions, const json& diagnostic,
                      json& actions) {
  bool preferred = true;
  for (const std::string& suggestion : suggestions) {
    json action = edit_action(c, "Replace with '" + suggestion + "'", "quickfix",
                              json::array({text_edit(c, d.begin, d.end, suggestion)}), &diagnostic);
    if (preferred) action["isPreferred"] = true;
    preferred = false;
    actions.push_back(std::move(action));
  }
}

void add_dictionary_action(const ActionContext& c, const std::string& word, const json& diagnostic,
                           json& actions) {
  actions.push_back({{"title", "Add '" + word + "' to the workspace dictionary (.sayso.yml)"},
                     {"kind", "quickfix"},
                     {"diagnostics", json::array({diagnostic})},
                     {"command",
                      {{"title", "Add to the workspace dictionary"},
                       {"command", "sayso.addWord"},
                       {"arguments", json::array({word, c.doc.uri})}}}});
}

// For a word spelled the way of another spelling system (a spelling finding that knows its fix),
// the command that makes that system the project's: "Use US spelling in this project".
void add_language_action(const ActionContext& c, const Rule* rule, const json& diagnostic,
                         json& actions) {
  if (rule == nullptr || !rule->node["variants"].is_map()) return;
  const std::string current = rule->node["language"].value();
  const DataNode* other = nullptr;
  for (const DataNode& variant : rule->node["variants"].children()) {
    if (variant.key() == current) continue;
    if (other != nullptr) return;  // more than one other system: which one is not clear
    other = &variant;
  }
  if (other == nullptr) return;
  actions.push_back(
      {{"title", "Use " + other->value() +
                     " spelling in this project (.sayso.yml: language: " + other->key() + ")"},
       {"kind", "quickfix"},
       {"diagnostics", json::array({diagnostic})},
       {"command",
        {{"title", "Set the spelling language"},
         {"command", "sayso.setLanguage"},
         {"arguments", json::array({other->key(), c.doc.uri})}}}});
}

void add_disable_actions(const ActionContext& c, const Diagnostic& d, const json& diagnostic,
                         json& actions) {
  const std::size_t line_start = line_start_of(c.lines, d.begin);
  actions.push_back(
      edit_action(c, "Turn off " + d.rule_id + " for this line", "quickfix",
                  json::array({text_edit(c, line_start, line_start,
                                         comment(c.latex, "sayso-disable-next-line", d.rule_id))}),
                  &diagnostic));
  const std::size_t top = file_comment_position(c.doc.text, c.latex);
  actions.push_back(edit_action(
      c, "Turn off " + d.rule_id + " in this file", "quickfix",
      json::array({text_edit(c, top, top, comment(c.latex, "sayso-disable", d.rule_id))}),
      &diagnostic));
}

// The first suggestion of every substitution finding, skipping any that overlap an earlier one.
json fix_all_edits(const ActionContext& c) {
  json edits = json::array();
  std::size_t covered_to = 0;
  bool any = false;
  for (const Diagnostic& d : c.doc.diagnostics) {  // sorted by position
    if (!is_substitution(c.doc, d) || d.begin == d.end) continue;
    if (any && d.begin < covered_to) continue;
    edits.push_back(text_edit(c, d.begin, d.end, d.suggestions.front()));
    covered_to = d.end;
    any = true;
  }
  return edits;
}

}  // namespace

json Server::on_code_action(const json& params) {
  const OpenDocument& doc = require_document(params);
  const json& range = require_object(params, "range");
  const LineIndex lines(doc.text);
  const std::size_t from =
      lines.to_offset(parse_position(require_object(range, "start")), position_unit_);
  const std::size_t to =
      lines.to_offset(parse_position(require_object(range, "end")), position_unit_);
  const json* only_ptr = find_path(params, {"context", "only"});
  const json only = only_ptr != nullptr ? *only_ptr : json();
  const bool latex = (doc.document && doc.document->format == "latex") ||
                     doc.language_id == "latex" || doc.path.ends_with(".tex");
  const ActionContext c{doc, lines, position_unit_, latex};

  json actions = json::array();
  std::set<std::string> disabled_offered;
  if (wanted(only, "quickfix")) {
    for (const Diagnostic& d : doc.diagnostics) {
      if (d.end < std::min(from, to) || d.begin > std::max(from, to)) continue;
      const json diagnostic = to_lsp_diagnostic(d, lines, position_unit_);
      if (is_spelling(doc, d) && d.begin < d.end && doc.context && doc.context->linter) {
        const std::string word = doc.text.substr(d.begin, d.end - d.begin);
        // A finding that knows its fix (a US spelling in a UK text) needs no Hunspell guesses.
        std::vector<std::string> suggestions =
            d.suggestions.empty() ? doc.context->linter->spelling_suggestions(word) : d.suggestions;
        if (suggestions.size() > kSpellingSuggestions) suggestions.resize(kSpellingSuggestions);
        add_replacements(c, d, suggestions, diagnostic, actions);
        add_dictionary_action(c, word, diagnostic, actions);
        if (!d.suggestions.empty()) add_language_action(c, rule_of(doc, d), diagnostic, actions);
      } else {
        add_replacements(c, d, d.suggestions, diagnostic, actions);
      }
      if (disabled_offered.insert(d.rule_id).second) add_disable_actions(c, d, diagnostic, actions);
    }
  }
  if (wanted(only, kFixAllKind)) {
    json edits = fix_all_edits(c);
    const std::string title =
        "Fix all plain-English substitutions (" + std::to_string(edits.size()) + ")";
    if (!edits.empty())
      actions.push_back(edit_action(c, title, kFixAllKind, std::move(edits), nullptr));
  }
  return actions;
}

}  // namespace sayso::lsp
