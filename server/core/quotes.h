// Quoted words and negated words: someone else's words, or the writer saying what they do not
// do ("a lay member will sit on the committee" quoted from a panel's criticism; "Nobody will be
// asked to volunteer"). Checks that judge the writer's own plans leave both alone.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/document.h"

namespace sayso {

// Byte ranges [begin, end) of the quotations in text[begin, end), quotation marks included:
// "…", “…”, ‘…’ and '…' (an apostrophe in "we're" or "parents' views" opens nothing). A
// quotation that is not closed inside the range is not one.
std::vector<std::pair<std::size_t, std::size_t>> quoted_spans(std::string_view text,
                                                              std::size_t begin, std::size_t end);

// Whether [begin, end) lies inside a quotation in its paragraph, or in a block quotation. Each
// paragraph is scanned once, when first asked about: a check that asks about every match stays
// linear.
class Quotations {
 public:
  explicit Quotations(const Document& doc) : doc_(doc) {}
  bool contain(std::size_t begin, std::size_t end) { return enclosing(begin, end).has_value(); }
  // The quotation (quotation marks included) or block quotation that holds [begin, end).
  std::optional<std::pair<std::size_t, std::size_t>> enclosing(std::size_t begin, std::size_t end);

 private:
  // Double and single quotations, each sorted and not overlapping among themselves.
  struct InBlock {
    std::vector<std::pair<std::size_t, std::size_t>> doubles, singles;
  };
  const InBlock& of_block(std::size_t block);

  const Document& doc_;
  std::unordered_map<std::size_t, InBlock> blocks_;
};

// Whether the token `first` is negated: "not", "no", "never", "nobody", "no longer",
// "instead of", "rather than" or a "n't" word up to 8 words before it in its clause (a comma,
// colon, bracket, dash or "but" ends the clause).
bool is_negated(const Document& doc, std::uint32_t sentence, std::uint32_t first);

// Whether the token `first` is in what a sentence reports others said or found: a reporting
// word and "that" before it ("Audits found that many teams write that PPI will be sought";
// "Published papers often say that the public were consulted"). A study of involvement
// reports the phrases a plan should not use.
bool is_reported(const Document& doc, std::uint32_t sentence, std::uint32_t first);

// A claim that is quoted, negated or reported ("we had called it "co-produced""; "We no longer call
// it co-produced") is not the writer's claim.
bool quoted_or_negated(const Document& doc, Quotations& quotations, std::uint32_t sentence,
                       std::uint32_t first_token, std::size_t begin, std::size_t end);

// Evidence of what the writer does, quoted or negated: as quoted_or_negated, except that a short
// quotation after "a", "the", "our"… is the name of something the writer does (a "you said, we
// did" note, the "Ladder of Participation"), so its words count.
bool evidence_quoted_or_negated(const Document& doc, Quotations& quotations, std::uint32_t sentence,
                                std::uint32_t first_token, std::size_t begin, std::size_t end);

}  // namespace sayso
