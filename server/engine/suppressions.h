// Inline suppressions: <!-- sayso-disable RULE -->, <!-- sayso-enable -->,
// <!-- sayso-disable-next-line RULE --> (and the same after "%" in LaTeX).
#pragma once
#include <string>
#include <vector>

#include "core/config.h"
#include "core/document.h"
#include "engine/diagnostic.h"
#include "engine/ruleset.h"

namespace sayso {

struct Suppression {
  std::size_t begin = 0, end = 0;     // byte range it covers
  std::vector<std::string> rules;     // empty = every rule; a pack name covers its rules, and a
                                      // rule's name alone (no pack) that rule
  std::vector<std::size_t> named_at;  // byte offset of each name in `rules`, in the comment
  // Rules a later `sayso-enable NAME` turned back on inside it (`sayso-disable` for all rules).
  std::vector<std::string> except;
  bool covers(const std::string& rule_id) const;
};

std::vector<Suppression> find_suppressions(const Document& doc);
// A `sayso.unknown-rule` finding for each name in a comment that is no rule or pack in use
// (`sayso-disable wordy-word`): such a comment would turn nothing off without a word.
std::vector<Diagnostic> unknown_names_in_suppressions(const std::vector<Suppression>& suppressions,
                                                      const Document& doc, const RuleSet& rules,
                                                      const Config& config);

void apply_suppressions(const std::vector<Suppression>& suppressions,
                        std::vector<Diagnostic>& diagnostics);

}  // namespace sayso
