#include <algorithm>
#include <filesystem>

#include "cli/commands.h"
#include "engine/ruleset.h"

namespace sayso {

const char* rule_error_heading(const RuleError& e) {
  // Some problems carry their file only at the head of their text ("path:line: ...").
  const auto in_settings = [](const RuleProblem& p) {
    const std::string file = !p.file.empty() ? p.file : p.text.substr(0, p.text.find(':'));
    const std::string name = std::filesystem::path(file).filename().string();
    return name == ".sayso.yml" || name == ".sayso.yaml";
  };
  const auto& problems = e.problems();
  return !problems.empty() && std::all_of(problems.begin(), problems.end(), in_settings)
             ? "settings error"
             : "rule error";
}

}  // namespace sayso
