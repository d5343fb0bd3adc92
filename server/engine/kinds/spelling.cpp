// spelling: Hunspell (en_GB by default) plus the domain dictionary and project words.
#include <filesystem>
#include <map>
#include <optional>
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

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit_ascii(char c) { return c >= '0' && c <= '9'; }

// Whether the word that ends at `end` is followed the way an author's name is in a citation or
// a reference: "Groffman et al.", "Groffman 2012", "Groffman, P. M.", "Chen Y,", "Chen YW.".
// Then it is a name even at the start of a sentence.
bool followed_like_author(std::string_view prose, std::size_t end) {
  auto at = [&](std::size_t i) { return i < prose.size() ? prose[i] : '\0'; };
  std::size_t i = end;
  const bool comma = at(i) == ',';
  if (comma) ++i;
  if (at(i) != ' ') return false;
  while (at(i) == ' ') ++i;
  if (prose.substr(i, 6) == "et al." || prose.substr(i, 5) == "et al") return !comma;
  if (at(i) == '(') ++i;
  std::size_t digits = 0;
  while (is_digit_ascii(at(i + digits))) ++digits;
  if (digits == 4 && (prose.substr(i, 2) == "19" || prose.substr(i, 2) == "20")) return true;
  if (digits > 0) return false;
  // Initials: "P. M." after a comma, or "Y," / "YW." straight after the name.
  if (comma) return is_upper_ascii(at(i)) && at(i + 1) == '.';
  std::size_t caps = 0;
  while (is_upper_ascii(at(i + caps))) ++caps;
  return caps >= 1 && caps <= 3 && (at(i + caps) == ',' || at(i + caps) == '.');
}

// "Amara Okafor": the next word, one space on, is capitalised like a name.
bool followed_by_surname(const Document& doc, std::uint32_t i, const Sentence& s) {
  if (i + 1 >= s.last_token) return false;
  const Token& t = doc.tokens[i];
  const Token& next = doc.tokens[i + 1];
  return next.capitalised && !next.all_caps && next.begin == t.end + 1 && doc.prose[t.end] == ' ';
}

// "Eilidh is a former nurse", "Morag cared for her husband": a capitalised word at the start of
// a sentence followed by what people do is a person's name, not a slip ("Teh study starts").
bool followed_like_a_person(const Document& doc, std::uint32_t i, const Sentence& s) {
  static const std::set<std::string, std::less<>> person_verbs = {
      "is",     "was",     "has",     "had",     "will",    "would",  "lives",  "lived",
      "cares",  "cared",   "chairs",  "chaired", "works",   "worked", "said",   "says",
      "joined", "joins",   "leads",   "led",     "helped",  "helps",  "brings", "brought",
      "wrote",  "writes",  "became",  "runs",    "ran",     "told",   "tells",  "grew",
      "spent",  "trained", "retired", "looks",   "looked",  "uses",   "used",   "knows",
      "felt",   "feels",   "thinks",  "thought", "manages", "managed"};
  if (i + 1 >= s.last_token) return false;
  const Token& next = doc.tokens[i + 1];
  if (person_verbs.count(next.lower)) return true;
  // "Morag and Eilidh chair the group"
  return next.lower == "and" && i + 2 < s.last_token && doc.tokens[i + 2].capitalised &&
         !doc.tokens[i + 2].all_caps;
}

// Typographic apostrophes to plain ones; Hunspell's English dictionaries use "'". A soft hyphen
// (U+00AD) and a word joiner (U+2060) are invisible: "in­volve­ment" is "involvement".
std::string plain_apostrophes(std::string_view w) {
  std::string out;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (i + 1 < w.size() && static_cast<unsigned char>(w[i]) == 0xC2 &&
        static_cast<unsigned char>(w[i + 1]) == 0xAD) {
      ++i;
    } else if (i + 2 < w.size() && static_cast<unsigned char>(w[i]) == 0xE2 &&
               static_cast<unsigned char>(w[i + 1]) == 0x81 &&
               static_cast<unsigned char>(w[i + 2]) == 0xA0) {
      i += 2;
    } else if (i + 2 < w.size() && static_cast<unsigned char>(w[i]) == 0xE2 &&
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

// The word as a reader sees it, for messages: without the soft hyphens and word joiners that fill
// a character reference ("caf&eacute;") or that a pasted text carries.
std::string as_shown(std::string_view w) {
  std::string out;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w.substr(i, 2) == "\xC2\xAD") {
      ++i;
    } else if (w.substr(i, 3) == "\xE2\x81\xA0") {
      i += 2;
    } else {
      out.push_back(w[i]);
    }
  }
  return out;
}

bool has_soft_hyphen(std::string_view w) { return w.find("\xC2\xAD") != std::string_view::npos; }

// A soft hyphen where a typeset line broke may stand for a real hyphen ("bacteria­dominated"
// for "bacteria-dominated"): the word is known either way.
std::string soft_hyphens_as_hyphens(std::string_view w) {
  std::string out(w);
  for (std::size_t at = out.find("\xC2\xAD"); at != std::string::npos;
       at = out.find("\xC2\xAD", at))
    out.replace(at, 2, "-");
  return plain_apostrophes(out);
}

// Spelling systems of one language (en_GB and en_US) and the letter patterns by which they
// differ ("our" and "or"), from the rule file. A word another system spells that way is told
// apart from a misspelling, with the writer's own system's form as the fix.
struct SpellingVariants {
  std::map<std::string, std::string> names;                  // language → name readers know
  std::vector<std::map<std::string, std::string>> patterns;  // language → letters
  std::string message;
  // A word spelled the other system's way is a matter of style, not a mistake: it may be
  // reported at a milder level than the rule's, and once a document.
  std::optional<Severity> severity;

  bool empty() const { return names.empty(); }

  struct Found {
    std::string variant, fix;  // language the word is spelled in, and the form in ours
  };

  // `lower` (lower case) is misspelled in `language`: is it another system's spelling of a
  // word `own` knows? The other system's dictionary is asked last: most unknown words (names,
  // typos) have no respelling `own` knows, and then it is never loaded.
  std::optional<Found> find(const std::string& lower, const std::string& language,
                            Speller& own) const {
    for (const auto& [variant, name] : names) {
      if (variant == language) continue;
      for (const auto& pattern : patterns) {
        auto from = pattern.find(variant), to = pattern.find(language);
        if (from == pattern.end() || to == pattern.end()) continue;
        auto fix = respelled(lower, from->second, to->second, own);
        if (fix && correct_in(variant, lower)) return Found{variant, *fix};
      }
    }
    return std::nullopt;
  }

 private:
  static bool correct_in(const std::string& language, const std::string& word) {
    if (hunspell_dictionary_path(language, ".dic").empty()) return false;  // not installed
    SpellerSpec spec;
    spec.language = language;
    return speller_for(spec).correct(word);
  }

  // The word with one occurrence of `from` written as `to`, when `own` knows the result.
  static std::optional<std::string> respelled(const std::string& word, const std::string& from,
                                              const std::string& to, Speller& own) {
    for (std::size_t at = word.find(from); at != std::string::npos; at = word.find(from, at + 1)) {
      std::string candidate = word.substr(0, at) + to + word.substr(at + from.size());
      if (own.correct(candidate)) return candidate;
    }
    return std::nullopt;
  }
};

class SpellingCheck : public RuleCheck {
 public:
  // How an unknown word that looks like a term, not a typo, is reported.
  struct TermNote {
    std::string message;  // empty: like any other unknown word
    std::optional<Severity> severity;
    std::string typo_message;  // for a word one slip from a correct one; empty: the rule's
  };

  SpellingCheck(SpellerSpec spec, SpellingVariants variants, TermNote terms)
      : spec_(std::move(spec)), variants_(std::move(variants)), terms_(std::move(terms)) {}

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    Speller& speller = speller_for(spec_);
    const Document& doc = ctx.doc;
    // Each unknown word once per section: a name or term used fifty times is one decision.
    std::set<std::pair<std::size_t, std::string>> reported;
    std::set<std::string> variants_reported;
    std::set<std::string> terms_reported;
    std::vector<std::uint32_t> unknown;  // this sentence's words the dictionary does not know
    std::vector<std::uint32_t> checked_tokens;  // and all the words it was asked about
    const std::set<std::string> names = names_inside_sentences(doc);
    for (const Sentence& s : doc.sentences) {
      if (!ctx.in_scope(s.begin)) continue;
      if (ctx.past_deadline()) return;  // the linter then says the findings are incomplete
      unknown.clear();
      std::size_t checked = 0, unknown_short = 0;
      checked_tokens.clear();
      for (std::uint32_t i = s.first_token; i < s.last_token; ++i) {
        const Token& t = doc.tokens[i];
        if (t.is_number || t.all_caps) continue;
        // A capitalised word inside a sentence is most likely a name; so is one at the start
        // of a sentence that is followed as authors' names are, or by a surname ("Amara
        // Okafor" starting a table cell).
        if (t.capitalised && (i != s.first_token || followed_like_author(doc.prose, t.end) ||
                              followed_by_surname(doc, i, s) || followed_like_a_person(doc, i, s) ||
                              names.count(t.lower)))
          continue;
        std::string_view text = std::string_view(doc.prose).substr(t.begin, t.end - t.begin);
        // Measured as read: composed ("e" and U+0301 is "é") and without invisible characters.
        const std::string shown = composed_word(as_shown(text));
        if (shown.size() < 2 || has_digit(shown) || has_inner_capital(shown)) continue;
        if (beyond_latin_script(shown)) continue;  // 中文, العربية: not for this dictionary
        ++checked;
        const bool known =
            !misspelled(speller, plain_apostrophes(text)) ||
            (has_soft_hyphen(text) && !misspelled(speller, soft_hyphens_as_hyphens(text)));
        // Two letters ("yn", "hr", "wk") are far more often a short form or a word of another
        // language than a slip, and a fix one letter away ("yen", "her") breaks the text. They
        // still count towards telling the sentence's language.
        if (shown.size() == 2) {
          unknown_short += known ? 0 : 1;
          continue;
        }
        checked_tokens.push_back(i);
        if (!known) unknown.push_back(i);
      }
      if (other_language(checked, unknown.size() + unknown_short)) continue;
      if (doc.blocks[s.block].kind == BlockKind::Heading)
        drop_other_language_parts(doc, checked_tokens, unknown);
      drop_glosses_in_other_language(doc, s, checked_tokens, unknown);
      for (std::uint32_t i : unknown) {
        const Token& t = doc.tokens[i];
        std::string_view text = std::string_view(doc.prose).substr(t.begin, t.end - t.begin);
        if (ctx.suppressed(t.begin) || names_a_study(doc, s, i)) continue;
        if (!reported.insert({doc.section_at(t.begin), t.lower}).second) continue;
        auto variant =
            variants_.empty() ? std::nullopt : variants_.find(t.lower, spec_.language, speller);
        if (!variant) {
          Diagnostic d = unknown_word_finding(ctx, speller, t, text);
          // A word with no fix to offer is a term or a name: one note for the document, not one
          // per section (thirty-first blind review: "comunidades" four times).
          if (d.suggestions.empty() && !terms_reported.insert(t.lower).second) continue;
          out.push_back(std::move(d));
          continue;
        }
        // A variant spelling is one decision for the whole text, not one per section.
        std::string word = t.lower;  // "center's" is the same decision as "center"
        if (word.ends_with("'s")) word.resize(word.size() - 2);
        if (variants_reported.insert(word).second)
          out.push_back(variant_finding(ctx, t, text, *variant));
      }
    }
  }

 private:
  // Words written capitalised inside a sentence somewhere in the document: names, so the same
  // word starting a sentence ("Morag cared…" after "…with Morag") is a name there too.
  static std::set<std::string> names_inside_sentences(const Document& doc) {
    std::set<std::string> names;
    for (const Sentence& s : doc.sentences)
      for (std::uint32_t i = s.first_token + 1; i < s.last_token; ++i)
        if (doc.tokens[i].capitalised && !doc.tokens[i].all_caps) names.insert(doc.tokens[i].lower);
    return names;
  }

  // Words in scripts after Latin (Greek, Cyrillic, Arabic, Hebrew, CJK…) cannot be checked
  // against an English dictionary. Typographic hyphens and quotes (U+2010 to U+201F) are not
  // a script.
  static bool beyond_latin_script(std::string_view text) {
    for (std::size_t at = 0; at < text.size();) {
      const auto byte = static_cast<unsigned char>(text[at]);
      if (byte < 0x80) {
        ++at;
        continue;
      }
      const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
      char32_t code = byte & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
      for (std::size_t k = 1; k < length && at + k < text.size(); ++k)
        code = (code << 6) | (static_cast<unsigned char>(text[at + k]) & 0x3F);
      if (code >= 0x0370 && !(code >= 0x2010 && code <= 0x201F)) return true;
      at += length;
    }
    return false;
  }

  // A sentence where most words are unknown is in another language ("Bydd yr holl ddeunyddiau
  // ar gael yn Gymraeg" on a Welsh funder's form), not full of typos.
  static bool other_language(std::size_t checked, std::size_t unknown) {
    return checked >= 4 && unknown * 10 >= checked * 6;
  }

  // A heading, or one part of a bilingual heading ("Crynodeb lleyg / Lay summary"), whose two or
  // more checked words are all unknown is in another language: too short for the sentence test.
  static void drop_other_language_parts(const Document& doc,
                                        const std::vector<std::uint32_t>& checked,
                                        std::vector<std::uint32_t>& unknown) {
    if (checked.empty()) return;
    // The part of each checked word, in one pass: the separators seen before it.
    std::vector<std::size_t> part(checked.size(), 0);
    for (std::size_t k = 1; k < checked.size(); ++k) {
      part[k] = part[k - 1];
      for (std::size_t at = doc.tokens[checked[k - 1]].end; at < doc.tokens[checked[k]].begin; ++at)
        part[k] += doc.prose[at] == '/' || doc.prose[at] == '|';
    }
    const auto part_of = [&](std::uint32_t token) {
      return part[std::lower_bound(checked.begin(), checked.end(), token) - checked.begin()];
    };
    std::map<std::size_t, std::pair<std::size_t, std::size_t>> counts;  // (checked, unknown)
    for (std::size_t k = 0; k < checked.size(); ++k) ++counts[part[k]].first;
    for (std::uint32_t t : unknown) ++counts[part_of(t)].second;
    std::erase_if(unknown, [&](std::uint32_t t) {
      const auto [words, not_known] = counts[part_of(t)];
      return words >= 2 && not_known == words;
    });
  }

  // Words of another language in brackets beside their English ("community health agents
  // (agentes comunitários de saúde)"): two or more checked words in one pair of brackets, two
  // in three of them unknown. Offered a fix one slip away ("agented"), they would be broken.
  static void drop_glosses_in_other_language(const Document& doc, const Sentence& s,
                                             const std::vector<std::uint32_t>& checked,
                                             std::vector<std::uint32_t>& unknown) {
    if (unknown.empty()) return;
    // The bracket each checked word is in (its '(' offset), or npos outside brackets.
    std::map<std::uint32_t, std::size_t> bracket_of;
    std::size_t open = std::string::npos, at = s.begin;
    for (std::uint32_t token : checked) {
      for (; at < doc.tokens[token].begin; ++at) {
        if (doc.prose[at] == '(') open = at;
        if (doc.prose[at] == ')') open = std::string::npos;
      }
      bracket_of[token] = open;
    }
    std::map<std::size_t, std::pair<std::size_t, std::size_t>> counts;  // (checked, unknown)
    for (const auto& [token, bracket] : bracket_of) ++counts[bracket].first;
    for (std::uint32_t t : unknown) ++counts[bracket_of[t]].second;
    std::erase_if(unknown, [&](std::uint32_t t) {
      const std::size_t bracket = bracket_of[t];
      const auto [words, not_known] = counts[bracket];
      return bracket != std::string::npos && words >= 2 && not_known * 3 >= words * 2;
    });
  }

  // "Sathi: a participatory study of…": a capitalised word before a colon, first in a heading
  // or a title, is the study's name.
  static bool names_a_study(const Document& doc, const Sentence& s, std::uint32_t i) {
    const Token& t = doc.tokens[i];
    if (i != s.first_token || !t.capitalised || t.end >= doc.prose.size() ||
        doc.prose[t.end] != ':')
      return false;
    if (doc.blocks[s.block].kind == BlockKind::Heading) return true;
    const std::size_t section = doc.section_at(t.begin);
    return section < doc.sections.size() && doc.sections[section].kind == "title";
  }

  // The second word of a species' Latin name ("Haemophilus influenzae", "B. longum subsp.
  // infantis"): lower case, after a capitalised word the dictionary does not know or a genus
  // cut to its initial. It is a term, not a slip (twenty-third blind review: 'influenzae' was
  // offered 'influenzaed').
  static bool names_a_species(const Document& doc, Speller& speller, const Token& t) {
    if (t.capitalised || &t == doc.tokens.data()) return false;
    const Token& before = *(&t - 1);
    const std::string_view prose(doc.prose);
    if (before.end >= t.begin ||
        prose.substr(before.end, t.begin - before.end).find_first_not_of(". ") !=
            std::string_view::npos)
      return false;
    const bool dot_after = before.end < prose.size() && prose[before.end] == '.';
    const bool initial = before.end - before.begin == 1 && before.capitalised && dot_after;
    // "subsp. infantis", "var. major": a rank before the name of a subspecies or variety.
    const bool rank = dot_after && (before.lower == "subsp" || before.lower == "ssp" ||
                                    before.lower == "var" || before.lower == "sp");
    return initial || rank ||
           (before.capitalised && !before.all_caps && before.lower.size() >= 4 &&
            !speller.correct(before.lower));
  }

  // A word with no correct word one typing slip away is more likely a term or a name than a
  // typo ("aeruginosa", "transcriptomic"): it gets the milder term note when the rule has one.
  // A word with one is offered those words as fixes ("recieve": "receive").
  Diagnostic unknown_word_finding(const CheckContext& ctx, Speller& speller, const Token& t,
                                  std::string_view text) const {
    constexpr std::size_t kFixes = 3;
    std::vector<std::string> fixes =
        names_a_species(ctx.doc, speller, t)
            ? std::vector<std::string>{}
            : speller.words_one_slip_away(plain_apostrophes(std::string(t.lower)), kFixes);
    const std::string shown = as_shown(text);
    for (std::string& fix : fixes) fix = match_case(shown, fix);
    if (!fixes.empty()) {
      Diagnostic d =
          ctx.make(t.begin, t.end, {{"match", shown}, {"suggestion", fixes.front()}}, fixes);
      if (!terms_.typo_message.empty())
        d.message =
            fill_message(terms_.typo_message, {{"match", shown}, {"suggestion", fixes.front()}});
      return d;
    }
    Diagnostic d = ctx.make(t.begin, t.end, {{"match", shown}});
    if (terms_.message.empty()) return d;
    d.message = fill_message(terms_.message, {{"match", shown}});
    soften(d, terms_.severity);
    return d;
  }

  Diagnostic variant_finding(const CheckContext& ctx, const Token& t, std::string_view text,
                             const SpellingVariants::Found& variant) const {
    const std::string shown = as_shown(text);
    const std::string fix = match_case(shown, variant.fix);
    Diagnostic d = ctx.make(t.begin, t.end, {{"suggestion", fix}}, {fix});
    d.message = fill_message(variants_.message, {{"match", shown},
                                                 {"suggestion", fix},
                                                 {"variant", variants_.names.at(variant.variant)},
                                                 {"expected", expected_name()}});
    soften(d, variants_.severity);
    d.note = "variant";
    return d;
  }

  std::string expected_name() const {
    auto it = variants_.names.find(spec_.language);
    return it == variants_.names.end() ? spec_.language : it->second;
  }

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
  SpellingVariants variants_;
  TermNote terms_;
};

// variants: {en_GB: UK, en_US: US}; patterns: [{en_GB: our, en_US: or}, ...]; variant_message.
SpellingVariants read_variants(const Rule& rule) {
  SpellingVariants out;
  const DataNode& names = rule.node["variants"];
  if (names.is_empty()) return out;
  if (!names.is_map())
    throw KindError{"'variants' must map languages to names, like {en_GB: UK}", names.line()};
  for (const DataNode& name : names.children()) {
    if (!name.is_text() || name.value().empty())
      throw KindError{fmt::format("variant '{}' needs a name, like UK", name.key()),
                      name.key_line()};
    out.names[name.key()] = name.value();
  }
  const DataNode& patterns = rule.node["patterns"];
  if (!patterns.is_list() || patterns.size() == 0)
    throw KindError{"'variants' needs 'patterns': a list like {en_GB: our, en_US: or}",
                    rule.node["variants"].line()};
  for (const DataNode& pattern : patterns.children()) {
    if (!pattern.is_map() || pattern.size() < 2)
      throw KindError{
          "each pattern maps two or more languages to letters, like {en_GB: our, en_US: or}",
          pattern.line()};
    std::map<std::string, std::string> letters;
    for (const DataNode& l : pattern.children()) {
      if (!out.names.count(l.key()))
        throw KindError{fmt::format("pattern names '{}', which is not in 'variants'", l.key()),
                        l.key_line()};
      if (!l.is_text() || l.value().empty())
        throw KindError{fmt::format("pattern letters for '{}' are missing", l.key()), l.line()};
      letters[l.key()] = l.value();
    }
    out.patterns.push_back(std::move(letters));
  }
  out.severity = optional_severity(rule.node, "variant_severity");
  out.message = param_string(rule.node, "variant_message", "");
  if (out.message.empty())
    throw KindError{"'variants' needs a 'variant_message' for words spelled another way",
                    rule.node["variants"].line()};
  return out;
}

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
  SpellingCheck::TermNote terms;
  terms.message = param_string(rule.node, "term_message", "");
  terms.severity = optional_severity(rule.node, "term_severity");
  terms.typo_message = param_string(rule.node, "typo_message", "");
  if (terms.severity && terms.message.empty())
    throw KindError{"'term_severity' needs a 'term_message'", rule.node["term_severity"].line()};
  return std::make_shared<SpellingCheck>(std::move(spec), read_variants(rule), std::move(terms));
}

}  // namespace sayso
