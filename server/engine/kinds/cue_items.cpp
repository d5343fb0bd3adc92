#include "engine/kinds/cue_items.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/sections.h"

namespace sayso {

namespace {

void parse_elsewhere(const DataNode& entry, CueItem& item) {
  const DataNode& elsewhere = entry["elsewhere"];
  if (elsewhere.is_empty()) return;
  if (!elsewhere.is_map())
    throw KindError{"'elsewhere' needs 'sections' (section kinds) and 'cues'", elsewhere.line()};
  item.elsewhere_sections = param_strings(elsewhere, "sections", true);
  item.elsewhere_cues = param_strings(elsewhere, "cues", true);
  for (const auto& kind : item.elsewhere_sections)
    if (std::find(canonical_section_kinds().begin(), canonical_section_kinds().end(), kind) ==
        canonical_section_kinds().end())
      throw KindError{fmt::format("'elsewhere' names an unknown section kind '{}'", kind),
                      elsewhere.line()};
}

}  // namespace

std::vector<CueItem> parse_cue_items(const DataNode& rule, const char* key, bool checklist_fields) {
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
      if (checklist_fields) {
        parse_elsewhere(entry, item);
        item.asked_by = param_string(entry, "asked_by", "");
      } else {
        for (const char* field : {"elsewhere", "asked_by"})
          if (!entry[field].is_empty())
            throw KindError{fmt::format("'{}' is not used by this kind of rule", field),
                            entry[field].line()};
      }
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
  for (const auto& item : items)
    if (!item.elsewhere_cues.empty()) groups.push_back(item.elsewhere_cues);
}

}  // namespace sayso
