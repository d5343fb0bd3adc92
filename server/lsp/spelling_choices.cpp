// The words offered for a misspelt word, the same in its quick fixes and its hover as in its
// diagnostic's data.suggestions.
#include "lsp/server.h"

namespace sayso::lsp {

bool is_spelling_finding(const Diagnostic& d, const Rule* rule) {
  return rule != nullptr ? rule->kind == "spelling" : d.category == "spelling";
}

std::vector<std::string> spelling_choices(const Diagnostic& d, std::string_view text,
                                          const Linter* linter) {
  // The finding's own (the words one typing slip away, or a US spelling's UK form) are those its
  // message names; Hunspell guesses, on demand, only for a word that has none.
  std::vector<std::string> choices = d.suggestions;
  if (choices.empty() && d.note != "variant" && linter != nullptr && d.begin < d.end &&
      d.end <= text.size())
    choices = linter->spelling_suggestions(std::string(text.substr(d.begin, d.end - d.begin)));
  if (choices.size() > kMostSpellingChoices) choices.resize(kMostSpellingChoices);
  return choices;
}

}  // namespace sayso::lsp
