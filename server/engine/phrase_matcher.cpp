#include "engine/phrase_matcher.h"

#include <algorithm>
#include <cctype>

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

}  // namespace

std::string PhraseMatcher::problem_with(std::string_view phrase) {
  if (!has_word_character(phrase)) return phrase.empty() ? "an empty phrase" : "";
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
  std::uint32_t node = 0;
  for (const auto& w : words) node = child(node, w);
  nodes_[node].outputs.push_back(ref);
  ++phrase_count_;
  return "";
}

void PhraseMatcher::walk(const Document& doc, std::uint32_t sentence, std::uint32_t start,
                         std::vector<PhraseMatch>& out) const {
  const std::uint32_t last = doc.sentences[sentence].last_token;
  // Depth-first over the trie; branching only at "word*" and "*" edges, depth ≤ kMaxWords.
  struct Frame {
    std::uint32_t node, token;
  };
  Frame stack[64];
  std::size_t depth = 0;
  stack[depth++] = {0, start};
  while (depth > 0) {
    Frame f = stack[--depth];
    const Node& n = nodes_[f.node];
    if (f.token > start)
      for (const PhraseRef& ref : n.outputs)
        out.push_back(
            {doc.tokens[start].begin, doc.tokens[f.token - 1].end, start, f.token, sentence, ref});
    if (f.token >= last || f.token - start >= kMaxWords) continue;
    const std::string& word = doc.tokens[f.token].lower;
    auto push = [&](std::uint32_t next) {
      if (depth < 64) stack[depth++] = {next, f.token + 1};
    };
    if (auto it = n.exact.find(word); it != n.exact.end()) push(it->second);
    for (const auto& [prefix, next] : n.prefixes)
      if (word.size() >= prefix.size() && word.compare(0, prefix.size(), prefix) == 0) push(next);
    if (n.any) push(n.any);
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
