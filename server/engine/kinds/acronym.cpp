// acronym: abbreviations spelled out at first use (expand-first), or avoided altogether (avoid).
#include <algorithm>
#include <set>

#include "engine/kinds/factories.h"

namespace sayso {
namespace {

bool is_roman_numeral(const std::string& word) {
  static const std::set<std::string> numerals = {"II", "III", "IV",  "VI",   "VII", "VIII",
                                                 "IX", "XI",  "XII", "XIII", "XIV", "XV"};
  return numerals.count(word) > 0;
}

// "RCT" for "RCT" and "RCTs"; "" when the word is not an acronym.
std::string acronym_of(const Token& t, std::string_view text, std::size_t min_length) {
  std::string word(text);
  if (!t.all_caps && word.size() >= 3 && word.back() == 's') {
    std::string stem = word.substr(0, word.size() - 1);
    bool caps = std::all_of(stem.begin(), stem.end(), [](char c) {
      return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '&';
    });
    int letters = static_cast<int>(
        std::count_if(stem.begin(), stem.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
    if (caps && letters >= 2)
      word = stem;
    else
      return "";
  } else if (!t.all_caps) {
    return "";
  }
  std::size_t letters = 0;
  for (char c : word) letters += (c >= 'A' && c <= 'Z') ? 1 : 0;
  if (letters < min_length || is_roman_numeral(word)) return "";
  return word;
}

class AcronymCheck : public RuleCheck {
 public:
  AcronymCheck(std::set<std::string> allow, bool avoid, std::size_t min_length, bool per_section)
      : allow_(std::move(allow)),
        avoid_(avoid),
        min_length_(min_length),
        per_section_(per_section) {}

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    const Document& doc = ctx.doc;
    std::set<std::pair<std::size_t, std::string>> seen;  // (section or 0, acronym)
    for (const Sentence& sentence : doc.sentences) {
      const Block& block = doc.blocks[sentence.block];
      if (block.kind == BlockKind::Heading || shouting(doc, sentence)) continue;
      if (!ctx.in_scope(sentence.begin)) continue;
      for (std::uint32_t i = sentence.first_token; i < sentence.last_token; ++i) {
        const Token& t = doc.tokens[i];
        std::string_view text = std::string_view(doc.prose).substr(t.begin, t.end - t.begin);
        std::string acronym = acronym_of(t, text, min_length_);
        if (acronym.empty() || allow_.count(acronym) || ctx.suppressed(t.begin)) continue;
        std::size_t section = per_section_ || avoid_ ? doc.section_at(t.begin) : 0;
        if (!seen.insert({section, acronym}).second) continue;
        if (!avoid_ && defined_here(doc, t)) continue;
        out.push_back(ctx.make(t.begin, t.end, {{"match", acronym}}));
      }
    }
  }

 private:
  // "long form (RCT)" or "RCT (long form)".
  static bool defined_here(const Document& doc, const Token& t) {
    const std::string_view prose = doc.prose;
    std::size_t before = t.begin;
    while (before > 0 && prose[before - 1] == ' ') --before;
    bool in_brackets = before > 0 && prose[before - 1] == '(';
    std::size_t after = t.end;
    while (after < prose.size() && prose[after] == ' ') ++after;
    bool followed_by_bracket = after < prose.size() && prose[after] == '(';
    return in_brackets || followed_by_bracket;
  }

  // A sentence mostly in capitals is shouting or a form label, not a list of acronyms.
  static bool shouting(const Document& doc, const Sentence& s) {
    std::size_t caps = 0, words = s.last_token - s.first_token;
    for (std::uint32_t i = s.first_token; i < s.last_token; ++i) caps += doc.tokens[i].all_caps;
    return words >= 4 && caps * 2 > words;
  }

  std::set<std::string> allow_;
  bool avoid_;
  std::size_t min_length_;
  bool per_section_;
};

}  // namespace

std::shared_ptr<RuleCheck> make_acronym_check(const Rule& rule) {
  std::vector<std::string> allow = param_strings(rule.node, "allow", false);
  const std::string mode = param_string(rule.node, "mode", "expand-first");
  if (mode != "expand-first" && mode != "avoid")
    throw KindError{"'mode' must be expand-first or avoid", rule.node["mode"].line()};
  double min_length = param_number(rule.node, "min_length", 2);
  if (min_length < 2 || min_length > 10)
    throw KindError{"'min_length' must be between 2 and 10", rule.node["min_length"].line()};
  return std::make_shared<AcronymCheck>(std::set<std::string>(allow.begin(), allow.end()),
                                        mode == "avoid", static_cast<std::size_t>(min_length),
                                        param_bool(rule.node, "per_section", false));
}

}  // namespace sayso
