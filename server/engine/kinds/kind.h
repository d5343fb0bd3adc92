// The interface every rule kind implements (one file per kind in this folder).
#pragma once
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/quotes.h"
#include "engine/diagnostic.h"
#include "engine/phrase_matcher.h"
#include "engine/rule.h"

namespace sayso {

class Speller;       // engine/speller.h
struct Suppression;  // engine/suppressions.h

// What a check sees while linting one document.
struct CheckContext {
  const Document& doc;
  const Rule& rule;
  // This rule's phrase matches from the single matcher pass, in document order.
  const std::vector<PhraseMatch>& matches;
  // Indexes into doc.sections of the sections this rule applies to.
  const std::vector<std::size_t>& sections;
  bool whole_application;
  const std::vector<Suppression>& suppressions;  // inline sayso-disable comments
  // The rules running in this pass, with the sections each applies to (sorted), so a check can
  // leave to another rule what that rule already asks ("roles" in the involvement checklist).
  const std::map<std::string_view, const std::vector<std::size_t>*>* running = nullptr;
  // Indexes into doc.passages of the labelled passages of a kind in this rule's scope that lie
  // in sections outside it ("Public involvement: …" inside a summary). Checks that judge words
  // see them through in_scope; checks that judge a section whole go by `sections` only.
  const std::vector<std::size_t>* passages = nullptr;
  // Sentences flagged by the rules this rule names in `ignore_sentences_flagged_by`, by index
  // into doc.sentences: cues there are no evidence (group_said).
  const std::vector<bool>* flagged_sentences = nullptr;
  // When checking must stop (the document's time budget); none when null. Checks that can take
  // long on a large text (spelling: ~1 ms for each unknown word) ask past_deadline() as they go.
  const std::chrono::steady_clock::time_point* deadline = nullptr;

  bool past_deadline() const {
    return deadline != nullptr && std::chrono::steady_clock::now() > *deadline;
  }

  // True when the rule `rule_id` runs in this pass on `section`.
  bool runs_on(std::string_view rule_id, std::size_t section) const;

  // True when an inline comment turns this rule off at `byte` (checks that report a thing only
  // once ask this first, so a suppressed first use does not hide the next one).
  bool suppressed(std::size_t byte) const;

  // Whether the rule judges the words at `byte`: in one of its sections or passages.
  bool in_scope(std::size_t byte) const;
  // Whether `byte` is in one of the rule's sections (not only in a passage).
  bool in_section_scope(std::size_t byte) const;
  // Matches of one phrase group, optionally restricted to a byte range.
  std::vector<const PhraseMatch*> group(std::uint32_t g) const;
  bool group_present(std::uint32_t g, std::size_t begin, std::size_t end) const;
  // Present in the writer's own words: a match neither quoted ("> The panel wrote: …") nor
  // negated ("Patients were not involved in the design").
  bool group_said(std::uint32_t g, std::size_t begin, std::size_t end,
                  Quotations& quotations) const;
  bool item_present(std::uint32_t g, std::uint32_t item, std::size_t begin, std::size_t end) const;
  // Whether the match is in a sentence this rule's ignore_sentences_flagged_by rules flag.
  bool in_flagged_sentence(const PhraseMatch& m) const {
    return flagged_sentences && (*flagged_sentences)[m.sentence];
  }
  // Where a section-level finding points: its heading, or the document's first byte.
  std::pair<std::size_t, std::size_t> section_anchor(std::size_t section) const;
  std::size_t section_words(std::size_t section) const;  // words in the body, heading excluded
  // A section with the subsections of its kind right after it (core/sections.h, unit_head):
  // checks that judge a section whole judge each unit once, at its first section.
  bool starts_unit(std::size_t section) const;
  std::size_t unit_end(std::size_t section) const;    // byte end of the unit
  std::size_t unit_words(std::size_t section) const;  // words in its bodies, headings excluded

  // A finding with this rule's id, category, severity and message (placeholders filled).
  Diagnostic make(std::size_t begin, std::size_t end,
                  const std::map<std::string, std::string>& values,
                  std::vector<std::string> suggestions = {}) const;
  // The same with another of the rule's messages (a kind's second message, such as
  // involvement-level's `elsewhere_message`).
  Diagnostic make_saying(const std::string& message, std::size_t begin, std::size_t end,
                         const std::map<std::string, std::string>& values,
                         std::vector<std::string> suggestions = {}) const;
};

struct SectionFigures;  // engine/section_figures.h

class RuleCheck {
 public:
  virtual ~RuleCheck() = default;
  // Adds what this rule knows about a section in its scope (limits, checklists, levels) to the
  // figures editors and reports show. Most kinds add nothing.
  virtual void describe(const CheckContext&, std::size_t /*section*/, SectionFigures&) const {}
  // The phrase lists this rule needs from the shared matcher: group index → phrases.
  virtual std::vector<std::vector<std::string>> phrase_groups() const { return {}; }
  virtual void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const = 0;
};

// Thrown by factories for a bad parameter; the loader adds file:line and the rule id.
struct KindError {
  std::string message;
  int line = 0;  // 1-based line of the offending node, 0 = the rule's own line
};

using KindFactory = std::function<std::shared_ptr<RuleCheck>(const Rule&)>;
// kind name → factory; every kind file adds itself in kinds/registry.cpp.
const std::map<std::string, KindFactory>& kind_factories();

// Parameter helpers for factories (throw KindError with the node's line).
std::vector<std::string> param_strings(const DataNode& rule, const char* key, bool required);
double param_number(const DataNode& rule, const char* key, double fallback, bool required = false);
std::string param_string(const DataNode& rule, const char* key, const std::string& fallback);
bool param_bool(const DataNode& rule, const char* key, bool fallback);
// A milder severity for some findings ("variant_severity: info"), or none when not given.
std::optional<Severity> optional_severity(const DataNode& node, const char* key);
// Lowers d's severity to `milder`, never raises it: a rule turned down in a config stays down.
void soften(Diagnostic& d, std::optional<Severity> milder);

std::string fill_message(const std::string& templ,
                         const std::map<std::string, std::string>& values);
// The words of doc[begin, end) as a reader sees them, for a message: the prose (markup blanked,
// entities decoded) with each run of spaces and line breaks one space. A phrase wrapped over
// two lines is quoted "in order to", not with a line break inside the message.
std::string words_as_read(const Document& doc, std::size_t begin, std::size_t end);
std::string join_list(const std::vector<std::string>& items, const std::string& last_sep = " and ");
// Keeps the case pattern of `original` ("Utilise" → "Use", "UTILISE" → "USE").
std::string match_case(const std::string& original, const std::string& replacement);

}  // namespace sayso
