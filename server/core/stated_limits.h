// Length limits a form states in a section's heading or first line: "Plain English summary
// (max 300 words)", "Research plan (up to 2,000 words)", "Lay summary – 1,500 characters
// including spaces". The form's own number is the one the applicant must meet.
#pragma once
#include <optional>
#include <string_view>

#include "core/document.h"

namespace sayso {

struct StatedLimit {
  double max_words = 0;                    // 0: none stated
  double max_characters = 0;               // 0: none stated
  bool characters_without_spaces = false;  // "excluding spaces"
  // Where the answer starts when the limit is stated in a line of guidance under the heading
  // (the form's words are not the applicant's: they do not count); 0 when it is in the heading.
  std::size_t answer_begin = 0;
  bool any() const { return max_words > 0 || max_characters > 0; }
};

// The limit stated in one line of text, if any. A number with "words" or "characters" counts
// when the line marks it as a limit: a word such as "max", "up to", "limit", "no more than"
// before it, brackets around it ("(300 words)"), or it ends the line after ':' or a dash
// ("Summary – 300 words"). "Recruit 300 participants" and "Aim 2 (months 1-6)" state none.
std::optional<StatedLimit> stated_limit(std::string_view line);

// True when the text is nothing but a limit: "(200 words)", "- max 2,000 characters".
bool is_limit_statement(std::string_view text);

// The limit stated for doc.sections[index]: in its heading or, as forms print guidance under
// the heading, in a short first paragraph ("(Maximum 300 words)").
std::optional<StatedLimit> section_stated_limit(const Document& doc, std::size_t index);

}  // namespace sayso
