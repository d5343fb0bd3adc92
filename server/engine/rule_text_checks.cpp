#include "engine/rule_text_checks.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/closest_name.h"

namespace sayso {
namespace {

// Every text in `node` with its line, depth first, in file order.
void collect_texts(const DataNode& node, std::vector<const DataNode*>& out) {
  if (node.is_text()) out.push_back(&node);
  for (const DataNode& child : node.children()) collect_texts(child, out);
}

// A "<...>" left from `sayso rules new`: '<' then a letter, up to the next '>' on the same line.
std::string template_placeholder(const std::string& text) {
  for (std::size_t open = text.find('<'); open != std::string::npos;
       open = text.find('<', open + 1)) {
    if (open + 1 >= text.size() || !std::isalpha(static_cast<unsigned char>(text[open + 1])))
      continue;
    const std::size_t close = text.find_first_of(">\n", open);
    if (close != std::string::npos && text[close] == '>')
      return text.substr(open, close - open + 1);
  }
  return "";
}

// The {placeholders} each kind fills in its findings (see CheckContext::make in kinds/kind.h and
// each kind's calls of it). Every kind has {match} and {section}.
const std::set<std::string>& placeholders_of(const std::string& kind) {
  static const std::map<std::string, std::set<std::string>> by_kind = {
      {"substitution", {"suggestion", "suggestions"}},
      {"spelling", {"suggestion", "suggestions", "variant", "expected"}},
      {"evidence", {"missing", "count", "limit"}},
      {"claim-needs-evidence", {"missing", "count", "limit"}},
      {"involvement-level", {"level", "meaning", "missing", "limit"}},
      {"required-sections", {"missing"}},
      {"length", {"count", "limit", "unit"}},
      {"long-words", {"count", "limit", "words"}},
      {"number-density", {"count", "limit"}},
      {"readability", {"count", "limit"}},
      {"copied-text", {"count", "limit"}},
      {"table", {"count"}},
  };
  static const std::set<std::string> none;
  const auto found = by_kind.find(kind);
  return found == by_kind.end() ? none : found->second;
}

// "{match}, {section} and {count}".
std::string braced_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += "{" + names[i] + "}";
  }
  return out;
}

// The names inside braces that look like a placeholder: letters, digits, '_', '-' or spaces.
std::vector<std::string> braced_names(const std::string& text) {
  std::vector<std::string> names;
  for (std::size_t open = text.find('{'); open != std::string::npos;
       open = text.find('{', open + 1)) {
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    const std::string name = text.substr(open + 1, close - open - 1);
    const bool word_like = !name.empty() && name.size() <= 30 &&
                           std::all_of(name.begin(), name.end(), [](unsigned char c) {
                             return std::isalnum(c) || c == '_' || c == '-' || c == ' ';
                           });
    if (word_like) names.push_back(name);
  }
  return names;
}

// The first thing in a pattern that RE2 cannot do, in plain words ("" when there is none).
std::string unsupported_in_pattern(const std::string& pattern) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (i + 1 < pattern.size() && pattern[i + 1] >= '1' && pattern[i + 1] <= '9')
        return fmt::format("refers back to a group ('\\{}')", pattern[i + 1]);
      ++i;  // an escaped character is itself
      continue;
    }
    const std::string_view rest = std::string_view(pattern).substr(i);
    if (rest.starts_with("(?=") || rest.starts_with("(?!"))
      return fmt::format("looks ahead ('{}')", rest.substr(0, 3));
    if (rest.starts_with("(?<=") || rest.starts_with("(?<!"))
      return fmt::format("looks behind ('{}')", rest.substr(0, 4));
  }
  return "";
}

}  // namespace

std::vector<TextMistake> template_leftovers(const DataNode& rule) {
  std::vector<TextMistake> out;
  for (const DataNode& field : rule.children()) {
    if (field.key() == "regex") continue;
    std::vector<const DataNode*> texts;
    collect_texts(field, texts);
    for (const DataNode* text : texts)
      if (std::string placeholder = template_placeholder(text->value()); !placeholder.empty())
        out.push_back(
            {text->line(),
             fmt::format(
                 "'{}' still has the template's placeholder '{}': write your own words there",
                 field.key(), placeholder)});
  }
  return out;
}

std::vector<TextMistake> curly_quoted_texts(const DataNode& rule) {
  // Texts about the rule, not used by it: a quotation there is harmless.
  static const std::set<std::string> about = {"decisions", "sources", "explanation", "written_with",
                                              "reviewed_by"};
  static const std::vector<std::string_view> opening = {"\xE2\x80\x9C", "\xE2\x80\x98",
                                                        "\xE2\x80\x9E"};  // “ ‘ „
  static const std::vector<std::string_view> closing = {"\xE2\x80\x9D", "\xE2\x80\x99",
                                                        "\xE2\x80\x9C"};  // ” ’ “
  const auto any_of = [](std::string_view text, const std::vector<std::string_view>& marks,
                         bool at_start) {
    return std::any_of(marks.begin(), marks.end(), [&](std::string_view mark) {
      return at_start ? text.starts_with(mark) : text.ends_with(mark);
    });
  };
  std::vector<TextMistake> out;
  for (const DataNode& field : rule.children()) {
    if (about.count(field.key())) continue;
    std::vector<const DataNode*> texts;
    collect_texts(field, texts);
    for (const DataNode* text : texts) {
      const std::string& value = text->value();
      if (value.size() < 7 || !any_of(value, opening, true) || !any_of(value, closing, false))
        continue;
      out.push_back(
          {text->line(),
           fmt::format("the text in '{}' starts and ends with curly quote marks (as Word writes "
                       "them), and a rule file keeps them as part of the text: an example in them "
                       "reads as a quotation, which rules leave alone, and a word in them never "
                       "matches. Put straight quote marks (\") round the text instead.",
                       field.key())});
    }
  }
  return out;
}

std::vector<TextMistake> unknown_placeholders(const DataNode& rule, const std::string& kind) {
  std::vector<std::string> known = {"match", "section"};
  for (const std::string& name : placeholders_of(kind)) known.push_back(name);
  std::vector<TextMistake> out;
  for (const char* key : {"message", "variant_message", "term_message", "typo_message",
                          "elsewhere_message", "sentence_message"}) {
    const DataNode& message = rule[key];
    if (!message.is_text()) continue;
    for (const std::string& name : braced_names(message.value())) {
      if (std::find(known.begin(), known.end(), name) != known.end()) continue;
      const std::string close = closest_name(name, known);
      out.push_back(
          {message.line(),
           fmt::format(
               "'{}' has {{{}}}, which {} {} rule does not fill in, so the writer would "
               "see it as it is.{} It can use {}.",
               key, name,
               kind.empty() || std::string_view("aeiou").find(kind[0]) == std::string_view::npos
                   ? "a"
                   : "an",
               kind, close.empty() ? "" : fmt::format(" Did you mean {{{}}}?", close),
               braced_list(known))});
    }
  }
  return out;
}

std::vector<TextMistake> regex_mistakes(const DataNode& rule) {
  const DataNode& regex = rule["regex"];
  if (!regex || regex.is_empty()) {
    if (regex && regex.type() == DataNode::Type::Null)
      return {{regex.line(),
               "'regex' is empty: write a pattern, or take the line out and use "
               "'phrases'"}};
    return {};
  }
  if (!regex.is_text()) return {};
  if (regex.value().empty())
    return {{regex.line(),
             "'regex' is empty, so it would find nothing: write a pattern, or take "
             "the line out and use 'phrases'"}};
  // In double quotes YAML reads "\b" as a backspace, so the pattern looks for one and finds
  // nothing, with no error anywhere else.
  if (std::any_of(regex.value().begin(), regex.value().end(),
                  [](unsigned char c) { return c < 0x20 && c != '\t' && c != '\n'; }))
    return {{regex.line(),
             "'regex' has a control character in it, most likely because it is in double "
             "quotes: there \\b is read as a backspace, not as the edge of a word. Put the "
             "pattern in single quotes ('...'), where every \\ stays as it is."}};
  const std::string unsupported = unsupported_in_pattern(regex.value());
  if (unsupported.empty()) return {};
  return {{regex.line(),
           fmt::format("'regex' {}, and sayso's patterns cannot do that (they are RE2 patterns, "
                       "which stay fast on any text). To leave a match alone when some words are "
                       "near it, use 'unless_nearby'; to leave some wordings alone, use 'except'.",
                       unsupported)}};
}

int line_of_text(const DataNode& node, const std::string& text, int fallback) {
  std::vector<const DataNode*> texts;
  collect_texts(node, texts);
  for (const DataNode* t : texts)
    if (t->value() == text && t->line() > 0) return t->line();
  return fallback;
}

}  // namespace sayso
