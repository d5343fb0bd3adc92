// length: word and character limits for sections (funder profiles set the numbers).
#include <fmt/format.h>

#include <algorithm>

#include "core/sections.h"
#include "core/stated_limits.h"
#include "engine/kinds/factories.h"
#include "engine/section_figures.h"

namespace sayso {
namespace {

// "50,012", as plain-English guidance writes numbers of four figures or more.
std::string with_thousands(long n) {
  const std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out = n < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// What a length rule does with a limit the form states in a section's heading.
enum class StatedLimits {
  Ignore,  // the rule's own numbers only (a minimum length)
  Defer,   // a profile's limit: a section whose form states its own limit is left to Read
  Read,    // only limits the form states
};

struct Limits {
  double max_words = 0, min_words = 0, max_characters = 0;
  bool characters_without_spaces = false;
  std::size_t answer_begin = 0;  // StatedLimit::answer_begin: after the form's guidance line
};

class LengthCheck : public RuleCheck {
 public:
  static constexpr double kLeastWordsInPart = 5;

  LengthCheck(Limits limits, StatedLimits stated) : limits_(limits), stated_(stated) {}

  // A section is measured with the subsections under it: "## Results" followed at once by
  // "### Trial 1" is not empty, and a summary split by subheadings still has one word limit.
  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    for (std::size_t index : ctx.sections) {
      const Section& s = ctx.doc.sections[index];
      const std::optional<Limits> limits = limits_for(ctx.doc, index);
      if (!limits) continue;
      const std::size_t last = last_subsection(ctx.doc, index, true);
      const double words = words_up_to(ctx, index, last) - guidance_words(ctx.doc, s, *limits);
      // Any subsection means the section is not empty.
      const double words_below = words_up_to(ctx, index, last_subsection(ctx.doc, index, false));
      // A subsection of the same kind was measured with the section it belongs to, unless the
      // form states a limit for the subsection itself.
      const bool counted_above = stated_ != StatedLimits::Read && under_same_kind(ctx.doc, index);
      // A named pair, not a structured binding: clang 14 (the fuzz build) cannot capture those.
      const std::pair<std::size_t, std::size_t> anchor = ctx.section_anchor(index);
      auto emit = [&](double count, double limit, const char* unit) {
        Diagnostic d = ctx.make(anchor.first, anchor.second,
                                {{"count", with_thousands(static_cast<long>(count))},
                                 {"limit", with_thousands(static_cast<long>(limit))},
                                 {"unit", unit},
                                 {"match", ""}});
        d.whole_section = true;
        out.push_back(std::move(d));
      };
      if (limits->max_words > 0 && words > limits->max_words && !counted_above)
        emit(words, limits->max_words, "words");
      // A part of a section of its own kind ("## Dissemination" in a summary with parts) is
      // short by design: only a placeholder there ("TBC", "To follow") is empty.
      const double least = under_same_kind(ctx.doc, index)
                               ? std::min(limits->min_words, kLeastWordsInPart)
                               : limits->min_words;
      if (limits->min_words > 0 && words_below < least && s.has_heading())
        emit(words_below, limits->min_words, "words");
      if (limits->max_characters > 0 && !counted_above) {
        const double characters =
            static_cast<double>(answer_characters(ctx.doc, s, *limits, ctx.doc.sections[last].end));
        if (characters > limits->max_characters)
          emit(characters, limits->max_characters,
               limits->characters_without_spaces ? "characters (not counting spaces)"
                                                 : "characters");
      }
    }
  }

  void describe(const CheckContext& ctx, std::size_t index,
                SectionFigures& figures) const override {
    const std::optional<Limits> limits = limits_for(ctx.doc, index);
    if (!limits) return;
    if (limits->max_characters > 0 && !figures.character_limit) {
      const Section& s = ctx.doc.sections[index];
      figures.character_limit = static_cast<std::size_t>(limits->max_characters);
      figures.characters_without_spaces = limits->characters_without_spaces;
      figures.characters = answer_characters(
          ctx.doc, s, *limits, ctx.doc.sections[last_subsection(ctx.doc, index, true)].end);
    }
    if (limits->max_words <= 0) return;
    // A form's stated limit is the one to meet, whatever a profile says.
    if (stated_ == StatedLimits::Read || !figures.word_limit ||
        *figures.word_limit > limits->max_words)
      figures.word_limit = static_cast<std::size_t>(limits->max_words);
  }

 private:
  // The limits that apply to doc.sections[index], or none.
  std::optional<Limits> limits_for(const Document& doc, std::size_t index) const {
    if (stated_ == StatedLimits::Ignore) return limits_;
    const std::optional<StatedLimit> stated = section_stated_limit(doc, index);
    if (stated_ == StatedLimits::Defer) {
      if (!stated) return limits_;
      Limits own = limits_;  // a minimum still applies; the maximum is the form's
      own.max_words = own.max_characters = 0;
      if (own.min_words == 0) return std::nullopt;
      return own;
    }
    if (!stated) return std::nullopt;
    return Limits{stated->max_words, 0, stated->max_characters, stated->characters_without_spaces,
                  stated->answer_begin};
  }

  static double words_up_to(const CheckContext& ctx, std::size_t first, std::size_t last) {
    double words = 0;
    for (std::size_t i = first; i <= last; ++i) words += ctx.section_words(i);
    return words;
  }

  // Words of the form's guidance line under the heading ("(Maximum 600 characters)").
  static double guidance_words(const Document& doc, const Section& s, const Limits& limits) {
    if (limits.answer_begin <= s.heading_end) return 0;
    return static_cast<double>(doc.word_count(s.heading_end, limits.answer_begin));
  }

  // Characters of the answer to a form's question: after the heading and its guidance line, up
  // to `end` (the end of its last subsection).
  static std::size_t answer_characters(const Document& doc, const Section& s, const Limits& limits,
                                       std::size_t end) {
    return body_characters(doc,
                           std::max(s.has_heading() ? s.heading_end : s.begin, limits.answer_begin),
                           end, limits.characters_without_spaces);
  }

  // Characters (code points) of the text from `begin` (after the heading) up to `end`, as a form
  // would count them; `without_spaces` for a form that counts "excluding spaces".
  static std::size_t body_characters(const Document& doc, std::size_t begin, std::size_t end,
                                     bool without_spaces) {
    std::size_t count = 0;
    bool space = false;
    for (std::size_t i = begin; i < end; ++i) {
      unsigned char c = static_cast<unsigned char>(doc.prose[i]);
      if ((c & 0xC0) == 0x80) continue;
      bool is_space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
      if (is_space && (without_spaces || space || count == 0)) continue;  // runs count once
      space = is_space;
      ++count;
    }
    return space ? count - 1 : count;  // the line break ending the answer is not typed in a box
  }

  Limits limits_;
  StatedLimits stated_;
};

}  // namespace

std::shared_ptr<RuleCheck> make_length_check(const Rule& rule) {
  Limits limits;
  limits.max_words = param_number(rule.node, "max_words", 0);
  limits.min_words = param_number(rule.node, "min_words", 0);
  limits.max_characters = param_number(rule.node, "max_characters", 0);
  if (limits.max_words < 0 || limits.min_words < 0 || limits.max_characters < 0)
    throw KindError{"limits cannot be negative", 0};
  const DataNode& stated_node = rule.node["stated_limits"];
  const std::string stated_name = stated_node.is_empty() ? "ignore" : stated_node.value();
  StatedLimits stated;
  if (stated_name == "ignore")
    stated = StatedLimits::Ignore;
  else if (stated_name == "defer")
    stated = StatedLimits::Defer;
  else if (stated_name == "read")
    stated = StatedLimits::Read;
  else
    throw KindError{"'stated_limits' must be ignore, defer or read", stated_node.line()};
  const bool has_own = limits.max_words > 0 || limits.min_words > 0 || limits.max_characters > 0;
  if (stated == StatedLimits::Read && has_own)
    throw KindError{
        "a rule with 'stated_limits: read' takes its limits from the form, not "
        "'max_words', 'min_words' or 'max_characters'",
        stated_node.line()};
  if (stated != StatedLimits::Read && !has_own)
    throw KindError{"give at least one of 'max_words', 'min_words', 'max_characters'", 0};
  return std::make_shared<LengthCheck>(limits, stated);
}

}  // namespace sayso
