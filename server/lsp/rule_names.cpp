// Rules named as people type them (sayso.explainRule, the hover's pointer to `sayso explain`),
// as `sayso explain` takes them (engine/rule_lookup.h).
#include "engine/rule_lookup.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

// "Did you mean 'involvement.vague-plans'?" for a slip in an id or in a name without its pack.
std::string did_you_mean(const RuleSet& rules, const std::string& typed) {
  const std::string meant = closest_rule_id(rules, typed);
  return meant.empty() ? "" : " Did you mean '" + meant + "'?";
}

}  // namespace

const Rule& rule_named(const RuleSet& rules, const std::string& typed) {
  const RuleLookup found = look_up_rule(rules, typed);
  if (found.rule) return *found.rule;
  std::string why = "no rule '" + typed + "'." + did_you_mean(rules, typed);
  if (!found.same_name.empty()) {
    why = "more than one pack has a rule called '" + typed + "':";
    for (const std::string& id : found.same_name) why += " " + id;
  }
  throw RpcError(ErrorCode::InvalidParams, why);
}

std::string explain_name(const RuleSet& rules, const std::string& id) {
  return shortest_rule_name(rules, id);
}

}  // namespace sayso::lsp
