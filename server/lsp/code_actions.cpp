// textDocument/codeAction: for each finding under the cursor, replace it with each suggestion
// (a misspelt word's are its finding's own, or computed now, on demand, when it has none), add a
// word to the workspace dictionary, or turn the rule off (around this paragraph or list, in this
// file, or in .sayso.yml); and "fix all plain-English substitutions" for the whole document (kind
// source.sayso.fixAll: outside source.fixAll, which editors run on save, because a swap is for the
// writer to choose). The fix-all edit is computed only when that kind is asked for, or when the
// client resolves the action (codeAction/resolve): the lightbulb's requests, on every cursor move,
// stay cheap.
#include <algorithm>
#include <cmath>
#include <set>

#include "engine/builtin_findings.h"
#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

constexpr std::string_view kFixAllKind = "source.sayso.fixAll";
constexpr std::string_view kFixAllTitle = "Fix all plain-English substitutions";

// How a disable comment is written, by the document's format.
enum class CommentSyntax { Html, Latex, None };

struct ActionContext {
  const OpenDocument& doc;
  const LineIndex& lines;
  ColumnUnit unit;
  CommentSyntax syntax;
  std::string line_ending;  // the document's own, for inserted lines
};

json lsp_range(const ActionContext& c, std::size_t begin, std::size_t end) {
  return {{"start", to_json(c.lines.to_position(begin, c.unit))},
          {"end", to_json(c.lines.to_position(end, c.unit))}};
}

json text_edit(const ActionContext& c, std::size_t begin, std::size_t end, std::string text) {
  return {{"range", lsp_range(c, begin, end)}, {"newText", std::move(text)}};
}

// A swap across a hard-wrapped line ("carry out\nan assessment of") keeps the writer's line
// break: the run of blanks around the break (with a quote's '>' or a list's indent) takes the
// place of the replacement's space that stands nearest to where the break stood.
std::string keep_line_break(std::string_view replaced, std::string text) {
  const std::size_t newline = replaced.find('\n');
  const std::size_t space = text.find(' ');
  if (newline == std::string_view::npos || space == std::string::npos) return text;
  const auto blank = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\r'; };
  std::size_t from = newline, to = newline + 1;
  while (from > 0 && blank(replaced[from - 1])) --from;
  while (to < replaced.size() && (blank(replaced[to]) || replaced[to] == '>')) ++to;
  const double where = static_cast<double>(from) / static_cast<double>(replaced.size());
  std::size_t best = space;
  for (std::size_t at = space; at != std::string::npos; at = text.find(' ', at + 1)) {
    const auto off = [&](std::size_t i) {
      return std::abs(static_cast<double>(i) / static_cast<double>(text.size()) - where);
    };
    if (off(at) < off(best)) best = at;
  }
  return text.replace(best, 1, replaced.substr(from, to - from));
}

json replacement_edit(const ActionContext& c, std::size_t begin, std::size_t end,
                      const std::string& text) {
  return text_edit(c, begin, end,
                   keep_line_break(std::string_view(c.doc.text).substr(begin, end - begin), text));
}

json edit_action(const ActionContext& c, std::string title, std::string_view kind, json edits,
                 const json* diagnostic) {
  json action = {{"title", std::move(title)},
                 {"kind", std::string(kind)},
                 {"edit", {{"changes", {{c.doc.uri, std::move(edits)}}}}}};
  if (diagnostic != nullptr) action["diagnostics"] = json::array({*diagnostic});
  return action;
}

bool is_kind_or_child(std::string_view kind, std::string_view parent) {
  return kind == parent || (kind.size() > parent.size() &&
                            kind.substr(0, parent.size()) == parent && kind[parent.size()] == '.');
}

// Whether the client asked for actions of this kind (context.only: kinds or their parents).
bool wanted(const json& only, std::string_view kind) {
  if (!only.is_array()) return true;
  for (const json& entry : only)
    if (entry.is_string() && is_kind_or_child(kind, entry.get<std::string>())) return true;
  return false;
}

// Whether context.only names this kind or a parent of it (not merely: nothing was filtered).
bool asked_for(const json& only, std::string_view kind) {
  return only.is_array() && wanted(only, kind);
}

std::string line_ending_of(const std::string& text) {
  const std::size_t newline = text.find('\n');
  return newline != std::string::npos && newline > 0 && text[newline - 1] == '\r' ? "\r\n" : "\n";
}

CommentSyntax comment_syntax_of(const OpenDocument& doc) {
  // The format the text was read as (the file's extension first) decides: Eglot 1.9 sends one
  // language id for every file of a server, so a .txt opened after a .md comes as "markdown".
  const std::string format = doc.document ? doc.document->format : "";
  if (format == "latex") return CommentSyntax::Latex;
  if (format == "markdown") return CommentSyntax::Html;
  if (!format.empty()) return CommentSyntax::None;
  if (doc.language_id == "latex" || doc.language_id == "tex" || doc.path.ends_with(".tex"))
    return CommentSyntax::Latex;
  if (doc.language_id == "markdown" || doc.path.ends_with(".md") || doc.path.ends_with(".markdown"))
    return CommentSyntax::Html;
  // Plain text is often pasted into a funder's web form: a comment would go with it.
  return CommentSyntax::None;
}

// Where a "disable for this file" comment goes: the top, or after YAML front matter.
std::size_t file_comment_position(const std::string& text, CommentSyntax syntax) {
  if (syntax == CommentSyntax::Latex || text.rfind("---", 0) != 0) return 0;
  const std::size_t close = text.find("\n---", 3);
  if (close == std::string::npos) return 0;
  const std::size_t line_end = text.find('\n', close + 4);
  return line_end == std::string::npos ? text.size() : line_end + 1;
}

std::string comment(const ActionContext& c, std::string_view marker, const std::string& rule) {
  if (c.syntax == CommentSyntax::Latex)
    return "% " + std::string(marker) + " " + rule + c.line_ending;
  return "<!-- " + std::string(marker) + " " + rule + " -->" + c.line_ending;
}

// A document-level finding (empty range) at the very end of the text needs its line start.
std::size_t line_start_of(const LineIndex& lines, std::size_t byte) {
  return lines.line_start(lines.line_of(byte));
}

std::string_view line_text(const ActionContext& c, std::size_t line) {
  const std::size_t start = c.lines.line_start(line);
  std::string_view text(c.doc.text);
  text = text.substr(start, c.lines.line_end(line) - start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

// A line that is a block of its own, or borders one: a heading, a setext underline or thematic
// break, a code fence, an HTML comment (perhaps another disable comment).
bool is_block_boundary(std::string_view line) {
  const std::size_t at = line.find_first_not_of(' ');
  if (at == std::string_view::npos || at >= 4) return false;
  line.remove_prefix(at);
  if (line.front() == '#' || line.starts_with("<!--") || line.starts_with("```") ||
      line.starts_with("~~~"))
    return true;
  const char c = line.front();
  return (c == '=' || c == '-' || c == '*' || c == '_') &&
         line.find_first_not_of(std::string(1, c) + " ") == std::string_view::npos;
}

// A line of a Markdown list: an item ("- ", "* ", "+ ", "1. ", "1) ") or indented text under one.
bool is_list_line(std::string_view line) {
  if (is_blank(line)) return false;
  if (line.front() == ' ' || line.front() == '\t') return true;
  if ((line[0] == '-' || line[0] == '*' || line[0] == '+') && line.size() > 1 && line[1] == ' ')
    return true;
  std::size_t digits = 0;
  while (digits < line.size() && digits < 9 && line[digits] >= '0' && line[digits] <= '9') ++digits;
  return digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
         line[digits + 1] == ' ';
}

// The lines [first, last] of the Markdown block around `line`: its paragraph, or its whole list
// (items may be apart, with blank lines between them). A comment line inside it would end the
// paragraph or list (CommonMark: an HTML block may interrupt a paragraph), so comments go around.
std::pair<std::size_t, std::size_t> markdown_block_lines(const ActionContext& c, std::size_t line) {
  const std::size_t count = c.lines.line_count();
  // YAML front matter is not Markdown: the block never reaches into it.
  const std::size_t front_matter_end = file_comment_position(c.doc.text, c.syntax);
  const bool list = is_list_line(line_text(c, line));
  auto joins = [&](std::size_t next) {  // whether `next` continues the block across blank lines
    return list && is_list_line(line_text(c, next));
  };
  std::size_t first = line;
  while (first > 0) {
    std::size_t above = first - 1;
    while (above > 0 && is_blank(line_text(c, above))) --above;
    const std::string_view text = line_text(c, above);
    if (is_blank(text) || is_block_boundary(text) || c.lines.line_start(above) < front_matter_end)
      break;
    if (above + 1 < first && !joins(above)) break;  // a blank line between, outside a list
    first = above;
  }
  std::size_t last = line;
  while (last + 1 < count) {
    std::size_t below = last + 1;
    while (below + 1 < count && is_blank(line_text(c, below))) ++below;
    const std::string_view text = line_text(c, below);
    if (is_blank(text) || is_block_boundary(text)) break;
    if (below > last + 1 && !joins(below)) break;
    last = below;
  }
  return {first, last};
}

const Rule* rule_of(const OpenDocument& doc, const Diagnostic& d) {
  return doc.context ? doc.context->rules.find(d.rule_id) : nullptr;
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
    json action =
        edit_action(c, "Replace with '" + suggestion + "'", "quickfix",
                    json::array({replacement_edit(c, d.begin, d.end, suggestion)}), &diagnostic);
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
  const std::string& rule = d.rule_id;
  if (c.syntax == CommentSyntax::Latex) {
    // A LaTeX comment line does not break a paragraph: it goes right above the finding's line.
    const std::size_t line_start = line_start_of(c.lines, d.begin);
    actions.push_back(edit_action(
        c, "Turn off " + rule + " for this line", "quickfix",
        json::array(
            {text_edit(c, line_start, line_start, comment(c, "sayso-disable-next-line", rule))}),
        &diagnostic));
  } else if (c.syntax == CommentSyntax::Html) {
    const std::size_t line = c.lines.line_of(d.begin);
    const auto [first, last] = markdown_block_lines(c, line);
    const std::size_t before = c.lines.line_start(first);
    if (first == last) {
      actions.push_back(edit_action(
          c, "Turn off " + rule + " for this line", "quickfix",
          json::array({text_edit(c, before, before, comment(c, "sayso-disable-next-line", rule))}),
          &diagnostic));
    } else {
      // The start of the line after the block; a last line with no line ending gets one first.
      const bool is_last_line = last + 1 >= c.lines.line_count();
      const std::size_t after = is_last_line ? c.doc.text.size() : c.lines.line_start(last + 1);
      const std::string enable =
          (is_last_line ? c.line_ending : "") + comment(c, "sayso-enable", rule);
      const std::string what = is_list_line(line_text(c, line)) ? "list" : "paragraph";
      actions.push_back(
          edit_action(c, "Turn off " + rule + " for this " + what, "quickfix",
                      json::array({text_edit(c, before, before, comment(c, "sayso-disable", rule)),
                                   text_edit(c, after, after, enable)}),
                      &diagnostic));
    }
  }
  if (c.syntax != CommentSyntax::None) {
    const std::size_t top = file_comment_position(c.doc.text, c.syntax);
    actions.push_back(edit_action(
        c, "Turn off " + rule + " in this file", "quickfix",
        json::array({text_edit(c, top, top, comment(c, "sayso-disable", rule))}), &diagnostic));
  }
  // Nothing in the text: the project's settings (the only way in plain text).
  actions.push_back({{"title", "Turn off " + rule + " in this project (.sayso.yml)"},
                     {"kind", "quickfix"},
                     {"diagnostics", json::array({diagnostic})},
                     {"command",
                      {{"title", "Turn the rule off in .sayso.yml"},
                       {"command", "sayso.disableRule"},
                       {"arguments", json::array({rule, c.doc.uri})}}}});
}

struct Replacement {
  std::size_t begin = 0, end = 0;
  const std::string* text = nullptr;
};

// Only spaces between two replacements: each was chosen for the words around it as written, so
// together they may not read ("to facilitate participation" would become "to help taking part").
bool side_by_side(const std::string& text, const Replacement& a, const Replacement& b) {
  for (std::size_t i = a.end; i < b.begin; ++i)
    if (text[i] != ' ' && text[i] != '\t') return false;
  return true;
}

// The fix-all edits, and how many swaps it leaves to the writer (side by side with another).
struct FixAll {
  std::vector<Replacement> replacements;
  std::size_t left = 0;
};

// The first suggestion of every substitution finding, skipping any that overlap an earlier one,
// and leaving to the writer swaps that stand side by side.
FixAll fix_all_replacements(const OpenDocument& doc) {
  std::vector<Replacement> found;
  for (const Diagnostic& d : doc.diagnostics) {  // sorted by position
    if (!is_substitution(doc, d) || d.begin == d.end) continue;
    // Two swaps from one place ("facilitate", "facilitate the development of"): the longer
    // one, whose fix was written for the whole phrase.
    if (!found.empty() && d.begin == found.back().begin && d.end > found.back().end) {
      found.back() = {d.begin, d.end, &d.suggestions.front()};
      continue;
    }
    if (!found.empty() && d.begin < found.back().end) continue;
    found.push_back({d.begin, d.end, &d.suggestions.front()});
  }
  FixAll out;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const bool after_one = i > 0 && side_by_side(doc.text, found[i - 1], found[i]);
    const bool before_one = i + 1 < found.size() && side_by_side(doc.text, found[i], found[i + 1]);
    if (!after_one && !before_one)
      out.replacements.push_back(found[i]);
    else
      ++out.left;
  }
  return out;
}

json fix_all_edits(const ActionContext& c, const FixAll& fix_all) {
  json edits = json::array();
  for (const Replacement& r : fix_all.replacements)
    edits.push_back(replacement_edit(c, r.begin, r.end, *r.text));
  return edits;
}

// Says what it leaves out, so a writer does not take the file for clean (twenty-fourth blind
// review: "In order to facilitate" stayed, with nothing to say why).
std::string fix_all_title(const FixAll& fix_all) {
  std::string title =
      std::string(kFixAllTitle) + " (" + std::to_string(fix_all.replacements.size());
  if (fix_all.left > 0)
    title += "; " + std::to_string(fix_all.left) +
             (fix_all.left == 1 ? " swap stands" : " swaps stand") +
             " next to another: fix those one by one";
  return title + ")";
}

bool client_resolves_edits(const json& capabilities) {
  const json* properties =
      find_path(capabilities, {"textDocument", "codeAction", "resolveSupport", "properties"});
  return properties != nullptr && properties->is_array() &&
         std::find(properties->begin(), properties->end(), "edit") != properties->end();
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
  const ActionContext c{doc, lines, position_unit_, comment_syntax_of(doc),
                        line_ending_of(doc.text)};

  json actions = json::array();
  std::set<std::string> disabled_offered;
  if (wanted(only, "quickfix")) {
    // The fixes first, then the ways to turn rules off: clients that ignore isPreferred (Neovim
    // 0.7) list actions as sent, and a writer should meet the fix before "turn off".
    json turn_off = json::array();
    for (const Diagnostic& d : doc.diagnostics) {
      if (d.end < std::min(from, to) || d.begin > std::max(from, to)) continue;
      const json diagnostic = to_lsp_diagnostic(d, lines, position_unit_, &catalogue_);
      if (is_spelling_finding(d, rule_of(doc, d)) && d.begin < d.end && doc.context) {
        const std::string word = doc.text.substr(d.begin, d.end - d.begin);
        add_replacements(c, d, spelling_choices(d, doc.text, doc.context->linter.get()), diagnostic,
                         actions);
        add_dictionary_action(c, word, diagnostic, actions);
        if (d.note == "variant") add_language_action(c, rule_of(doc, d), diagnostic, actions);
      } else {
        add_replacements(c, d, d.suggestions, diagnostic, actions);
      }
      // Not the finding that says the document was not checked: there is nothing to turn off.
      if (d.rule_id != builtin::kNotChecked && disabled_offered.insert(d.rule_id).second)
        add_disable_actions(c, d, diagnostic, turn_off);
    }
    for (json& action : turn_off) actions.push_back(std::move(action));
  }
  if (wanted(only, kFixAllKind)) {
    const FixAll fix_all = fix_all_replacements(doc);
    if (fix_all.replacements.empty()) return actions;
    if (asked_for(only, kFixAllKind) || !client_resolves_edits(client_capabilities_)) {
      actions.push_back(
          edit_action(c, fix_all_title(fix_all), kFixAllKind, fix_all_edits(c, fix_all), nullptr));
    } else {
      actions.push_back({{"title", fix_all_title(fix_all)},
                         {"kind", std::string(kFixAllKind)},
                         {"data", {{"uri", doc.uri}}}});
    }
  }
  return actions;
}

json Server::on_code_action_resolve(const json& action) {
  require_params_object(action);
  if (action.value("kind", "") != kFixAllKind || action.contains("edit")) return action;
  const json* uri = find_path(action, {"data", "uri"});
  if (uri == nullptr || !uri->is_string())
    throw RpcError(ErrorCode::InvalidParams, "data.uri must be the document's URI");
  const OpenDocument& doc = require_document({{"textDocument", {{"uri", *uri}}}});
  const LineIndex lines(doc.text);
  const ActionContext c{doc, lines, position_unit_, comment_syntax_of(doc),
                        line_ending_of(doc.text)};
  json resolved = action;
  const FixAll fix_all = fix_all_replacements(doc);
  json edits = fix_all_edits(c, fix_all);
  resolved["title"] = fix_all_title(fix_all);
  resolved["edit"] = {{"changes", {{doc.uri, std::move(edits)}}}};
  return resolved;
}

}  // namespace sayso::lsp
