// number-density: a sentence with more numbers than a reader can hold in mind at once.
#include <fmt/format.h>

#include "engine/kinds/factories.h"

namespace sayso {
namespace {

class NumberDensityCheck : public RuleCheck {
 public:
  explicit NumberDensityCheck(std::size_t max_per_sentence) : max_(max_per_sentence) {}

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    const Document& doc = ctx.doc;
    for (const Sentence& s : doc.sentences) {
      if (doc.blocks[s.block].kind == BlockKind::Heading || !ctx.in_scope(s.begin)) continue;
      std::size_t numbers = 0;
      std::uint32_t first = s.last_token;
      std::uint32_t last_denominator = s.last_token;  // none yet
      for (std::uint32_t i = s.first_token; i < s.last_token; ++i) {
        if (!doc.tokens[i].is_number) continue;
        if (is_denominator(doc, s, i, last_denominator)) {
          last_denominator = i;
          continue;
        }
        if (ends_a_range(doc, s, i, last_denominator)) continue;
        if (numbers++ == 0) first = i;
      }
      if (numbers <= max_) continue;
      // Point at the numbers (first to last), not the whole sentence.
      std::uint32_t last = first;
      for (std::uint32_t i = first; i < s.last_token; ++i)
        if (doc.tokens[i].is_number) last = i;
      out.push_back(ctx.make(
          doc.tokens[first].begin, doc.tokens[last].end,
          {{"count", std::to_string(numbers)}, {"limit", std::to_string(max_)}, {"match", ""}}));
    }
  }

 private:
  // The 4 of "3 in 4" or "3 out of 4": one share, one idea for the reader, not two numbers
  // (the way sayso itself asks writers to put a share). Decided left to right in one pass:
  // `last_denominator` is the last number found to be one.
  static bool is_denominator(const Document& doc, const Sentence& s, std::uint32_t i,
                             std::uint32_t last_denominator) {
    const auto word = [&](std::uint32_t k) -> const std::string& { return doc.tokens[k].lower; };
    // "7 in 10 in 2024": the year after a share is a number of its own.
    if (i >= s.first_token + 2 && word(i - 1) == "in" && doc.tokens[i - 2].is_number)
      return last_denominator != i - 2;
    return i >= s.first_token + 3 && word(i - 1) == "of" && word(i - 2) == "out" &&
           doc.tokens[i - 3].is_number;
  }

  // The 10 of "8 to 10", "8-10", "8–10" or "between 8 and 10": a range is one idea. A change
  // ("from 7.2 to 4.1", "from 3 in 4 to 9 in 10") is two numbers to hold.
  static bool ends_a_range(const Document& doc, const Sentence& s, std::uint32_t i,
                           std::uint32_t last_denominator) {
    if (i < s.first_token + 1 || !doc.tokens[i - 1].is_number) {
      if (i < s.first_token + 2 || !doc.tokens[i - 2].is_number || i - 2 == last_denominator)
        return false;
      const std::string& between = doc.tokens[i - 1].lower;
      const std::string& before = i >= s.first_token + 3 ? doc.tokens[i - 3].lower : between;
      return (between == "to" && before != "from") || (between == "and" && before == "between");
    }
    const std::string_view gap(doc.prose.data() + doc.tokens[i - 1].end,
                               doc.tokens[i].begin - doc.tokens[i - 1].end);
    return gap == "-" || gap == "\xE2\x80\x93";  // a hyphen or an en dash
  }

  std::size_t max_;
};

}  // namespace

std::shared_ptr<RuleCheck> make_number_density_check(const Rule& rule) {
  const double max = param_number(rule.node, "max_per_sentence", 0, true);
  if (max < 1 || max > 100)
    throw KindError{"'max_per_sentence' must be a whole number from 1 to 100",
                    rule.node["max_per_sentence"].line()};
  return std::make_shared<NumberDensityCheck>(static_cast<std::size_t>(max));
}

}  // namespace sayso
