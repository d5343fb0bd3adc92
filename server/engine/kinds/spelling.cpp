// spelling: Hunspell (en_GB by default) plus the domain dictionary and project words.
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "engine/kinds/factories.h"
#include "engine/speller.h"

namespace sayso {
namespace {

bool has_inner_capital(std::string_view w) {
  for (std::size_t i = 1; i < w.size(); ++i)
    if (w[i] >= 'A' && w[i] <= 'Z' && w[i - 1] != '-') return true;
  return false;
}

bool has_digit(std::string_view w) {
  for (char c : w)
    if (c >= '0' && c <= '9') return true;
  return false;
}

// Typographic apostrophes to plain ones; Hunspell's English dictionaries use "'".
std::string plain_apostrophes(std::string_view w) {
  std::string out;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (i + 2 < w.size() && static_cast<unsigned char>(w[i]) == 0xE2 &&
        static_cast<unsigned char>(w[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(w[i + 2]) == 0x99 ||
         static_cast<unsigned char>(w[i + 2]) == 0x98)) {
      out.push_back('\'');
      i += 2;
    } else {
      out.push_back(w[i]);
    }
  }
  // Possessive "patients'" and "lead's": Hunspell knows the stem.
  if (out.size() > 2 && out.back() == '\'') out.pop_back();
  if (out.size() > 3 && out.compare(out.size() - 2, 2, "'s") == 0) out.resize(out.size() - 2);
  return out;
}

class SpellingCheck : public RuleCheck {
 public:
  explicit SpellingCheck(SpellerSpec spec) : spec_(std::move(spec)) {}

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    Speller& speller = speller_for(spec_);
    const Document& doc = ctx.doc;
    // Each unknown word once per section: a name or term used fifty times is one decision.
    std::set<std::pair<std::size_t, std::string>> reported;
    for (const Sentence& s : doc.sentences) {
      if (!ctx.in_scope(s.begin)) continue;
      for (std::uint32_t i = s.first_token; i < s.last_token; ++i) {
        const Token& t = doc.tokens[i];
        if (t.is_number || t.all_caps) continue;
        // A capitalised word inside a sentence is most likely a name.
        if (t.capitalised && i != s.first_token) continue;
        std::string_view text = std::string_view(doc.prose).substr(t.begin, t.end - t.begin);
        if (text.size() < 2 || has_digit(text) || has_inner_capital(text)) continue;
        if (ctx.suppressed(t.begin) || !misspelled(speller, plain_apostrophes(text))) continue;
        if (!reported.insert({doc.section_at(t.begin), t.lower}).second) continue;
        out.push_back(ctx.make(t.begin, t.end, {}));
      }
    }
  }

 private:
  static bool misspelled(Speller& speller, const std::string& word) {
    if (known_parts(speller, word)) return false;
    if (speller.correct(word)) return false;
    if (word.find('-') == std::string::npos) return true;
    // Hyphenated words are right when every part is ("well-written", "co-design").
    std::size_t start = 0;
    while (start <= word.size()) {
      std::size_t dash = word.find('-', start);
      std::string part =
          word.substr(start, dash == std::string::npos ? std::string::npos : dash - start);
      if (!part.empty() && !speller.correct(part)) return true;
      if (dash == std::string::npos) break;
      start = dash + 1;
    }
    return false;
  }

  // Whether the word, or each part of a hyphenated one, is known without asking Hunspell: then
  // it is not misspelled whatever Hunspell says of the whole (see below).
  static bool known_parts(Speller& speller, const std::string& word) {
    if (speller.known(word)) return true;
    if (word.find('-') == std::string::npos) return false;
    for (std::size_t start = 0; start <= word.size();) {
      std::size_t dash = word.find('-', start);
      if (dash == std::string::npos) dash = word.size();
      if (dash > start && !speller.known(word.substr(start, dash - start))) return false;
      start = dash + 1;
    }
    return true;
  }

  SpellerSpec spec_;
};

}  // namespace

std::shared_ptr<RuleCheck> make_spelling_check(const Rule& rule) {
  SpellerSpec spec;
  spec.language = param_string(rule.node, "language", "en_GB");
  if (hunspell_dictionary_path(spec.language, ".dic").empty())
    throw KindError{
        fmt::format("no Hunspell dictionary is installed for language '{}'", spec.language),
        rule.node["language"].line()};
  const auto dir = std::filesystem::path(rule.file).parent_path();
  for (const auto& d : param_strings(rule.node, "dictionaries", false)) {
    auto path = (dir / d).lexically_normal();
    if (!std::filesystem::exists(path))
      throw KindError{fmt::format("dictionary file '{}' does not exist", path.string()),
                      rule.node["dictionaries"].line()};
    spec.dictionaries.push_back(path.string());
  }
  spec.words = param_strings(rule.node, "words", false);
  return std::make_shared<SpellingCheck>(std::move(spec));
}

}  // namespace sayso
