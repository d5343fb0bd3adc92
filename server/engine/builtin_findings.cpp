#include "engine/builtin_findings.h"

namespace sayso {

const std::vector<BuiltinFinding>& builtin_findings() {
  static const std::vector<BuiltinFinding> all = {
      {builtin::kInvalidText, "style", "warning", "every tool",
       "Some bytes are not UTF-8 text or are control characters. They are read as U+FFFD or a "
       "space, so the rest of the text is still checked. A file with no UTF-8 at all is read as "
       "Windows-1252 (Western European) and gets one such finding asking to save it as UTF-8."},
      {builtin::kTimeLimit, "style", "info", "every tool",
       "Checking stopped at the time limit for one document, so some findings may be missing "
       "(lint_time_budget_ms in .sayso.yml)."},
      {builtin::kNotChecked, "style", "warning", "the editor (sayso lsp)",
       "The document was not checked (for example a binary file, or one too large), so an empty "
       "list of findings does not mean it is fine."},
      {builtin::kSettingsError, "style", "error", "the editor (sayso lsp)",
       "A .sayso.yml or rule file has a mistake, shown at its line; the last good rules are "
       "still in use."},
      {builtin::kEmptySubmission, "structure", "error", "the batch (sayso batch)",
       "The submission has no text to check: the file or the form fields are empty, or hold only "
       "a title. It is the submission's only finding."},
      {builtin::kUnknownRule, "style", "warning", "every tool",
       "An inline comment (sayso-disable, sayso-disable-next-line) names a rule or pack that is "
       "not in use, often a slip in its name, so the comment turns nothing off. The finding says "
       "which name was meant when one is close."},
      {builtin::kFindingsLeftOut, "style", "info",
       "the batch (sayso batch), the editor (sayso lsp)",
       "The submission or document had more findings than the limit (--max-findings in the "
       "batch, the maxProblems setting in an editor: 1000 unless set); the most serious are kept "
       "and this says how many were left out."},
  };
  return all;
}

}  // namespace sayso
