// Rules named as people type them (sayso.explainRule, the hover's pointer to `sayso explain`):
// the whole id, or the rule's name without its pack ("vague-plans") when no other pack has a rule
// by that name, as `sayso explain` takes them.
#include "core/closest_name.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

// "vague-plans" in involvement.vague-plans.
std::string name_without_pack(const std::string& id) {
  const std::size_t dot = id.find('.');
  return dot == std::string::npos ? id : id.substr(dot + 1);
}

std::vector<const Rule*> rules_called(const RuleSet& rules, const std::string& name) {
  std::vector<const Rule*> found;
  for (const Rule& rule : rules.rules)
    if (name_without_pack(rule.id) == name) found.push_back(&rule);
  return found;
}

// "Did you mean 'involvement.vague-plans'?" for a slip in an id or in a name without its pack.
std::string did_you_mean(const RuleSet& rules, const std::string& typed) {
  std::vector<std::string> ids, names;
  for (const Rule& rule : rules.rules) {
    ids.push_back(rule.id);
    names.push_back(name_without_pack(rule.id));
  }
  std::string meant = closest_name(typed, ids);
  if (meant.empty())
    if (const std::string name = closest_name(typed, names); !name.empty())
      meant = rules_called(rules, name).front()->id;
  return meant.empty() ? "" : " Did you mean '" + meant + "'?";
}

}  // namespace

const Rule& rule_named(const RuleSet& rules, const std::string& typed) {
  if (const Rule* rule = rules.find(typed)) return *rule;
  const std::vector<const Rule*> called = rules_called(rules, typed);
  if (called.size() == 1) return *called.front();
  std::string why = "no rule '" + typed + "'." + did_you_mean(rules, typed);
  if (called.size() > 1) {
    why = "more than one pack has a rule called '" + typed + "':";
    for (const Rule* rule : called) why += " " + rule->id;
  }
  throw RpcError(ErrorCode::InvalidParams, why);
}

std::string explain_name(const RuleSet& rules, const std::string& id) {
  const std::string name = name_without_pack(id);
  return name != id && rules_called(rules, name).size() == 1 ? name : id;
}

}  // namespace sayso::lsp
