// Good lay summaries as a public contributor writes them (twenty-seventh blind review): a question
// line is a part of the summary, a charity's name is a name, a study's name in capitals is one.
#include <catch2/catch.hpp>

#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

const std::string kKneeSummary =
    "# Plain English summary\n\n"
    "Many people have a knee replacement each year. We want to find out if moving sooner helps "
    "them walk again.\n\n"
    "What will happen?\n\n"
    "We will invite 500 people at six hospitals. A computer will decide who starts exercises on "
    "the same day.\n\n"
    "How have patients helped?\n\n"
    "We asked 12 people who have had a knee replacement what mattered most. They told us to "
    "ask about sleep, so we added it.\n\n"
    "What happens with the results?\n\n"
    "We will send a short summary to everyone who took part.\n";

}  // namespace

TEST_CASE("a question line about involvement inside a summary is one of its parts",
          "[rules][sections]") {
  LoadResult r = load_document("knee.md", kKneeSummary, shipped_rules().sections, {});
  REQUIRE(r.ok);
  for (const Section& s : r.doc.sections) {
    INFO(s.title);
    CHECK(s.kind == "plain-english-summary");
  }
  // No involvement checklist for a summary, and the summary's coverage sees its involvement.
  CHECK(lint_file(kKneeSummary, "knee.md", "co-production.involvement-checklist").findings.empty());
  CHECK(lint_file(kKneeSummary, "knee.md", "structure.pes-coverage").findings.empty());
}

TEST_CASE("a name at the start of a sentence is not swapped", "[rules][fixes]") {
  CHECK(lint_summary("Versus Arthritis will share what we find.\n", "plain-english.wordy-words")
            .findings.empty());
  CHECK(
      lint_summary("Consequently, Smith said so.\n", "plain-english.wordy-words").findings.size() ==
      1);
}

TEST_CASE("a study's or charity's name in capitals, said to be a name, is not an acronym",
          "[rules][acronyms]") {
  for (const char* text : {"Our study is called CUPPA. CUPPA will run for a year.\n",
                           "Our study, called STEADY, will test an online course.\n",
                           "We worked with parents through the charity STAMMA.\n",
                           "We worked with STAMMA, the British Stammering Association.\n"}) {
    INFO(text);
    CHECK(lint_summary(text, "acronyms.unexplained").findings.empty());
    CHECK(lint_summary(text, "acronyms.avoid-in-summary").findings.empty());
  }
  CHECK(lint_summary("Families will use RESTORE for six weeks.\n", "acronyms.unexplained")
            .findings.size() == 1);
}

TEST_CASE("a swap can fit the start of a sentence on its own", "[rules][fixes]") {
  const auto first_fix = [](const std::string& text, const std::string& rule) {
    const Found found = lint_summary(text, rule);
    REQUIRE(found.findings.size() == 1);
    REQUIRE_FALSE(found.findings[0].suggestions.empty());
    return found.findings[0].suggestions.front();
  };
  // "On costs," opens a sentence well; "asked on the barriers" does not.
  CHECK(first_fix("With regard to costs, we will pay people.\n", "plain-english.wordy-words") ==
        "On");
  CHECK(first_fix("Staff will be asked with regard to the barriers.\n",
                  "plain-english.wordy-words") == "about");
  // Who gets the voucher stays clear: not a bare "People".
  CHECK(first_fix("Participants will be given a voucher.\n", "plain-english.research-words") ==
        "People taking part");
}
