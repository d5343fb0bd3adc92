// Quoted and negated words (core/quotes.h): someone else's words, or the writer denying a thing.
#include <catch2/catch.hpp>

#include "core/quotes.h"
#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

std::vector<std::string> quotes_in(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& [b, e] : quoted_spans(text, 0, text.size()))
    out.push_back(text.substr(b, e - b));
  return out;
}

}  // namespace

TEST_CASE("quotes: straight, curly, double and single quotation marks", "[quotes]") {
  CHECK(quotes_in("It said \"not a plan\" and \"risks tokenism\".") ==
        std::vector<std::string>{"\"not a plan\"", "\"risks tokenism\""});
  CHECK(quotes_in("She felt like \u201Cthe token patient\u201D.") ==
        std::vector<std::string>{"\u201Cthe token patient\u201D"});
  CHECK(quotes_in("They said \u2018it\u2019s too long\u2019, so we cut it.") ==
        std::vector<std::string>{"\u2018it\u2019s too long\u2019"});
  CHECK(quotes_in("The panel called it 'not a plan'.") == std::vector<std::string>{"'not a plan'"});
}

TEST_CASE("quotes: apostrophes are not quotation marks", "[quotes]") {
  CHECK(quotes_in("We're asking parents' views on the carers' group.").empty());
  CHECK(quotes_in("It\u2019s the patients\u2019 choice.").empty());
  // A quotation that never closes is not one.
  CHECK(quotes_in("He said \"we will see.").empty());
}

TEST_CASE("quotes: Quotations looks within the paragraph", "[quotes]") {
  const std::string text =
      "The panel said \"PPI will be sought\" is vague.\n\nPPI will be sought.\n";
  Document doc = load(text);
  const std::size_t quoted = text.find("will be sought");
  const std::size_t plain = text.rfind("will be sought");
  Quotations quotations(doc);
  CHECK(quotations.contain(quoted, quoted + 14));
  CHECK_FALSE(quotations.contain(plain, plain + 14));
  CHECK_FALSE(quotations.contain(quoted - 8, quoted + 14));  // starts before the quotation
}

TEST_CASE("negation: a denial up to eight words before, in the same clause", "[quotes]") {
  auto negated = [](const std::string& text, const std::string& word) {
    Document doc = load(text);
    const std::size_t at = text.find(word);
    for (std::uint32_t s = 0; s < doc.sentences.size(); ++s)
      for (std::uint32_t t = doc.sentences[s].first_token; t < doc.sentences[s].last_token; ++t)
        if (doc.tokens[t].begin == at) return is_negated(doc, s, t);
    FAIL("word not found");
    return false;
  };
  CHECK(negated("Nobody will be asked to volunteer.\n", "volunteer"));
  CHECK(negated("Payment, not goodwill.\n", "goodwill"));
  CHECK(negated("Three co-applicants instead of one lay member.\n", "one lay"));
  CHECK(negated("We won't rely on volunteers.\n", "volunteers"));
  CHECK_FALSE(negated("Members are volunteers.\n", "volunteers"));
  // Too far back, or in the sentence before.
  CHECK_FALSE(negated("No. Our panel members will all be unpaid volunteers.\n", "volunteers"));
  CHECK_FALSE(negated("We do not pay. Members are volunteers.\n", "volunteers"));
  // The denial reaches over a relative clause, but not past a comma, a dash or "but".
  CHECK(negated("We did not use a model where a single lay member sits on a committee.\n",
                "single lay"));
  CHECK_FALSE(
      negated("We had no budget, so a single lay member sits on the committee.\n", "single lay"));
  CHECK_FALSE(negated("There is no budget \xE2\x80\x93 one lay member will join.\n", "one lay"));
  CHECK_FALSE(negated("We could not pay them but volunteers will help.\n", "volunteers"));
  // "as" before a subject starts a reason clause; "not as volunteers" is still a denial.
  CHECK_FALSE(
      negated("PPI costs are not requested as the lay member is a volunteer.\n", "volunteer"));
  CHECK_FALSE(negated("No costs are needed since members are volunteers.\n", "volunteers"));
  CHECK(negated("They will not take part as volunteers.\n", "volunteers"));
}

TEST_CASE("tokenism rules leave quoted criticism and denials alone", "[quotes][rules]") {
  const std::string text =
      "# Patient and public involvement\n\nThe panel said our phrase \"PPI will be sought at "
      "key stages\" was not a plan. Nobody will be asked to volunteer their time. We no longer "
      "call the work co-produced.\n";
  for (const char* rule : {"involvement.vague-plans", "involvement.unpaid-volunteers",
                           "co-production.claim-needs-evidence", "co-production.involvement-level"})
    CHECK(lint_file(text, "ppi.md", rule).findings.empty());
  // The same words as the writer's own plan are flagged.
  const std::string plain =
      "# Patient and public involvement\n\nPPI will be sought at key stages. Members will be "
      "volunteers. The work is co-produced.\n";
  for (const char* rule : {"involvement.vague-plans", "involvement.unpaid-volunteers",
                           "co-production.involvement-level"})
    CHECK(lint_file(plain, "ppi.md", rule).findings.size() == 1);
  // The claim rule gives way to the level rule on the same words (defers_to): one finding.
  CHECK(lint_file(plain, "ppi.md", "co-production.claim-needs-evidence").findings.empty());
}

TEST_CASE("existence: a message that does not name the match is said once a paragraph",
          "[rules][existence]") {
  const std::string text =
      "# Patient and public involvement\n\nPatients were consulted about the design and were "
      "supportive of the project. We consulted carers too.\n\nIn May we consulted parents.\n";
  CHECK(lint_file(text, "ppi.md", "involvement.consulted-no-change").flagged() ==
        std::vector<std::string>{"were consulted", "we consulted"});
  // A message that names the match reports each one, once a sentence (once_per_sentence).
  CHECK(
      lint_file("# PPI\n\nWe will involve people where possible. They will join if appropriate.\n",
                "ppi.md", "involvement.hedged-plans")
          .flagged() == std::vector<std::string>{"where possible", "if appropriate"});
  CHECK(lint_file("# PPI\n\nWe will involve people where possible and if appropriate.\n", "ppi.md",
                  "involvement.hedged-plans")
            .flagged() == std::vector<std::string>{"where possible"});
}

TEST_CASE("swaps leave words in quotation marks alone", "[quotes][rules]") {
  const std::string quoted =
      "The panel said the summary used jargon such as 'exacerbation' and \"participants\".\n";
  CHECK(lint_summary(quoted, "plain-english.research-words").findings.empty());
  CHECK(lint_summary("Each exacerbation of COPD is frightening.\n", "plain-english.research-words")
            .flagged() == std::vector<std::string>{"exacerbation"});
  const std::string rule = minimal_rule("substitution", "jargon");
  CHECK(load_error(
            rule +
            "    skip_quoted: false\n    swap:\n      - {instead_of: [a], use: [b], source: s}\n")
            .empty());
}

TEST_CASE("explain-term: words inside a proper name are the name, not a term",
          "[rules][existence]") {
  const std::string rule = "plain-english.explain-term";
  CHECK(lint_summary("We met the Lived Experience Group twice.\n", rule).findings.empty());
  // Lower case, at a sentence start, or title case with no name after it: still a term.
  CHECK(lint_summary("People with lived experience helped us.\n", rule).findings.size() == 1);
  CHECK(lint_summary("Lived experience matters here.\n", rule).findings.size() == 1);
  CHECK(lint_summary("This is a Randomised Controlled Trial (a fair test).\n", rule)
            .findings.empty());  // explained by the brackets, as before
  CHECK(lint_summary("We will run a Randomised Controlled Trial.\n", rule).findings.size() == 1);
}

TEST_CASE("tokenism rules leave a block quotation alone: the panel's words, not the writer's",
          "[quotes][rules]") {
  const std::string text =
      "# Patient and public involvement\n\nThe panel wrote:\n\n> Patients will be consulted as "
      "appropriate. A single lay member will sit on the steering committee.\n\nSince then nine "
      "people chose our main outcome.\n";
  for (const char* rule : {"involvement.consulted-no-change", "involvement.hedged-plans",
                           "involvement.single-lay-member"})
    CHECK(lint_file(text, "ppi.md", rule).findings.empty());
  // The same words in the writer's own paragraph are flagged.
  const std::string own =
      "# Patient and public involvement\n\nPatients will be consulted as appropriate.\n";
  CHECK(lint_file(own, "ppi.md", "involvement.hedged-plans").findings.size() == 1);
}

TEST_CASE("evidence the writer denies is not evidence: 'not involved in the design'",
          "[quotes][rules]") {
  const std::string denied =
      "# Patient and public involvement\n\nPatients were not involved in the design of this "
      "study. At the end of the study, we will share our findings through a newsletter.\n";
  CHECK(lint_file(denied, "ppi.md", "involvement.only-at-the-end").findings.size() == 1);
  const std::string said =
      "# Patient and public involvement\n\nPatients were involved in the design of this study. "
      "At the end of the study, we will share our findings through a newsletter.\n";
  CHECK(lint_file(said, "ppi.md", "involvement.only-at-the-end").findings.empty());
  // The checklist does not count the denied stage either.
  Found checklist = lint_file(denied, "ppi.md", "co-production.involvement-checklist");
  REQUIRE(checklist.findings.size() == 1);
  CHECK_THAT(checklist.findings[0].message, Catch::Contains("what changed because of involvement"));
}

TEST_CASE("a short quotation naming the writer's own practice counts as evidence",
          "[quotes][rules]") {
  const std::string named =
      "# Patient and public involvement\n\nSix carers meet every two months and are paid for "
      "their time. After each meeting we send members a \"you said, we did\" note.\n";
  CHECK(lint_file(named, "app.md", "co-production.standard-4-communications").findings.empty());
  // Someone else's words, quoted, are not the writer's practice.
  const std::string reported =
      "# Patient and public involvement\n\nSix carers meet every two months and are paid for "
      "their time. Last year the panel wrote \"you said, we did\" and nothing more.\n";
  CHECK(lint_file(reported, "app.md", "co-production.standard-4-communications").findings.size() ==
        1);
}

TEST_CASE("hiding a tokenism warning does not turn its sentence into evidence", "[quotes][rules]") {
  const std::string plain =
      "# Patient and public involvement\n\nWe will pay six carers for their time. A lay member "
      "will sit on the Trial Steering Committee.\n";
  const std::string hidden =
      "# Patient and public involvement\n\nWe will pay six carers for their time.\n"
      "<!-- sayso-disable-next-line involvement.single-lay-member -->\nA lay member will sit on "
      "the Trial Steering Committee.\n";
  REQUIRE(lint_file(plain, "app.md", "involvement.single-lay-member").findings.size() == 1);
  CHECK(lint_file(hidden, "app.md", "involvement.single-lay-member").findings.empty());
  const std::size_t governance_plain =
      lint_file(plain, "app.md", "co-production.standard-6-governance").findings.size();
  CHECK(governance_plain == 1);
  CHECK(lint_file(hidden, "app.md", "co-production.standard-6-governance").findings.size() ==
        governance_plain);
}

TEST_CASE("tokenism rules leave wording a study of involvement reports", "[quotes][rules]") {
  const std::string reported =
      "# Patient and public involvement\n\nEarlier audits found that many teams write that PPI "
      "will be sought where possible, that patients were consulted, or that one lay "
      "representative will sit on the steering committee, with no detail.\n";
  for (const char* rule : {"involvement.vague-plans", "involvement.hedged-plans",
                           "involvement.consulted-no-change", "involvement.single-lay-member"})
    CHECK(lint_file(reported, "review.md", rule).findings.empty());
  // The same words as the writer's plan, and a plan that follows "we will ensure that".
  const std::string planned =
      "# Patient and public involvement\n\nWe will ensure that PPI will be sought where "
      "possible.\n";
  CHECK(lint_file(planned, "plan.md", "involvement.vague-plans").findings.size() == 1);
  CHECK(lint_file(planned, "plan.md", "involvement.hedged-plans").findings.size() == 1);
}
