// length: word and character limits for sections (funder profiles set the numbers).
#include <fmt/format.h>

#include "core/sections.h"
#include "engine/kinds/factories.h"
#include "engine/section_figures.h"

namespace sayso {
namespace {

class LengthCheck : public RuleCheck {
 public:
  LengthCheck(double max_words, double min_words, double max_characters)
      : max_words_(max_words), min_words_(min_words), max_characters_(max_characters) {}

  // A section is measured with the subsections under it: "## Results" followed at once by
  // "### Trial 1" is not empty, and a summary split by subheadings still has one word limit.
  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    for (std::size_t index : ctx.sections) {
      const Section& s = ctx.doc.sections[index];
      const std::size_t last = last_subsection(ctx.doc, index, true);
      const double words = words_up_to(ctx, index, last);
      // Any subsection means the section is not empty.
      const double words_below = words_up_to(ctx, index, last_subsection(ctx.doc, index, false));
      // A subsection of the same kind was measured with the section it belongs to.
      const bool counted_above = under_same_kind(ctx.doc, index);
      // A named pair, not a structured binding: clang 14 (the fuzz build) cannot capture those.
      const std::pair<std::size_t, std::size_t> anchor = ctx.section_anchor(index);
      auto emit = [&](double count, double limit) {
        out.push_back(ctx.make(anchor.first, anchor.second,
                               {{"count", fmt::format("{}", static_cast<long>(count))},
                                {"limit", fmt::format("{}", static_cast<long>(limit))},
                                {"match", ""}}));
      };
      if (max_words_ > 0 && words > max_words_ && !counted_above) emit(words, max_words_);
      if (min_words_ > 0 && words_below < min_words_ && s.has_heading())
        emit(words_below, min_words_);
      if (max_characters_ > 0 && !counted_above) {
        double characters =
            static_cast<double>(body_characters(ctx.doc, s, ctx.doc.sections[last].end));
        if (characters > max_characters_) emit(characters, max_characters_);
      }
    }
  }

  void describe(const CheckContext&, std::size_t, SectionFigures& figures) const override {
    if (max_words_ > 0 && (!figures.word_limit || *figures.word_limit > max_words_))
      figures.word_limit = static_cast<std::size_t>(max_words_);
  }

 private:
  static double words_up_to(const CheckContext& ctx, std::size_t first, std::size_t last) {
    double words = 0;
    for (std::size_t i = first; i <= last; ++i) words += ctx.section_words(i);
    return words;
  }

  // Characters (code points) of the text after the section's heading up to `end`, as a form
  // would count them.
  static std::size_t body_characters(const Document& doc, const Section& s, std::size_t end) {
    std::size_t begin = s.has_heading() ? s.heading_end : s.begin;
    std::size_t count = 0;
    bool space = false;
    for (std::size_t i = begin; i < end; ++i) {
      unsigned char c = static_cast<unsigned char>(doc.prose[i]);
      if ((c & 0xC0) == 0x80) continue;
      bool is_space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
      if (is_space && (space || count == 0)) continue;  // runs of spacing count once
      space = is_space;
      ++count;
    }
    return count;
  }

  double max_words_, min_words_, max_characters_;
};

}  // namespace

std::shared_ptr<RuleCheck> make_length_check(const Rule& rule) {
  double max_words = param_number(rule.node, "max_words", 0);
  double min_words = param_number(rule.node, "min_words", 0);
  double max_characters = param_number(rule.node, "max_characters", 0);
  if (max_words < 0 || min_words < 0 || max_characters < 0)
    throw KindError{"limits cannot be negative", 0};
  if (max_words == 0 && min_words == 0 && max_characters == 0)
    throw KindError{"give at least one of 'max_words', 'min_words', 'max_characters'", 0};
  return std::make_shared<LengthCheck>(max_words, min_words, max_characters);
}

}  // namespace sayso
