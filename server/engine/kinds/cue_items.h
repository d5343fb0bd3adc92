// Named lists of cues ("payment": pay*, honorari*, £ ...) shared by evidence-style kinds.
#pragma once
#include <string>
#include <vector>

#include "engine/kinds/kind.h"

namespace sayso {

struct CueItem {
  std::string name;
  std::vector<std::string> cues;
  // Also shown by these cues in sections of these kinds, anywhere in the document: the
  // budget for involvement is often in the application's budget section.
  std::vector<std::string> elsewhere_sections, elsewhere_cues;
};

// Reads `key:` as a list of {name, cues} (and, with `allow_elsewhere`, an optional
// `elsewhere: {sections, cues}`); throws KindError.
std::vector<CueItem> parse_cue_items(const DataNode& rule, const char* key,
                                     bool allow_elsewhere = false);
// One phrase group per item, in order, then one per item with `elsewhere` cues.
void add_cue_groups(const std::vector<CueItem>& items,
                    std::vector<std::vector<std::string>>& groups);

}  // namespace sayso
