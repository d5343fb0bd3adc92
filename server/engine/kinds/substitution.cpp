// substitution: a word or phrase has plainer alternatives; each becomes a quick fix.
#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "core/closest_name.h"
#include "core/quotes.h"
#include "engine/kinds/factories.h"

namespace sayso {
namespace {

struct Swap {
  std::vector<std::string> instead_of, use;
  // Alternatives that fit straight before a noun ("postnatal depression", "evidence-based
  // toolkit"), where a phrase like "after birth" would break the sentence; none given: `use`
  // fits there too; an empty list: no one-click fix fits there, the message alone speaks.
  std::optional<std::vector<std::string>> before_noun;
  // Alternatives that fit where the words end a clause after other words ("we changed the dose
  // accordingly": "to match", where "so" fits only at the start); none given: `use`.
  std::optional<std::vector<std::string>> at_end;
  // Alternatives that fit where the words open a sentence ("With regard to costs, …": "On
  // costs, …", where "on" inside a sentence gives "asked on", "barriers on"); none given: the rest.
  std::optional<std::vector<std::string>> at_start;
  // Words that, a few words later in the same clause, make every swap wrong ("provide staff
  // with training": "give staff with training"): the note is given with no one-click fix.
  std::vector<std::string> reword_before;
  // Set phrases the words are not swapped inside ("cardiac arrest", "suicide attempt").
  std::vector<std::string> not_in;
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

std::string_view last_word(std::string_view text) {
  const std::size_t space = text.rfind(' ');
  return space == std::string_view::npos ? text : text.substr(space + 1);
}

// Words that end a phrase which takes what follows as its object: "ask for appointments",
// "find out whether".
bool ends_in_particle(std::string_view alternative) {
  static const std::set<std::string_view> particles = {
      "about", "for", "into", "of", "on", "out", "to", "up", "with", "whether", "if", "that"};
  return particles.count(last_word(alternative)) > 0;
}

// Where the match stands, as far as the suggestions must fit it.
struct Surroundings {
  bool word_follows = false;  // a word straight after, perhaps its object
  bool noun_follows = false;  // and one that may be the noun it describes ("adherence data")
  bool ing_follows = false;   // "with a view to informing": a verb in -ing
  bool of_follows = false;    // "the effectiveness of"
  bool after_number = false;  // "15% attrition", "30 participants"
  // A word that describes the match straight before it: "exercise adherence", "poor prognosis"
  // (or a verb whose object it is: "improve participation").
  bool after_modifier = false;
  bool after_determiner = false;  // "the", "an", "their": a noun phrase must follow
};

// A swap that is a clause or a verb in -ing ("how well it works", "taking part") is not a noun
// phrase: it cannot follow "the" ("the how well it works of") or take "of" after it.
bool is_clause(std::string_view alternative) {
  const std::string_view first = alternative.substr(0, alternative.find(' '));
  static const std::set<std::string_view> wh = {"how", "what", "whether", "who", "why", "when"};
  return wh.count(first) > 0 || (first.size() > 4 && first.ends_with("ing"));
}

// "people taking part" is the alternative "people" with words after it that describe it: the
// word that follows the match follows "people" as it would follow the original ("shared with
// people taking part via email"), so the longer one can stay, and it keeps the meaning that the
// bare word loses ("GPs and people" for "GPs and participants").
bool extends_another(const std::string& alt, const std::vector<std::string>& use) {
  for (const std::string& shorter : use)
    if (shorter.find(' ') == std::string::npos && alt.size() > shorter.size() + 1 &&
        alt.starts_with(shorter) && alt[shorter.size()] == ' ')
      return true;
  return false;
}

// The suggestions as fixes, in the rule's order. When a word follows, an alternative longer than
// the words it replaces may need that word inside it ("make easier" for "facilitate": "make a
// focus group easier", not "make easier a focus group"), so it is left out when an alternative
// as short as the original is there to offer (a one-click fix must read as grammatical). One that
// ends in a particle takes the word after it as it is ("ask for appointments") and stays.
// Straight before a noun, after a number, or before a verb in -ing that "to" cannot take, a
// longer phrase would break the sentence ("sticking to treatment data", "15% people dropping
// out", "to informing"): none is offered, and the message says to reword.
std::vector<std::string> fitting(const std::vector<std::string>& use, const std::string& original,
                                 const Surroundings& at) {
  const std::size_t words = word_count(original);
  const bool longer_breaks = at.noun_follows || at.after_number || at.after_modifier;
  std::vector<std::string> out;
  bool clause_dropped = false;
  for (const std::string& alt : use) {
    if (at.ing_follows && last_word(alt) == "to") continue;
    if ((at.after_determiner || at.of_follows) && is_clause(alt)) {
      clause_dropped = true;
      continue;
    }
    const bool longer = word_count(alt) > words;
    if (longer && at.after_number) continue;  // "15% people dropping out" lacks an "of"
    // "exercise adherence" → "exercise sticking to treatment": the word before described the
    // match, and cannot describe a phrase.
    if (longer && at.after_modifier) continue;
    if (longer && at.word_follows && !ends_in_particle(alt) &&
        !(!at.noun_follows && extends_another(alt, use)))
      continue;
    out.push_back(alt);
  }
  if (!out.empty() || at.ing_follows || longer_breaks || clause_dropped) return out;
  return use;
}

// Adverbs that often follow a noun phrase: "the elderly often fall" has no noun after "elderly".
bool is_common_adverb(std::string_view word) {
  static const std::set<std::string_view> words = {
      "again",     "almost",  "already", "always",   "even",   "ever",      "generally", "here",
      "however",   "just",    "less",    "mainly",   "mostly", "much",      "never",     "now",
      "often",     "perhaps", "rarely",  "really",   "seldom", "sometimes", "still",     "there",
      "therefore", "thus",    "today",   "together", "too",    "usually",   "well",      "yet"};
  return words.count(word) > 0;
}

// Words that do not start a noun phrase: after "postnatal and antenatal care" or "is postnatal",
// the word swapped is not straight before its noun.
bool is_function_word(std::string_view word) {
  static const std::set<std::string_view> words = {
      "a",     "about",  "across",  "after", "all",   "also",  "among",  "an",     "and",
      "any",   "are",    "as",      "at",    "be",    "been",  "being",  "before", "between",
      "both",  "but",    "by",      "can",   "could", "did",   "do",     "does",   "during",
      "each",  "either", "for",     "from",  "had",   "has",   "have",   "he",     "her",
      "his",   "i",      "if",      "in",    "into",  "is",    "it",     "its",    "may",
      "might", "more",   "most",    "must",  "no",    "nor",   "not",    "of",     "on",
      "only",  "or",     "our",     "over",  "per",   "she",   "should", "so",     "such",
      "than",  "that",   "the",     "their", "them",  "then",  "these",  "they",   "this",
      "those", "to",     "under",   "until", "up",    "very",  "via",    "was",    "we",
      "were",  "what",   "when",    "where", "which", "while", "who",    "whose",  "will",
      "with",  "within", "without", "would", "you",   "your"};
  return words.count(word) > 0;
}

// A noun (or a word of its phrase) follows straight after the match, in the same sentence:
// "postnatal depression", "evidence-based toolkit", "implementation fidelity".
bool noun_follows(const Document& doc, const PhraseMatch& m) {
  if (!word_follows(doc, m)) return false;
  const Token& next = doc.tokens[m.last_token];
  return !next.is_number && !is_function_word(next.lower) && !is_common_adverb(next.lower);
}

// A number, or a number and %, straight before the match: "15% attrition", "200 participants".
bool number_before(const Document& doc, const PhraseMatch& m) {
  const Sentence& s = doc.sentences[m.sentence];
  if (m.first_token <= s.first_token) return false;
  const Token& before = doc.tokens[m.first_token - 1];
  if (!before.is_number) return false;
  for (std::size_t i = before.end; i < m.begin && i < doc.prose.size(); ++i)
    if (doc.source.bytes[i] != ' ' && doc.source.bytes[i] != '%') return false;
  return true;
}

// The word straight before the match in its sentence, with only a space between; null if none.
const Token* word_before(const Document& doc, const PhraseMatch& m) {
  const Sentence& s = doc.sentences[m.sentence];
  if (m.first_token <= s.first_token) return nullptr;
  const Token& before = doc.tokens[m.first_token - 1];
  for (std::size_t i = before.end; i < m.begin && i < doc.prose.size(); ++i)
    if (doc.prose[i] != ' ') return nullptr;
  return &before;
}

// "remains suboptimal", "seems unclear": what follows describes the subject, and a phrase
// fits there as well as a word ("remains less than ideal").
bool is_linking_verb(std::string_view word) {
  static const std::set<std::string_view> words = {
      "remain",   "remains", "remained", "seem",   "seems",  "seemed", "appear", "appears",
      "appeared", "become",  "becomes",  "became", "stay",   "stays",  "stayed", "feel",
      "feels",    "felt",    "look",     "looks",  "looked", "get",    "gets",   "got"};
  return words.count(word) > 0;
}

bool is_determiner(std::string_view word) {
  static const std::set<std::string_view> words = {
      "the", "a",   "an",   "this", "that", "these", "those", "its",  "their", "our",
      "his", "her", "your", "my",   "each", "every", "any",   "some", "no"};
  return words.count(word) > 0;
}

Surroundings surroundings(const Document& doc, const PhraseMatch& m) {
  Surroundings at;
  if (const Token* before = word_before(doc, m)) {
    const bool letters = std::isalpha(static_cast<unsigned char>(before->lower[0])) != 0;
    at.after_determiner = is_determiner(before->lower);
    at.after_modifier = letters && !before->is_number && !is_function_word(before->lower) &&
                        !is_common_adverb(before->lower) && !is_linking_verb(before->lower);
  }
  at.word_follows = word_follows(doc, m);
  // An abbreviation with a full stop ("e.g.", "i.e.", "cf.") stands for a phrase that leads
  // into what follows ("for example diabetes"); it never describes a noun.
  at.noun_follows = noun_follows(doc, m) && doc.source.bytes[m.end - 1] != '.';
  if (at.word_follows) {
    const std::string& next = doc.tokens[m.last_token].lower;
    at.ing_follows = next.size() > 5 && next.ends_with("ing");
    at.of_follows = next == "of";
  }
  at.after_number = number_before(doc, m);
  return at;
}

// Why the message offers no swap: the word around it that a plain word cannot simply stand
// beside.
std::string why_no_swap_fits(const Document& doc, const PhraseMatch& m, const Surroundings& at) {
  const auto text_of = [&](const Token& t) {
    return doc.source.bytes.substr(t.begin, t.end - t.begin);
  };
  const bool word_before_is_why = at.after_number || at.after_modifier || at.after_determiner;
  if (at.word_follows &&
      (at.noun_follows || at.ing_follows || at.of_follows || !word_before_is_why))
    return fmt::format("Before '{}' the swap does not fit as it is: reword the phrase.",
                       text_of(doc.tokens[m.last_token]));
  return fmt::format("After '{}' the swap does not fit as it is: reword the phrase.",
                     text_of(doc.tokens[m.first_token - 1]));
}

// The match ends its clause after other words of its sentence: punctuation or the sentence's end
// follows, and it does not open the sentence ("Accordingly, we...").
bool starts_sentence(const Document& doc, const PhraseMatch& m) {
  return m.first_token == doc.sentences[m.sentence].first_token;
}

bool ends_clause(const Document& doc, const PhraseMatch& m) {
  return m.first_token > doc.sentences[m.sentence].first_token && !word_follows(doc, m);
}

// One of `words` within the four words after the match, with only spaces between (the same
// clause): "provide [the staff] with", "present [them] with". Not after "a" or "an" straight
// after the match: "provide a leaflet with pictures" gives a thing that has them.
const Token* word_soon_after(const Document& doc, const PhraseMatch& m,
                             const std::vector<std::string>& words) {
  if (words.empty()) return nullptr;
  const Sentence& s = doc.sentences[m.sentence];
  // ...unless the rule names the article itself ("facilitate an improvement").
  if (m.last_token < s.last_token &&
      (doc.tokens[m.last_token].lower == "a" || doc.tokens[m.last_token].lower == "an") &&
      std::find(words.begin(), words.end(), doc.tokens[m.last_token].lower) == words.end())
    return nullptr;
  std::size_t from = m.end;
  for (std::uint32_t i = m.last_token; i < s.last_token && i < m.last_token + 4; ++i) {
    const Token& t = doc.tokens[i];
    for (std::size_t j = from; j < t.begin && j < doc.prose.size(); ++j)
      if (doc.prose[j] != ' ') return nullptr;
    if (std::find(words.begin(), words.end(), t.lower) != words.end()) return &t;
    from = t.end;
  }
  return nullptr;
}

// Whether a word is said with a vowel sound first, so takes "an": by its spelling, with the
// common exceptions ("an hour", "a user", "a one-off"). Empty when unsure (a number, an acronym).
std::optional<bool> takes_an(std::string_view fix) {
  std::string word;
  for (char c : fix.substr(0, fix.find(' ')))
    word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (word.empty() || !std::isalpha(static_cast<unsigned char>(word[0]))) return std::nullopt;
  if (fix.size() > 1 && std::isupper(static_cast<unsigned char>(fix[0])) &&
      std::isupper(static_cast<unsigned char>(fix[1])))
    return std::nullopt;
  const auto starts = [&](std::string_view prefix) { return word.rfind(prefix, 0) == 0; };
  for (std::string_view silent_h : {"hour", "honest", "honou", "heir"})
    if (starts(silent_h)) return true;
  for (std::string_view an : {"unim", "unin", "unid"})
    if (starts(an)) return true;
  for (std::string_view said_with_y_or_w :
       {"one", "once", "uni", "use", "usu", "uti", "ute", "uro", "eu", "ewe"})
    if (starts(said_with_y_or_w)) return false;
  return std::string_view("aeiou").find(word[0]) != std::string_view::npos;
}

// A fix as an edit: the bytes it replaces and the texts offered there.
struct FixEdit {
  std::size_t begin = 0, end = 0;
  std::vector<std::string> texts;
};

// "an intervention" → "a treatment": when a fix needs the other article, the edit takes in the
// article before the words and gives each fix its own.
void fit_article(const Document& doc, const PhraseMatch& m, FixEdit& edit) {
  const Sentence& s = doc.sentences[m.sentence];
  if (m.first_token == s.first_token) return;
  const Token& before = doc.tokens[m.first_token - 1];
  if (before.lower != "a" && before.lower != "an") return;
  for (std::size_t i = before.end; i < m.begin; ++i)
    if (doc.source.bytes[i] != ' ') return;
  // "a comorbidity" → "another health condition": a fix that brings its own determiner takes
  // the article's place; one that cannot follow an article ("an additional visit" → "a more
  // visit") is not offered there while another fix is.
  const auto first_word = [](const std::string& text) {
    std::string word;
    for (char c : text.substr(0, text.find(' ')))
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return word;
  };
  static const std::array<std::string_view, 7> own_determiner = {"another", "the", "some", "each",
                                                                 "every",   "one", "any"};
  static const std::array<std::string_view, 5> no_article = {"more", "fewer", "less", "much",
                                                             "many"};
  const auto in = [](const auto& list, const std::string& word) {
    return std::find(list.begin(), list.end(), word) != list.end();
  };
  std::vector<std::string> kept;
  for (const std::string& text : edit.texts)
    if (!in(no_article, first_word(text))) kept.push_back(text);
  if (!kept.empty()) edit.texts = std::move(kept);
  const bool has_an = before.lower == "an";
  const bool any_differs = std::any_of(edit.texts.begin(), edit.texts.end(), [&](const auto& t) {
    const std::optional<bool> an = takes_an(t);
    return (an && *an != has_an) || in(own_determiner, first_word(t));
  });
  if (!any_differs) return;
  const bool capital = std::isupper(static_cast<unsigned char>(doc.source.bytes[before.begin]));
  for (std::string& text : edit.texts) {
    if (in(own_determiner, first_word(text))) {
      if (capital) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
      continue;
    }
    const bool an = takes_an(text).value_or(has_an);
    text = std::string(an ? (capital ? "An " : "an ") : (capital ? "A " : "a ")) + text;
  }
  edit.begin = before.begin;
}

bool starts_with_apostrophe(const std::string& bytes, std::size_t at) {
  return bytes.compare(at, 1, "'") == 0 || bytes.compare(at, 3, "\xE2\x80\x99") == 0;
}

// Before a possessive ("participant's carer"), a fix of several words would read badly ("person
// taking part's carer"): one-word fixes only, while there is one.
void prefer_one_word_before_possessive(const Document& doc, const PhraseMatch& m,
                                       std::vector<std::string>& texts) {
  if (!starts_with_apostrophe(doc.source.bytes, m.end)) return;
  std::vector<std::string> one_word;
  for (const std::string& text : texts)
    if (text.find(' ') == std::string::npos) one_word.push_back(text);
  if (!one_word.empty()) texts = std::move(one_word);
}

// "participants' views" → "people's views": a plural's apostrophe after the words becomes 's
// when a fix does not end in s.
void fit_plural_possessive(const Document& doc, const PhraseMatch& m, FixEdit& edit) {
  const std::string& bytes = doc.source.bytes;
  if (m.end == 0 || std::tolower(static_cast<unsigned char>(bytes[m.end - 1])) != 's') return;
  std::size_t after = m.end;
  std::string_view apostrophe;
  if (bytes.compare(after, 1, "'") == 0) apostrophe = "'";
  if (bytes.compare(after, 3, "\xE2\x80\x99") == 0) apostrophe = "\xE2\x80\x99";
  if (apostrophe.empty()) return;
  after += apostrophe.size();
  if (after < bytes.size() && std::isalpha(static_cast<unsigned char>(bytes[after]))) return;
  bool changed = false;
  for (std::string& text : edit.texts) {
    const bool ends_in_s =
        !text.empty() && std::tolower(static_cast<unsigned char>(text.back())) == 's';
    text += apostrophe;
    if (!ends_in_s) {
      text += 's';
      changed = true;
    }
  }
  if (changed) {
    edit.end = after;
  } else {
    for (std::string& text : edit.texts) text.resize(text.size() - apostrophe.size());
  }
}

// Whether `text` ends with `words` as whole words, ignoring ASCII case.
bool ends_with_words(std::string_view text, std::string_view words) {
  if (words.empty() || text.size() < words.size()) return false;
  const std::string_view tail = text.substr(text.size() - words.size());
  for (std::size_t i = 0; i < words.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(tail[i])) !=
        std::tolower(static_cast<unsigned char>(words[i])))
      return false;
  return text.size() == words.size() ||
         !std::isalnum(static_cast<unsigned char>(text[text.size() - words.size() - 1]));
}

// "High blood pressure (hypertension)" or "hypertension (high blood pressure)": the writer gives
// the plain words and the term together, as plain-English guides ask. A swap would say the same
// thing twice.
bool beside_its_plain_words(const Document& doc, const PhraseMatch& m,
                            const std::vector<std::string>& use) {
  const std::string_view bytes = doc.source.bytes;
  std::size_t open = m.begin;
  while (open > 0 && bytes[open - 1] == ' ') --open;
  if (open > 0 && bytes[open - 1] == '(') {
    std::size_t end = open - 1;
    while (end > 0 && bytes[end - 1] == ' ') --end;
    const std::string_view before = bytes.substr(0, end);
    for (const std::string& plain : use)
      if (ends_with_words(before, plain)) return true;
  }
  std::size_t after = m.end;
  while (after < bytes.size() && bytes[after] == ' ') ++after;
  if (after < bytes.size() && bytes[after] == '(') {
    const std::size_t close = bytes.find(')', after);
    if (close != std::string_view::npos) {
      std::string_view inside = bytes.substr(after + 1, close - after - 1);
      while (!inside.empty() && inside.front() == ' ') inside.remove_prefix(1);
      for (const std::string& plain : use)
        if (inside.size() >= plain.size() && ends_with_words(inside.substr(0, plain.size()), plain))
          return true;
    }
  }
  return false;
}

// A heading that is only the matched words ("## Dissemination", "Methodology:") is a label that
// forms, readers and sayso's own section finder look for: "## Sharing" would lose it, and on its
// own says less.
bool is_whole_heading(const Document& doc, const PhraseMatch& m) {
  const auto after = std::upper_bound(doc.blocks.begin(), doc.blocks.end(), m.begin,
                                      [](std::size_t at, const Block& b) { return at < b.begin; });
  if (after == doc.blocks.begin()) return false;
  const Block& block = *std::prev(after);
  if (block.kind != BlockKind::Heading || m.end > block.end) return false;
  const std::string_view text = doc.source.bytes;
  const auto only_marks = [](std::string_view part) {
    return part.find_first_not_of(" \t#:?.*_") == std::string_view::npos;
  };
  return only_marks(text.substr(block.begin, m.begin - block.begin)) &&
         only_marks(text.substr(m.end, block.end - m.end));
}

// Every word of the match capitalised (or in capitals), not first in its sentence, with a
// capitalised word (not in capitals) before or after it: part of a name, "the Additional Roles
// Reimbursement Scheme", "Consolidated Framework for Implementation Research". Renaming it would
// make the text wrong; the reader could no longer look it up.
bool inside_name(const Document& doc, const PhraseMatch& m) {
  const Sentence& s = doc.sentences[m.sentence];
  if (m.first_token < s.first_token || m.first_token >= m.last_token) return false;
  const auto name_word = [&](std::uint32_t i) {
    return doc.tokens[i].capitalised && !doc.tokens[i].all_caps;
  };
  // First in its sentence, a capital says nothing, but a name word straight after, one space
  // between, makes a name of both: "Versus Arthritis will share…" (a charity).
  if (m.first_token == s.first_token)
    return m.last_token < s.last_token && name_word(m.last_token) &&
           doc.tokens[m.last_token].begin == doc.tokens[m.last_token - 1].end + 1 &&
           doc.prose[doc.tokens[m.last_token - 1].end] == ' ';
  // The match itself may be in capitals: "VS Code", "IT Services" are names too.
  for (std::uint32_t i = m.first_token; i < m.last_token; ++i)
    if (!doc.tokens[i].capitalised) return false;
  const bool before = m.first_token - 1 > s.first_token && name_word(m.first_token - 1);
  const bool after = m.last_token < s.last_token && name_word(m.last_token);
  return before || after;
}

// The match is a word of a name defined by the short form after it: "Digital health
// interventions (DHIs)". Swapped, the words would no longer spell the short form out.
bool spells_out_short_form(const Document& doc, const PhraseMatch& m) {
  const Sentence& s = doc.sentences[m.sentence];
  std::string initials;
  for (std::uint32_t i = m.first_token; i < s.last_token && i < m.last_token + 4; ++i) {
    const Token& t = doc.tokens[i];
    const bool bracketed = t.begin > 0 && doc.source.bytes[t.begin - 1] == '(';
    if (bracketed && i >= m.last_token) {
      // The brackets hold the short form alone: "(DHIs)", not "(IMD quintile)".
      if (t.end >= doc.source.bytes.size() || doc.source.bytes[t.end] != ')') return false;
      std::string capitals;
      for (std::size_t b = t.begin; b < t.end; ++b)
        if (std::isupper(static_cast<unsigned char>(doc.source.bytes[b])))
          capitals += doc.source.bytes[b];
      return capitals.size() >= 2 && initials.size() <= capitals.size() &&
             capitals.ends_with(initials);
    }
    if (t.lower == "(") continue;
    if (t.lower.empty() || !std::isalpha(static_cast<unsigned char>(t.lower[0]))) return false;
    initials += static_cast<char>(std::toupper(static_cast<unsigned char>(t.lower[0])));
  }
  return false;
}

class SubstitutionCheck : public RuleCheck {
 public:
  SubstitutionCheck(std::vector<Swap> swaps, bool skip_quoted)
      : swaps_(std::move(swaps)), skip_quoted_(skip_quoted) {
    for (std::uint32_t i = 0; i < swaps_.size(); ++i) {
      for (const auto& phrase : swaps_[i].instead_of) {
        phrases_.push_back(phrase);
        phrase_to_swap_.push_back(i);
      }
      for (const auto& phrase : swaps_[i].not_in) {
        protected_phrases_.push_back(phrase);
        protected_to_swap_.push_back(i);
      }
    }
  }

  std::vector<std::vector<std::string>> phrase_groups() const override {
    return {phrases_, protected_phrases_};
  }

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    // Longest match wins at each place; overlapping shorter ones are dropped.
    std::vector<const PhraseMatch*> found = ctx.group(0);
    std::sort(found.begin(), found.end(), [](const PhraseMatch* a, const PhraseMatch* b) {
      return a->begin != b->begin ? a->begin < b->begin : a->end > b->end;
    });
    std::size_t covered_until = 0;
    Quotations quotations(ctx.doc);
    const std::vector<const PhraseMatch*> set_phrases = ctx.group(1);
    for (const PhraseMatch* m : found) {
      if (m->with_filler || m->begin < covered_until || !ctx.in_scope(m->begin) ||
          in_capitals_label(ctx.doc, *m))
        continue;
      covered_until = m->end;
      // A word in quotation marks is talked about, not used: "the panel said 'exacerbation'
      // was jargon".
      if (skip_quoted_ && quotations.contain(m->begin, m->end)) continue;
      const std::uint32_t swap_index = phrase_to_swap_[m->ref.item];
      if (inside_name(ctx.doc, *m) || is_whole_heading(ctx.doc, *m) ||
          in_set_phrase(set_phrases, *m, swap_index) || spells_out_short_form(ctx.doc, *m))
        continue;
      const Swap& swap = swaps_[swap_index];
      if (beside_its_plain_words(ctx.doc, *m, swap.use)) continue;
      const std::string original = ctx.doc.source.bytes.substr(m->begin, m->end - m->begin);
      const std::string model = case_model(ctx.doc, *m, original);
      const Surroundings at = surroundings(ctx.doc, *m);
      std::vector<std::string> alternatives =
          // Before a possessive the one-word fix comes from the usual list: "People's carers",
          // not "People taking part's carers".
          swap.at_start && starts_sentence(ctx.doc, *m) &&
                  !starts_with_apostrophe(ctx.doc.source.bytes, m->end)
              ? *swap.at_start
          : swap.before_noun && at.noun_follows     ? *swap.before_noun
          : swap.at_end && ends_clause(ctx.doc, *m) ? *swap.at_end
                                                    : fitting(swap.use, original, at);
      const Token* later = word_soon_after(ctx.doc, *m, swap.reword_before);
      if (later != nullptr) alternatives.clear();
      const std::string& named = alternatives.empty() ? swap.use.front() : alternatives.front();
      FixEdit edit{m->begin, m->end, {}};
      for (const auto& alt : alternatives) edit.texts.push_back(match_case(model, alt));
      prefer_one_word_before_possessive(ctx.doc, *m, edit.texts);
      fit_article(ctx.doc, *m, edit);
      fit_plural_possessive(ctx.doc, *m, edit);
      // The fixes keep the sentence's case ("People" first in a sentence); a list of them in the
      // message is read inside a sentence, so it keeps the rule's own case.
      Diagnostic d = ctx.make(
          edit.begin, edit.end,
          {{"suggestions", join_list(alternatives.empty() ? swap.use : alternatives, " or ")},
           {"match", words_as_read(ctx.doc, m->begin, m->end)},
           {"suggestion", match_case(model, named)}},
          std::move(edit.texts));
      // The rule's message names the plain word, which cannot simply replace this one here
      // ("implementation fidelity"): say so, or the writer makes "roll-out fidelity".
      if (later != nullptr)
        d.message +=
            fmt::format(" With '{}' after it, the swap does not fit as it is: reword the phrase.",
                        ctx.doc.source.bytes.substr(later->begin, later->end - later->begin));
      else if (alternatives.empty())
        d.message += " " + why_no_swap_fits(ctx.doc, *m, at);
      out.push_back(std::move(d));
    }
  }

 private:
  // The match lies inside one of its swap's set phrases ("cardiac" in "cardiac arrest").
  bool in_set_phrase(const std::vector<const PhraseMatch*>& set_phrases, const PhraseMatch& m,
                     std::uint32_t swap_index) const {
    return std::any_of(set_phrases.begin(), set_phrases.end(), [&](const PhraseMatch* p) {
      return protected_to_swap_[p->ref.item] == swap_index && p->begin <= m.begin &&
             m.end <= p->end;
    });
  }

  std::vector<Swap> swaps_;
  bool skip_quoted_;
  std::vector<std::string> phrases_;
  std::vector<std::uint32_t> phrase_to_swap_;
  std::vector<std::string> protected_phrases_;
  std::vector<std::uint32_t> protected_to_swap_;
};

const std::set<std::string> kSwapFields = {"instead_of", "use",      "source", "before_noun",
                                           "at_end",     "at_start", "not_in", "reword_before"};

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
    for (const DataNode& field : entry.children())
      if (!kSwapFields.count(field.key())) {
        const std::string close =
            closest_name(field.key(), {kSwapFields.begin(), kSwapFields.end()});
        throw KindError{
            fmt::format("a swap pair has no field '{}'{} (its fields: instead_of, use, "
                        "source, before_noun, at_start, at_end, reword_before, not_in)",
                        field.key(), close.empty() ? "" : ": did you mean '" + close + "'?"),
            field.key_line()};
      }
    try {
      swap.instead_of = param_strings(entry, "instead_of", true);
      swap.use = param_strings(entry, "use", true);
      swap.source = param_string(entry, "source", "");
      if (entry["before_noun"]) swap.before_noun = param_strings(entry, "before_noun", false);
      if (entry["at_end"]) swap.at_end = param_strings(entry, "at_end", true);
      if (entry["at_start"]) swap.at_start = param_strings(entry, "at_start", true);
      swap.reword_before = param_strings(entry, "reword_before", false);
      swap.not_in = param_strings(entry, "not_in", false);
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
