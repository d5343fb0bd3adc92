#include "engine/kinds/cue_items.h"

#include <fmt/format.h>

namespace sayso {

std::vector<CueItem> parse_cue_items(const DataNode& rule, const char* key) {
  const DataNode& list = rule[key];
  if (!list.is_list() || list.size() == 0)
    throw KindError{fmt::format("'{}' must be a list of {{name, cues}}", key), list.line()};
  std::vector<CueItem> items;
  for (const DataNode& entry : list.children()) {
    if (!entry.is_map())
      throw KindError{fmt::format("each '{}' entry needs 'name' and 'cues'", key), entry.line()};
    CueItem item;
    item.name = param_string(entry, "name", "");
    if (item.name.empty())
      throw KindError{fmt::format("a '{}' entry has no 'name'", key), entry.line()};
    try {
      item.cues = param_strings(entry, "cues", true);
    } catch (KindError& e) {
      if (e.line == 0) e.line = entry.line();
      throw;
    }
    items.push_back(std::move(item));
  }
  return items;
}

void add_cue_groups(const std::vector<CueItem>& items,
                    std::vector<std::vector<std::string>>& groups) {
  for (const auto& item : items) groups.push_back(item.cues);
}

}  // namespace sayso
