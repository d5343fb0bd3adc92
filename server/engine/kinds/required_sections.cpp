// required-sections: a whole application must have these sections, in this order.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/sections.h"
#include "engine/kinds/factories.h"

namespace sayso {
namespace {

class RequiredSectionsCheck : public RuleCheck {
 public:
  RequiredSectionsCheck(std::vector<std::string> required, std::vector<std::string> order,
                        std::optional<Severity> order_severity)
      : required_(std::move(required)), order_(std::move(order)), order_severity_(order_severity) {}

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    if (!ctx.whole_application) return;  // a fragment is judged as what it is
    const Document& doc = ctx.doc;
    std::set<std::string> present;
    for (const Section& s : doc.sections) present.insert(s.kind);
    const std::size_t start = doc.source.content_begin;
    for (const auto& kind : required_)
      if (!present.count(kind))
        out.push_back(
            ctx.make(start, start,
                     {{"missing", kind}, {"section", section_kind_heading(kind)}, {"match", ""}}));
    check_order(ctx, out);
  }

 private:
  void check_order(const CheckContext& ctx, std::vector<Diagnostic>& out) const {
    if (order_.empty()) return;
    int highest = -1;
    std::string highest_kind;
    for (std::size_t i = 0; i < ctx.doc.sections.size(); ++i) {
      const Section& s = ctx.doc.sections[i];
      auto it = std::find(order_.begin(), order_.end(), s.kind);
      if (it == order_.end() || !s.has_heading()) continue;
      int rank = static_cast<int>(it - order_.begin());
      if (rank < highest) {
        auto [b, e] = ctx.section_anchor(i);
        Diagnostic d = ctx.make(b, e, {{"missing", s.kind}, {"match", ""}});
        d.message = fmt::format("'{}' usually comes before '{}'. Readers expect this order.",
                                s.title, highest_kind);
        // Advice, not a missing part: its own severity when the rule gives one.
        if (order_severity_) soften(d, order_severity_);
        out.push_back(std::move(d));
      } else if (rank > highest) {
        highest = rank;
        highest_kind = s.title;
      }
    }
  }

  std::vector<std::string> required_, order_;
  std::optional<Severity> order_severity_;
};

void check_kinds(const Rule& rule, const char* key, const std::vector<std::string>& kinds) {
  const auto& known = canonical_section_kinds();
  for (const auto& k : kinds)
    if (std::find(known.begin(), known.end(), k) == known.end())
      throw KindError{fmt::format("'{}' names an unknown section kind '{}'", key, k),
                      rule.node[key].line()};
}

}  // namespace

std::shared_ptr<RuleCheck> make_required_sections_check(const Rule& rule) {
  std::vector<std::string> sections = param_strings(rule.node, "sections", true);
  std::vector<std::string> order = param_strings(rule.node, "order", false);
  check_kinds(rule, "sections", sections);
  check_kinds(rule, "order", order);
  return std::make_shared<RequiredSectionsCheck>(std::move(sections), std::move(order),
                                                 optional_severity(rule.node, "order_severity"));
}

}  // namespace sayso
