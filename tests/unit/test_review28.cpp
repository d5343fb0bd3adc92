// The twenty-eighth and twenty-ninth blind reviews: a researcher applying every one-click fix, a
// public contributor writing rules, a PPI lead and a charity's involvement manager, lay writers.
#include <catch2/catch.hpp>

#include "engine/section_figures.h"
#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

std::vector<std::string> fixes(const std::string& text, const std::string& rule) {
  const Found found = lint_summary(text, rule);
  REQUIRE(found.findings.size() == 1);
  return found.findings[0].suggestions;
}

}  // namespace

TEST_CASE("'participants' keeps who took part when words follow", "[rules][fixes]") {
  // "GPs and people" lost who the people were; "people taking part" is "people" with words that
  // describe it, so what follows fits it as well.
  for (const char* text :
       {"We will interview pharmacists, GPs and participants about the service.\n",
        "Results will be shared with participants via email.\n",
        "We will interview a sample of participants and their family members.\n"}) {
    INFO(text);
    const auto offered = fixes(text, "plain-english.research-words");
    REQUIRE_FALSE(offered.empty());
    CHECK(offered.front() == "people taking part");
  }
  // After a number, "200 people" still.
  CHECK(fixes("We will recruit 200 participants from GP practices.\n",
              "plain-english.research-words") == std::vector<std::string>{"people"});
}

TEST_CASE("a possessive at the start of a sentence takes the one-word fix", "[rules][fixes]") {
  CHECK(fixes("Participants' carers will help.\n", "plain-english.research-words") ==
        std::vector<std::string>{"People's"});
  CHECK(fixes("Participants will get a voucher.\n", "plain-english.research-words") ==
        std::vector<std::string>{"People taking part"});
}

TEST_CASE("sayso-enable of one rule inside a disabled pack turns it back on", "[suppressions]") {
  const std::string text =
      "<!-- sayso-disable plain-english -->\n\nWe will utilise a survey.\n\n"
      "<!-- sayso-enable plain-english.wordy-words -->\n\nWe will utilise a survey.\n\n"
      "The average of 2.47 visits.\n";
  const Found found = lint_summary(text, "plain-english.wordy-words");
  REQUIRE(found.findings.size() == 1);
  CHECK(found.findings[0].begin > text.find("sayso-enable"));
  // The rest of the pack stays off.
  CHECK(lint_summary(text, "plain-english.decimals").findings.empty());
  CHECK_FALSE(
      lint_summary("The average of 2.47 visits.\n", "plain-english.decimals").findings.empty());
}

TEST_CASE("a medical word explained once is explained for the whole summary, subheadings too",
          "[rules][review29]") {
  const std::string text =
      "# Plain English summary\n\n## What is endometriosis?\n\n"
      "Endometriosis is a long-term condition. Tissue like the lining of the womb grows in other "
      "places.\n\n## Why does this study matter?\n\n"
      "It takes about 8 years to find out you have endometriosis.\n\n## Who has helped us?\n\n"
      "Endometriosis UK shared our plans with its members.\n";
  CHECK(lint_file(text, "pes.md", "plain-english.medical-words").findings.empty());
  // Not explained: the first use is still asked about.
  CHECK(lint_file("# Plain English summary\n\n## Why?\n\nYou may have endometriosis.\n\n## Who?\n\n"
                  "People with endometriosis helped.\n",
                  "pes.md", "plain-english.medical-words")
            .findings.size() == 1);
}

TEST_CASE("a heading that is only a wordy word keeps its words", "[rules][review29]") {
  const std::string text =
      "# Plain English summary\n\nWe will test a leaflet.\n\n## Dissemination\n\n"
      "We will share the findings with our panel.\n";
  CHECK(lint_file(text, "pes.md", "plain-english.wordy-words").findings.empty());
}

TEST_CASE("twenty-ninth review: swaps that fit where the first did not", "[rules][review29]") {
  CHECK(fixes("Waiting times often exceed 18 weeks.\n", "plain-english.wordy-words").front() ==
        "go over");
  CHECK(
      fixes("They requested that the app should not ask for names.\n", "plain-english.wordy-words")
          .front() == "asked that");
  CHECK(fixes("Wear is recorded by means of a diary.\n", "plain-english.wordy-words").front() ==
        "using");
  CHECK(fixes("It would facilitate more flexible care.\n", "plain-english.wordy-words").empty());
}

namespace {

// The involvement section's figures, for a section of these words.
SectionFigures involvement_figures(const std::string& involvement) {
  const std::string text = "# Patient and public involvement\n\n" + involvement + "\n";
  LoadResult r = load_document("app.md", text, shipped_rules().sections, {});
  REQUIRE(r.ok);
  r.doc.lines = LineIndex(r.doc.source.bytes);
  Linter linter(shipped_rules(), Config{});
  for (SectionFigures& f : section_figures(linter, r.doc))
    if (f.kind == "involvement") return f;
  FAIL("no involvement section");
  return {};
}

std::string stage_level(const SectionFigures& f, const std::string& stage) {
  for (const StageLevel& s : f.involvement)
    if (s.stage == stage) return s.level;
  return "no such stage";
}

}  // namespace

TEST_CASE("a level word that is denied gives no level", "[rules][review29]") {
  CHECK(involvement_figures("We will form an advisory group of eight carers.")
            .highest_involvement_level == "involve");
  CHECK(
      involvement_figures("We will not form an advisory group.").highest_involvement_level.empty());
}

TEST_CASE("a stage named in a table row or a bullet's label takes the level beside it",
          "[rules][review29]") {
  const SectionFigures table = involvement_figures(
      "| Stage | Who | What they did |\n|---|---|---|\n"
      "| Dissemination | 4 carers | Will co-write the leaflet with us |\n"
      "| Analysis | 2 carers | None yet |\n");
  CHECK(stage_level(table, "dissemination") == "collaborate");
  CHECK(stage_level(table, "analysis").empty());
  const SectionFigures label =
      involvement_figures("- **Design:** Carers will comment on the draft questionnaire.");
  CHECK(stage_level(label, "design") == "consult");
  // A GRIPP2-SF report's heading labels the text after it; it is not a stage.
  const SectionFigures report =
      involvement_figures("Results: the panel chose the main outcome with us.");
  CHECK(stage_level(report, "dissemination").empty());
}

TEST_CASE("a term given with its plain words in brackets is not swapped", "[rules][review30]") {
  for (const char* text : {"High blood pressure (hypertension) often has no symptoms.\n",
                           "Hypertension (high blood pressure) often has no symptoms.\n"}) {
    INFO(text);
    CHECK(lint_summary(text, "plain-english.research-words").findings.empty());
  }
  // The term alone, or in brackets about something else, is still swapped.
  CHECK(lint_summary("Hypertension often has no symptoms.\n", "plain-english.research-words")
            .findings.size() == 1);
  CHECK(lint_summary("We will measure blood pressure (hypertension is common).\n",
                     "plain-english.research-words")
            .findings.size() == 1);
}
