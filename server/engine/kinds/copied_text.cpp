// copied-text: a section that repeats another word for word (a plain-English summary pasted
// from the scientific abstract). Measured as the share of the section's runs of N words that
// also appear in the other sections: linear in the text, whatever its size. Optionally, a long
// sentence copied whole is pointed at on its own, under that share.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/sections.h"
#include "engine/kinds/factories.h"

namespace sayso {
namespace {

// Hashes of every run of `n` words in a list of word hashes.
std::vector<std::uint64_t> runs_of(const std::vector<std::uint64_t>& words, std::size_t n) {
  std::vector<std::uint64_t> runs;
  for (std::size_t i = 0; i + n <= words.size(); ++i) {
    std::uint64_t h = 1469598103934665603ULL;
    for (std::size_t k = 0; k < n; ++k) h = (h ^ words[i + k]) * 1099511628211ULL;
    runs.push_back(h);
  }
  return runs;
}

std::vector<std::uint64_t> word_hashes(const Document& doc, const Sentence& s) {
  std::vector<std::uint64_t> words;
  for (std::uint32_t i = s.first_token; i < s.last_token; ++i)
    words.push_back(std::hash<std::string>{}(doc.tokens[i].lower));
  return words;
}

bool in_body(const Document& doc, const Sentence& s, std::size_t begin, std::size_t end) {
  return s.begin >= begin && s.begin < end && doc.blocks[s.block].kind != BlockKind::Heading;
}

// Hashes of every run of `n` words in [begin, end), headings left out.
std::vector<std::uint64_t> word_runs(const Document& doc, std::size_t begin, std::size_t end,
                                     std::size_t n) {
  std::vector<std::uint64_t> words;
  for (const Sentence& s : doc.sentences) {
    if (!in_body(doc, s, begin, end)) continue;
    const auto own = word_hashes(doc, s);
    words.insert(words.end(), own.begin(), own.end());
  }
  return runs_of(words, n);
}

class CopiedTextCheck : public RuleCheck {
 public:
  struct CopiedSentences {
    std::size_t min_words = 0;  // 0: not pointed at
    std::string message;
    std::optional<Severity> severity;
  };

  CopiedTextCheck(std::set<std::string> from, double max_share, std::size_t run_words,
                  std::size_t min_words, CopiedSentences sentences)
      : from_(std::move(from)),
        max_share_(max_share),
        n_(run_words),
        min_words_(min_words),
        sentences_(std::move(sentences)) {}

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
      if (share <= max_share_) {
        point_at_copied_sentences(ctx, index, source, out);
        continue;
      }
      auto [b, e] = ctx.section_anchor(index);
      Diagnostic d = ctx.make(
          b, e, {{"count", percent(share)}, {"limit", percent(max_share_)}, {"match", ""}});
      d.whole_section = true;
      out.push_back(std::move(d));
    }
  }

 private:
  // Each sentence of at least sentences_.min_words words whose every run is in the source: a
  // sentence pasted whole ("The opening sentence of the abstract"), under the share that marks
  // the whole section as pasted.
  void point_at_copied_sentences(const CheckContext& ctx, std::size_t index,
                                 const std::unordered_set<std::uint64_t>& source,
                                 std::vector<Diagnostic>& out) const {
    if (sentences_.min_words == 0) return;
    for (const Sentence& s : ctx.doc.sentences) {
      if (!in_body(ctx.doc, s, ctx.doc.sections[index].begin, ctx.unit_end(index))) continue;
      if (s.last_token - s.first_token < sentences_.min_words) continue;
      const auto runs = runs_of(word_hashes(ctx.doc, s), n_);
      if (!std::all_of(runs.begin(), runs.end(),
                       [&](std::uint64_t run) { return source.count(run) > 0; }))
        continue;
      Diagnostic d = ctx.make_saying(sentences_.message, s.begin, s.end,
                                     {{"count", ""}, {"limit", ""}, {"match", ""}});
      soften(d, sentences_.severity);
      out.push_back(std::move(d));
    }
  }

  static std::string percent(double share) {
    return fmt::format("{}%", static_cast<int>(std::lround(share * 100)));
  }

  std::set<std::string> from_;
  double max_share_;
  std::size_t n_, min_words_;
  CopiedSentences sentences_;
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
  CopiedTextCheck::CopiedSentences sentences;
  const double sentence_words = param_number(rule.node, "copied_sentence_words", 0);
  if (sentence_words != 0 && (sentence_words < run_words || sentence_words > 100))
    throw KindError{
        "'copied_sentence_words' must be a whole number from 'run_words' to 100 (or "
        "0 to point at none)",
        rule.node["copied_sentence_words"].line()};
  sentences.min_words = static_cast<std::size_t>(sentence_words);
  sentences.message = param_string(rule.node, "sentence_message", "");
  sentences.severity = optional_severity(rule.node, "sentence_severity");
  if (sentences.min_words > 0 && sentences.message.empty())
    throw KindError{
        "'copied_sentence_words' needs a 'sentence_message' that tells the writer "
        "what to do with a copied sentence",
        rule.node["copied_sentence_words"].line()};
  return std::make_shared<CopiedTextCheck>(std::set<std::string>(from.begin(), from.end()),
                                           max_share, static_cast<std::size_t>(run_words),
                                           static_cast<std::size_t>(min_words),
                                           std::move(sentences));
}

}  // namespace sayso
