#include "engine/rule_lookup.h"

#include <algorithm>

#include "core/closest_name.h"

namespace sayso {

std::string rule_name_without_pack(const std::string& id) {
  const std::size_t dot = id.find('.');
  return dot == std::string::npos ? id : id.substr(dot + 1);
}

namespace {

std::vector<const Rule*> rules_called(const RuleSet& rules, const std::string& name) {
  std::vector<const Rule*> found;
  for (const Rule& rule : rules.rules)
    if (rule_name_without_pack(rule.id) == name) found.push_back(&rule);
  return found;
}

}  // namespace

RuleLookup look_up_rule(const RuleSet& rules, const std::string& typed) {
  RuleLookup found;
  if ((found.rule = rules.find(typed))) return found;
  const std::vector<const Rule*> called = rules_called(rules, typed);
  if (called.size() == 1) {
    found.rule = called.front();
  } else {
    for (const Rule* rule : called) found.same_name.push_back(rule->id);
  }
  return found;
}

std::string closest_rule_id(const RuleSet& rules, const std::string& typed) {
  std::vector<std::string> ids, names;
  for (const Rule& rule : rules.rules) {
    ids.push_back(rule.id);
    names.push_back(rule_name_without_pack(rule.id));
  }
  if (std::string meant = closest_name(typed, ids); !meant.empty()) return meant;
  const std::string name = closest_name(typed, names);
  if (name.empty()) return "";
  return ids[static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin())];
}

std::string shortest_rule_name(const RuleSet& rules, const std::string& id) {
  const std::string name = rule_name_without_pack(id);
  return name != id && rules_called(rules, name).size() == 1 ? name : id;
}

}  // namespace sayso
