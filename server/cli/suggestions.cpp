#include "cli/suggestions.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/closest_name.h"
#include "core/sections.h"

namespace sayso {
namespace {

constexpr std::size_t kMostShown = 5;

}  // namespace

std::vector<std::string> likely_meant(const std::string& typed,
                                      const std::vector<std::string>& names) {
  std::vector<std::string> containing;
  if (typed.size() >= 3)
    for (const std::string& name : names)
      if (name.find(typed) != std::string::npos) containing.push_back(name);
  if (!containing.empty()) return containing;
  // A typo: a third of the letters (at least 2) may be wrong.
  std::string best = closest_name(typed, names);
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

std::string kind_option_problem(const std::string& kind) {
  if (is_headless_kind(kind)) return "";
  if (kind == "application")
    return "--kind application: a whole application is not one section; use --document "
           "application to judge the text as a whole application";
  return fmt::format(
      "--kind must be a section kind ({}) or document (a text judged as a whole, not as one "
      "section), not '{}'.{}",
      fmt::join(canonical_section_kinds(), ", "), kind,
      did_you_mean_text(likely_meant(kind, headless_kinds())));
}

}  // namespace sayso
