// long-words: a sentence where a large share of the words are long (three or more syllables),
// the "complex words" of the Gunning fog index and the polysyllables of SMOG.
#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "engine/kinds/factories.h"
#include "engine/text_stats.h"

namespace sayso {
namespace {

struct Limits {
  std::size_t min_syllables = 3;   // a word with at least this many syllables is long
  std::size_t min_long_words = 3;  // fewer long words than this is never flagged
  double max_share = 0.3;          // flagged when long words / words is above this
  // Everyday words that are long but known to every reader ("everyday", "understand"): not
  // counted as long. Lower case; an ending '*' covers the words that start so.
  std::vector<std::string> everyday;
};

bool is_everyday(const std::vector<std::string>& everyday, const std::string& word) {
  return std::any_of(everyday.begin(), everyday.end(), [&](const std::string& known) {
    if (!known.empty() && known.back() == '*')
      return word.compare(0, known.size() - 1, known, 0, known.size() - 1) == 0;
    return word == known;
  });
}

// The sentence's long words, as token indexes. Numbers and acronyms are left out: they have no
// syllables to count, and the acronym rules speak about acronyms. So are capitalised words after
// the first: names of people, places and things (as in the fog index, which skips proper nouns).
std::vector<std::uint32_t> long_words_of(const Document& doc, const Sentence& s,
                                         const Limits& limits, std::size_t& words) {
  std::vector<std::uint32_t> found;
  words = 0;
  for (std::uint32_t i = s.first_token; i < s.last_token; ++i) {
    const Token& t = doc.tokens[i];
    if (t.is_number) continue;
    ++words;
    if (t.all_caps || (t.capitalised && i != s.first_token)) continue;
    if (count_syllables(t.lower) >= limits.min_syllables && !is_everyday(limits.everyday, t.lower))
      found.push_back(i);
  }
  return found;
}

// "'a', 'b' and 'c'": the longest few of the long words (most syllables, then most letters),
// in the sentence's order. The first few would often be everyday words such as "family" or
// "hospital", which are not the ones to change.
std::string quoted_examples(const Document& doc, std::vector<std::uint32_t> tokens) {
  constexpr std::size_t kShown = 3;
  const auto weight = [&](std::uint32_t i) {
    const Token& t = doc.tokens[i];
    return std::pair(count_syllables(t.lower), t.end - t.begin);
  };
  std::stable_sort(tokens.begin(), tokens.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return weight(a) > weight(b); });
  tokens.resize(std::min(tokens.size(), kShown));
  std::sort(tokens.begin(), tokens.end());
  std::vector<std::string> shown;
  for (std::uint32_t i : tokens) {
    const Token& t = doc.tokens[i];
    shown.push_back(fmt::format("'{}'", doc.source.bytes.substr(t.begin, t.end - t.begin)));
  }
  return join_list(shown);
}

class LongWordsCheck : public RuleCheck {
 public:
  explicit LongWordsCheck(Limits limits) : limits_(limits) {}

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    const Document& doc = ctx.doc;
    for (const Sentence& s : doc.sentences) {
      if (doc.blocks[s.block].kind == BlockKind::Heading || !ctx.in_scope(s.begin)) continue;
      std::size_t words = 0;
      const auto found = long_words_of(doc, s, limits_, words);
      if (found.size() < limits_.min_long_words ||
          double(found.size()) <= limits_.max_share * double(words))
        continue;
      // Point from the first long word to the last, not at the whole sentence.
      out.push_back(ctx.make(doc.tokens[found.front()].begin, doc.tokens[found.back()].end,
                             {{"count", std::to_string(found.size())},
                              {"words", quoted_examples(doc, found)},
                              {"limit", fmt::format("{}", limits_.max_share)},
                              {"match", ""}}));
    }
  }

 private:
  Limits limits_;
};

bool whole_between(double value, double low, double high) {
  return value >= low && value <= high && std::floor(value) == value;
}

}  // namespace

std::shared_ptr<RuleCheck> make_long_words_check(const Rule& rule) {
  Limits limits;
  const double syllables = param_number(rule.node, "min_syllables", 3);
  if (!whole_between(syllables, 2, 8))
    throw KindError{"'min_syllables' must be a whole number from 2 to 8",
                    rule.node["min_syllables"].line()};
  const double least = param_number(rule.node, "min_long_words", 3);
  if (!whole_between(least, 1, 100))
    throw KindError{"'min_long_words' must be a whole number from 1 to 100",
                    rule.node["min_long_words"].line()};
  limits.max_share = param_number(rule.node, "max_share", 0, true);
  if (!(limits.max_share > 0 && limits.max_share < 1))
    throw KindError{"'max_share' must be a number between 0 and 1, such as 0.3",
                    rule.node["max_share"].line()};
  limits.min_syllables = static_cast<std::size_t>(syllables);
  limits.min_long_words = static_cast<std::size_t>(least);
  for (std::string word : param_strings(rule.node, "everyday_words", false)) {
    std::transform(word.begin(), word.end(), word.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    limits.everyday.push_back(std::move(word));
  }
  return std::make_shared<LongWordsCheck>(limits);
}

}  // namespace sayso
