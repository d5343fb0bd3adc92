// textDocument/hover: on a flagged range, a short note read at a glance: the finding, the swap,
// why it matters, one example of each kind, and where to read more (`sayso explain RULE`, the
// rule catalogue): the rule's sources, who shaped it and the decisions behind it are there, not
// here. Spelling findings with no suggestions get them here, on demand (Hunspell is slow).
// sayso.explainRule's Markdown (rule_markdown) has everything.
#include <algorithm>
#include <map>
#include <sstream>

#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

// A hover stays short, about 1,200 characters at most: the explanation's first sentences, in the
// room the rest leaves; examples and the other findings' messages cut at a sentence or a word.
// (Only a finding whose message is itself long, the involvement checklist's, goes over.)
constexpr std::size_t kHoverChars = 1150;
constexpr std::size_t kHoverExplanationMinChars = 120;
constexpr std::size_t kHoverExplanationMaxChars = 320;
constexpr std::size_t kHoverExampleChars = 100;
constexpr std::size_t kHoverAlsoHereChars = 80;

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

void add_rule_body(std::ostringstream& out, const Rule& rule) {
  if (!rule.explanation.empty()) out << "\n\n" << rule.explanation;
  add_list(out, "Examples", rule.examples.flag, "Flagged: ");
  add_list(out, "Fine as it is", rule.examples.pass);
  add_list(out, "Sources", rule.sources);
  add_provenance(out, rule.provenance);
}

bool ends_sentence(std::string_view text, std::size_t at) {
  return (text[at] == '.' || text[at] == '?' || text[at] == '!') &&
         (at + 1 == text.size() || text[at + 1] == ' ' || text[at + 1] == '\n');
}

}  // namespace

std::string first_sentences(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::size_t end = 0;
  for (std::size_t at = 0; at < max; ++at)
    if (ends_sentence(text, at)) end = at + 1;
  if (end > 0) return std::string(text.substr(0, end));
  const std::size_t space = text.rfind(' ', max);
  return std::string(text.substr(0, space == std::string_view::npos ? max : space)) + " …";
}

namespace {

// One example of each kind: what the rule flags, and what it leaves alone.
std::string example_pair_text(const RuleExamples& examples) {
  std::vector<std::string> pair;
  if (!examples.flag.empty())
    pair.push_back(std::string("Flagged: ")
                       .append(first_sentences(examples.flag.front(), kHoverExampleChars)));
  if (!examples.pass.empty())
    pair.push_back(
        std::string("Fine: ").append(first_sentences(examples.pass.front(), kHoverExampleChars)));
  std::ostringstream out;
  add_list(out, "For example", pair);
  return out.str();
}

std::string read_more_text(const RuleReferences& references) {
  if (references.explain_name.empty()) return "";
  std::string out =
      "\n\nMore (sources, who shaped the rule): `sayso explain " + references.explain_name + "`";
  if (!references.catalogue_link.empty())
    out.append(" or the [rule catalogue](").append(references.catalogue_link).append(")");
  return out + ".";
}

// The other findings at the same place, a line each: the first sentence of each message.
std::string also_here_text(const std::vector<Diagnostic>& others) {
  if (others.empty()) return "";
  std::string out = "\n\n---\n\n**Also here**\n";
  for (const Diagnostic& d : others)
    out.append("\n- ")
        .append(first_sentences(d.message, kHoverAlsoHereChars))
        .append(" (`")
        .append(d.rule_id)
        .append("`)");
  return out;
}

std::string hover_head(const Diagnostic& diagnostic) {
  std::string out = "**" + diagnostic.message + "**\n\n`" + diagnostic.rule_id + "` · " +
                    diagnostic.category + " · " + std::string(severity_name(diagnostic.severity));
  if (!diagnostic.suggestions.empty())
    out.append("\n\n**Try:** ").append(join(diagnostic.suggestions, " or "));
  return out;
}

// A finding covers the byte under the cursor; an empty (document-level) range covers its point.
bool covers(const Diagnostic& d, std::size_t byte) {
  return d.begin == d.end ? byte == d.begin : d.begin <= byte && byte < d.end;
}

}  // namespace

std::string hover_markdown(const Diagnostic& diagnostic, const Rule* rule,
                           const RuleReferences& references,
                           const std::vector<Diagnostic>& also_here) {
  const std::string head = hover_head(diagnostic);
  const std::string more = read_more_text(references);
  const std::string others = also_here_text(also_here);
  if (rule == nullptr) return head + more + others;
  // The explanation gets the room the rest leaves (within limits), and the examples are left out
  // when even its shortest start does not fit: a long message is not followed by much more.
  std::string examples = example_pair_text(rule->examples);
  const std::size_t fixed = head.size() + more.size() + others.size();
  if (fixed + examples.size() + kHoverExplanationMinChars > kHoverChars) examples.clear();
  const std::size_t used = fixed + examples.size();
  const std::size_t room = std::clamp(used < kHoverChars ? kHoverChars - used : 0,
                                      kHoverExplanationMinChars, kHoverExplanationMaxChars);
  const std::string why =
      rule->explanation.empty()
          ? ""
          : std::string("\n\n").append(first_sentences(rule->explanation, room));
  return head + why + examples + more + others;
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
  add_rule_body(out, rule);
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
  RuleReferences references;
  if (rule != nullptr)
    references = {explain_name(doc.context->rules, rule->id), catalogue_.link(rule->id)};
  Diagnostic shown = innermost;
  if (is_spelling_finding(innermost, rule) && doc.context)
    shown.suggestions = spelling_choices(innermost, doc.text, doc.context->linter.get());
  std::vector<Diagnostic> others;
  for (std::size_t i = 1; i < here.size(); ++i) others.push_back(*here[i]);
  const std::string text = hover_markdown(shown, rule, references, others);
  return {
      {"contents", {{"kind", hover_markdown_ ? "markdown" : "plaintext"}, {"value", text}}},
      {"range",
       {{"start", to_json(lines.to_position(innermost.begin, position_unit_))},
        {"end", to_json(lines.to_position(innermost.end, position_unit_))}}},
  };
}

}  // namespace sayso::lsp
