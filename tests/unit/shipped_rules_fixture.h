// Tests of one rule kind against the shipped rule packs (rules/), and of a rule file that must
// fail to load: shared by the tests of each rule kind.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_helpers.h"

namespace sayso::testing {

inline const RuleSet& shipped_rules() {
  static const RuleSet set =
      load_rules(std::string(SAYSO_TEST_DATA_DIR) + "/../../rules", Config{});
  return set;
}

// The words of a document as the rules see them (lower case, composed).
inline std::vector<std::string> words_of(const Document& doc) {
  std::vector<std::string> out;
  for (const Token& t : doc.tokens) out.push_back(t.lower);
  return out;
}

// The findings of one rule and the text they point into.
struct Found {
  std::vector<Diagnostic> findings;
  std::string text;
  std::vector<std::string> flagged() const {
    std::vector<std::string> out;
    for (const auto& d : findings) out.push_back(text.substr(d.begin, d.end - d.begin));
    return out;
  }
};

// `text` linted as a heading-less plain-English summary with the shipped rules; only `rule_id`'s
// findings are kept.
inline Found lint_summary(const std::string& text, const std::string& rule_id) {
  LoadOptions options;
  options.headless_kind = "plain-english-summary";
  LoadResult r = load_document("summary.md", text, shipped_rules().sections, options);
  r.doc.lines = LineIndex(r.doc.source.bytes);
  Linter linter(shipped_rules(), Config{});
  Found found{{}, text};
  for (auto& d : linter.lint(r.doc).diagnostics)
    if (d.rule_id == rule_id) found.findings.push_back(d);
  return found;
}

// `text` linted as the file `path` (its headings make its sections) with the shipped rules and
// `config`; only `rule_id`'s findings are kept.
inline Found lint_file(const std::string& text, const std::string& path, const std::string& rule_id,
                       const Config& config = Config{}) {
  static const RuleSet& defaults = shipped_rules();
  const RuleSet configured =
      config.language ? load_rules(std::string(SAYSO_TEST_DATA_DIR) + "/../../rules", config)
                      : RuleSet{};
  const RuleSet& rules = config.language ? configured : defaults;
  LoadResult r = load_document(path, text, rules.sections, LoadOptions{});
  r.doc.lines = LineIndex(r.doc.source.bytes);
  Linter linter(rules, config);
  Found found{{}, text};
  for (auto& d : linter.lint(r.doc).diagnostics)
    if (d.rule_id == rule_id) found.findings.push_back(d);
  return found;
}

// A rule file holding one rule of `kind` with every field a rule needs but the kind's own
// parameters, which a test appends ("    max_share: 0.3\n").
inline std::string minimal_rule(const std::string& kind, const std::string& category,
                                const std::string& examples = "{flag: [a, b], pass: [c, d]}") {
  return "rules:\n  - id: p.a\n    kind: " + kind + "\n    category: " + category +
         "\n    severity: info\n    message: m\n    explanation: e\n    sources: [s]\n"
         "    examples: " +
         examples +
         "\n    written_with: [w]\n    reviewed_by: [r]\n    status: draft\n"
         "    decisions: [d]\n";
}

// The load error of a pack holding one rule file with `rule_body` ("" when it loads).
inline std::string load_error(const std::string& rule_body) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("sayso-rule-kind-" + std::to_string(std::rand()));
  fs::create_directories(dir / "p");
  std::ofstream(dir / "p" / "pack.yml")
      << "name: p\nversion: 0.1.0\nlicence: CC-BY-4.0\nmaintainers: [t]\ndescription: t\n";
  std::ofstream(dir / "p" / "r.yml") << rule_body;
  std::string error;
  try {
    load_rules(dir.string(), Config{});
  } catch (const RuleError& e) {
    error = e.what();
  }
  fs::remove_all(dir);
  return error;
}

}  // namespace sayso::testing
