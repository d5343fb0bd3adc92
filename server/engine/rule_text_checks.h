// Checks of a rule's texts that the YAML reader cannot make: what `sayso rules new` left to fill
// in, {placeholders} its kind never fills, a pattern (regex) sayso cannot run, and an id that is
// not lower case with dashes. Each mistake comes with the line of the text at fault.
#pragma once
#include <string>
#include <vector>

#include "engine/data_node.h"

namespace sayso {

struct TextMistake {
  int line = 0;
  std::string what;
};

// Every "<...>" left from the template, in any text of the rule but its regex (where '<' has
// other uses): phrases and examples too, or "<another text it must not flag>" runs as a test.
std::vector<TextMistake> template_leftovers(const DataNode& rule);

// Every text the rule uses (examples, phrases, swaps, messages) wrapped in curly quote marks,
// as Word writes them: YAML keeps them as part of the text, so the example is a quotation and
// the phrase never matches, and nothing else would say why.
std::vector<TextMistake> curly_quoted_texts(const DataNode& rule);

// Every {name} in the rule's messages that its kind does not fill in ({matched}, or
// {suggestion} in a kind that has none): left as it is, the writer would see the braces.
std::vector<TextMistake> unknown_placeholders(const DataNode& rule, const std::string& kind);

// An empty regex (it would find nothing), or one that asks for what RE2 cannot do: look ahead
// or behind, or refer back to a group. Named in plain words, with what to use instead.
std::vector<TextMistake> regex_mistakes(const DataNode& rule);

// The line of the first text in `node` (at any depth) equal to `text`, or `fallback`.
int line_of_text(const DataNode& node, const std::string& text, int fallback);

}  // namespace sayso
