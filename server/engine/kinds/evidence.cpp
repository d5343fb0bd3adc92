// evidence: a checklist of what a section must show; one finding per section lists what is missing.
#include <fmt/format.h>

#include <algorithm>

#include "engine/kinds/cue_items.h"
#include "engine/kinds/factories.h"
#include "engine/section_figures.h"

namespace sayso {
namespace {

class EvidenceCheck : public RuleCheck {
 public:
  // A milder severity for a plan that already shows most items ("covers 11 of 13").
  struct MilderWhenCovered {
    std::size_t at_least = 0;
    std::optional<Severity> severity;
  };

  EvidenceCheck(std::vector<CueItem> items, std::size_t min_words, MilderWhenCovered milder)
      : items_(std::move(items)), min_words_(min_words), milder_(milder) {}

  std::vector<std::vector<std::string>> phrase_groups() const override {
    std::vector<std::vector<std::string>> groups;
    add_cue_groups(items_, groups);
    return groups;
  }

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    const std::vector<bool> elsewhere = shown_elsewhere(ctx);
    Quotations quotations(ctx.doc);
    for (std::size_t index : ctx.sections) {
      if (!ctx.starts_unit(index)) continue;
      const Pool pool = pool_of(ctx, index);
      if (pool.judged_at != index) continue;  // the pool is judged once, at its longest unit
      const std::vector<std::uint32_t> judged = items_judged_here(ctx, index);
      if (judged.empty()) continue;
      if (pool.words < min_words_) {
        out.push_back(too_short(ctx, index, pool.words));
        continue;
      }
      std::vector<std::string> missing;
      for (std::uint32_t g : judged)
        if (!(shown_in_pool(ctx, quotations, g, pool) || elsewhere[g]))
          missing.push_back(items_[g].name);
      if (missing.empty()) continue;
      auto [b, e] = ctx.section_anchor(index);
      const std::size_t covered = judged.size() - missing.size();
      Diagnostic d = ctx.make(b, e,
                              {{"missing", join_list(missing)},
                               {"count", fmt::format("{}", covered)},
                               {"limit", fmt::format("{}", judged.size())},
                               {"match", ""}});
      d.whole_section = true;
      if (milder_.severity && covered >= milder_.at_least) soften(d, milder_.severity);
      out.push_back(std::move(d));
    }
  }

  void describe(const CheckContext& ctx, std::size_t section,
                SectionFigures& figures) const override {
    // The figures show every item, those left to another rule too: a checklist for reading, not
    // a finding, so nothing is said twice.
    if (!ctx.starts_unit(section)) return;
    const std::vector<bool> elsewhere = shown_elsewhere(ctx);
    Quotations quotations(ctx.doc);
    const Pool pool = pool_of(ctx, section);
    Checklist list;
    list.rule_id = ctx.rule.id;
    for (std::uint32_t g = 0; g < items_.size(); ++g)
      list.items.push_back({items_[g].name, shown_in_pool(ctx, quotations, g, pool) || elsewhere[g],
                            left_to_other(ctx, g, section)});
    figures.checklists.push_back(std::move(list));
  }

 private:
  // A section shorter than min_words is not judged item by item: its finding says so, in words
  // of its own. The rule's message lists what is missing, and would list every item, even those
  // the few words there do show.
  Diagnostic too_short(const CheckContext& ctx, std::size_t section, std::size_t words) const {
    auto [b, e] = ctx.section_anchor(section);
    Diagnostic d = ctx.make(b, e, {{"match", ""}});
    d.whole_section = true;
    d.message = fmt::format(
        "This section is too short to judge ({} of at least {} words). Say more, then sayso can "
        "check what it shows.",
        words, min_words_);
    return d;
  }

  // The items this rule judges in a section: not those another rule running there asks for
  // already, so the writer is not told the same thing twice.
  std::vector<std::uint32_t> items_judged_here(const CheckContext& ctx, std::size_t section) const {
    std::vector<std::uint32_t> judged;
    for (std::uint32_t g = 0; g < items_.size(); ++g)
      if (!left_to_other(ctx, g, section)) judged.push_back(g);
    return judged;
  }

  bool left_to_other(const CheckContext& ctx, std::uint32_t item, std::size_t section) const {
    return !items_[item].asked_by.empty() && ctx.runs_on(items_[item].asked_by, section);
  }

  // Every answer about one thing, judged together: the units of a section's kind in this rule's
  // sections anywhere in the document ("Involvement so far" in part 2, "Involvement plan" in part
  // 7), and sections of other kinds whose heading names it too ("Background and patient and
  // public involvement to date"). Judged apart, each was told it lacked what the other said.
  struct Pool {
    std::vector<std::pair<std::size_t, std::size_t>> ranges;  // byte ranges of its text
    std::size_t words = 0;                                    // in its units
    std::size_t judged_at = 0;  // the unit whose heading the finding points at: the longest
  };

  // More sections than this in the rule's scope is no application's "so far" and "plan" but a
  // document of many parts: each unit is judged alone, and judging stays linear.
  static constexpr std::size_t kMaxPooledSections = 64;

  static Pool pool_of(const CheckContext& ctx, std::size_t index) {
    const std::string& kind = ctx.doc.sections[index].kind;
    Pool pool;
    if (ctx.sections.size() > kMaxPooledSections) {
      pool.ranges.emplace_back(ctx.doc.sections[index].begin, ctx.unit_end(index));
      pool.words = ctx.unit_words(index);
      pool.judged_at = index;
      return pool;
    }
    std::size_t longest = 0;
    for (std::size_t other : ctx.sections) {
      if (!ctx.starts_unit(other) || ctx.doc.sections[other].kind != kind) continue;
      pool.ranges.emplace_back(ctx.doc.sections[other].begin, ctx.unit_end(other));
      const std::size_t words = ctx.unit_words(other);
      pool.words += words;
      if (pool.ranges.size() == 1 || words > longest) {
        longest = words;
        pool.judged_at = other;
      }
    }
    for (const Section& s : ctx.doc.sections)
      if (s.kind != kind &&
          std::find(s.also_kinds.begin(), s.also_kinds.end(), kind) != s.also_kinds.end())
        pool.ranges.emplace_back(s.begin, s.end);
    return pool;
  }

  static bool shown_in_pool(const CheckContext& ctx, Quotations& quotations, std::uint32_t item,
                            const Pool& pool) {
    return std::any_of(pool.ranges.begin(), pool.ranges.end(), [&](const auto& range) {
      return ctx.group_said(item, range.first, range.second, quotations);
    });
  }

  // For each item, whether its `elsewhere` cues are in a section of its `elsewhere` kinds.
  std::vector<bool> shown_elsewhere(const CheckContext& ctx) const {
    std::vector<bool> shown(items_.size(), false);
    auto group = static_cast<std::uint32_t>(items_.size());  // the groups after the items'
    for (std::uint32_t g = 0; g < items_.size(); ++g) {
      const CueItem& item = items_[g];
      if (item.elsewhere_cues.empty()) continue;
      for (const Section& s : ctx.doc.sections)
        if (std::find(item.elsewhere_sections.begin(), item.elsewhere_sections.end(), s.kind) !=
                item.elsewhere_sections.end() &&
            ctx.group_present(group, s.begin, s.end)) {
          shown[g] = true;
          break;
        }
      ++group;
    }
    return shown;
  }

  std::vector<CueItem> items_;
  std::size_t min_words_;
  MilderWhenCovered milder_;
};

}  // namespace

std::shared_ptr<RuleCheck> make_evidence_check(const Rule& rule) {
  double min_words = param_number(rule.node, "min_words", 0);
  if (min_words < 0)
    throw KindError{"'min_words' cannot be negative", rule.node["min_words"].line()};
  std::vector<CueItem> items = parse_cue_items(rule.node, "items", true);
  EvidenceCheck::MilderWhenCovered milder;
  if (const DataNode& node = rule.node["milder_when_covered"]; !node.is_empty()) {
    const double at_least = param_number(node, "at_least", 0, true);
    if (at_least < 1 || at_least > static_cast<double>(items.size()) ||
        at_least != static_cast<int>(at_least))
      throw KindError{
          fmt::format("'at_least' must be a whole number from 1 to {} (the items)", items.size()),
          node["at_least"].line()};
    milder.at_least = static_cast<std::size_t>(at_least);
    milder.severity = optional_severity(node, "severity");
    if (!milder.severity) throw KindError{"'milder_when_covered' needs a 'severity'", node.line()};
  }
  return std::make_shared<EvidenceCheck>(std::move(items), static_cast<std::size_t>(min_words),
                                         milder);
}

}  // namespace sayso
