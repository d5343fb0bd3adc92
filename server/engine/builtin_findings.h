// Findings sayso gives itself, not from a rule in rules/: about the text (bytes that are not
// UTF-8), the check (stopped at the time limit, not run) or the submission (empty, too many
// findings). Every front uses these ids, and the rule catalogue lists them, so a funder's
// script and a reader of docs/rules.md know them as they know the rules.
#pragma once
#include <string_view>
#include <vector>

namespace sayso {

struct BuiltinFinding {
  std::string_view id;
  std::string_view category;
  std::string_view severity;
  std::string_view given_by;  // which tools give it
  std::string_view meaning;   // what it says, in plain words
};

namespace builtin {
inline constexpr std::string_view kInvalidText = "sayso.invalid-text";
inline constexpr std::string_view kTimeLimit = "sayso.time-limit";
inline constexpr std::string_view kNotChecked = "sayso.not-checked";
inline constexpr std::string_view kSettingsError = "sayso.settings-error";
inline constexpr std::string_view kEmptySubmission = "sayso.empty-submission";
inline constexpr std::string_view kFindingsLeftOut = "sayso.findings-left-out";
inline constexpr std::string_view kUnknownRule = "sayso.unknown-rule";
}  // namespace builtin

// All of them, in the order the catalogue lists them.
const std::vector<BuiltinFinding>& builtin_findings();

}  // namespace sayso
