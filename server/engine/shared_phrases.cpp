#include "engine/shared_phrases.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "engine/phrase_matcher.h"

namespace sayso {
namespace {

bool scopes_meet(const Scope& a, const Scope& b) {
  if (a.all || b.all || a.negated || b.negated) return true;
  return std::any_of(a.kinds.begin(), a.kinds.end(), [&](const std::string& kind) {
    return std::find(b.kinds.begin(), b.kinds.end(), kind) != b.kinds.end();
  });
}

bool defers(const Rule& from, const Rule& to) {
  return std::find(from.defers_to.begin(), from.defers_to.end(), to.id) != from.defers_to.end();
}

// The phrase's words as the matcher sees them: "Utilise", "utilise." and "utilise" are one.
std::string phrase_key(const std::string& phrase) {
  std::string key;
  for (const auto& word : phrase_words(phrase)) key += (key.empty() ? "" : " ") + word;
  return key;
}

// One `instead_of` phrase of a rule's swap pairs.
struct SwapPhrase {
  const Rule* rule;
  std::size_t pair;  // index in the rule's `swap` list
  int line;
  std::string text;
};

std::vector<SwapPhrase> swap_phrases(const Rule& rule) {
  std::vector<SwapPhrase> out;
  const auto& pairs = rule.node["swap"].children();
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const DataNode& instead_of = pairs[i]["instead_of"];
    if (instead_of.is_text()) out.push_back({&rule, i, instead_of.line(), instead_of.value()});
    for (const DataNode& phrase : instead_of.children())
      if (phrase.is_text()) out.push_back({&rule, i, phrase.line(), phrase.value()});
  }
  return out;
}

// The note for `later`, which swaps what `earlier` swaps already; "" when that is no harm.
std::string clash(const SwapPhrase& earlier, const SwapPhrase& later) {
  const Rule& rule = *later.rule;
  if (earlier.rule == later.rule)
    return earlier.pair == later.pair  // "vs." and "vs": one pair, the same words
               ? ""
               : fmt::format(
                     "{}:{}: rule {}: '{}' is in two of its swap pairs (the other is at "
                     "line {}), so a writer may get two notes on the same words. Keep it "
                     "in one pair, with all its plain words there.",
                     rule.file, later.line, rule.id, later.text, earlier.line);
  const Rule& other = *earlier.rule;
  if (!scopes_meet(other.scope, rule.scope) || defers(rule, other) || defers(other, rule))
    return "";
  return fmt::format(
      "{}:{}: rule {}: '{}' is swapped by rule {} too ({}:{}), so a writer gets two notes on the "
      "same words. Keep it in one rule.",
      rule.file, later.line, rule.id, later.text, other.id, other.file, earlier.line);
}

}  // namespace

std::vector<std::string> shared_swap_phrases(const std::vector<Rule>& rules) {
  std::vector<std::string> notes;
  std::map<std::string, std::vector<SwapPhrase>> seen;  // phrase words -> where they were swapped
  for (const Rule& rule : rules) {
    if (rule.kind != "substitution" || !rule.enabled) continue;
    for (SwapPhrase& phrase : swap_phrases(rule)) {
      const std::string key = phrase_key(phrase.text);
      if (key.empty()) continue;
      auto& earlier = seen[key];
      for (const SwapPhrase& before : earlier)
        if (std::string note = clash(before, phrase); !note.empty()) notes.push_back(note);
      earlier.push_back(std::move(phrase));
    }
  }
  return notes;
}

}  // namespace sayso
