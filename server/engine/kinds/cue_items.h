// Named lists of cues ("payment": pay*, honorari*, £ ...) shared by evidence-style kinds.
#pragma once
#include <string>
#include <vector>

#include "engine/kinds/kind.h"

namespace sayso {

struct CueItem {
  std::string name;
  std::vector<std::string> cues;
};

// Reads `key:` as a list of {name, cues}; throws KindError.
std::vector<CueItem> parse_cue_items(const DataNode& rule, const char* key);
// One phrase group per item, starting at group `first_group`.
void add_cue_groups(const std::vector<CueItem>& items,
                    std::vector<std::vector<std::string>>& groups);

}  // namespace sayso
