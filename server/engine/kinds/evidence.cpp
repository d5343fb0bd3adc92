// evidence: a checklist of what a section must show; one finding per section lists what is missing.
#include <fmt/format.h>

#include "engine/kinds/cue_items.h"
#include "engine/kinds/factories.h"
#include "engine/section_figures.h"

namespace sayso {
namespace {

class EvidenceCheck : public RuleCheck {
 public:
  EvidenceCheck(std::vector<CueItem> items, std::size_t min_words)
      : items_(std::move(items)), min_words_(min_words) {}

  std::vector<std::vector<std::string>> phrase_groups() const override {
    std::vector<std::vector<std::string>> groups;
    add_cue_groups(items_, groups);
    return groups;
  }

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    for (std::size_t index : ctx.sections) {
      if (!ctx.starts_unit(index)) continue;
      const Section& s = ctx.doc.sections[index];
      const bool too_short = ctx.unit_words(index) < min_words_;
      std::vector<std::string> missing;
      for (std::uint32_t g = 0; g < items_.size(); ++g)
        if (too_short || !ctx.group_present(g, s.begin, ctx.unit_end(index)))
          missing.push_back(items_[g].name);
      if (missing.empty()) continue;
      auto [b, e] = ctx.section_anchor(index);
      out.push_back(ctx.make(b, e,
                             {{"missing", join_list(missing)},
                              {"count", fmt::format("{}", items_.size() - missing.size())},
                              {"limit", fmt::format("{}", items_.size())},
                              {"match", ""}}));
    }
  }

  void describe(const CheckContext& ctx, std::size_t section,
                SectionFigures& figures) const override {
    if (!ctx.starts_unit(section)) return;
    const Section& s = ctx.doc.sections[section];
    Checklist list;
    list.rule_id = ctx.rule.id;
    for (std::uint32_t g = 0; g < items_.size(); ++g)
      list.items.push_back({items_[g].name, ctx.group_present(g, s.begin, ctx.unit_end(section))});
    figures.checklists.push_back(std::move(list));
  }

 private:
  std::vector<CueItem> items_;
  std::size_t min_words_;
};

}  // namespace

std::shared_ptr<RuleCheck> make_evidence_check(const Rule& rule) {
  double min_words = param_number(rule.node, "min_words", 0);
  if (min_words < 0)
    throw KindError{"'min_words' cannot be negative", rule.node["min_words"].line()};
  return std::make_shared<EvidenceCheck>(parse_cue_items(rule.node, "items"),
                                         static_cast<std::size_t>(min_words));
}

}  // namespace sayso
