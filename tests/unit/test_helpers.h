// Shared helpers for unit tests: load a document, lint with the small test pack.
#pragma once
#include <string>
#include <vector>

#include "core/config.h"
#include "engine/linter.h"
#include "engine/ruleset.h"
#include "formats/format.h"

namespace sayso::testing {

inline std::string test_rules_dir() { return std::string(SAYSO_TEST_DATA_DIR) + "/rules"; }

inline const RuleSet& test_rules() {
  static const RuleSet set = load_rules(test_rules_dir(), Config{});
  return set;
}

inline Document load(const std::string& text, const std::string& path = "doc.md",
                     const std::string& headless_kind = "document") {
  LoadOptions options;
  options.headless_kind = headless_kind;
  LoadResult r = load_document(path, text, test_rules().sections, options);
  r.doc.lines = LineIndex(r.doc.source.bytes);
  return std::move(r.doc);
}

// Findings of one rule (or all rules when rule_id is empty).
inline std::vector<Diagnostic> lint(const Document& doc, const std::string& rule_id = "",
                                    Config config = Config{}) {
  Linter linter(test_rules(), config);
  auto all = linter.lint(doc).diagnostics;
  if (rule_id.empty()) return all;
  std::vector<Diagnostic> out;
  for (auto& d : all)
    if (d.rule_id == rule_id) out.push_back(d);
  return out;
}

inline std::string flagged(const Document& doc, const Diagnostic& d) {
  return doc.source.bytes.substr(d.begin, d.end - d.begin);
}

}  // namespace sayso::testing
