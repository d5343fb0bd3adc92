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
  // Another rule that asks for the same thing: where it runs, this item is left to it (a UK
  // Standard's "agreed roles" is also an item of the involvement checklist).
  std::string asked_by;
};

// Reads `key:` as a list of {name, cues} (and, with `checklist_fields`, the optional
// `elsewhere: {sections, cues}` and `asked_by: RULE`); throws KindError.
std::vector<CueItem> parse_cue_items(const DataNode& rule, const char* key,
                                     bool checklist_fields = false);
// One phrase group per item, in order, then one per item with `elsewhere` cues.
void add_cue_groups(const std::vector<CueItem>& items,
                    std::vector<std::vector<std::string>>& groups);

}  // namespace sayso
