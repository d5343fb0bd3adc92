#include "cli/suggestions.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/sections.h"

namespace sayso {
namespace {

constexpr std::size_t kMostShown = 5;

// Edit distance, one row at a time: insertions, deletions and substitutions cost 1. (The same
// measure as the "did you mean" of rule-file fields in engine/ruleset.cpp, which keeps its own
// in an anonymous namespace.)
std::size_t edit_distance(const std::string& typed, const std::string& name) {
  std::vector<std::size_t> row(name.size() + 1);
  for (std::size_t j = 0; j <= name.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= typed.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= name.size(); ++j) {
      const std::size_t above = row[j];
      row[j] =
          std::min({row[j] + 1, row[j - 1] + 1, diagonal + (typed[i - 1] == name[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[name.size()];
}

}  // namespace

std::vector<std::string> likely_meant(const std::string& typed,
                                      const std::vector<std::string>& names) {
  std::vector<std::string> containing;
  if (typed.size() >= 3)
    for (const std::string& name : names)
      if (name.find(typed) != std::string::npos) containing.push_back(name);
  if (!containing.empty()) return containing;
  // A typo: a third of the letters (at least 2) may be wrong.
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, typed.size() / 3) + 1;
  for (const std::string& name : names)
    if (const std::size_t distance = edit_distance(typed, name); distance < best_distance) {
      best_distance = distance;
      best = name;
    }
  if (best.empty()) return {};
  return {best};
}

std::string did_you_mean_text(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  std::vector<std::string> quoted;
  for (std::size_t i = 0; i < names.size() && i < kMostShown; ++i)
    quoted.push_back("'" + names[i] + "'");
  std::string list = quoted.back();
  if (quoted.size() > 1)
    list =
        fmt::format("{} or {}", fmt::join(quoted.begin(), quoted.end() - 1, ", "), quoted.back());
  return " Did you mean " + list + (names.size() > kMostShown ? " (or another)?" : "?");
}

std::vector<std::string> headless_kinds() {
  std::vector<std::string> kinds = canonical_section_kinds();
  kinds.push_back("document");
  return kinds;
}

}  // namespace sayso
