#include "engine/text_stats.h"

#include <array>
#include <cctype>

#include <algorithm>
#include <set>
#include <string>

namespace sayso {
namespace {

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// Checked for every word of every sentence: a short list compared by length first beats a
// std::set<std::string> walk.
bool is_be_verb(std::string_view w) {
  static constexpr std::string_view words[] = {"am",    "is",     "are",    "was",
                                               "were",  "be",     "been",   "being",
                                               "isn't", "aren't", "wasn't", "weren't"};
  if (w.size() < 2 || w.size() > 7) return false;
  for (std::string_view v : words)
    if (v.size() == w.size() && v == w) return true;
  return false;
}

const std::set<std::string>& irregular_participles() {
  static const std::set<std::string> words = {
      "given",      "taken",      "seen",     "shown",   "done",      "made",   "known", "written",
      "chosen",     "held",       "kept",     "paid",    "sent",      "told",   "led",   "brought",
      "built",      "bought",     "taught",   "thought", "run",       "found",  "put",   "set",
      "read",       "heard",      "met",      "spent",   "won",       "driven", "drawn", "grown",
      "thrown",     "broken",     "spoken",   "stolen",  "forgotten", "hidden", "begun", "sought",
      "understood", "undertaken", "overseen", "funded"};
  return words;
}

// Adjectives that look like participles after "be" ("we are interested", "views were mixed"),
// and "is called", "is named", "is based", which name or place a thing: nobody does them.
const std::set<std::string>& participle_adjectives() {
  static const std::set<std::string> words = {
      "interested", "concerned", "worried", "tired", "excited", "pleased", "married", "supposed",
      "aged", "skilled", "experienced", "limited", "varied", "advanced", "detailed", "complicated",
      "qualified", "located", "mixed", "called", "named", "based", "retired", "surprised",
      // "is associated with", "is linked to": a state that no one does, so asking who does it
      // (the passive note's advice) cannot be followed.
      "associated", "linked", "related"};
  return words;
}

bool is_participle(const std::string& w) {
  if (participle_adjectives().count(w)) return false;
  // "is asthma-related", "are resident-reported", "is patient-led": a compound adjective.
  if (w.find('-') != std::string::npos) return false;
  if (irregular_participles().count(w)) return true;
  return w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0;
}

// A silent "e" inside a word, which the vowel groups count: the end of a first word in a
// compound ("someone", "lifelong", "homeless") or before a suffix ("safely", "careful",
// "statement", "makes").
std::size_t silent_inner_e(std::string_view word) {
  // Not "where" or "here": "wherever" and "hereditary" say their "e".
  static const std::array<std::string_view, 18> first_words = {
      "some",  "life", "home", "there", "care", "time", "like", "line", "side",
      "whole", "base", "case", "more",  "safe", "wide", "hope", "name", "fire"};
  std::size_t silent = 0;
  // A vowel after the "e" joins its vowel group ("someone"), so only a consonant counts.
  for (std::string_view first : first_words)
    if (word.size() >= first.size() + 3 && word.starts_with(first) &&
        !is_vowel(word[first.size()])) {
      silent = 1;
      break;
    }
  // consonant + "e" + suffix: "lately", "useful", "hopeless", "statement", "rudeness"; one
  // inner "e" at most ("careful" is not two fewer).
  static const std::array<std::string_view, 5> suffixes = {"ly", "ful", "less", "ment", "ness"};
  for (std::string_view suffix : suffixes) {
    if (silent > 0 || word.size() < suffix.size() + 3 || !word.ends_with(suffix)) continue;
    const std::size_t e = word.size() - suffix.size() - 1;
    if (word[e] == 'e' && !is_vowel(word[e - 1]) && word[e - 1] != 'l') {
      silent = 1;
      break;
    }
  }
  // "-es" after vowel + consonant ("makes", "times"), but not after a hissing sound ("places",
  // "changes", "uses", "boxes", "wishes"), where it is heard.
  if (word.size() >= 5 && word.ends_with("es")) {
    const char c = word[word.size() - 3];
    if (!is_vowel(c) && c != 's' && c != 'x' && c != 'z' && c != 'c' && c != 'g' && c != 'h' &&
        c != 'l' && is_vowel(word[word.size() - 4]) && word[word.size() - 4] != 'e')
      ++silent;
  }
  return silent;
}

}  // namespace

std::size_t count_syllables(std::string_view w) {
  // The word's letters a-z only; on the stack for any real word.
  char buffer[64];
  std::string long_word;
  std::size_t n = 0;
  for (char c : w)
    if (c >= 'a' && c <= 'z') {
      if (n < sizeof buffer) buffer[n] = c;
      ++n;
    }
  if (n > sizeof buffer) {
    for (char c : w)
      if (c >= 'a' && c <= 'z') long_word.push_back(c);
  }
  const std::string_view word =
      n > sizeof buffer ? std::string_view(long_word) : std::string_view(buffer, n);
  if (word.empty()) return 0;
  if (word.size() <= 3) return 1;
  std::size_t count = 0;
  bool previous_vowel = false;
  for (char c : word) {
    bool v = is_vowel(c);
    if (v && !previous_vowel) ++count;
    previous_vowel = v;
  }
  // Silent final "e" ("make"), but not "-le" ("people") or "-ee".
  if (word.back() == 'e' && !(word.size() > 2 && word[word.size() - 2] == 'l') &&
      !is_vowel(word[word.size() - 2]) && count > 1)
    --count;
  const std::size_t silent = silent_inner_e(word);
  count = count > silent ? count - silent : 1;
  // "-ed" is usually not a syllable ("used"), except after t/d ("wanted").
  if (word.size() > 3 && word.compare(word.size() - 2, 2, "ed") == 0) {
    char before = word[word.size() - 3];
    if (before != 't' && before != 'd' && count > 1) --count;
  }
  return count == 0 ? 1 : count;
}

double TextStats::flesch_reading_ease() const {
  if (!words || !sentences) return 100;
  return 206.835 - 1.015 * (double(words) / sentences) - 84.6 * (double(syllables) / words);
}

double TextStats::grade() const {
  if (!words || !sentences) return 0;
  return 0.39 * (double(words) / sentences) + 11.8 * (double(syllables) / words) - 15.59;
}

TextStats measure(const Document& doc, std::size_t begin, std::size_t end) {
  TextStats stats;
  // Sentences are in document order: start at the first one inside the range.
  auto first = std::lower_bound(doc.sentences.begin(), doc.sentences.end(), begin,
                                [](const Sentence& s, std::size_t at) { return s.begin < at; });
  for (auto it = first; it != doc.sentences.end() && it->begin < end; ++it) {
    const Sentence& s = *it;
    if (doc.blocks[s.block].kind == BlockKind::Heading) continue;
    std::size_t words = 0;
    for (std::uint32_t i = s.first_token; i < s.last_token; ++i) {
      const Token& t = doc.tokens[i];
      if (t.is_number) continue;
      ++words;
      stats.syllables += count_syllables(t.lower);
    }
    if (words == 0) continue;
    stats.words += words;
    ++stats.sentences;
    if (find_passive(doc, s).second) ++stats.passive_sentences;
  }
  return stats;
}

namespace {

// The word before token `i` can be its auxiliary ("will be", "has been"): written in small
// letters after its first ("HAs", hearing aids, is not "has") with only spaces between ("(HAs)
// is" has a bracket).
bool auxiliary_before(const Document& doc, std::uint32_t i) {
  const Token& before = doc.tokens[i - 1];
  for (std::size_t at = before.begin + 1; at < before.end; ++at)
    if (std::isupper(static_cast<unsigned char>(doc.prose[at]))) return false;
  for (std::size_t at = before.end; at < doc.tokens[i].begin; ++at)
    if (doc.prose[at] != ' ') return false;
  return true;
}

// "by the study statistician" after the verb: the sentence says who does it, which is all the
// passive note asks. Not "by post", "by 2026" or "by the end of May", which say how or when.
bool names_who_after(const Document& doc, const Sentence& s, std::uint32_t after) {
  if (after + 1 >= s.last_token || doc.tokens[after].lower != "by") return false;
  static const std::set<std::string> how_or_when = {
      "post",  "email", "e-mail", "phone",   "telephone", "letter", "text",    "hand",
      "video", "car",   "bus",    "train",   "law",       "chance", "default", "means",
      "far",   "then",  "now",    "mistake", "name",      "mail",   "courier", "rail"};
  static const std::set<std::string> time_after_the = {"end",    "time",   "start", "beginning",
                                                       "middle", "age",    "way",   "summer",
                                                       "autumn", "spring", "winter"};
  const Token& next = doc.tokens[after + 1];
  if (next.is_number) return false;
  if (how_or_when.count(next.lower)) return false;
  if (next.lower == "the" && after + 2 < s.last_token &&
      time_after_the.count(doc.tokens[after + 2].lower))
    return false;
  return true;
}

}  // namespace

std::pair<std::uint32_t, std::uint32_t> find_passive(const Document& doc, const Sentence& s) {
  for (std::uint32_t i = s.first_token; i + 1 < s.last_token; ++i) {
    if (!is_be_verb(doc.tokens[i].lower)) continue;
    std::uint32_t j = i + 1;
    // Allow one adverb or "not" between: "will be carefully measured", "is not funded".
    const std::string& next = doc.tokens[j].lower;
    if ((next == "not" || (next.size() > 4 && next.compare(next.size() - 2, 2, "ly") == 0)) &&
        j + 1 < s.last_token)
      ++j;
    if (!is_participle(doc.tokens[j].lower) || names_who_after(doc, s, j + 1)) continue;
    std::uint32_t first = i;
    if (first > s.first_token && auxiliary_before(doc, first) &&
        (doc.tokens[first - 1].lower == "will" || doc.tokens[first - 1].lower == "would" ||
         doc.tokens[first - 1].lower == "has" || doc.tokens[first - 1].lower == "have" ||
         doc.tokens[first - 1].lower == "had" || doc.tokens[first - 1].lower == "can" ||
         doc.tokens[first - 1].lower == "could" || doc.tokens[first - 1].lower == "should" ||
         doc.tokens[first - 1].lower == "must" || doc.tokens[first - 1].lower == "may"))
      --first;
    return {first, j + 1};
  }
  return {0, 0};
}

}  // namespace sayso
