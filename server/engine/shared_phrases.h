// Notes for rule authors about swap phrases that would give a writer two notes on one word.
#pragma once
#include <string>
#include <vector>

#include "engine/rule.h"

namespace sayso {

// A phrase that two substitution rules both swap, where both can run in the same section (and
// neither defers to the other), or that one rule lists in two of its swap pairs: one note each,
// "file:line: ..." naming both places. The load goes on; `sayso rules test` and `rules list`
// show the notes.
std::vector<std::string> shared_swap_phrases(const std::vector<Rule>& rules);

}  // namespace sayso
