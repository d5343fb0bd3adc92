// Suggest-a-rule: a draft rule from the page's plain-words form, written out as a YAML rule file
// in the rules/SCHEMA.md format, compiled by the real rule loader and tried on examples and text.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/sections.h"

namespace sayso::web {

struct RuleDraft {
  std::string name;                      // short name for the id ("" = from the first phrase)
  std::vector<std::string> look_for;     // words or phrases to look for
  std::vector<std::string> say_instead;  // plainer words (none: an existence rule)
  std::string why;                       // the explanation
  std::string message;                   // "" = a message made from the kind
  std::string category = "jargon";
  std::string severity = "warning";
  std::string where = "plain-english-summary";  // a section kind, or "all"
  std::vector<std::string> flag_examples, pass_examples;
  std::vector<std::string> written_with;
};

// The pack a suggested rule's id starts with.
inline constexpr const char* kSuggestedPack = "suggested";

// The most items a draft's list fields may have. Every example is linted as a document of its
// own and answered with its findings, so a body of a few MB holding a million one-word examples
// kept the server busy for minutes and made an answer of hundreds of MB. The shipped rules have
// at most 8 examples of each sort and about 300 phrases.
inline constexpr std::size_t kMaxDraftExamples = 50;  // of each sort
inline constexpr std::size_t kMaxDraftPhrases = 1000;

// Reads the form's fields from a JSON object. Throws ApiError (400) for fields of the wrong type
// and for lists longer than the limits above.
RuleDraft parse_rule_draft(const nlohmann::json& body);

// What is still missing before the rule could join a pack (plain sentences; empty when ready).
std::vector<std::string> draft_problems(const RuleDraft& draft);

// The rule file: a comment saying where it goes, then `rules:` with the one rule.
std::string draft_yaml(const RuleDraft& draft);

// "suggested.<slug>": the name, or else the first phrase, in lower case with dashes.
std::string draft_rule_id(const RuleDraft& draft);

struct TextToCheck {
  std::string text;
  std::string kind = "plain-english-summary";  // as in /api/check
};

// Compiles the draft with the engine's rule loader (in a private temporary pack folder) and runs
// it on its examples and on the user's text:
// {"yaml", "id", "ready", "problems", "compiled", "error", "examples": [...], "text_findings":
// [...]}.
nlohmann::json try_rule_draft(const RuleDraft& draft, const TextToCheck& text,
                              const SectionClassifier& sections);

}  // namespace sayso::web
