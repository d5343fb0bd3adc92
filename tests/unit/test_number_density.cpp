// The number-density kind (plain-english.number-heavy-sentence) and the number rules it sits
// beside (plain-english.decimals, abbreviated results in plain-english.statistics-terms).
#include <catch2/catch.hpp>

#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

TEST_CASE("number-density flags a sentence with more numbers than the limit, at its numbers",
          "[rules][number-density]") {
  const std::string rule = "plain-english.number-heavy-sentence";
  Found heavy = lint_summary(
      "We asked 12 people. Pain fell from 7.2 to 4.1 points at 6 weeks and to 3.8 points at 12 "
      "weeks.",
      rule);
  REQUIRE(heavy.findings.size() == 1);
  CHECK(heavy.flagged().front() == "7.2 to 4.1 points at 6 weeks and to 3.8 points at 12");
  CHECK_THAT(heavy.findings.front().message, Catch::Contains("This sentence has 5 numbers"));

  // A range is one idea: 10, 18 and "8 to 10" are three.
  CHECK(lint_summary("We will run 10 groups over 18 months, each with 8 to 10 women.", rule)
            .findings.empty());
  CHECK(lint_summary("Groups had 8-10 women, or between 5 and 6 men, for 12 weeks.", rule)
            .findings.empty());
  // Three numbers is the limit: a count, a year range.
  CHECK(lint_summary("Between 2001 and 2010, 3 hospitals took part.", rule).findings.empty());
  // Numbers written as words are not counted.
  CHECK(lint_summary("Four of the five groups met six times in twelve weeks.", rule)
            .findings.empty());
}

TEST_CASE("number-density refuses a missing or silly limit", "[rules][number-density]") {
  const std::string head =
      minimal_rule("number-density", "readability", "{flag: [a 1 2 3 4, b 1 2 3 4], pass: [c, d]}");
  CHECK_THAT(load_error(head), Catch::Contains("'max_per_sentence' is missing"));
  CHECK_THAT(load_error(head + "    max_per_sentence: 0\n"),
             Catch::Contains("'max_per_sentence' must be a whole number from 1 to 100"));
  CHECK(load_error(head + "    max_per_sentence: 3\n").empty());
}

TEST_CASE("decimals and abbreviated results are flagged in a summary, everyday numbers are not",
          "[rules][number-density]") {
  CHECK(lint_summary("Fewer people died (RR 0.76, 95% CI 0.50 to 1.15).",
                     "plain-english.statistics-terms")
            .flagged() == std::vector<std::string>{"RR 0.76", "95% CI 0.50 to 1.15"});
  // The whole number, not its first digit; "n = 1,204" whole too.
  CHECK(lint_summary("We saw fewer falls (n=212; IRR 0.81, I2 = 45%).",
                     "plain-english.statistics-terms")
            .flagged() == std::vector<std::string>{"n=212", "IRR 0.81", "I2 = 45%"});
  CHECK(lint_summary("In all, n = 1,204 people took part.", "plain-english.statistics-terms")
            .flagged() == std::vector<std::string>{"n = 1,204"});
  // Lower-case "or" followed by a number is a word, not an odds ratio.
  CHECK(lint_summary("We will ask 10 or 12 people.", "plain-english.statistics-terms")
            .findings.empty());
  CHECK(lint_summary("Blood sugar fell by 0.76 units.", "plain-english.decimals").flagged() ==
        std::vector<std::string>{"0.76"});
  CHECK(lint_summary("The study costs £1.2 million.", "plain-english.decimals").findings.empty());
  // Money in pounds and pence is everyday; the decimal of "(2.5" or a sentence's start is not.
  CHECK(lint_summary("A breakfast costs £1.20 and a lunch $3.50.", "plain-english.decimals")
            .findings.empty());
  CHECK(lint_summary("2.5 times more (1.38 in all).", "plain-english.decimals").flagged() ==
        std::vector<std::string>{"2.5", "1.38"});
}

TEST_CASE("number-density counts a share such as '3 in 4' as one number",
          "[rules][number-density]") {
  CHECK(lint_summary("Breakfast eaters rise from 3 in 4 to 9 in 10.",
                     "plain-english.number-heavy-sentence")
            .findings.empty());
  CHECK(lint_summary("From 3 out of 4 to 9 out of 10, or 7 in 10 in 2024.",
                     "plain-english.number-heavy-sentence")
            .findings.size() == 1);  // 3, 9, 7 and 2024
  // A long chain of shares ("1 in 2 in 3 in …") is one numbers note for its sentence.
  std::string chain = "Counts";
  for (int i = 0; i < 100000; ++i) chain += " " + std::to_string(i % 9 + 1) + " in";
  chain += " 5.";
  CHECK(lint_summary(chain, "plain-english.number-heavy-sentence").findings.size() == 1);
}
