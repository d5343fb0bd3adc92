// Involvement plans as a PPI lead read them (twenty-fifth blind review): what a group does sets
// the level, not its name; a method in a title is not a claim about involvement; a report's
// "Results:" label names no stage; plain and past-tense evidence counts.
#include <catch2/catch.hpp>

#include "engine/section_figures.h"
#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

const std::string kHeading = "# Patient and public involvement\n\n";

SectionFigures involvement_figures(const std::string& text) {
  LoadResult r = load_document("ppi.md", text, shipped_rules().sections, {});
  Linter linter(shipped_rules(), Config{});
  for (const SectionFigures& f : section_figures(linter, r.doc))
    if (f.kind == "involvement") return f;
  FAIL("no involvement section in: " << text);
  return {};
}

std::string highest_level(const std::string& plan) {
  return involvement_figures(kHeading + plan + "\n").highest_involvement_level;
}

std::string stage_level(const std::string& plan, const std::string& stage) {
  for (const StageLevel& s : involvement_figures(kHeading + plan + "\n").involvement)
    if (s.stage == stage) return s.level;
  return "";
}

std::string checklist_message(const std::string& plan) {
  const Found found =
      lint_file(kHeading + plan + "\n", "ppi.md", "co-production.involvement-checklist");
  return found.findings.empty() ? "" : found.findings.front().message;
}

}  // namespace

TEST_CASE("a group's name alone is involve, what it does sets the level",
          "[rules][evidence][level]") {
  CHECK(highest_level("We will set up an advisory group of eight carers.") == "involve");
  CHECK(highest_level("We will keep the community advisory group informed of our progress "
                      "through a short report at their annual meeting. A lay summary of the "
                      "results will be shared on the study website.") == "inform");
  CHECK(highest_level("At the workshop we presented our plans for the study and asked for "
                      "views.") == "consult");
  CHECK(highest_level("The advisory group chose the outcome measures.") == "collaborate");
}

TEST_CASE("a claim word that names the study's method is not judged in the title",
          "[rules][evidence][level]") {
  const std::string plan = kHeading +
                           "We consulted ten older people about the topic of this study and they "
                           "gave their views on the leaflet.\n";
  const std::string title = "# Co-designing a discharge plan with older people\n\n";
  const std::string method =
      "# Methods\n\nWe will use experience-based co-design, with six co-design workshops.\n\n";
  const auto claims = [](const std::string& text) {
    return lint_file(text, "application.md", "co-production.involvement-level").findings.size();
  };
  CHECK(claims(title + method + plan) == 0);
  // Without the method in Methods, the title claims co-design and the plan does not back it.
  CHECK(claims(title + "# Methods\n\nWe will interview 30 people.\n\n" + plan) == 1);
}

TEST_CASE("a report's Results label names no stage", "[rules][evidence][level]") {
  const std::string plan =
      "Results: The panel rejected our first outcome, treadmill walking distance, and chose "
      "daily step count instead.";
  CHECK(stage_level(plan, "dissemination").empty());
  CHECK_FALSE(stage_level(plan, "design").empty());
}

TEST_CASE("plain and past-tense evidence counts in the checklist", "[rules][evidence]") {
  const std::string message = checklist_message(
      "Eight parents formed our panel. Dr Fiona Byrne led involvement. Everyone had a half-day "
      "session on how interviews work. Members were sent a summary of what changed after each "
      "meeting. When the panel and the team did not agree, a parent outside the study chose. We "
      "will thank members in all publications.");
  CHECK_THAT(message, !Catch::Contains("a named lead"));
  CHECK_THAT(message, !Catch::Contains("training and support"));
  CHECK_THAT(message, !Catch::Contains("telling contributors what their input changed"));
  CHECK_THAT(message, !Catch::Contains("how disagreements are handled"));
  CHECK_THAT(message, !Catch::Contains("credit for contributors"));
  // A medical "replaced" is no change made because of people; sending results is no feedback.
  const std::string survey = checklist_message(
      "We ran a survey of 146 people who had had a knee replaced, and we will tell them what we "
      "found.");
  CHECK_THAT(survey, Catch::Contains("what changed because of involvement"));
  CHECK_THAT(survey, Catch::Contains("telling contributors what their input changed"));
}
