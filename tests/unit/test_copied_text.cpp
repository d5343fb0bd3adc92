// copied-text: a plain-English summary that repeats the scientific abstract word for word.
#include <catch2/catch.hpp>

#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

const std::string kRule = "structure.summary-copies-abstract";

const std::string kAbstract =
    "# Scientific abstract\n\nA pragmatic multicentre randomised controlled trial will be "
    "undertaken in 14 NHS hand therapy services. 420 adults with thumb base osteoarthritis will "
    "be randomised to a night splint plus exercise or exercise alone. The primary outcome will be "
    "thumb pain at 12 weeks, measured with a validated questionnaire.\n\n";

}  // namespace

TEST_CASE("copied-text: a summary pasted from the abstract is flagged at its heading",
          "[rules][copied-text]") {
  const std::string text =
      kAbstract +
      "# Plain English summary\n\nThumb pain is common in older women. A pragmatic multicentre "
      "randomised controlled trial will be undertaken in 14 NHS hand therapy services. 420 "
      "adults with thumb base osteoarthritis will be randomised to a night splint plus exercise "
      "or exercise alone.\n";
  Found found = lint_file(text, "a.md", kRule);
  REQUIRE(found.flagged() == std::vector<std::string>{"Plain English summary"});
  CHECK_THAT(found.findings[0].message, Catch::StartsWith("About 8"));
}

TEST_CASE("copied-text: a summary written afresh, or with no abstract to copy, is not",
          "[rules][copied-text]") {
  const std::string fresh =
      "# Plain English summary\n\nPain at the base of the thumb is common in older women and "
      "makes everyday tasks hard. We want to find out if wearing a splint at night helps. We "
      "will ask 420 people in 14 NHS hand clinics to take part.\n";
  CHECK(lint_file(kAbstract + fresh, "a.md", kRule).findings.empty());
  // The same copied words with no abstract in the document: nothing to compare with.
  CHECK(lint_file("# Plain English summary\n\nA pragmatic multicentre randomised controlled "
                  "trial will be undertaken in 14 NHS hand therapy services, with 420 adults "
                  "with thumb base osteoarthritis randomised to a splint or not.\n",
                  "a.md", kRule)
            .findings.empty());
}

TEST_CASE("copied-text: a summary split by subheadings is judged whole", "[rules][copied-text]") {
  const std::string text =
      kAbstract +
      "# Plain English summary\n\n## The problem\n\nThumb pain is common in older women and "
      "makes it hard to open jars, write and hold a cup of tea.\n\n## What we will do\n\nA "
      "pragmatic multicentre randomised controlled trial will be undertaken in 14 NHS hand "
      "therapy services. 420 adults with thumb base osteoarthritis will be randomised to a "
      "night splint plus exercise or exercise alone.\n";
  CHECK(lint_file(text, "a.md", kRule).flagged() ==
        std::vector<std::string>{"Plain English summary"});
}

TEST_CASE("copied-text refuses unknown kinds and silly limits", "[rules][copied-text]") {
  const std::string head = minimal_rule("copied-text", "structure");
  CHECK_THAT(load_error(head), Catch::Contains("'from' is missing"));
  CHECK_THAT(load_error(head + "    from: [abstrct]\n"),
             Catch::Contains("'from': 'abstrct' is not a section kind"));
  CHECK_THAT(load_error(head + "    from: [abstract]\n    max_share: 1.5\n"),
             Catch::Contains("'max_share' must be at least 0 and less than 1"));
  CHECK_THAT(load_error(head + "    from: [abstract]\n    run_words: 40\n"),
             Catch::Contains("'run_words' must be a whole number from 3 to 12"));
}
