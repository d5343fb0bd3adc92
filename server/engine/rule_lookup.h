// Rules named as people type them (`sayso explain vague-plans`, the editor's explain command):
// the whole id, or the rule's name without its pack when no other pack has a rule by that name.
#pragma once
#include <string>
#include <vector>

#include "engine/ruleset.h"

namespace sayso {

// "vague-plans" for involvement.vague-plans.
std::string rule_name_without_pack(const std::string& id);

struct RuleLookup {
  const Rule* rule = nullptr;          // the rule named, if exactly one
  std::vector<std::string> same_name;  // the ids, when more than one pack has a rule so named
};
RuleLookup look_up_rule(const RuleSet& rules, const std::string& typed);

// The id of the rule a mistyped id or name (without its pack) was most likely meant to name;
// "" when none is close.
std::string closest_rule_id(const RuleSet& rules, const std::string& typed);

// The shortest name that finds the rule: its name without the pack when that is unique.
std::string shortest_rule_name(const RuleSet& rules, const std::string& id);

}  // namespace sayso
