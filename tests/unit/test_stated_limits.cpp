// Limits a form states in a heading ("Plain English summary (max 300 words)") and the rules
// that read them (structure.stated-limit) or leave such sections to it (structure.pes-word-limit).
#include <catch2/catch.hpp>

#include "core/stated_limits.h"
#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

double words_of(std::string_view line) {
  auto limit = stated_limit(line);
  return limit ? limit->max_words : 0;
}

double characters_of(std::string_view line) {
  auto limit = stated_limit(line);
  return limit ? limit->max_characters : 0;
}

std::string words(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i % 12 == 11 ? "people. " : "people ";
  return out;
}

}  // namespace

TEST_CASE("stated limits: the ways forms write a word limit", "[stated-limits]") {
  CHECK(words_of("Plain English summary (max 300 words)") == 300);
  CHECK(words_of("Plain English Summary (maximum of 250 words)") == 250);
  CHECK(words_of("Detailed research plan (up to 2,000 words)") == 2000);
  CHECK(words_of("Summary: no more than 150 words") == 150);
  CHECK(words_of("Summary - 300 words") == 300);
  CHECK(words_of("Summary \xE2\x80\x93 300 words") == 300);
  CHECK(words_of("Lay summary (300-word limit)") == 300);
  CHECK(words_of("Lay summary, 300 words max") == 300);
  CHECK(words_of("Lay summary [word limit: 400]") == 400);
  CHECK(words_of("Impact (200-500 words)") == 500);
  CHECK(words_of("Impact (200 to 500 words)") == 500);
  CHECK(words_of("Abstract (250 words or fewer)") == 250);
  CHECK(words_of("Proposal summary (200 words)") == 200);
}

TEST_CASE("stated limits: character limits and spaces", "[stated-limits]") {
  CHECK(characters_of("Lay summary (max 2,500 characters)") == 2500);
  CHECK(characters_of("Lay summary - up to 1500 characters including spaces") == 1500);
  auto limit = stated_limit("(Maximum 2000 characters, excluding spaces)");
  REQUIRE(limit);
  CHECK(limit->max_characters == 2000);
  CHECK(limit->characters_without_spaces);
  CHECK_FALSE(
      stated_limit("(Maximum 2000 characters including spaces)")->characters_without_spaces);
}

TEST_CASE("stated limits: numbers that are not limits", "[stated-limits]") {
  CHECK_FALSE(stated_limit("Aim 2: recruit 300 participants"));
  CHECK_FALSE(stated_limit("Work package 3 (months 1-6)"));
  CHECK_FALSE(stated_limit("Plain English summary"));
  CHECK_FALSE(stated_limit("The first 300 words people read"));
  CHECK_FALSE(stated_limit("Why 5 words matter in a title"));
  CHECK_FALSE(stated_limit(""));
  CHECK_FALSE(stated_limit("(((((((("));
}

TEST_CASE("stated limits: a heading that is an alias plus its limit is a plain-text heading",
          "[stated-limits]") {
  const SectionClassifier& c = shipped_rules().sections;
  CHECK(c.is_known_heading("Plain English summary (max 300 words)"));
  CHECK(c.is_known_heading("5. Lay summary - up to 2,000 characters"));
  CHECK_FALSE(c.is_known_heading("Plain English summary of 300 words that we wrote"));
  CHECK_FALSE(c.is_known_heading("Plain English summary (see page 3)"));
}

TEST_CASE("stated-limit: the form's limit in the heading is applied", "[rules][length]") {
  const std::string over = "# Plain English summary (max 100 words)\n\n" + words(120) + "\n";
  Found found = lint_file(over, "a.md", "structure.stated-limit");
  REQUIRE(found.findings.size() == 1);
  CHECK(found.findings[0].message ==
        "This section has 120 words. The form allows 100. Cut it down to fit.");
  CHECK(found.flagged() == std::vector<std::string>{"Plain English summary (max 100 words)"});
  // The profile's 300-word limit gives way to the form's own.
  CHECK(lint_file(over, "a.md", "structure.pes-word-limit").findings.empty());
  const std::string under = "# Plain English summary (max 400 words)\n\n" + words(350) + "\n";
  CHECK(lint_file(under, "a.md", "structure.stated-limit").findings.empty());
  CHECK(lint_file(under, "a.md", "structure.pes-word-limit").findings.empty());
  // Without a stated limit the profile's limit applies, and the stated rule says nothing.
  const std::string plain = "# Plain English summary\n\n" + words(350) + "\n";
  CHECK(lint_file(plain, "a.md", "structure.stated-limit").findings.empty());
  CHECK(lint_file(plain, "a.md", "structure.pes-word-limit").findings.size() == 1);
}

TEST_CASE("stated-limit: guidance on the line under the heading, and any section kind",
          "[rules][length]") {
  const std::string text = "# Research plan\n\n*(Maximum 50 words)*\n\n" + words(80) +
                           "\n\n# Dissemination\n\n" + words(80) + "\n";
  Found found = lint_file(text, "a.md", "structure.stated-limit");
  REQUIRE(found.flagged() == std::vector<std::string>{"Research plan"});
  // The form's own guidance is not the applicant's words: 80, not 83.
  CHECK_THAT(found.findings[0].message, Catch::StartsWith("This section has 80 words"));
  // Nor its characters (sixteenth blind review: a 558-character answer was "602 characters").
  const std::string answer = "We will ask people what they think of the new clinic.";  // 54
  const std::string characters = "Ethics\n(Maximum 54 characters, including spaces)\n\n" + answer +
                                 "\n\nDissemination\n\nWe will write to everyone.\n";
  CHECK(lint_file(characters, "a.txt", "structure.stated-limit").findings.empty());
  // A long first paragraph that mentions words is text, not guidance.
  const std::string prose =
      "# Research plan\n\nWe will write the leaflet in fewer than 50 words "
      "so that people can read it quickly on the bus.\n\n" +
      words(80) + "\n";
  CHECK(lint_file(prose, "a.md", "structure.stated-limit").findings.empty());
}

TEST_CASE("stated-limit: characters, with and without spaces", "[rules][length]") {
  const std::string text =
      "# Lay summary (max 60 characters excluding spaces)\n\n"
      "We will ask people what they think of the new clinic.\n";
  // 42 letters and a full stop: 43 characters without spaces, 53 with them (the line break
  // that ends the answer is not one of them).
  CHECK(lint_file(text, "a.md", "structure.stated-limit").findings.empty());
  const std::string counted_with_spaces =
      "# Lay summary (max 50 characters)\n\n"
      "We will ask people what they think of the new clinic.\n";
  Found found = lint_file(counted_with_spaces, "a.md", "structure.stated-limit");
  REQUIRE(found.findings.size() == 1);
  CHECK(found.findings[0].message ==
        "This section has 53 characters. The form allows 50. Cut it down to fit.");
  // Large numbers are written as people read them.
  Found long_answer = lint_file("# Lay summary (max 1000 words)\n\n" + words(12345) + "\n", "a.md",
                                "structure.stated-limit");
  REQUIRE(long_answer.findings.size() == 1);
  CHECK(long_answer.findings[0].message ==
        "This section has 12,345 words. The form allows 1,000. Cut it down to fit.");
}

TEST_CASE("stated-limit: a part of the summary with its own limit is measured alone",
          "[rules][length]") {
  const std::string text =
      "## Plain English summary (max 500 words)\n\n### Background (max 50 words)\n\n" + words(60) +
      "\n\n### What we will do\n\n" + words(100) + "\n";
  Found found = lint_file(text, "a.md", "structure.stated-limit");
  REQUIRE(found.flagged() == std::vector<std::string>{"Background (max 50 words)"});
}

TEST_CASE("stated-limit: 'stated_limits' is checked when the rule loads", "[rules][length]") {
  const std::string rule = minimal_rule("length", "structure");
  CHECK_THAT(load_error(rule + "    stated_limits: sometimes\n"),
             Catch::Contains("'stated_limits' must be ignore, defer or read"));
  CHECK_THAT(load_error(rule + "    stated_limits: read\n    max_words: 3\n"),
             Catch::Contains("takes its limits from the form"));
  CHECK_THAT(load_error(rule + "    stated_limits: defer\n"),
             Catch::Contains("give at least one of"));
  CHECK(load_error(rule + "    stated_limits: read\n").empty());
}
