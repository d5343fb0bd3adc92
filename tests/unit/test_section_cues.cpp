// Cues that answer a rule from elsewhere in the section or the document: an existence rule's
// `unless_in_section` and an evidence item's `elsewhere`.
#include <algorithm>
#include <catch2/catch.hpp>
#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

TEST_CASE("unless_in_section: a plan that says how people are paid is not asked again",
          "[rules][existence]") {
  const std::string plan =
      "# Patient and public involvement\n\n"
      "Mrs Akhtar, a carer and long-standing community volunteer, is a co-applicant.\n\n"
      "## Payment\n\nWe will pay members £75 for each half-day meeting at NIHR rates.\n";
  CHECK(lint_file(plan, "a.md", "involvement.unpaid-volunteers").findings.empty());
  // Without the payment subsection the word is flagged as before.
  const std::string unpaid =
      "# Patient and public involvement\n\n"
      "Mrs Akhtar, a carer and long-standing community volunteer, is a co-applicant.\n";
  CHECK(lint_file(unpaid, "a.md", "involvement.unpaid-volunteers").flagged() ==
        std::vector<std::string>{"volunteer"});
  // Payment said in another section (here the background) does not answer it.
  const std::string elsewhere =
      "# Background\n\nWe will pay members £75 for each half-day meeting.\n\n"
      "# Patient and public involvement\n\nContributors will be volunteers.\n";
  CHECK(lint_file(elsewhere, "a.md", "involvement.unpaid-volunteers").findings.size() == 1);
}

TEST_CASE("evidence: an item shown in another section kind ('elsewhere')", "[rules][evidence]") {
  const std::string plan =
      "# Patient and public involvement\n\n"
      "Six carers are on our advisory group. They helped design the questions and will help "
      "analyse the interviews and share the findings. We will pay them for their time. They "
      "will meet four times a year, and the group will choose which questions matter most to "
      "families.\n";
  auto missing = [](const std::string& text) {
    Found found = lint_file(text, "a.md", "co-production.involvement-checklist");
    REQUIRE(found.findings.size() == 1);
    return found.findings[0].message;
  };
  CHECK_THAT(missing(plan), Catch::Contains("budget for involvement"));
  // The budget section names the money for involvement.
  CHECK_THAT(missing(plan + "\n# Budget\n\nPublic involvement: £9,840 for meetings and travel.\n"),
             !Catch::Contains("budget for involvement"));
  // A budget section that says nothing about involvement does not count.
  CHECK_THAT(missing(plan + "\n# Budget\n\nStaff: £120,000. Equipment: £4,000.\n"),
             Catch::Contains("budget for involvement"));
}

TEST_CASE("elsewhere and unless_in_section are checked when the rule loads", "[rules][evidence]") {
  const std::string evidence = minimal_rule("evidence", "evidence");
  CHECK_THAT(load_error(evidence + "    items:\n      - name: x\n        cues: [a]\n"
                                   "        elsewhere: {sections: [budgets], cues: [b]}\n"),
             Catch::Contains("unknown section kind 'budgets'"));
  CHECK_THAT(load_error(evidence + "    items:\n      - name: x\n        cues: [a]\n"
                                   "        elsewhere: [finance]\n"),
             Catch::Contains("'elsewhere' needs 'sections'"));
  CHECK(load_error(evidence + "    items:\n      - name: x\n        cues: [a]\n"
                              "        elsewhere: {sections: [finance], cues: [b]}\n")
            .empty());
  const std::string claims = minimal_rule("claim-needs-evidence", "evidence");
  CHECK_THAT(load_error(claims + "    claims: [co-produced]\n    evidence:\n      - name: x\n"
                                 "        cues: [a]\n        elsewhere: {sections: [finance], "
                                 "cues: [b]}\n"),
             Catch::Contains("'elsewhere' is not used by this kind of rule"));
  const std::string existence = minimal_rule("existence", "tokenism");
  CHECK(
      load_error(existence + "    phrases: [volunteer]\n    unless_in_section: [paid]\n").empty());
}

TEST_CASE("defers_to: a rule gives way to another's finding on the same words", "[rules][linter]") {
  const std::string summary = "We will run an RCT with 200 people.\n";
  // acronyms.avoid-in-summary defers to acronyms.unexplained: one finding, not two.
  Found avoid = lint_summary(summary, "acronyms.avoid-in-summary");
  Found unexplained = lint_summary(summary, "acronyms.unexplained");
  CHECK(avoid.findings.empty());
  CHECK(unexplained.flagged() == std::vector<std::string>{"RCT"});
  // Spelled out, the acronym is no longer unexplained, and the milder rule speaks.
  const std::string defined =
      "We will run a randomised controlled trial (RCT). The RCT will have 200 people.\n";
  CHECK_FALSE(lint_summary(defined, "acronyms.avoid-in-summary").findings.empty());
  CHECK(lint_summary(defined, "acronyms.unexplained").findings.empty());
  // With the rule it defers to turned off, it reports as before.
  Config config;
  config.rules["acronyms.unexplained"].enabled = false;
  LoadOptions options;
  options.headless_kind = "plain-english-summary";
  RuleSet rules = load_rules(std::string(SAYSO_TEST_DATA_DIR) + "/../../rules", config);
  LoadResult r = load_document("s.md", summary, rules.sections, options);
  Linter linter(rules, config);
  std::vector<std::string> ids;
  for (const auto& d : linter.lint(r.doc).diagnostics)
    if (d.rule_id.starts_with("acronyms.")) ids.push_back(d.rule_id);
  CHECK(ids == std::vector<std::string>{"acronyms.avoid-in-summary"});
}

TEST_CASE("defers_to: a rule gives way to another's finding on words that include its own",
          "[rules][linter]") {
  // "CI" is inside the statistics finding "95% CI 0.70 to 0.93": the acronym rule gives way.
  LoadOptions options;
  options.headless_kind = "plain-english-summary";
  Config config;
  RuleSet rules = load_rules(std::string(SAYSO_TEST_DATA_DIR) + "/../../rules", config);
  const std::string summary = "Falls were fewer (95% CI 0.70 to 0.93). Sugar fell by 0.5 units.\n";
  LoadResult r = load_document("s.md", summary, rules.sections, options);
  Linter linter(rules, config);
  std::vector<std::string> found;
  for (const auto& d : linter.lint(r.doc).diagnostics)
    found.push_back(d.rule_id + " " + summary.substr(d.begin, d.end - d.begin));
  CHECK(std::count(found.begin(), found.end(),
                   "plain-english.statistics-terms 95% CI 0.70 to 0.93") == 1);
  CHECK(std::count(found.begin(), found.end(), "acronyms.unexplained CI") == 0);
  // Decimals do not defer: rounding each figure is a fix of its own (see numbers.yml).
  CHECK(std::count(found.begin(), found.end(), "plain-english.decimals 0.70") == 1);
}

TEST_CASE("defers_to: an unknown rule of a loaded pack is a load error", "[rules][linter]") {
  const std::string rule = minimal_rule("existence", "jargon");
  CHECK_THAT(load_error(rule + "    phrases: [x]\n    defers_to: [p.b]\n"),
             Catch::Contains("'defers_to' names 'p.b', which is not a rule of its pack"));
  CHECK_THAT(load_error(rule + "    phrases: [x]\n    defers_to: [p.a]\n"),
             Catch::Contains("cannot defer to itself"));
  // Two rules that defer to each other would both fall silent.
  const std::string two = rule + "    phrases: [x]\n    defers_to: [p.b]\n" +
                          "  - id: p.b\n    kind: existence\n    category: jargon\n"
                          "    severity: info\n    message: m\n    explanation: e\n"
                          "    sources: [s]\n    examples: {flag: [a, b], pass: [c, d]}\n"
                          "    written_with: [w]\n    reviewed_by: [r]\n    status: draft\n"
                          "    decisions: [d]\n    phrases: [y]\n    defers_to_in_section: [p.a]\n";
  CHECK_THAT(load_error(two), Catch::Contains("which defers back to it"));
  // A rule of a pack that is not loaded may be named: a config can leave that pack out.
  CHECK(load_error(rule + "    phrases: [x]\n    defers_to: [acronyms.unexplained]\n").empty());
}

TEST_CASE("defers_to_in_section: one note for an involvement section that only says N/A",
          "[rules][linter]") {
  const std::string text =
      "# Methods\n\nWe will grow kidney cells in the lab and test three medicines on them over "
      "two years.\n\n# Patient and public involvement\n\nN/A - this is a laboratory study.\n";
  std::vector<std::string> ids;
  LoadResult r = load_document("a.md", text, shipped_rules().sections, LoadOptions{});
  Linter linter(shipped_rules(), Config{});
  for (const auto& d : linter.lint(r.doc).diagnostics)
    if (d.section_kind == "involvement") ids.push_back(d.rule_id);
  // Not also the 13-item checklist, six UK Standards hints and "this section is very short".
  CHECK(ids == std::vector<std::string>{"involvement.not-applicable"});
  // A thin plan that is not "N/A" still gets its checklist.
  const std::string thin =
      "# Patient and public involvement\n\nPPI will be sought where appropriate from patients "
      "at the clinic, and we will tell them about the study when it ends.\n";
  CHECK(lint_file(thin, "a.md", "co-production.involvement-checklist").findings.size() == 1);
}
