// acronym: abbreviations spelled out at first use (expand-first), or avoided altogether (avoid).
#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <optional>
#include <set>

#include "core/sections.h"
#include "engine/kinds/factories.h"
#include "engine/speller.h"

namespace sayso {
namespace {

bool is_roman_numeral(const std::string& word) {
  static const std::set<std::string> numerals = {"II", "III", "IV",  "VI",   "VII", "VIII",
                                                 "IX", "XI",  "XII", "XIII", "XIV", "XV"};
  return numerals.count(word) > 0;
}

std::string_view token_text(const Document& doc, const Token& t) {
  return std::string_view(doc.prose).substr(t.begin, t.end - t.begin);
}

std::string without_dots(const std::string& word) {
  std::string out;
  for (char c : word)
    if (c != '.') out.push_back(c);
  return out;
}

// "GM19147", "PA-21-051", "PMC2999341": grant numbers and catalogue codes are read, not said.
// A reference, not letters that stand for words: many digits ("NIHR202020"), or a last part
// after a hyphen of letters and digits together ("NIHR-APP1", "REC-22NW0031"). "IL-6" and
// "COVID-19" end in a number alone: they are names a reader may need spelt out.
bool is_code(std::string_view word) {
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  if (std::count_if(word.begin(), word.end(), is_digit) >= 4) return true;
  const std::size_t hyphen = word.rfind('-');
  if (hyphen == std::string_view::npos || word.size() - hyphen < 4) return false;
  const std::string_view last = word.substr(hyphen + 1);
  return std::any_of(last.begin(), last.end(), is_digit) &&
         std::any_of(last.begin(), last.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// An ordinary English word written in capitals ("MERIT", "SUBMISSION"), not letters that
// stand for words, in the project's spelling ("COLOR" in a US text). Dictionaries list
// acronyms in capitals, so their lower case is unknown.
bool is_ordinary_word(const Token& t, const SpellerSpec& language) {
  if (t.lower.size() < 2) return false;
  for (char c : t.lower)
    if (!(c >= 'a' && c <= 'z') && c != '-' && c != '\'') return false;
  try {
    return speller_for(language).correct(t.lower);
  } catch (const std::exception&) {
    return false;  // no dictionary installed: every word in capitals is a possible acronym
  }
}

// Words in capitals that are not acronyms, in one document (token indexes):
// - headings and form labels written in capitals ("INTELLECTUAL MERIT.", "TYPE OF SUBMISSION",
//   "OVERVIEW." at the start of a line);
// - authors' initials in a list of names ("Chen Y, Huang TH, Bittner ML.");
// - codes with many digits.
class CapitalsNotAcronyms {
 public:
  CapitalsNotAcronyms(const Document& doc, const SpellerSpec& language,
                      const std::set<std::string>& never_emphasis)
      : doc_(doc), language_(language), never_emphasis_(never_emphasis) {
    std::map<std::uint32_t, std::vector<std::uint32_t>> initials_by_block;
    for (const Sentence& s : doc.sentences) {
      mark_label_runs(s);
      for (std::uint32_t i = s.first_token + 1; i < s.last_token; ++i)
        if (looks_like_initials(i)) initials_by_block[s.block].push_back(i);
    }
    // One "Smith AB," could be a name and an acronym; two or more in a paragraph are a list.
    for (const auto& [block, tokens] : initials_by_block)
      if (tokens.size() >= 2) skip_.insert(tokens.begin(), tokens.end());
    for (const Token& t : doc.tokens)
      if (t.all_caps) ++times_in_capitals_[t.lower];
    mark_postcodes();
  }

  bool contains(std::uint32_t token) const {
    return skip_.count(token) > 0 || is_code(token_text(doc_, doc_.tokens[token])) ||
           is_name_of_words(doc_.tokens[token]) || is_study_name(token) || is_emphasis(token);
  }

 private:
  // UK postcodes ("LS2 9JT", "EH16 4SA", "SW1A 1AA"): an outward code (one or two letters, a
  // digit, then a letter or digit) and an inward code (a digit and two letters), one space apart.
  static bool is_outward_code(std::string_view w) {
    const auto letter = [](char c) { return c >= 'A' && c <= 'Z'; };
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t i = 0;
    while (i < w.size() && i < 2 && letter(w[i])) ++i;
    if (i == 0 || i >= w.size() || !digit(w[i])) return false;
    ++i;
    if (i < w.size() && (letter(w[i]) || digit(w[i]))) ++i;
    return i == w.size();
  }
  static bool is_inward_code(std::string_view w) {
    return w.size() == 3 && w[0] >= '0' && w[0] <= '9' && w[1] >= 'A' && w[1] <= 'Z' &&
           w[2] >= 'A' && w[2] <= 'Z';
  }
  void mark_postcodes() {
    for (std::uint32_t i = 0; i + 1 < doc_.tokens.size(); ++i) {
      const Token& out = doc_.tokens[i];
      const Token& in = doc_.tokens[i + 1];
      if (in.begin != out.end + 1 || doc_.prose[out.end] != ' ') continue;
      if (is_outward_code(token_text(doc_, out)) && is_inward_code(token_text(doc_, in))) {
        skip_.insert(i);
        skip_.insert(i + 1);
      }
    }
  }

  char char_at(std::size_t byte) const {
    return byte < doc_.prose.size() ? doc_.prose[byte] : '\n';
  }

  // The next character after `byte` that is not a space or tab ('\n' at the end).
  char next_visible(std::size_t byte) const {
    while (byte < doc_.prose.size() && (doc_.prose[byte] == ' ' || doc_.prose[byte] == '\t'))
      ++byte;
    return char_at(byte);
  }

  bool starts_line(std::size_t byte) const {
    while (byte > 0 && (doc_.prose[byte - 1] == ' ' || doc_.prose[byte - 1] == '\t')) --byte;
    return byte == 0 || doc_.prose[byte - 1] == '\n' || doc_.prose[byte - 1] == '\r';
  }

  // Whether tokens a and b (a before b) are next to each other on one line, with nothing but
  // spaces, '&', '/' or '-' between them.
  bool adjacent(const Token& a, const Token& b) const {
    for (std::size_t i = a.end; i < b.begin; ++i) {
      char c = doc_.prose[i];
      if (c != ' ' && c != '\t' && c != '&' && c != '/' && c != '-') return false;
    }
    return true;
  }

  void mark_label_runs(const Sentence& s) {
    for (std::uint32_t i = s.first_token; i < s.last_token;) {
      if (!doc_.tokens[i].all_caps) {
        ++i;
        continue;
      }
      std::uint32_t end = i + 1;
      while (end < s.last_token && doc_.tokens[end].all_caps &&
             adjacent(doc_.tokens[end - 1], doc_.tokens[end]))
        ++end;
      if (is_label_run(i, end))
        for (std::uint32_t k = i; k < end; ++k) skip_.insert(k);
      i = end;
    }
  }

  // A run of words in capitals is a heading or label when most of them are ordinary words; a
  // single ordinary word only when it starts a line and ends with ':' or '.' or the line.
  bool is_label_run(std::uint32_t first, std::uint32_t end) const {
    std::size_t ordinary = 0;
    for (std::uint32_t k = first; k < end; ++k)
      ordinary += is_ordinary_word(doc_.tokens[k], language_);
    if (end - first >= 2) return ordinary * 2 >= end - first;
    const Token& t = doc_.tokens[first];
    char after = next_visible(t.end);
    return ordinary == 1 && t.lower.size() >= 4 && starts_line(t.begin) &&
           (after == ':' || after == '.' || after == '\n' || after == '\r');
  }

  // "the BRIDGE study", "the HEARTH trial": one ordinary word in capitals naming a study.
  bool is_study_name(std::uint32_t token) const {
    static const std::set<std::string> named = {"study",     "trial",   "trials",       "project",
                                                "programme", "program", "intervention", "cohort",
                                                "app",       "course",  "tool"};
    const Token& t = doc_.tokens[token];
    if (t.lower.size() < 4 || token + 1 >= doc_.tokens.size()) return false;
    const Token& next = doc_.tokens[token + 1];
    return named.count(next.lower) > 0 && adjacent(t, next) && is_ordinary_word(t, language_);
  }

  // "It was SO hard", "we NEVER heard back": an ordinary word in capitals for emphasis, once in
  // the text, after a word in normal case that does not come before names: "the PROMISE trial",
  // "people in PROMISE", "an app called SUPPORT", "we will use RESTORE". A study's name is
  // mostly used again and again, but not always.
  bool is_emphasis(std::uint32_t token) const {
    static const std::set<std::string> before_names = {
        "the",   "a",   "an",    "our",  "this", "that",   "their",  "its",
        "your",  "in",  "of",    "from", "into", "within", "via",    "called",
        "named", "use", "using", "uses", "used", "join",   "joined", "joining"};
    const Token& t = doc_.tokens[token];
    const auto seen = times_in_capitals_.find(t.lower);
    if (token == 0 || !t.all_caps || seen == times_in_capitals_.end() || seen->second > 1 ||
        never_emphasis_.count(std::string(token_text(doc_, t))) > 0)
      return false;
    const Token& before = doc_.tokens[token - 1];
    if (before.all_caps || before.is_number || before_names.count(before.lower) ||
        !adjacent_in_sentence(before, t))
      return false;
    return is_ordinary_word(t, language_);
  }

  // Only spaces between the two tokens: the same sentence, no bracket or full stop between.
  bool adjacent_in_sentence(const Token& a, const Token& b) const {
    for (std::size_t i = a.end; i < b.begin; ++i)
      if (doc_.prose[i] != ' ' && doc_.prose[i] != ',') return false;
    return true;
  }

  // "SEPSIS-EARLY", "STEADY-TOGETHER": a study's name of ordinary words in capitals.
  bool is_name_of_words(const Token& t) const {
    std::size_t parts = 0, from = 0;
    while (from <= t.lower.size()) {
      std::size_t dash = t.lower.find('-', from);
      if (dash == std::string::npos) dash = t.lower.size();
      Token part = t;
      part.lower = t.lower.substr(from, dash - from);
      if (part.lower.size() < 3 || !is_ordinary_word(part, language_)) return false;
      ++parts;
      from = dash + 1;
    }
    return parts >= 2;
  }

  // "TH" in "Huang TH," : one to three capitals right after a capitalised name, then a comma,
  // full stop, semicolon or bracket.
  bool looks_like_initials(std::uint32_t i) const {
    const Token& t = doc_.tokens[i];
    const Token& name = doc_.tokens[i - 1];
    if (!t.all_caps || t.end - t.begin > 3 || !name.capitalised || name.all_caps) return false;
    if (t.begin != name.end + 1 || char_at(name.end) != ' ') return false;
    char after = char_at(t.end);
    return after == ',' || after == '.' || after == ';' || after == ')';
  }

  const Document& doc_;
  const SpellerSpec& language_;
  const std::set<std::string>& never_emphasis_;  // short forms spelled like words: TAU, NICE
  std::set<std::uint32_t> skip_;
  std::map<std::string, std::size_t> times_in_capitals_;  // by lower case
};

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
  AcronymCheck(std::set<std::string> allow, std::set<std::string> never_emphasis, bool avoid,
               std::size_t min_length, bool per_section, std::string language)
      : allow_(std::move(allow)),
        never_emphasis_(std::move(never_emphasis)),
        avoid_(avoid),
        min_length_(min_length),
        per_section_(per_section) {
    language_.language = std::move(language);
  }

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    const Document& doc = ctx.doc;
    std::set<std::pair<std::size_t, std::string>> seen;  // (section or 0, acronym)
    std::set<std::string> named;  // study names given by the title ("# HERMES: mesh or …")
    std::optional<CapitalsNotAcronyms> not_acronyms;  // built at the first word in capitals
    if (!avoid_) note_label_initials(doc, seen);
    for (const Sentence& sentence : doc.sentences) {
      const Block& block = doc.blocks[sentence.block];
      if (block.kind == BlockKind::Heading) {
        // "# Patient and public involvement (PPI)" defines PPI for the text under it, and so
        // does "# Patient and public involvement" alone: its initials are the acronym.
        if (!avoid_) {
          note_definitions(doc, sentence, seen);
          note_initials(doc, sentence, seen);
        }
        note_title_name(doc, sentence, named);  // a name has no words in full to use instead
        continue;
      }
      if (shouting(doc, sentence)) continue;
      if (!ctx.in_scope(sentence.begin)) continue;
      for (std::uint32_t i = sentence.first_token; i < sentence.last_token; ++i) {
        const Token& t = doc.tokens[i];
        std::string acronym = acronym_of(t, token_text(doc, t), min_length_);
        if (acronym.empty() || allowed(acronym) || named.count(acronym) || ctx.suppressed(t.begin))
          continue;
        if (!not_acronyms) not_acronyms.emplace(doc, language_, never_emphasis_);
        if (not_acronyms->contains(i)) continue;
        if (introduced_as_name(doc, sentence, i)) {
          named.insert(acronym);  // and so every later use of the name
          continue;
        }
        // Once per section with its subsections of the same kind (one summary, subheadings
        // and all).
        std::size_t section = per_section_ || avoid_ ? unit_head(doc, doc.section_at(t.begin)) : 0;
        if (!seen.insert({section, acronym}).second) continue;
        if (!avoid_ && defined_here(doc, t)) continue;
        out.push_back(ctx.make(t.begin, t.end, {{"match", acronym}}));
      }
    }
  }

 private:
  // The initials of a heading's words, small words left out: "Patient and public involvement
  // and engagement" gives PPIE.
  // A form's number before the words ("5. Patient and public involvement") and a note in
  // brackets after them ("(max 1,500 characters)") are not part of the name.
  static std::string heading_initials(const Document& doc, const Sentence& heading) {
    // Only a bracket inside the heading counts (and the search stays within it).
    const std::size_t found =
        std::string_view(doc.prose).substr(heading.begin, heading.end - heading.begin).find('(');
    const std::size_t bracket =
        found == std::string_view::npos ? std::string::npos : heading.begin + found;
    return initials_of(doc, heading.first_token, heading.last_token, bracket);
  }

  // The initials of the words of tokens [first, last) before `bracket`.
  static std::string initials_of(const Document& doc, std::uint32_t first, std::uint32_t last,
                                 std::size_t bracket) {
    static const std::set<std::string> small = {"and", "of", "the", "for",  "in", "on",
                                                "to",  "a",  "an",  "with", "&"};
    std::string initials;
    for (std::uint32_t i = first; i < last; ++i) {
      const Token& t = doc.tokens[i];
      if (bracket != std::string::npos && t.begin > bracket) break;
      if (t.lower.empty() || small.count(t.lower)) continue;
      const unsigned char first = static_cast<unsigned char>(t.lower[0]);
      if (initials.empty() && is_form_number(t.lower)) continue;
      if (!std::isalpha(first)) return "";  // numbers, symbols: not a name in words
      initials.push_back(static_cast<char>(std::toupper(first)));
    }
    return initials;
  }

  // "5", "5.", "2a", "iv": a question or section number on a form.
  static bool is_form_number(const std::string& word) {
    if (word.empty() || !std::isdigit(static_cast<unsigned char>(word[0]))) return false;
    return std::all_of(word.begin(), word.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || (c >= 'a' && c <= 'e');
    });
  }

  // "Patient and public involvement: PPI will be sought", a paragraph led by a section's name
  // inside another section (Document::passages): the label spells out its initials as a
  // heading does.
  void note_label_initials(const Document& doc,
                           std::set<std::pair<std::size_t, std::string>>& seen) const {
    const auto token_from = [&](std::size_t byte) {
      return static_cast<std::uint32_t>(
          std::lower_bound(doc.tokens.begin(), doc.tokens.end(), byte,
                           [](const Token& t, std::size_t at) { return t.begin < at; }) -
          doc.tokens.begin());
    };
    for (const LabelledPassage& passage : doc.passages) {
      const auto block =
          std::upper_bound(doc.blocks.begin(), doc.blocks.end(), passage.begin,
                           [](std::size_t at, const Block& b) { return at < b.begin; });
      if (block == doc.blocks.begin()) continue;
      const std::size_t label_begin = std::prev(block)->begin;
      if (label_begin >= passage.begin) continue;  // a passage with no label
      const std::string initials =
          initials_of(doc, token_from(label_begin), token_from(passage.begin), std::string::npos);
      if (initials.size() < 2 || initials.size() > 6) continue;
      seen.insert({per_section_ ? unit_head(doc, doc.section_at(label_begin)) : 0, initials});
    }
  }

  void note_initials(const Document& doc, const Sentence& heading,
                     std::set<std::pair<std::size_t, std::string>>& seen) const {
    const std::string initials = heading_initials(doc, heading);
    if (initials.size() < 2 || initials.size() > 6) return;
    seen.insert({per_section_ ? unit_head(doc, doc.section_at(heading.begin)) : 0, initials});
  }

  // "# HERMES: mesh or stitches for small hernias": a name in capitals that opens the first
  // heading, before a colon or dash, is the study's name, which the title itself explains.
  // A name in capitals that the sentence says is a name: "our study, called CUPPA", "the charity
  // STAMMA", "STAMMA, the British Stammering Association". A name has no words in full to spell
  // out, and the sentence already says what it is (twenty-seventh blind review).
  static bool introduced_as_name(const Document& doc, const Sentence& sentence, std::uint32_t i) {
    static const std::set<std::string> naming = {"called", "named", "charity", "study", "trial"};
    const Token& t = doc.tokens[i];
    if (i > sentence.first_token && naming.count(doc.tokens[i - 1].lower) &&
        only_between(doc, doc.tokens[i - 1].end, t.begin, " ,"))
      return true;
    // Apposition: ", the" and a capitalised word straight after.
    if (i + 2 < sentence.last_token && doc.tokens[i + 1].lower == "the" &&
        doc.tokens[i + 2].capitalised && only_between(doc, t.end, doc.tokens[i + 1].begin, ", ") &&
        doc.prose[t.end] == ',')
      return true;
    return false;
  }

  // Whether the bytes [from, to) of the prose are all among `allowed`.
  static bool only_between(const Document& doc, std::size_t from, std::size_t to,
                           std::string_view allowed) {
    for (std::size_t j = from; j < to && j < doc.prose.size(); ++j)
      if (allowed.find(doc.prose[j]) == std::string_view::npos) return false;
    return true;
  }

  void note_title_name(const Document& doc, const Sentence& heading,
                       std::set<std::string>& named) const {
    if (heading.block != first_heading_block(doc) || heading.first_token >= heading.last_token)
      return;
    const Token& t = doc.tokens[heading.first_token];
    const std::string acronym = acronym_of(t, token_text(doc, t), min_length_);
    if (acronym.empty()) return;
    std::size_t after = t.end;
    while (after < doc.prose.size() && doc.prose[after] == ' ') ++after;
    if (after < doc.prose.size() &&
        (doc.prose[after] == ':' || doc.prose[after] == '-' ||
         std::string_view(doc.prose).substr(after).starts_with("\xe2\x80\x93")))
      named.insert(acronym);
  }

  static std::size_t first_heading_block(const Document& doc) {
    for (std::size_t b = 0; b < doc.blocks.size(); ++b)
      if (doc.blocks[b].kind == BlockKind::Heading) return b;
    return doc.blocks.size();
  }

  void note_definitions(const Document& doc, const Sentence& heading,
                        std::set<std::pair<std::size_t, std::string>>& seen) const {
    for (std::uint32_t i = heading.first_token; i < heading.last_token; ++i) {
      const Token& t = doc.tokens[i];
      const std::string acronym = acronym_of(t, token_text(doc, t), min_length_);
      if (acronym.empty() || !defined_here(doc, t)) continue;
      seen.insert({per_section_ ? unit_head(doc, doc.section_at(t.begin)) : 0, acronym});
    }
  }

  // "U.S." is allowed when "US" is.
  bool allowed(const std::string& acronym) const {
    return allow_.count(acronym) > 0 || allow_.count(without_dots(acronym)) > 0;
  }

  // "long form (RCT)", "RCT (long form)", "long form, or RCT,", "long form, usually called
  // RCT", "known as RCT", "RCT for short", "RCT stands for long form".
  static bool defined_here(const Document& doc, const Token& t) {
    const std::string_view prose = doc.prose;
    if (t.begin >= 5 && prose.substr(t.begin - 5, 5) == ", or ") return true;
    if (named_in_words(prose, t)) return true;
    std::size_t before = t.begin;
    while (before > 0 && prose[before - 1] == ' ') --before;
    bool in_brackets = before > 0 && prose[before - 1] == '(';
    std::size_t after = t.end;
    while (after < prose.size() && prose[after] == ' ') ++after;
    const bool followed_by_bracket = after < prose.size() && prose[after] == '(';
    return in_brackets || (followed_by_bracket && holds_words(prose, after + 1)) ||
           last_in_named_bracket(prose, before, after);
  }

  // "(from the NHS Business Services Authority, NHSBSA)": the short form after a comma, last in
  // brackets that hold the words in full (thirtieth blind review).
  static bool last_in_named_bracket(std::string_view prose, std::size_t before, std::size_t after) {
    if (before == 0 || prose[before - 1] != ',' || after >= prose.size() || prose[after] != ')')
      return false;
    constexpr std::size_t kMaxBracket = 120;
    for (std::size_t i = before - 1; i > 0 && before - i < kMaxBracket; --i) {
      if (prose[i - 1] == ')' || prose[i - 1] == '\n') return false;
      if (prose[i - 1] == '(') return holds_words(prose, i);
    }
    return false;
  }

  // Whether the bracket opened before `from` holds words in full, at least one word of three or
  // more lower-case letters: "RCT (randomised controlled trial)", not "QoL (EQ-5D-5L)" or
  // "CBT (p. 4)", which are another name and a page, not what the letters stand for.
  static bool holds_words(std::string_view prose, std::size_t from) {
    constexpr std::size_t kMaxBracket = 120;
    std::size_t run = 0;
    for (std::size_t i = from; i < prose.size() && i < from + kMaxBracket && prose[i] != ')'; ++i) {
      run = std::islower(static_cast<unsigned char>(prose[i])) ? run + 1 : 0;
      if (run >= 3) return true;
    }
    return false;
  }

  // Words just before or after the acronym that say it names the words beside it.
  static bool named_in_words(std::string_view prose, const Token& t) {
    static const std::string_view before[] = {"called ",   "known as ",     "short for ",
                                              "or just ",  "shortened to ", "abbreviated to ",
                                              "or simply "};
    static const std::string_view after[] = {
        " for short",   " stands for ", ", which stands for ",     " is short for ",
        ", short for ", " means ",      " is an abbreviation for "};
    const std::string lead = lower_ascii(prose.substr(t.begin - std::min<std::size_t>(t.begin, 20),
                                                      std::min<std::size_t>(t.begin, 20)));
    for (std::string_view cue : before)
      if (std::string_view(lead).ends_with(cue)) return true;
    const std::string tail = lower_ascii(prose.substr(t.end, 24));
    for (std::string_view cue : after)
      if (std::string_view(tail).starts_with(cue)) return true;
    return false;
  }

  static std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }

  // A sentence mostly in capitals is shouting or a form label, not a list of acronyms.
  static bool shouting(const Document& doc, const Sentence& s) {
    std::size_t caps = 0, words = s.last_token - s.first_token;
    for (std::uint32_t i = s.first_token; i < s.last_token; ++i) caps += doc.tokens[i].all_caps;
    return words >= 4 && caps * 2 > words;
  }

  std::set<std::string> allow_;
  // Short forms spelled like everyday words ("TAU", "NICE"): never read as a word in capitals
  // for emphasis ("it was SO hard"), even used once.
  std::set<std::string> never_emphasis_;
  bool avoid_;
  std::size_t min_length_;
  bool per_section_;
  SpellerSpec language_;  // the dictionary that tells ordinary words in capitals
};

}  // namespace

std::shared_ptr<RuleCheck> make_acronym_check(const Rule& rule) {
  std::vector<std::string> allow = param_strings(rule.node, "allow", false);
  std::vector<std::string> never_emphasis = param_strings(rule.node, "never_emphasis", false);
  const std::string mode = param_string(rule.node, "mode", "expand-first");
  if (mode != "expand-first" && mode != "avoid")
    throw KindError{"'mode' must be expand-first or avoid", rule.node["mode"].line()};
  double min_length = param_number(rule.node, "min_length", 2);
  if (min_length < 2 || min_length > 10)
    throw KindError{"'min_length' must be between 2 and 10", rule.node["min_length"].line()};
  return std::make_shared<AcronymCheck>(
      std::set<std::string>(allow.begin(), allow.end()),
      std::set<std::string>(never_emphasis.begin(), never_emphasis.end()), mode == "avoid",
      static_cast<std::size_t>(min_length), param_bool(rule.node, "per_section", false),
      param_string(rule.node, "language", "en_GB"));
}

}  // namespace sayso
