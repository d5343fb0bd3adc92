// Per-section figures for editors, scorecards and the web page: words against the limit,
// reading age, evidence checklist status and involvement level per research stage.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/document.h"

namespace sayso {

class Linter;

struct ChecklistItem {
  std::string name;  // e.g. "payment and costs"
  bool present = false;
  // Also an item of another rule's checklist here (`asked_by`): shown, but counted there.
  bool left_to_other = false;
};

struct Checklist {
  std::string rule_id;  // the evidence rule it comes from
  std::vector<ChecklistItem> items;
  std::size_t present_count() const;
};

struct StageLevel {
  std::string stage;  // e.g. "design"
  std::string level;  // e.g. "consult"; "" when the stage is not described
};

struct SectionFigures {
  std::size_t section = 0;  // index into Document::sections
  std::string kind, title;
  std::size_t words = 0;
  std::optional<std::size_t> word_limit;  // from the length rule in scope (profile-aware)
  // A form's character limit, with the characters counted its way, when it states one.
  std::optional<std::size_t> character_limit;
  std::size_t characters = 0;
  bool characters_without_spaces = false;
  std::size_t sentences = 0;
  double average_sentence_words = 0;
  std::size_t longest_sentence_words = 0;
  double reading_age = 0;  // Flesch-Kincaid grade + 5
  double flesch_reading_ease = 0;
  std::size_t passive_sentences = 0;
  std::vector<Checklist> checklists;      // from evidence rules in scope
  std::vector<StageLevel> involvement;    // from the involvement-level rule, if in scope
  std::string highest_involvement_level;  // "" when none described
  // The sentence that gave that level (byte range), to show the writer where it came from.
  std::size_t highest_level_begin = 0, highest_level_end = 0;

  // The evidence items of all its checklists, each counted once: an item left to another
  // checklist (`asked_by`) is that checklist's.
  std::vector<const ChecklistItem*> evidence_items() const;
  std::size_t evidence_present() const;
};

// Figures for every section of a linted document (uses the linter's enabled rules).
std::vector<SectionFigures> section_figures(const Linter& linter, const Document& doc);

}  // namespace sayso
