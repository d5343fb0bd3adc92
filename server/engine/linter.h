// Runs a rule set over a document: one pass of the phrase matcher, then each rule's check.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/document.h"
#include "engine/diagnostic.h"
#include "engine/ruleset.h"

namespace sayso {

struct SectionReport;  // engine/report_data.h: per-section figures (words, reading age, evidence)

struct LintResult {
  std::vector<Diagnostic> diagnostics;  // sorted by position, then rule id
};

class Linter {
 public:
  // The rule set must outlive the linter. Not thread-safe (Hunspell): one linter per thread.
  Linter(const RuleSet& rules, const Config& config);
  ~Linter();
  Linter(const Linter&) = delete;
  Linter& operator=(const Linter&) = delete;

  LintResult lint(const Document& doc) const;
  // Lints with only the rules whose id is in `only` (used by rule example tests).
  LintResult lint_only(const Document& doc, const std::vector<const Rule*>& only) const;

  const RuleSet& rules() const { return rules_; }
  const Config& config() const { return config_; }
  // Spelling suggestions on demand (slow: ~25 ms a word).
  std::vector<std::string> spelling_suggestions(const std::string& word) const;

  struct State;

 private:
  const RuleSet& rules_;
  Config config_;
  std::unique_ptr<State> state_;
};

// Whether a document is judged as a whole application (several known sections, or the config
// says so) or as a fragment.
bool is_whole_application(const Document& doc, const Config& config);

}  // namespace sayso
