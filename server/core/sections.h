// Canonical section kinds from a data file of heading aliases (rules/sections.yml).
#pragma once
#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/document.h"

namespace sayso {

inline const std::vector<std::string>& canonical_section_kinds() {
  static const std::vector<std::string> kinds = {
      "title",       "plain-english-summary", "abstract", "background", "aims", "methods",
      "involvement", "dissemination",         "ethics",   "finance",    "team", "references",
      "other"};
  return kinds;
}

// What a text with no headings can be said to be: a section kind, or "document" (judged as a
// whole, not as one section).
inline bool is_headless_kind(const std::string& kind) {
  const auto& kinds = canonical_section_kinds();
  return kind == "document" || std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

// A heading that names a section kind, e.g. "Plain English summary" (it classifies back to
// the kind); "Other information" for a kind it does not know.
std::string section_kind_heading(const std::string& kind);

class SectionClassifier {
 public:
  SectionClassifier() = default;
  // Aliases are matched against normalised heading text (lower case, no numbering, no colon).
  // "*lived experience*" matches those words anywhere in a heading ("Involving people with
  // lived experience"), after exact and leading aliases.
  void add_alias(std::string alias, std::string kind);
  // "other" when nothing matches.
  std::string classify(std::string_view heading) const;
  // The kinds named by the parts of a heading joined with "and", "&" or "/" ("Aims and
  // methods", "Ethics / Moeseg"), each part a whole alias, other than `kind` itself.
  std::vector<std::string> kinds_of_parts(std::string_view heading, const std::string& kind) const;
  // Whether the heading is one of the aliases exactly (not one with more words after it).
  bool is_exact_alias(std::string_view heading) const;
  // Whether the heading's kind comes only from a star alias's words somewhere in it
  // ("Integration and co-production"), not from a section's name at its start.
  bool is_named_by_words_only(std::string_view heading) const;
  // The length of the longest alias of `kind` that the text starts with as whole words, or 0:
  // "patient and public involvement means…" after the label "PPI:" spells the label out.
  std::size_t alias_at_start(std::string_view text, const std::string& kind) const;
  // True when the line is a known alias on its own (used for plain-text heading detection).
  bool is_known_heading(std::string_view line) const;
  // Whether the words of a paragraph name involvement as its subject: an involvement alias with
  // the word "involvement" ("public involvement") or its short form ("PPI"), as whole words.
  // Not "involving people", which is as often about taking part in a study.
  // `not_involvement`: short forms the document uses for something else ("proton pump
  // inhibitor (PPI)").
  bool mentions_involvement(std::string_view text,
                            const std::set<std::string>& not_involvement = {}) const;
  // Words that make a sentence of a summary tell of involvement without naming it ("A lay
  // representative will sit on the steering committee"), from sections.yml's
  // involvement_sentences (lower case).
  void add_involvement_sentence_words(std::string words);
  bool tells_of_involvement(std::string_view sentence) const;
  // The short forms among the involvement aliases ("ppi", "ppie").
  const std::vector<std::string>& involvement_short_forms() const {
    return involvement_short_forms_;
  }
  static std::string normalise(std::string_view heading);
  bool empty() const { return aliases_.empty() && anywhere_.empty(); }

 private:
  // The kind from an alias that is the heading or starts it; "other" when none is.
  std::string classify_by_name(std::string_view heading) const;
  std::vector<std::pair<std::string, std::string>> aliases_;   // longest first
  std::vector<std::pair<std::string, std::string>> anywhere_;  // words, in the order added
  std::vector<std::string> involvement_short_forms_;           // kept as aliases are added
  std::vector<std::string> involvement_sentence_words_;
};

// The last section under doc.sections[index] (headings of a lower level that follow it), or
// `index` itself; with `same_kind`, only while they are of its kind ("## Plain English summary"
// and its "### Why it matters").
std::size_t last_subsection(const Document& doc, std::size_t index, bool same_kind);
// Whether doc.sections[index] is a subsection of a section of the same kind.
bool under_same_kind(const Document& doc, std::size_t index);
// A section and the subsections of its kind right after it (as last_subsection(…, true)) are
// one unit for checks that judge a section whole: an involvement plan written under "Who is
// involved", "Payment" and "Training" subheadings is one plan. The first and last sections of
// the unit that holds doc.sections[index] (set by build_sections).
std::size_t unit_head(const Document& doc, std::size_t index);
std::size_t unit_last(const Document& doc, std::size_t index);

// Builds doc.sections from its heading blocks. Text before the first heading (or the whole
// document if it has none) is a section of kind `headless_kind`. A short text whose
// `headless_kind` is a section kind ("plain-english-summary") and that has no heading of that
// kind is that one section, its headings being parts of it.
void build_sections(Document& doc, const SectionClassifier& classifier,
                    const std::string& headless_kind);

}  // namespace sayso
