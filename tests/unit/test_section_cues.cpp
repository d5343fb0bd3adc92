// Cues that answer a rule from elsewhere in the section or the document: an existence rule's
// `unless_in_section` and an evidence item's `elsewhere`.
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
