// Evidence in involvement plans as a funder's research manager read it (twenty-second blind
// review): a quoted name of a practice is the writer's own evidence, a record kept is not
// feedback given, and naming a committee is not a seat on it.
#include <catch2/catch.hpp>

#include "engine/section_figures.h"
#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

const std::string kHeading = "# Patient and public involvement\n\n";

std::string checklist_message(const std::string& plan) {
  const Found found =
      lint_file(kHeading + plan + "\n", "ppi.md", "co-production.involvement-checklist");
  return found.findings.empty() ? "" : found.findings.front().message;
}

std::string highest_level(const std::string& plan) {
  LoadResult r = load_document("ppi.md", kHeading + plan + "\n", shipped_rules().sections, {});
  Linter linter(shipped_rules(), Config{});
  for (const SectionFigures& f : section_figures(linter, r.doc))
    if (f.kind == "involvement") return f.highest_involvement_level;
  return "";
}

// Whether the checklist finds feedback to contributors in a plan by a panel of eight.
bool shows_feedback(const std::string& sentence) {
  return checklist_message("A panel of eight people will meet. " + sentence)
             .find("telling contributors what their input changed") == std::string::npos;
}

}  // namespace

TEST_CASE("a quoted name of a practice counts as evidence, a quoted remark does not",
          "[rules][evidence][quotes]") {
  CHECK(
      shows_feedback("We will send contributors a short 'you said, we did' update after each "
                     "meeting."));
  // What someone said, in quotation marks, is not the writer's plan.
  CHECK_FALSE(shows_feedback("Last year members told us 'you said, we did' at every meeting."));
}

TEST_CASE("keeping a record of suggestions is not telling contributors what changed",
          "[rules][evidence]") {
  const std::string message = checklist_message(
      "A panel of eight people will meet. We will record the group's suggestions and what we did "
      "with them in an impact log.");
  CHECK_THAT(message, Catch::Contains("telling contributors what their input changed"));
  // The log is part of a plan to report involvement.
  CHECK_THAT(message, !Catch::Contains("a plan to report involvement"));
}

TEST_CASE("a committee that seeks views is not a seat on it", "[rules][evidence][level]") {
  CHECK(highest_level("The Trial Management Group will seek the views of patients on the "
                      "leaflet.") == "consult");
  CHECK(highest_level("Two patient partners are members of the trial management group.") ==
        "collaborate");
}

TEST_CASE("telling contributors what was done with their ideas is feedback, a record is not",
          "[rules][evidence]") {
  CHECK(
      shows_feedback("After each meeting we will write to members about what we did with their "
                     "ideas."));
  CHECK_FALSE(shows_feedback("We will record their ideas and what we did with them."));
}
