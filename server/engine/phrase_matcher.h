// All phrase rules compiled into one token trie, matched in one pass over a document's words.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/document.h"

namespace sayso {

// Which rule, which of its phrase lists, and which item of that list a phrase came from.
struct PhraseRef {
  std::uint32_t rule = 0;
  std::uint32_t group = 0;
  std::uint32_t item = 0;
};

struct PhraseMatch {
  std::size_t begin = 0, end = 0;                 // byte range
  std::uint32_t first_token = 0, last_token = 0;  // [first, last); equal for raw-text cues
  std::uint32_t sentence = 0;
  PhraseRef ref;
  // The words matched have a filler word between them ("we also consulted" for "we
  // consulted"): the match is not the phrase as written, so it is no place for a fix.
  bool with_filler = false;
};

// Phrase syntax: words separated by spaces; `word*` matches words starting with "word"; `*`
// alone matches any one word. A phrase with no letters or digits ("(", "£", " - ") is a raw text
// cue, found anywhere in a sentence. Between a phrase's words, one filler word that changes
// nothing ("also", "then", "still") may stand: "will also be sought" is "will be sought".
class PhraseMatcher {
 public:
  // Returns an error message ("" if fine). Phrases are case-insensitive.
  std::string add(std::string_view phrase, PhraseRef ref);
  // What add() would say of this phrase, without adding it.
  static std::string problem_with(std::string_view phrase);
  // Every match, in sentence order; at one start position every length that matches is reported.
  std::vector<PhraseMatch> match(const Document& doc) const;
  std::size_t size() const { return phrase_count_; }

  static constexpr std::size_t kMaxWords = 8;

 private:
  struct Node {
    std::unordered_map<std::string, std::uint32_t> exact;
    std::vector<std::pair<std::string, std::uint32_t>> prefixes;  // "word*"
    std::uint32_t any = 0;                                        // "*" (0 = none)
    std::vector<PhraseRef> outputs;
  };
  struct RawCue {
    std::string text;
    PhraseRef ref;
  };
  std::uint32_t child(std::uint32_t node, const std::string& word);
  void walk(const Document& doc, std::uint32_t sentence, std::uint32_t start,
            std::vector<PhraseMatch>& out) const;
  void match_sentences(const Document& doc, std::uint32_t first, std::uint32_t last,
                       std::vector<PhraseMatch>& out) const;

  std::vector<Node> nodes_{Node{}};
  std::vector<RawCue> raw_;
  std::size_t phrase_count_ = 0;
};

// Splits a phrase into lower-cased words (the same folding as the document's tokens).
std::vector<std::string> phrase_words(std::string_view phrase);

}  // namespace sayso
