// The long-words kind (plain-english.long-word-sentence) and the technical-term rules beside it
// (plain-english.latin-words, plain-english.lab-names).
#include <catch2/catch.hpp>

#include "engine/text_stats.h"
#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;
namespace fs = std::filesystem;

namespace {

const std::string kRule = "plain-english.long-word-sentence";

}  // namespace

TEST_CASE("long-words flags a sentence dense with long words, from the first to the last",
          "[rules][long-words]") {
  Found heavy = lint_summary(
      "We asked people. Individualised rehabilitation programmes may facilitate functional "
      "recovery.",
      kRule);
  REQUIRE(heavy.findings.size() == 1);
  CHECK(heavy.flagged().front() ==
        "Individualised rehabilitation programmes may facilitate functional recovery");
  // Six long words; the message names the three longest so the writer knows which to change.
  CHECK_THAT(heavy.findings.front().message,
             Catch::Contains("This sentence has 6 long words, such as 'Individualised', "
                             "'rehabilitation' and 'facilitate'"));
  // Everyday long words early in a sentence are not the examples when longer ones follow.
  Found everyday = lint_summary(
      "Every family said hospital visits became difficult after the comprehensive "
      "multidisciplinary reorganisation.",
      kRule);
  REQUIRE(everyday.findings.size() == 1);
  CHECK_THAT(everyday.findings.front().message,
             Catch::Contains("such as 'comprehensive', 'multidisciplinary' and 'reorganisation'"));
}

TEST_CASE("long-words leaves alone a sentence with few long words, names and acronyms",
          "[rules][long-words]") {
  // Two long words out of five is a share above 3 in 10, but fewer than 3 is never a pattern.
  CHECK(lint_summary("Hospital admissions increased quickly.", kRule).findings.empty());
  // Three long words out of sixteen is a share of about 1 in 5: below the limit.
  CHECK(lint_summary(
            "We want to know if a new medicine helps elderly people with diabetes sleep at night.",
            kRule)
            .findings.empty());
  // Capitalised words after the first are names, and acronyms are left to their own rules.
  CHECK(lint_summary("Manchester University Hospitals and the Alzheimer's Society helped.", kRule)
            .findings.empty());
  CHECK(lint_summary("The NIHR and NICE helped us.", kRule).findings.empty());
}

TEST_CASE("long-words thresholds are data: a lower share or a higher syllable count changes it",
          "[rules][long-words]") {
  const std::string head = minimal_rule("long-words", "readability");
  CHECK_THAT(load_error(head), Catch::Contains("'max_share' is missing"));
  CHECK_THAT(load_error(head + "    max_share: 1.5\n"),
             Catch::Contains("'max_share' must be a number between 0 and 1"));
  CHECK_THAT(load_error(head + "    max_share: 0.3\n    min_syllables: 1\n"),
             Catch::Contains("'min_syllables' must be a whole number from 2 to 8"));
  CHECK_THAT(load_error(head + "    max_share: 0.3\n    min_long_words: 2.5\n"),
             Catch::Contains("'min_long_words' must be a whole number from 1 to 100"));
  CHECK_THAT(load_error(head + "    max_share: 0.3\n    most_words: 2\n"),
             Catch::Contains("unknown field 'most_words'"));
}

TEST_CASE("long-words uses the limits from the rule file", "[rules][long-words]") {
  const std::string text = "Hospital admissions increased.";  // 2 long words out of 3
  auto findings_with = [&](const std::string& limits) {
    const fs::path dir =
        fs::temp_directory_path() / ("sayso-long-words-limits-" + std::to_string(std::rand()));
    fs::create_directories(dir / "p");
    std::ofstream(dir / "p" / "pack.yml")
        << "name: p\nversion: 0.1.0\nlicence: CC-BY-4.0\nmaintainers: [t]\ndescription: t\n";
    std::ofstream(dir / "p" / "r.yml") << minimal_rule("long-words", "readability") << limits;
    const RuleSet set = load_rules(dir.string(), Config{});
    LoadOptions options;
    options.headless_kind = "document";
    LoadResult r = load_document("doc.md", text, set.sections, options);
    r.doc.lines = LineIndex(r.doc.source.bytes);
    const auto found = Linter(set, Config{}).lint(r.doc).diagnostics.size();
    fs::remove_all(dir);
    return found;
  };
  CHECK(findings_with("    max_share: 0.5\n    min_long_words: 2\n") == 1);
  CHECK(findings_with("    max_share: 0.5\n    min_long_words: 3\n") == 0);
  CHECK(findings_with("    max_share: 0.7\n    min_long_words: 2\n") == 0);
  // With four syllables as the mark of a long word, "hospital" and "admissions" are not long.
  CHECK(findings_with("    max_share: 0.5\n    min_long_words: 2\n    min_syllables: 4\n") == 0);
}

TEST_CASE("Latin abbreviations and laboratory names get plain notes", "[rules][long-words]") {
  Found latin = lint_summary("We will ask about other illnesses, e.g. diabetes, via email.",
                             "plain-english.latin-words");
  CHECK(latin.flagged() == std::vector<std::string>{"e.g.", "via"});
  REQUIRE(!latin.findings.empty());
  CHECK(latin.findings.front().suggestions.front() == "for example");
  CHECK(lint_summary("We will ask about other illnesses, for example diabetes.",
                     "plain-english.latin-words")
            .findings.empty());
  CHECK(lint_summary("The p53 protein and mRNA and TNF-α went down.", "plain-english.lab-names")
            .flagged() == std::vector<std::string>{"p53", "mRNA", "α"});
  CHECK(lint_summary("People with COVID-19 used an iPad in 2024.", "plain-english.lab-names")
            .findings.empty());
  // A name the sentence explains is what the rule asks for.
  CHECK(lint_summary("A protein called p53 stops damaged cells from growing.",
                     "plain-english.lab-names")
            .findings.empty());
}

TEST_CASE("syllables: silent 'e' inside compounds and before suffixes", "[readability]") {
  const std::vector<std::pair<std::string, std::size_t>> words = {
      {"lifelong", 2},    {"someone", 2},    {"sometimes", 2},  {"something", 2},
      {"therefore", 2},   {"homeless", 2},   {"baseline", 2},   {"safeguarding", 3},
      {"timetable", 3},   {"likelihood", 3}, {"careful", 2},    {"carefully", 3},
      {"useful", 2},      {"lately", 2},     {"completely", 3}, {"statement", 2},
      {"involvement", 3}, {"makes", 1},      {"times", 1},      {"outcomes", 2},
      {"measures", 2},    {"places", 2},     {"changes", 2},    {"uses", 2},
      {"services", 3},    {"people", 2},     {"wanted", 2},     {"used", 1},
      {"wherever", 3},    {"hereditary", 5}, {"career", 2},     {"implement", 3},
      {"agreement", 3},   {"government", 3}, {"studies", 2}};
  for (const auto& [word, syllables] : words) {
    INFO(word);
    CHECK(count_syllables(word) == syllables);
  }
}
