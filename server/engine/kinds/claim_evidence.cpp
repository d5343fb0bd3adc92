// claim-needs-evidence: a claim ("co-produced") must be backed by evidence cues nearby.
#include <set>

#include <fmt/format.h>

#include "core/quotes.h"
#include "core/sections.h"
#include "engine/kinds/cue_items.h"
#include "engine/kinds/factories.h"

namespace sayso {
namespace {

enum class Unit { Sentence, Paragraph, Section };

class ClaimEvidenceCheck : public RuleCheck {
 public:
  ClaimEvidenceCheck(std::vector<std::string> claims, std::vector<CueItem> evidence, Unit unit,
                     std::size_t min_items)
      : claims_(std::move(claims)),
        evidence_(std::move(evidence)),
        unit_(unit),
        min_items_(min_items) {}

  std::vector<std::vector<std::string>> phrase_groups() const override {
    std::vector<std::vector<std::string>> groups{claims_};
    add_cue_groups(evidence_, groups);
    return groups;
  }

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    std::set<std::pair<std::size_t, std::size_t>> reported_units;
    Quotations quotations(ctx.doc);
    for (const PhraseMatch* claim : ctx.group(0)) {
      // Evidence for a claim is looked for in its section: a claim in a passage ("Public
      // involvement: co-produced with carers" in a summary) has its evidence elsewhere.
      const bool judged =
          unit_ == Unit::Section ? ctx.in_section_scope(claim->begin) : ctx.in_scope(claim->begin);
      // A sentence another rule flags is no evidence, and no claim either: its words are already
      // judged there ("We will involve patients throughout, up to sharing the results").
      if (!judged || ctx.in_flagged_sentence(*claim) ||
          quoted_or_negated(ctx.doc, quotations, claim->sentence, claim->first_token, claim->begin,
                            claim->end))
        continue;
      auto unit = unit_range(ctx, *claim);
      if (!reported_units.insert(unit).second) continue;  // one finding per unit
      std::vector<std::string> missing;
      for (std::uint32_t i = 0; i < evidence_.size(); ++i)
        if (!said_where_judged(ctx, i + 1, unit, quotations)) missing.push_back(evidence_[i].name);
      if (evidence_.size() - missing.size() >= min_items_) continue;
      out.push_back(ctx.make(claim->begin, claim->end,
                             {{"missing", join_list(missing, " or ")},
                              {"count", fmt::format("{}", evidence_.size() - missing.size())},
                              {"limit", fmt::format("{}", min_items_)}}));
    }
  }

 private:
  // Evidence in the claim's own unit, or, judged by section, in any section of the rule's scope:
  // a plan split over subheadings ("Co-production of the toolkit" under Methods, and the PPI
  // section with roles and payment) backs its claims as one (thirty-first blind review).
  bool said_where_judged(const CheckContext& ctx, std::uint32_t group,
                         const std::pair<std::size_t, std::size_t>& unit,
                         Quotations& quotations) const {
    if (ctx.group_said(group, unit.first, unit.second, quotations)) return true;
    if (unit_ != Unit::Section) return false;
    for (std::size_t index : ctx.sections)
      if (ctx.starts_unit(index) &&
          ctx.group_said(group, ctx.doc.sections[index].begin, ctx.unit_end(index), quotations))
        return true;
    return false;
  }

  std::pair<std::size_t, std::size_t> unit_range(const CheckContext& ctx,
                                                 const PhraseMatch& m) const {
    const Document& doc = ctx.doc;
    const Sentence& s = doc.sentences[m.sentence];
    switch (unit_) {
      case Unit::Sentence:
        return {s.begin, s.end};
      case Unit::Paragraph:
        return {doc.blocks[s.block].begin, doc.blocks[s.block].end};
      case Unit::Section: {
        const std::size_t head = unit_head(doc, doc.section_at(m.begin));
        return {doc.sections[head].begin, ctx.unit_end(head)};
      }
    }
    return {s.begin, s.end};
  }

  std::vector<std::string> claims_;
  std::vector<CueItem> evidence_;
  Unit unit_;
  std::size_t min_items_;
};

}  // namespace

std::shared_ptr<RuleCheck> make_claim_evidence_check(const Rule& rule) {
  std::vector<std::string> claims = param_strings(rule.node, "claims", true);
  std::vector<CueItem> evidence = parse_cue_items(rule.node, "evidence");
  const std::string within = param_string(rule.node, "within", "section");
  Unit unit = Unit::Section;
  if (within == "sentence")
    unit = Unit::Sentence;
  else if (within == "paragraph")
    unit = Unit::Paragraph;
  else if (within != "section")
    throw KindError{"'within' must be sentence, paragraph or section", rule.node["within"].line()};
  double min_items = param_number(rule.node, "min_items", static_cast<double>(evidence.size()));
  if (min_items < 1 || min_items > static_cast<double>(evidence.size()))
    throw KindError{fmt::format("'min_items' must be between 1 and {}", evidence.size()),
                    rule.node["min_items"].line()};
  return std::make_shared<ClaimEvidenceCheck>(std::move(claims), std::move(evidence), unit,
                                              static_cast<std::size_t>(min_items));
}

}  // namespace sayso
