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
      for (std::uint32_t i = s.first_token; i < s.last_token; ++i) {
        if (!doc.tokens[i].is_number) continue;
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
