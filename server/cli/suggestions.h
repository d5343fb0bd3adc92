// "Did you mean …?" for names typed on the command line: a rule id, a section kind.
#pragma once
#include <string>
#include <vector>

namespace sayso {

// The names that contain `typed` (at least 3 letters of it), in their order; else the one name a
// mistyped `typed` was most likely meant to be (a few letters added, dropped or changed); else
// none.
std::vector<std::string> likely_meant(const std::string& typed,
                                      const std::vector<std::string>& names);

// " Did you mean 'x'?" or " Did you mean 'x' or 'y'?" (at most five names), or "" for none.
std::string did_you_mean_text(const std::vector<std::string>& names);

// What --kind and `document_kind` take: the section kinds, and "document" (a text judged as a
// whole, not as one section).
std::vector<std::string> headless_kinds();

// Why a --kind value (check, batch) is refused, with a "did you mean"; "" when it is a kind. Any
// other word would make the text a section no rule is about, and switch most checks off without
// a word.
std::string kind_option_problem(const std::string& kind);

}  // namespace sayso
