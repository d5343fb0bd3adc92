// substitution: a word or phrase has plainer alternatives; each becomes a quick fix.
#include <algorithm>

#include <fmt/format.h>

#include "core/quotes.h"
#include "engine/kinds/factories.h"

namespace sayso {
namespace {

struct Swap {
  std::vector<std::string> instead_of, use;
  std::string source;
};

// "AMOUNT REQUESTED: £187,430": a form's label in capitals at the start of a line is the
// funder's wording, not the writer's.
bool in_capitals_label(const Document& doc, const PhraseMatch& m) {
  const Sentence& s = doc.sentences[m.sentence];
  std::uint32_t end = m.last_token;
  while (end < s.last_token && doc.tokens[end].all_caps) ++end;
  for (std::uint32_t i = s.first_token; i < end; ++i)
    if (!doc.tokens[i].all_caps) return false;
  std::size_t after = doc.tokens[end - 1].end;
  while (after < doc.prose.size() && doc.prose[after] == ' ') ++after;
  return after < doc.prose.size() && doc.prose[after] == ':';
}

// A word in capitals inside normal-case text ("We will UTILISE the data"): the case its
// replacement takes. The capitals are the writer's emphasis, but a replacement in capitals
// ("USE") reads as an acronym and would be flagged as one, so a quick fix would make a new
// finding. The writer expects the plain word, as the sentence around it is written: lower case,
// or Capitalised at the start of the sentence. A whole sentence or heading in capitals (shouting,
// or a form's wording) keeps its capitals: there the acronym rules read it as ordinary words.
// Returns the original itself when its case is to be matched as it is.
std::string case_model(const Document& doc, const PhraseMatch& m, const std::string& original) {
  const Sentence& s = doc.sentences[m.sentence];
  if (m.first_token >= m.last_token) return original;
  for (std::uint32_t i = m.first_token; i < m.last_token; ++i)
    if (!doc.tokens[i].all_caps) return original;
  bool normal_case_around = false;
  for (std::uint32_t i = s.first_token; i < s.last_token && !normal_case_around; ++i)
    if (i < m.first_token || i >= m.last_token)
      normal_case_around = !doc.tokens[i].all_caps && !doc.tokens[i].is_number &&
                           doc.tokens[i].end - doc.tokens[i].begin > 1;
  if (!normal_case_around) return original;
  std::string model = original;
  for (char& c : model)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (m.first_token == s.first_token && !model.empty() && model[0] >= 'a' && model[0] <= 'z')
    model[0] = static_cast<char>(model[0] - 'a' + 'A');
  return model;
}

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

// A word follows the match in its sentence, with only spaces between: perhaps its object
// ("facilitate a focus group").
bool word_follows(const Document& doc, const PhraseMatch& m) {
  const Sentence& s = doc.sentences[m.sentence];
  if (m.last_token >= s.last_token) return false;
  const Token& next = doc.tokens[m.last_token];
  for (std::size_t i = m.end; i < next.begin && i < doc.prose.size(); ++i)
    if (doc.prose[i] != ' ') return false;
  return true;
}

// The suggestions as fixes, in the rule's order. When a word follows, an alternative longer than
// the words it replaces may need that word inside it ("make easier" for "facilitate": "make a
// focus group easier", not "make easier a focus group"), so it is left out when an alternative
// as short as the original is there to offer (a one-click fix must read as grammatical).
std::vector<std::string> fitting(const std::vector<std::string>& use, const std::string& original,
                                 bool followed) {
  if (!followed) return use;
  const std::size_t words = word_count(original);
  std::vector<std::string> out;
  for (const std::string& alt : use)
    if (word_count(alt) <= words) out.push_back(alt);
  return out.empty() ? use : out;
}

class SubstitutionCheck : public RuleCheck {
 public:
  SubstitutionCheck(std::vector<Swap> swaps, bool skip_quoted)
      : swaps_(std::move(swaps)), skip_quoted_(skip_quoted) {
    for (std::uint32_t i = 0; i < swaps_.size(); ++i)
      for (const auto& phrase : swaps_[i].instead_of) {
        phrases_.push_back(phrase);
        phrase_to_swap_.push_back(i);
      }
  }

  std::vector<std::vector<std::string>> phrase_groups() const override { return {phrases_}; }

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    // Longest match wins at each place; overlapping shorter ones are dropped.
    std::vector<const PhraseMatch*> found = ctx.group(0);
    std::sort(found.begin(), found.end(), [](const PhraseMatch* a, const PhraseMatch* b) {
      return a->begin != b->begin ? a->begin < b->begin : a->end > b->end;
    });
    std::size_t covered_until = 0;
    Quotations quotations(ctx.doc);
    for (const PhraseMatch* m : found) {
      if (m->with_filler || m->begin < covered_until || !ctx.in_scope(m->begin) ||
          in_capitals_label(ctx.doc, *m))
        continue;
      covered_until = m->end;
      // A word in quotation marks is talked about, not used: "the panel said 'exacerbation'
      // was jargon".
      if (skip_quoted_ && quotations.contain(m->begin, m->end)) continue;
      const Swap& swap = swaps_[phrase_to_swap_[m->ref.item]];
      const std::string original = ctx.doc.source.bytes.substr(m->begin, m->end - m->begin);
      const std::string model = case_model(ctx.doc, *m, original);
      const std::vector<std::string> alternatives =
          fitting(swap.use, original, word_follows(ctx.doc, *m));
      std::vector<std::string> suggestions;
      for (const auto& alt : alternatives) suggestions.push_back(match_case(model, alt));
      // The fixes keep the sentence's case ("People" first in a sentence); a list of them in the
      // message is read inside a sentence, so it keeps the rule's own case.
      out.push_back(ctx.make(m->begin, m->end, {{"suggestions", join_list(alternatives, " or ")}},
                             std::move(suggestions)));
    }
  }

 private:
  std::vector<Swap> swaps_;
  bool skip_quoted_;
  std::vector<std::string> phrases_;
  std::vector<std::uint32_t> phrase_to_swap_;
};

}  // namespace

std::shared_ptr<RuleCheck> make_substitution_check(const Rule& rule) {
  const DataNode& list = rule.node["swap"];
  if (!list.is_list() || list.size() == 0)
    throw KindError{"'swap' must be a list of {instead_of, use} pairs", list.line()};
  std::vector<Swap> swaps;
  swaps.reserve(list.size());
  for (const DataNode& entry : list.children()) {
    if (!entry.is_map())
      throw KindError{"each 'swap' entry must have 'instead_of' and 'use'", entry.line()};
    Swap swap;
    try {
      swap.instead_of = param_strings(entry, "instead_of", true);
      swap.use = param_strings(entry, "use", true);
      swap.source = param_string(entry, "source", "");
    } catch (KindError& e) {
      if (e.line == 0) e.line = entry.line();
      throw;
    }
    swaps.push_back(std::move(swap));
  }
  return std::make_shared<SubstitutionCheck>(std::move(swaps),
                                             param_bool(rule.node, "skip_quoted", true));
}

}  // namespace sayso
