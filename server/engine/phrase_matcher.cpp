#include "engine/phrase_matcher.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/parallel.h"
#include "core/segmentation.h"

namespace sayso {
namespace {

bool has_word_character(std::string_view s) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) return true;
  }
  return false;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// "participant's" (a folded token): "participant", so a phrase ending in that word matches its
// possessive too. Not the short words whose 's is "is" ("it's", "there's").
std::string possessive_stem(const std::string& word) {
  static const std::unordered_set<std::string> is_contraction = {
      "it", "he", "she", "that", "there", "here", "what", "who", "where", "let", "how", "when"};
  if (word.size() < 4 || word.compare(word.size() - 2, 2, "'s") != 0) return "";
  std::string stem = word.substr(0, word.size() - 2);
  return is_contraction.count(stem) ? "" : stem;
}

// Where a possessive token's word ends in the source: before its ' or ’ and the s.
std::size_t possessive_stem_end(const Document& doc, const Token& token) {
  const std::string_view text =
      std::string_view(doc.source.bytes).substr(token.begin, token.end - token.begin);
  if (text.size() >= 4 && text.compare(text.size() - 4, 4, "\xE2\x80\x99s") == 0)
    return token.end - 4;
  return token.end - 2;
}

}  // namespace

std::vector<std::string> phrase_words(std::string_view phrase) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && is_space(phrase[i])) ++i;
    std::size_t start = i;
    while (i < phrase.size() && !is_space(phrase[i])) ++i;
    if (i > start) words.push_back(fold_word(phrase.substr(start, i - start)));
  }
  // Trailing punctuation on a word ("sought.") is not part of it; "*" and inner marks are, and
  // so is the final dot of "e.g." and "i.e.", which segmentation keeps on the word.
  for (auto& w : words) {
    const bool dotted_abbreviation = w.size() == 4 && w[1] == '.' && w[3] == '.';
    while (!dotted_abbreviation && w.size() > 1 &&
           (w.back() == '.' || w.back() == ',' || w.back() == ';' || w.back() == ':' ||
            w.back() == '!' || w.back() == '?'))
      w.pop_back();
  }
  return words;
}

std::uint32_t PhraseMatcher::child(std::uint32_t node, const std::string& word) {
  auto make = [this]() {
    nodes_.emplace_back();
    return static_cast<std::uint32_t>(nodes_.size() - 1);
  };
  if (word == "*") {
    if (nodes_[node].any == 0) {
      std::uint32_t n = make();
      nodes_[node].any = n;
    }
    return nodes_[node].any;
  }
  if (word.size() > 1 && word.back() == '*') {
    std::string prefix = word.substr(0, word.size() - 1);
    for (const auto& [p, n] : nodes_[node].prefixes)
      if (p == prefix) return n;
    std::uint32_t n = make();
    nodes_[node].prefixes.emplace_back(prefix, n);
    return n;
  }
  auto it = nodes_[node].exact.find(word);
  if (it != nodes_[node].exact.end()) return it->second;
  std::uint32_t n = make();
  nodes_[node].exact.emplace(word, n);
  return n;
}

namespace {

std::string problem_with_words(const std::vector<std::string>& words) {
  if (words.empty()) return "an empty phrase";
  if (words.size() > PhraseMatcher::kMaxWords) return "a phrase of more than 8 words";
  if (std::all_of(words.begin(), words.end(), [](const std::string& w) { return w == "*"; }))
    return "a phrase made only of '*' would match everything";
  return "";
}

// Everyday contractions: a phrase matches its words written either way ("we will ask" and
// "we'll ask", "don't" and "do not"), as plain-English writers use both.
struct Contraction {
  std::string_view full, short_form;  // "we will", "we'll"
};
constexpr Contraction kContractions[] = {
    {"we will", "we'll"},        {"you will", "you'll"},    {"they will", "they'll"},
    {"i will", "i'll"},          {"it will", "it'll"},      {"he will", "he'll"},
    {"she will", "she'll"},      {"that will", "that'll"},  {"will not", "won't"},
    {"do not", "don't"},         {"does not", "doesn't"},   {"did not", "didn't"},
    {"is not", "isn't"},         {"are not", "aren't"},     {"was not", "wasn't"},
    {"were not", "weren't"},     {"cannot", "can't"},       {"could not", "couldn't"},
    {"should not", "shouldn't"}, {"would not", "wouldn't"}, {"have not", "haven't"},
    {"has not", "hasn't"},       {"had not", "hadn't"},     {"must not", "mustn't"},
    {"we are", "we're"},         {"you are", "you're"},     {"they are", "they're"},
    {"we have", "we've"},        {"you have", "you've"},    {"they have", "they've"},
    {"i have", "i've"},          {"i am", "i'm"},           {"it is", "it's"},
    {"that is", "that's"},       {"there is", "there's"},   {"we would", "we'd"},
    {"they would", "they'd"},    {"let us", "let's"}};

constexpr std::size_t kMaxSpellings = 16;

// `words` with the contractions from `at` on written both ways; at most kMaxSpellings.
void add_spellings(const std::vector<std::string>& words, std::size_t at,
                   std::vector<std::string>& so_far, std::vector<std::vector<std::string>>& out) {
  if (out.size() >= kMaxSpellings) return;
  if (at == words.size()) {
    if (std::find(out.begin(), out.end(), so_far) == out.end()) out.push_back(so_far);
    return;
  }
  const std::size_t mark = so_far.size();
  so_far.push_back(words[at]);
  add_spellings(words, at + 1, so_far, out);
  so_far.resize(mark);
  const std::string pair = at + 1 < words.size() ? words[at] + " " + words[at + 1] : "";
  for (const Contraction& c : kContractions) {
    if (!pair.empty() && pair == c.full) {  // "we will" → "we'll"
      so_far.emplace_back(c.short_form);
      add_spellings(words, at + 2, so_far, out);
      so_far.resize(mark);
    }
    if (words[at] == c.full) {  // "cannot" → "can't"
      so_far.emplace_back(c.short_form);
      add_spellings(words, at + 1, so_far, out);
      so_far.resize(mark);
    }
    if (words[at] == c.short_form) {  // "won't" → "will not"
      for (const auto& w : phrase_words(c.full)) so_far.push_back(w);
      add_spellings(words, at + 1, so_far, out);
      so_far.resize(mark);
    }
  }
}

// A phrase written as a pattern ("consult|consulted", "involv.*") matches only those very
// characters, so it would never fire; the writer meant a list or a regex.
std::string looks_like_pattern(std::string_view phrase) {
  const bool has_pattern_mark =
      phrase.find('|') != std::string_view::npos || phrase.find('\\') != std::string_view::npos ||
      phrase.find(".*") != std::string_view::npos || phrase.find(".+") != std::string_view::npos ||
      phrase.find("(?") != std::string_view::npos ||
      (phrase.find('[') != std::string_view::npos && phrase.find(']') != std::string_view::npos) ||
      phrase.front() == '^' || phrase.back() == '$';
  if (!has_pattern_mark) return "";
  return "written like a pattern: a phrase is matched word for word, so this one would never be "
         "found. Put each phrase on a line of its own (\"- consult\", \"- consulted\"), end a "
         "word with '*' for any ending (\"consult*\"), use '*' alone for any one word, or use "
         "'regex' for a pattern";
}

}  // namespace

std::string PhraseMatcher::problem_with(std::string_view phrase) {
  if (phrase.empty()) return "an empty phrase";
  if (std::string pattern = looks_like_pattern(phrase); !pattern.empty()) return pattern;
  if (!has_word_character(phrase)) return "";
  return problem_with_words(phrase_words(phrase));
}

std::string PhraseMatcher::add(std::string_view phrase, PhraseRef ref) {
  if (!has_word_character(phrase)) {
    if (phrase.empty()) return "an empty phrase";
    raw_.push_back({std::string(phrase), ref});
    ++phrase_count_;
    return "";
  }
  std::vector<std::string> words = phrase_words(phrase);
  if (std::string problem = problem_with_words(words); !problem.empty()) return problem;
  std::vector<std::vector<std::string>> spellings;
  std::vector<std::string> so_far;
  add_spellings(words, 0, so_far, spellings);
  for (const auto& spelling : spellings) {
    std::uint32_t node = 0;
    for (const auto& w : spelling) node = child(node, w);
    nodes_[node].outputs.push_back(ref);
  }
  ++phrase_count_;
  return "";
}

namespace {

// Words that may stand between a phrase's words without changing what it says.
bool is_filler(const std::string& word) {
  static const std::unordered_set<std::string> fillers = {
      "also", "then", "further", "additionally", "still", "now", "only", "always", "usually"};
  return fillers.count(word) > 0;
}

}  // namespace

void PhraseMatcher::walk(const Document& doc, std::uint32_t sentence, std::uint32_t start,
                         std::vector<PhraseMatch>& out) const {
  const std::uint32_t last = doc.sentences[sentence].last_token;
  // Depth-first over the trie; branching only at "word*" and "*" edges, depth ≤ kMaxWords.
  struct Frame {
    std::uint32_t node, token;
    bool skipped;       // a filler word was skipped on the way here
    bool after_filler;  // ...just now: this node's phrases were reported without it
    bool possessive;    // the last word matched without its 's, which ends the phrase
  };
  Frame stack[64];
  std::size_t depth = 0;
  stack[depth++] = {0, start, false, false, false};
  while (depth > 0) {
    Frame f = stack[--depth];
    const Node& n = nodes_[f.node];
    if (f.token > start && !f.after_filler) {
      const Token& end_token = doc.tokens[f.token - 1];
      const std::size_t end =
          f.possessive ? possessive_stem_end(doc, end_token) : std::size_t{end_token.end};
      for (const PhraseRef& ref : n.outputs)
        out.push_back({doc.tokens[start].begin, end, start, f.token, sentence, ref, f.skipped});
    }
    if (f.possessive || f.token >= last || f.token - start >= kMaxWords) continue;
    const std::string& word = doc.tokens[f.token].lower;
    auto push = [&](std::uint32_t next) {
      if (depth < 64) stack[depth++] = {next, f.token + 1, f.skipped, false, false};
    };
    if (auto it = n.exact.find(word); it != n.exact.end()) push(it->second);
    if (const std::string stem = possessive_stem(word); !stem.empty() && depth < 64)
      if (auto it = n.exact.find(stem); it != n.exact.end() && !nodes_[it->second].outputs.empty())
        stack[depth++] = {it->second, f.token + 1, f.skipped, false, true};
    for (const auto& [prefix, next] : n.prefixes)
      if (word.size() >= prefix.size() && word.compare(0, prefix.size(), prefix) == 0) push(next);
    if (n.any) push(n.any);
    // Inside a phrase (not before its first word), skip one filler word.
    if (f.node != 0 && !f.skipped && !f.after_filler && is_filler(word) && depth < 64)
      stack[depth++] = {f.node, f.token + 1, true, true, false};
  }
}

void PhraseMatcher::match_sentences(const Document& doc, std::uint32_t first, std::uint32_t last,
                                    std::vector<PhraseMatch>& out) const {
  const std::string_view prose = doc.prose;
  for (std::uint32_t s = first; s < last; ++s) {
    const Sentence& sentence = doc.sentences[s];
    for (std::uint32_t t = sentence.first_token; t < sentence.last_token; ++t) walk(doc, s, t, out);
    if (raw_.empty()) continue;
    const std::string_view text = prose.substr(sentence.begin, sentence.end - sentence.begin);
    for (const RawCue& cue : raw_) {
      std::size_t at = text.find(cue.text);
      if (at == std::string_view::npos) continue;
      std::size_t b = sentence.begin + at;
      out.push_back(
          {b, b + cue.text.size(), sentence.first_token, sentence.first_token, s, cue.ref});
    }
  }
}

std::vector<PhraseMatch> PhraseMatcher::match(const Document& doc) const {
  // A long document's sentences are matched in runs on every core, joined in order.
  constexpr std::uint32_t kMinSentencesPerRun = 1000;
  const auto sentences = static_cast<std::uint32_t>(doc.sentences.size());
  const auto runs = static_cast<std::uint32_t>(pieces_for(sentences, kMinSentencesPerRun));
  std::vector<PhraseMatch> out;
  if (runs <= 1) {
    match_sentences(doc, 0, sentences, out);
    return out;
  }
  std::vector<std::vector<PhraseMatch>> found(runs);
  run_pieces(runs, [&](std::size_t i) {
    match_sentences(doc, static_cast<std::uint32_t>(sentences * i / runs),
                    static_cast<std::uint32_t>(sentences * (i + 1) / runs), found[i]);
  });
  for (const std::vector<PhraseMatch>& run : found) out.insert(out.end(), run.begin(), run.end());
  return out;
}

}  // namespace sayso
