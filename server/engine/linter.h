// Runs a rule set over a document: one pass of the phrase matcher, then each rule's check.
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/document.h"
#include "engine/diagnostic.h"
#include "engine/ruleset.h"

namespace sayso {

struct CheckContext;  // engine/kinds/kind.h
struct Suppression;   // engine/suppressions.h

using LintClock = std::chrono::steady_clock;
// Used when the config sets no lint_time_budget_ms: far more than any real document needs.
inline constexpr std::chrono::milliseconds kDefaultLintTimeBudget{30000};

struct LintResult {
  std::vector<Diagnostic> diagnostics;  // sorted by position, then rule id
};

class Linter {
 public:
  // The rule set must outlive the linter. Not thread-safe (Hunspell): one linter per thread. A
  // lint runs its rules on the helper threads of core/parallel.h too (each has its own Hunspell).
  Linter(const RuleSet& rules, const Config& config);
  ~Linter();
  Linter(const Linter&) = delete;
  Linter& operator=(const Linter&) = delete;

  // Lints within the config's time budget (lint_time_budget_ms, else kDefaultLintTimeBudget;
  // 0 = none), counted from now.
  LintResult lint(const Document& doc) const;
  // Lints until `deadline` (nullopt: no limit). Checks are skipped once it has passed, and one
  // `sayso.time-limit` info finding then says that the findings are incomplete.
  LintResult lint(const Document& doc, std::optional<LintClock::time_point> deadline) const;
  // Lints with only the rules whose id is in `only` (used by rule example tests).
  LintResult lint_only(const Document& doc, const std::vector<const Rule*>& only) const;

  const RuleSet& rules() const { return rules_; }
  const Config& config() const { return config_; }
  // Runs the matcher once and calls `visit` with each enabled, applicable rule's context
  // (section_figures uses it to ask every rule what it knows about each section).
  void visit_checks(const Document& doc,
                    const std::function<void(const CheckContext&)>& visit) const;

  // Spelling suggestions on demand (slow: ~25 ms a word).
  std::vector<std::string> spelling_suggestions(const std::string& word) const;

  struct State;

 private:
  // Called with the index of each applicable rule (0, 1, … in rule order) and its context.
  using CheckVisitor = std::function<void(std::size_t, const CheckContext&)>;
  // Runs the matcher once, then `visit` for each applicable rule: in rule order, or on every core
  // (then `visit` must be safe to call from several threads). False when the deadline passed
  // before every check had run.
  bool run_checks(const Document& doc, const std::vector<const Rule*>& only,
                  const std::vector<Suppression>& suppressions, const CheckVisitor& visit,
                  bool on_every_core,
                  std::optional<LintClock::time_point> deadline = std::nullopt) const;
  // Drops findings of rules that defer to another rule's finding on the same words.
  void drop_deferred(std::vector<Diagnostic>& diagnostics) const;
  // Drops findings of rules that defer to another rule's finding in the same section.
  void drop_deferred_in_section(const Document& doc, std::vector<Diagnostic>& diagnostics) const;
  void keep_only_with_in_section(const Document& doc, const std::vector<const Rule*>& ran,
                                 std::vector<Diagnostic>& diagnostics) const;
  LintResult lint_rules(const Document& doc, const std::vector<const Rule*>& only,
                        std::optional<LintClock::time_point> deadline) const;

  const RuleSet& rules_;
  Config config_;
  std::unique_ptr<State> state_;
};

// Whether a document is judged as a whole application (several known sections, or the config
// says so) or as a fragment.
bool is_whole_application(const Document& doc, const Config& config);
// Places a finding about the whole document (checking stopped, nothing to check) at the first
// section's heading, or at the start of the text when there are no sections.
void place_at_document_start(Diagnostic& d, const Document& doc);

}  // namespace sayso
