// The length kind measures a section with the subsections under it.
#include <catch2/catch.hpp>

#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

std::string words(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i % 12 == 11 ? "people. " : "people ";
  return out;
}

}  // namespace

TEST_CASE("length: a section whose text is all in subsections is not empty", "[rules][length]") {
  const std::string text = "# Title\n\nA study\n\n## Results\n\n### Trial one\n\n" + words(30) +
                           "\n\n### Trial two\n\n" + words(30) + "\n";
  CHECK(lint_file(text, "a.md", "structure.empty-section").findings.empty());
}

TEST_CASE("length: an empty subsection is still reported", "[rules][length]") {
  const std::string text =
      "# Title\n\nA study\n\n## Methods\n\n" + words(40) + "\n\n### Timeline\n\nTo follow.\n";
  Found found = lint_file(text, "a.md", "structure.empty-section");
  REQUIRE(found.flagged() == std::vector<std::string>{"Timeline"});
}

TEST_CASE("length: a summary split by subheadings has one word limit", "[rules][length]") {
  const std::string text = "## Plain English summary\n\n### Part one\n\n" + words(200) +
                           "\n\n### Part two\n\n" + words(200) + "\n";
  Found found = lint_file(text, "a.md", "structure.pes-word-limit");
  REQUIRE(found.findings.size() == 1);
  CHECK(found.flagged() == std::vector<std::string>{"Plain English summary"});
  CHECK_THAT(found.findings[0].message,
             Catch::StartsWith("This plain-English summary has 400 words"));
  // Each part alone is under the limit, so nothing is reported on the parts.
  const std::string short_text = "## Plain English summary\n\n### Part one\n\n" + words(100) +
                                 "\n\n### Part two\n\n" + words(100) + "\n";
  CHECK(lint_file(short_text, "a.md", "structure.pes-word-limit").findings.empty());
}
