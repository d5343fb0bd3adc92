// A rule's severity by section kind (severity_in), and how a config's severity replaces it.
#include <catch2/catch.hpp>

#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

std::vector<Severity> acronym_severities(const std::string& text, const Config& config) {
  RuleSet rules = load_rules(std::string(SAYSO_TEST_DATA_DIR) + "/../../rules", config);
  LoadResult r = load_document("a.md", text, rules.sections, LoadOptions{});
  Linter linter(rules, config);
  std::vector<Severity> out;
  for (const auto& d : linter.lint(r.doc).diagnostics)
    if (d.rule_id == "acronyms.unexplained") out.push_back(d.severity);
  return out;
}

const std::string kText =
    "# Plain English summary\n\nWe will work with the BHF on this.\n\n"
    "# Methods\n\nStaff time is 0.2 FTE for two years.\n";

}  // namespace

TEST_CASE("severity_in: an unexplained acronym is a warning in the summary, info elsewhere",
          "[rules][severity]") {
  CHECK(acronym_severities(kText, Config{}) ==
        std::vector<Severity>{Severity::Warning, Severity::Info});
  // A config that sets the rule's severity sets it in every section.
  Config config;
  config.rules["acronyms.unexplained"].severity = "error";
  CHECK(acronym_severities(kText, config) ==
        std::vector<Severity>{Severity::Error, Severity::Error});
}

TEST_CASE("severity_in: checked when the rule loads", "[rules][severity]") {
  const std::string rule = minimal_rule("existence", "jargon") + "    phrases: [x]\n";
  CHECK(load_error(rule + "    severity_in: {plain-english-summary: warning}\n").empty());
  CHECK_THAT(load_error(rule + "    severity_in: [warning]\n"),
             Catch::Contains("'severity_in' maps section kinds to severities"));
  CHECK_THAT(load_error(rule + "    severity_in: {summary: warning}\n"),
             Catch::Contains("unknown section kind 'summary'"));
  CHECK_THAT(load_error(rule + "    severity_in: {methods: loud}\n"),
             Catch::Contains("severity must be error, warning, info or hint"));
}
