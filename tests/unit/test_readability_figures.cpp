// Section figures in readability messages: a value over the limit by less than the message can
// show is not reported ("a reading age of about 14. Aim for 14 or lower." contradicted itself).
#include <catch2/catch.hpp>

#include <string>

#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

// `sentences` sentences of `words` words each, then one of `last_words`.
std::string sentences_of(int sentences, int words, int last_words) {
  std::string text;
  auto sentence = [&](int n) {
    for (int i = 0; i < n; ++i) text += i == 0 ? "Cats" : " sit";
    text += ". ";
  };
  for (int s = 0; s < sentences; ++s) sentence(words);
  sentence(last_words);
  return text + "\n";
}

}  // namespace

TEST_CASE("readability: a figure over its limit by less than it shows is not reported",
          "[rules][readability]") {
  const std::string rule = "plain-english.average-sentence-length";
  // 49 sentences of 20 words and one of 21: 20.02 words on average, shown as "20".
  CHECK(lint_summary(sentences_of(49, 20, 21), rule).findings.empty());
  // Figures are whole numbers: 9 of 20 and one of 24 is 20.4, shown as "20", not over 20.
  CHECK(lint_summary(sentences_of(9, 20, 24), rule).findings.empty());
  // 9 of 20 and one of 26: 20.6, shown as "21", over 20.
  Found over = lint_summary(sentences_of(9, 20, 26), rule);
  REQUIRE(over.findings.size() == 1);
  CHECK_THAT(over.findings[0].message, Catch::Contains("have 21 words on average"));
}

TEST_CASE("readability: a reading age past adulthood is said as over 18", "[rules][readability]") {
  const std::string rule = "plain-english.reading-age";
  const std::string hard =
      "Multidisciplinary interdisciplinary collaborative methodological considerations "
      "necessitate comprehensive epidemiological characterisation of heterogeneous "
      "multimorbidity trajectories. ";
  std::string text;
  for (int i = 0; i < 6; ++i) text += hard;
  Found found = lint_summary(text + "\n", rule);
  REQUIRE(found.findings.size() == 1);
  CHECK_THAT(found.findings[0].message,
             Catch::StartsWith("This section has a reading age of over 18."));
  // Below adulthood the figure is given, rounded.
  std::string medium;
  for (int i = 0; i < 6; ++i)
    medium +=
        "We will look at how people with long-term conditions manage their medication at home, "
        "and what would help them. ";
  Found easier = lint_summary(medium + "\n", rule);
  REQUIRE(easier.findings.size() == 1);
  CHECK_THAT(easier.findings[0].message,
             Catch::StartsWith("This section has a reading age of about 14."));
}
