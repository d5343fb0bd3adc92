// Rules named as people type them (sayso.explainRule, the hover's pointer to `sayso explain`),
// as `sayso explain` takes them (engine/rule_lookup.h).
#include <algorithm>

#include "core/closest_name.h"
#include "engine/rule_lookup.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

// "Did you mean 'involvement.vague-plans'?" for a slip in an id or in a name without its pack.
std::string did_you_mean(const RuleSet& rules, const std::string& typed) {
  std::vector<std::string> ids, names;
  for (const Rule& rule : rules.rules) {
    ids.push_back(rule.id);
    names.push_back(rule_name_without_pack(rule.id));
  }
  std::string meant = closest_name(typed, ids);
  if (meant.empty())
    if (const std::string name = closest_name(typed, names); !name.empty())
      meant = ids[static_cast<std::size_t>(std::find(names.begin(), names.end(), name) -
                                           names.begin())];
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
