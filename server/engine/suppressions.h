// Inline suppressions: <!-- sayso-disable RULE -->, <!-- sayso-enable -->,
// <!-- sayso-disable-next-line RULE --> (and the same after "%" in LaTeX).
#pragma once
#include <string>
#include <vector>

#include "core/document.h"
#include "engine/diagnostic.h"

namespace sayso {

struct Suppression {
  std::size_t begin = 0, end = 0;  // byte range it covers
  std::vector<std::string> rules;  // empty = every rule; a pack name covers its rules, and a
                                   // rule's name alone (no pack) that rule
  bool covers(const std::string& rule_id) const;
};

std::vector<Suppression> find_suppressions(const Document& doc);
void apply_suppressions(const std::vector<Suppression>& suppressions,
                        std::vector<Diagnostic>& diagnostics);

}  // namespace sayso
