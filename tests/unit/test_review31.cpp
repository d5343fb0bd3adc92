// Fixes from the thirtieth blind review (the chair of a funding panel, six whole applications):
// a Methods subheading read as a second involvement plan, a short form defined after a comma in
// brackets, and a summary opening with the abstract's first sentence.
#include <catch2/catch.hpp>

#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

std::vector<std::string> section_kinds(const std::string& text) {
  LoadResult r = load_document("application.md", text, shipped_rules().sections, LoadOptions{});
  std::vector<std::string> kinds;
  for (const Section& s : r.doc.sections) kinds.push_back(s.title + ": " + s.kind);
  return kinds;
}

}  // namespace

TEST_CASE("a Methods subheading that only mentions co-production is part of Methods",
          "[sections][review31]") {
  const std::string methods =
      "# Study\n\n## Methods\n\nWe will interview 30 people.\n\n"
      "### Integration and co-production\n\nFindings will be presented at two stakeholder "
      "workshops to agree recommendations.\n\n";
  // The application has its own involvement section: the subheading is a methods step.
  CHECK(section_kinds(methods + "## Patient and public involvement\n\nA panel of 12 residents "
                                "will meet four times.\n") ==
        std::vector<std::string>{"Study: title", "Methods: methods",
                                 "Integration and co-production: methods",
                                 "Patient and public involvement: involvement"});
  // With no other involvement section, the subheading is the plan.
  CHECK(section_kinds(methods) ==
        std::vector<std::string>{"Study: title", "Methods: methods",
                                 "Integration and co-production: involvement"});
  // A subheading named as the section ("Patient and public involvement") stays the plan, even
  // when the application has another.
  CHECK(section_kinds("# Study\n\n## Methods\n\nWe will interview 30 people.\n\n"
                      "### Patient and public involvement\n\nA panel will meet.\n\n"
                      "## PPI plan\n\nThe panel will meet four times.\n")[2] ==
        "Patient and public involvement: involvement");
}

TEST_CASE("a short form after a comma, last in brackets that spell it out, is defined",
          "[rules][acronyms][review31]") {
  const std::string app =
      "# Study\n\n## Methods\n\nWe will use prescription data (from the NHS Business Services "
      "Authority, NHSBSA). NHSBSA data are complete.\n";
  CHECK(lint_file(app, "application.md", "acronyms.unexplained").findings.empty());
  // Not when the brackets hold only other short forms, or the comma is outside them.
  for (const char* text :
       {"# Study\n\n## Methods\n\nWe will use data (BP, NHSBSA). NHSBSA data are complete.\n",
        "# Study\n\n## Methods\n\nWe will use the data, NHSBSA (2023). NHSBSA data are "
        "complete.\n"}) {
    INFO(text);
    CHECK(lint_file(text, "application.md", "acronyms.unexplained").findings.size() == 1);
  }
}

TEST_CASE("a long sentence copied whole from the abstract is pointed at",
          "[rules][structure][review31]") {
  const std::string abstract =
      "## Scientific abstract\n\nPoor housing conditions, including damp and mould, are "
      "associated with increased asthma exacerbations and unplanned healthcare utilisation in "
      "children. We will conduct a cluster randomised trial of housing repairs in 40 estates.\n\n";
  const std::string rest =
      "Many families live in homes that are cold and wet. Children in these homes get more chest "
      "problems and see their doctor more often. We want to find out if fixing the damp helps. "
      "Some estates will get repairs first, and others later. We will compare how often "
      "children in each group need to see a doctor or go to hospital. Parents who live on the "
      "estates will help us plan the study and share what we find.\n";
  const std::string copied =
      "Poor housing conditions, including damp and mould, are associated with increased asthma "
      "exacerbations and unplanned healthcare utilisation in children.";
  const std::string text = abstract + "## Plain English summary\n\n" + copied + " " + rest;
  const Found found = lint_file(text, "application.md", "structure.summary-copies-abstract");
  REQUIRE(found.findings.size() == 1);
  CHECK(found.flagged().front() == copied);
  CHECK(found.findings[0].severity == Severity::Info);
  CHECK(found.findings[0].message.find("copied word for word") != std::string::npos);
  // A short plain sentence said the same way twice is left alone.
  const std::string short_shared = abstract + "## Plain English summary\n\n" +
                                   "We will conduct a cluster randomised trial of housing "
                                   "repairs in 40 estates. " +
                                   rest;
  CHECK(lint_file(short_shared, "application.md", "structure.summary-copies-abstract")
            .findings.empty());
}

TEST_CASE("copied_sentence_words needs a sentence message and a sensible size",
          "[rules][loader][review31]") {
  const std::string base = minimal_rule("copied-text", "structure") + "    from: [abstract]\n";
  CHECK(load_error(base + "    copied_sentence_words: 15\n").find("sentence_message") !=
        std::string::npos);
  CHECK(load_error(base + "    copied_sentence_words: 2\n    sentence_message: m\n")
            .find("'copied_sentence_words' must be") != std::string::npos);
  CHECK(load_error(base + "    copied_sentence_words: 15\n    sentence_message: m\n").empty());
}
