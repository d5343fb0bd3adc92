// Quick fixes read as English where they land: the article before a swapped word, possessives,
// and each form of a phrase (engine/kinds/substitution.cpp, engine/phrase_matcher.cpp).
#include <catch2/catch.hpp>

#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

// `text` with `rule`'s first finding replaced by its first fix.
std::string fixed(const std::string& text, const std::string& rule) {
  const Found found = lint_summary(text, rule);
  REQUIRE(!found.findings.empty());
  const Diagnostic& d = found.findings.front();
  REQUIRE(!d.suggestions.empty());
  return text.substr(0, d.begin) + d.suggestions.front() + text.substr(d.end);
}

}  // namespace

TEST_CASE("a fix changes 'a' and 'an' to fit the new word", "[rules][fixes]") {
  CHECK(fixed("An intervention will be tested.\n", "plain-english.research-words") ==
        "A programme will be tested.\n");
  CHECK(fixed("Each person may have an adverse event.\n", "plain-english.research-words") ==
        "Each person may have an unwanted effect.\n");
  CHECK(fixed("People with a comorbidity often fall.\n", "plain-english.research-words") ==
        "People with another health condition often fall.\n");
  // The article that already fits is left as it is, and the finding is on the word alone.
  const Found additional =
      lint_summary("There is an additional visit.\n", "plain-english.wordy-words");
  REQUIRE(additional.flagged() == std::vector<std::string>{"additional"});
  CHECK(fixed("There is an additional visit.\n", "plain-english.wordy-words") ==
        "There is an extra visit.\n");
  // The message still names the word the writer wrote.
  const Found article =
      lint_summary("An intervention will be tested.\n", "plain-english.research-words");
  CHECK_THAT(article.findings.front().message, Catch::Contains("'intervention'"));
  CHECK_THAT(article.findings.front().message, !Catch::Contains("'An intervention'"));
}

TEST_CASE("a phrase wrapped over two lines is quoted on one line in its message",
          "[rules][fixes]") {
  // A line break inside a message splits the CLI's one-finding-a-line output.
  const Found wrapped =
      lint_summary("We ask them, in order\nto help.\n", "plain-english.wordy-words");
  REQUIRE(wrapped.findings.size() == 1);
  CHECK_THAT(wrapped.findings.front().message, Catch::Contains("'in order to'"));
  const Found vague = lint_file("# Patient and public involvement\n\nPPI will be\nsought.\n",
                                "a.md", "involvement.vague-plans");
  REQUIRE(vague.findings.size() == 1);
  CHECK_THAT(vague.findings.front().message, Catch::StartsWith("'will be sought'"));
}

TEST_CASE("possessives are found and kept by fixes", "[rules][fixes]") {
  CHECK(fixed("The participants' views shaped the study.\n", "plain-english.research-words") ==
        "The people's views shaped the study.\n");
  CHECK(fixed("Each participant's carer was asked.\n", "plain-english.research-words") ==
        "Each person's carer was asked.\n");
  CHECK(fixed("Each participant\u2019s carer was asked.\n", "plain-english.research-words") ==
        "Each person\u2019s carer was asked.\n");
  // "it's" is "it is", not a possessive of "it".
  CHECK(lint_summary("It's the cohort's size that matters.\n", "plain-english.research-words")
            .flagged() == std::vector<std::string>{"cohort"});
}

TEST_CASE("each form of a wordy phrase has a fix of the same form", "[rules][fixes]") {
  CHECK(fixed("The programme has an effect on falls.\n", "plain-english.wordy-phrases") ==
        "The programme affects falls.\n");
  CHECK(fixed("These classes have an impact on mood.\n", "plain-english.wordy-phrases") ==
        "These classes affect mood.\n");
  CHECK(fixed("In the event of a fall, staff will ring us.\n", "plain-english.wordy-words") ==
        "If there is a fall, staff will ring us.\n");
  CHECK(fixed("We will assess the efficacy of the classes.\n", "plain-english.research-words") ==
        "We will assess the benefit of the classes.\n");
}

TEST_CASE("a word in capitals for emphasis gets the swap, not an acronym note", "[rules][fixes]") {
  const std::string text = "We will UTILISE phone calls to reach people.\n";
  CHECK(lint_summary(text, "acronyms.unexplained").findings.empty());
  CHECK(lint_summary(text, "plain-english.wordy-words").flagged() ==
        std::vector<std::string>{"UTILISE"});
}

TEST_CASE("before a noun a swap takes a noun place, and an adverb after it is no noun",
          "[rules][fixes]") {
  CHECK(fixed("Many of the elderly patients fall.\n", "plain-english.wordy-words") ==
        "Many of the older patients fall.\n");
  CHECK(fixed("The elderly often fall at home.\n", "plain-english.wordy-words") ==
        "Older people often fall at home.\n");
  // No word fits straight before "fidelity": no fix, and the message says to reword.
  const Found fidelity =
      lint_summary("We will check implementation fidelity.\n", "plain-english.wordy-words");
  REQUIRE(fidelity.flagged() == std::vector<std::string>{"implementation"});
  CHECK(fidelity.findings.front().suggestions.empty());
  CHECK_THAT(fidelity.findings.front().message,
             Catch::Contains("Before 'fidelity' the swap does not fit as it is"));
  // "currently" is an everyday word, and "now" would change the meaning.
  CHECK(
      lint_summary("There is currently no cure.\n", "plain-english.wordy-words").findings.empty());
}

TEST_CASE("a swap of one word for several is held back where it would break the sentence",
          "[rules][fixes]") {
  const auto first_fix = [](const std::string& text, const std::string& rule) {
    const Found found = lint_summary(text, rule);
    REQUIRE(found.findings.size() == 1);
    return found.findings.front();
  };
  // Straight before a noun: "sticking to treatment data".
  const Diagnostic before_noun =
      first_fix("Adherence data will be kept.\n", "plain-english.research-words");
  CHECK(before_noun.suggestions.empty());
  CHECK_THAT(before_noun.message, Catch::Contains("Before 'data' the swap does not fit"));
  // After a number: "15% people dropping out".
  const Diagnostic after_number =
      first_fix("We allow for 15% attrition.\n", "plain-english.research-words");
  CHECK(after_number.suggestions.empty());
  CHECK_THAT(after_number.message, Catch::Contains("After '15' the swap does not fit"));
  // "to" cannot take a verb in -ing: "with a view to informing" is not "to informing".
  const Diagnostic ing =
      first_fix("We will meet with a view to informing policy.\n", "plain-english.wordy-words");
  CHECK(ing.suggestions.empty());
  CHECK_THAT(ing.message, Catch::Contains("Before 'informing'"));
  // Where the longer phrase fits, it is still offered.
  CHECK(fixed("We allow for attrition.\n", "plain-english.research-words") ==
        "We allow for people dropping out.\n");
  CHECK(fixed("We met with a view to inform policy.\n", "plain-english.wordy-words") ==
        "We met to inform policy.\n");
  // An abbreviation stands for a phrase that leads into its noun: "for example diabetes".
  CHECK(fixed("We ask about illnesses, e.g. diabetes.\n", "plain-english.latin-words") ==
        "We ask about illnesses, for example diabetes.\n");
}

TEST_CASE("a swap is held back after a word that describes it, and in a short form's words",
          "[rules][fixes]") {
  const auto only = [](const std::string& text, const std::string& rule) {
    const Found found = lint_summary(text, rule);
    REQUIRE(found.findings.size() == 1);
    return found.findings.front();
  };
  // "exercise sticking to treatment", "poor likely outcome": the word before described the
  // match; a phrase of several words cannot take its place.
  const Diagnostic adherence =
      only("Outcomes include exercise adherence and pain.\n", "plain-english.research-words");
  CHECK(adherence.suggestions.empty());
  CHECK_THAT(adherence.message, Catch::Contains("After 'exercise' the swap does not fit"));
  CHECK(fixed("Adults at risk of poor prognosis take part.\n", "plain-english.research-words") ==
        "Adults at risk of poor outlook take part.\n");
  // A clause cannot follow "the" or take "of": "the how well it works of".
  const Diagnostic clause =
      only("We will test the clinical effectiveness of the app.\n", "plain-english.research-words");
  CHECK(clause.suggestions.empty());
  // After a comma the same swaps fit.
  CHECK(fixed("Falls, hospitalisation and pain were counted.\n", "plain-english.research-words") ==
        "Falls, going into hospital and pain were counted.\n");
  // Words that spell out a short form keep it matching: "Digital health programmes (DHIs)".
  CHECK(lint_summary("Digital health interventions (DHIs) are common.\n",
                     "plain-english.research-words")
            .findings.empty());
  CHECK(!lint_summary("Digital health interventions are common.\n", "plain-english.research-words")
             .findings.empty());
}

TEST_CASE("passives keep their form, and a privacy promise keeps 'identified'", "[rules][fixes]") {
  CHECK(fixed("It has been demonstrated to be safe.\n", "plain-english.wordy-words") ==
        "It has been shown to be safe.\n");
  // "Consent will be collected" is worse English: a note asks for a rewording, with no fix.
  const Found consent =
      lint_summary("Consent will be obtained from parents.\n", "plain-english.wordy-words");
  REQUIRE(consent.findings.size() == 1);
  CHECK(consent.findings[0].suggestions.empty());
  CHECK(fixed("Most people, the majority of which are women, agreed.\n",
              "plain-english.wordy-words") == "Most people, most of which are women, agreed.\n");
  CHECK(
      lint_summary("Names are removed, so no one can be identified.\n", "plain-english.wordy-words")
          .findings.empty());
}

TEST_CASE("a swap fits the end of a clause, and none is offered where a later word breaks it",
          "[rules][fixes]") {
  // "so" opens a clause; at the end of one it would not read.
  CHECK(fixed("Accordingly, we will change the plan.\n", "plain-english.wordy-words") ==
        "So, we will change the plan.\n");
  CHECK(fixed("We will change the dose accordingly.\n", "plain-english.wordy-words") ==
        "We will change the dose to match.\n");
  // "provide staff with training": "give staff with training" is wrong, so only the note.
  const Found with =
      lint_summary("We will provide the staff with training.\n", "plain-english.wordy-words");
  REQUIRE(with.findings.size() == 1);
  CHECK(with.findings.front().suggestions.empty());
  CHECK_THAT(with.findings.front().message, Catch::Contains("With 'with' after it"));
  CHECK(fixed("We will provide training.\n", "plain-english.wordy-words") ==
        "We will give training.\n");
  // A thing that has something: the swap fits.
  CHECK(fixed("We will provide a leaflet with pictures.\n", "plain-english.wordy-words") ==
        "We will give a leaflet with pictures.\n");
  // A "with" in another clause does not count.
  CHECK(fixed("We will provide training, with help from nurses.\n", "plain-english.wordy-words") ==
        "We will give training, with help from nurses.\n");
}
