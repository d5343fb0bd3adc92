// JSON shapes the web API adds to check's JSON contract: positions in UTF-16 code units (as the
// page's JavaScript counts), section figures, and the rule catalogue.
#pragma once
#include <vector>

#include <nlohmann/json.hpp>

#include "core/document.h"
#include "engine/diagnostic.h"
#include "engine/rule.h"
#include "engine/ruleset.h"
#include "engine/section_figures.h"

namespace sayso::web {

// Where "utf16_start" and "utf16_end" count from: the text as the client sent it (a pasted text
// that starts with U+FEFF keeps it in the page's text box, so it is counted), or the text after
// any byte-order mark (what /api/check-file hands back to put in the box).
enum class Utf16Origin { TextAsSent, AfterByteOrderMark };

// check's diagnostics JSON, each with "utf16_start" and "utf16_end" (offsets in UTF-16 code
// units, from `origin`) and "page_message" (the message as the page says it: page_wording.h).
nlohmann::json diagnostics_with_utf16(const Document& doc,
                                      const std::vector<Diagnostic>& diagnostics,
                                      Utf16Origin origin);

// {"by_category": {...}, "by_severity": {...}, "total": n}
nlohmann::json findings_summary(const std::vector<Diagnostic>& diagnostics);

// Each checklist carries "heading": its rule's heading (rule_heading), so that the page's
// checklists are told apart by their headings. Each figure carries "sentence_words": the word
// counts of the sentences it measures (those of its section and same-kind subsections, headings
// left out, as its "sentences" and "longest_sentence_words"), so that the page draws one bar for
// each sentence it counts.
nlohmann::json figures_json(const std::vector<SectionFigures>& figures, const RuleSet& set,
                            const Document& doc);

// A short heading naming a rule, from its data: the rule's `title` field when it has one; else
// the start of its message up to a colon ("UK Standard 1 (inclusive opportunities)") when that
// is short and has no placeholder; else its id's last part in words ("Involvement checklist").
std::string rule_heading(const Rule& rule);

// Word counts of every sentence, in order (for the side panel's sentence lengths).
std::vector<std::size_t> sentence_word_counts(const Document& doc);

// The catalogue's record of a rule, with "heading" (rule_heading).
nlohmann::json rule_json(const Rule& rule, const RuleSet& set);

// The measured targets of the enabled readability rules (after the profile's settings), so that
// the page shows the same figures the findings use: [{"rule", "metric", "max", "scope"}], for
// example {"metric": "reading-age", "max": 14}.
nlohmann::json readability_targets_json(const RuleSet& set);

}  // namespace sayso::web
