// copied-text: a section that repeats another word for word (a plain-English summary pasted
// from the scientific abstract). Measured as the share of the section's runs of N words that
// also appear in the other sections: linear in the text, whatever its size.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/sections.h"
#include "engine/kinds/factories.h"

namespace sayso {
namespace {

// Hashes of every run of `n` words in [begin, end), headings left out.
std::vector<std::uint64_t> word_runs(const Document& doc, std::size_t begin, std::size_t end,
                                     std::size_t n) {
  std::vector<std::uint64_t> words;
  for (const Sentence& s : doc.sentences) {
    if (s.begin < begin || s.begin >= end) continue;
    if (doc.blocks[s.block].kind == BlockKind::Heading) continue;
    for (std::uint32_t i = s.first_token; i < s.last_token; ++i)
      words.push_back(std::hash<std::string>{}(doc.tokens[i].lower));
  }
  std::vector<std::uint64_t> runs;
  for (std::size_t i = 0; i + n <= words.size(); ++i) {
    std::uint64_t h = 1469598103934665603ULL;
    for (std::size_t k = 0; k < n; ++k) h = (h ^ words[i + k]) * 1099511628211ULL;
    runs.push_back(h);
  }
  return runs;
}

class CopiedTextCheck : public RuleCheck {
 public:
  CopiedTextCheck(std::set<std::string> from, double max_share, std::size_t run_words,
                  std::size_t min_words)
      : from_(std::move(from)), max_share_(max_share), n_(run_words), min_words_(min_words) {}

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    std::unordered_set<std::uint64_t> source;
    bool has_source = false;
    for (std::size_t i = 0; i < ctx.doc.sections.size(); ++i) {
      const Section& s = ctx.doc.sections[i];
      if (!from_.count(s.kind)) continue;
      has_source = true;
      for (std::uint64_t run : word_runs(ctx.doc, s.begin, s.end, n_)) source.insert(run);
    }
    if (!has_source) return;
    for (std::size_t index : ctx.sections) {
      if (!ctx.starts_unit(index) || from_.count(ctx.doc.sections[index].kind)) continue;
      if (ctx.unit_words(index) < min_words_) continue;
      const auto runs = word_runs(ctx.doc, ctx.doc.sections[index].begin, ctx.unit_end(index), n_);
      if (runs.empty()) continue;
      std::size_t copied = 0;
      for (std::uint64_t run : runs) copied += source.count(run);
      const double share = static_cast<double>(copied) / static_cast<double>(runs.size());
      if (share <= max_share_) continue;
      auto [b, e] = ctx.section_anchor(index);
      Diagnostic d = ctx.make(
          b, e, {{"count", percent(share)}, {"limit", percent(max_share_)}, {"match", ""}});
      d.whole_section = true;
      out.push_back(std::move(d));
    }
  }

 private:
  static std::string percent(double share) {
    return fmt::format("{}%", static_cast<int>(std::lround(share * 100)));
  }

  std::set<std::string> from_;
  double max_share_;
  std::size_t n_, min_words_;
};

}  // namespace

std::shared_ptr<RuleCheck> make_copied_text_check(const Rule& rule) {
  const std::vector<std::string> from = param_strings(rule.node, "from", true);
  for (const std::string& kind : from)
    if (std::find(canonical_section_kinds().begin(), canonical_section_kinds().end(), kind) ==
        canonical_section_kinds().end())
      throw KindError{fmt::format("'from': '{}' is not a section kind", kind),
                      rule.node["from"].line()};
  const double max_share = param_number(rule.node, "max_share", 0.3);
  if (max_share < 0 || max_share >= 1)
    throw KindError{"'max_share' must be at least 0 and less than 1",
                    rule.node["max_share"].line()};
  const double run_words = param_number(rule.node, "run_words", 5);
  if (run_words < 3 || run_words > 12)
    throw KindError{"'run_words' must be a whole number from 3 to 12",
                    rule.node["run_words"].line()};
  const double min_words = param_number(rule.node, "min_words", 30);
  if (min_words < 0)
    throw KindError{"'min_words' cannot be negative", rule.node["min_words"].line()};
  return std::make_shared<CopiedTextCheck>(std::set<std::string>(from.begin(), from.end()),
                                           max_share, static_cast<std::size_t>(run_words),
                                           static_cast<std::size_t>(min_words));
}

}  // namespace sayso
