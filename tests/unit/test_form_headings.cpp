// Headings as funders' forms and charities write them (twenty-second blind review: whole
// applications): a limit between the question's number and its name, a short form in brackets
// after the name, a question asking how people were involved, and a file name that must not
// outweigh an application's own headings.
#include <catch2/catch.hpp>

#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

std::vector<std::string> kinds_of(const std::string& text, const std::string& path,
                                  const std::string& headless_kind = "document") {
  LoadOptions options;
  options.headless_kind = headless_kind;
  const LoadResult r = load_document(path, text, shipped_rules().sections, options);
  std::vector<std::string> kinds;
  for (const Section& s : r.doc.sections)
    if (s.has_heading()) kinds.push_back(s.kind);
  return kinds;
}

}  // namespace

TEST_CASE("a form's question with its limit before the name is a heading", "[sections][forms]") {
  const std::string form =
      "Question 2 (max 300 words): Plain English summary of research\n"
      "We will test a new way to review medicines.\n\n"
      "Question 3 (max 500 words): Background and rationale\n"
      "Many people take ten medicines a day.\n\n"
      "Question 9 (max 300 words): Ethical and regulatory considerations\n"
      "We will ask a research ethics committee.\n";
  CHECK(kinds_of(form, "form.txt") ==
        std::vector<std::string>{"plain-english-summary", "background", "ethics"});
  // Words that only look like a limit are the question's name, not a limit.
  const SectionClassifier& c = shipped_rules().sections;
  CHECK(c.classify("Question 3 (in brief): Background") == "other");
}

TEST_CASE("a bold name with its short form in brackets is a heading", "[sections][forms]") {
  const std::string text =
      "# Research plan\n\nWe will run a trial.\n\n"
      "**Section C \xe2\x80\x93 Patient and public involvement (PPIE)**\n\n"
      "A panel of eight people will meet every two months.\n";
  CHECK(kinds_of(text, "app.md") == std::vector<std::string>{"methods", "involvement"});
  // A bracket of ordinary words after a name is a sentence's, not a short form.
  CHECK_FALSE(shipped_rules().sections.is_known_heading(
      "Patient and public involvement (see below for details)"));
}

TEST_CASE("a form's question about how people were involved is an involvement heading",
          "[sections][forms]") {
  const std::string text =
      "How have people affected by dementia been involved in developing this application?\n"
      "Six people living with dementia chose the question with us.\n\n"
      "How will people affected by dementia be involved in the research?\n"
      "Two of them will sit on the steering group, paid for their time.\n";
  CHECK(kinds_of(text, "form.txt") == std::vector<std::string>{"involvement", "involvement"});
  // A question that asks something else stays a sentence of the text.
  CHECK_FALSE(shipped_rules().sections.is_known_heading("How will patients be recruited?"));
}

TEST_CASE("an application's own headings outweigh a file name that says summary",
          "[sections][forms]") {
  const std::string application =
      "# Background\n\nWe test.\n\n# Patient and public involvement\n\nA panel helps.\n\n"
      "# Ethics\n\nWe ask a committee.\n\n# Justification of costs\n\nWe need a nurse.\n";
  const std::vector<std::string> kinds =
      kinds_of(application, "rfpb_no_pes_v2.md", "plain-english-summary");
  CHECK(kinds == std::vector<std::string>{"background", "involvement", "ethics", "finance"});
  // A summary with its own parts is still one summary.
  CHECK(kinds_of("# Background\n\nWe test.\n\n# What we will do\n\nWe ask.\n", "pes.md",
                 "plain-english-summary")
            .empty());
}

TEST_CASE("'Summary of research' is the scientific one unless it is said to be plain",
          "[sections][forms]") {
  const SectionClassifier& c = shipped_rules().sections;
  CHECK(c.classify("Summary of research") == "abstract");
  CHECK(c.classify("Summary of research (plain English)") == "plain-english-summary");
  CHECK(c.classify("Summary of the research for a lay audience") == "plain-english-summary");
  CHECK(c.classify("Plain English summary of research") == "plain-english-summary");
  CHECK(c.classify("Scientific abstract") == "abstract");
}

TEST_CASE("a form's guidance line under a heading gets no findings", "[sections][forms]") {
  // Three long words in five: a note anywhere else.
  const std::string text =
      "# Plain English summary\n\n(Maximum 1,000 characters, excluding spaces)\n\n"
      "We will test a new walking group for people with sore knees.\n";
  CHECK(lint_file(text, "app.md", "plain-english.long-word-sentence").findings.empty());
  CHECK(lint_file("# Plain English summary\n\nWe count maximum characters excluding spaces.\n",
                  "app.md", "plain-english.long-word-sentence")
            .findings.size() == 1);
}

TEST_CASE("a heading that joins section names is a heading", "[sections][forms]") {
  const std::string form =
      "E. Research design and methods\nWe will interview 40 people.\n\n"
      "F. User engagement and co-production\nA group of eight people will meet monthly.\n\n"
      "G. Outputs, dissemination and impact\nWe will write a short guide.\n";
  CHECK(kinds_of(form, "form.txt") ==
        std::vector<std::string>{"methods", "involvement", "dissemination"});
  const std::string bold =
      "# Application\n\n**Public involvement in the research:**\n\nEight people will meet.\n";
  CHECK(kinds_of(bold, "app.md") == std::vector<std::string>{"title", "involvement"});
  // Every part must name a section: a sentence that starts like one is not a heading.
  CHECK_FALSE(shipped_rules().sections.is_known_heading("Background and we will test it"));
  CHECK_FALSE(shipped_rules().sections.is_known_heading("Patients, carers and staff"));
}

TEST_CASE(
    "a numbered or capitals section name after a heading of another kind is the next "
    "section",
    "[sections][forms]") {
  const std::string text =
      "# Application\n\n## Plain English summary\n\nWe will test a walking group.\n\n"
      "3) BACKGROUND\n\nMany older people fall at home.\n\n"
      "## Patient and public involvement\n\nEight people will meet monthly.\n\n"
      "### During the study\n\nThey will help write the leaflet.\n\n"
      "DISSEMINATION AND IMPACT\n\nWe will write a short guide.\n\n"
      "**Budget:**\n\nWe ask for \xc2\xa3"
      "20,000.\n";
  CHECK(kinds_of(text, "app.md") ==
        std::vector<std::string>{"title", "plain-english-summary", "background", "involvement",
                                 "involvement", "dissemination", "finance"});
  // A plan's own parts in bold stay the plan's.
  const std::string plan =
      "# Patient and public involvement\n\nEight people will meet.\n\n**Costs**\n\nWe pay "
      "\xc2\xa3"
      "25 an hour.\n";
  CHECK(kinds_of(plan, "app.md") == std::vector<std::string>{"involvement", "involvement"});
}

TEST_CASE("bold section names typed around one heading stay at their own level",
          "[sections][forms]") {
  const std::string text =
      "**Plain English summary of research**\n\nWe will test a brace.\n\n"
      "**Research plan and methods**\n\nWe will run a trial.\n\n"
      "## Section C - Patient and public involvement\n\nA panel of six will meet.\n\n"
      "**Dissemination, outputs and anticipated impact**\n\nWe will write a guide.\n\n"
      "**Ethical issues**\n\nWe will ask a committee.\n\n"
      "**Justification of costs**\n\nWe need a nurse.\n";
  CHECK(kinds_of(text, "app.md") == std::vector<std::string>{"plain-english-summary", "methods",
                                                             "involvement", "dissemination",
                                                             "ethics", "finance"});
}

TEST_CASE("a section name in capitals on the line above its text is a heading in Markdown too",
          "[sections][forms]") {
  const std::string text =
      "# Patient and public involvement\n\nEight people will meet monthly.\n\n"
      "DISSEMINATION AND IMPACT\nWe will write a short guide.\n";
  CHECK(kinds_of(text, "app.md") == std::vector<std::string>{"involvement", "dissemination"});
  // A first line in ordinary case is the paragraph's own.
  const std::string sentence =
      "# Patient and public involvement\n\nEight people will meet.\n\nDissemination and impact\n"
      "matter to them.\n";
  CHECK(kinds_of(sentence, "app.md") == std::vector<std::string>{"involvement"});
}

TEST_CASE("a form's limit line with the answer on the next line is still the limit",
          "[sections][forms]") {
  const std::string form =
      "Question 2: Plain English summary of research\n"
      "(Maximum 20 characters, excluding spaces)\n"
      "We will see if cafe clinics help people who are lonely in the town.\n\n"
      "Question 9: Ethics\nWe will ask a research ethics committee.\n\n"
      "Question 10: Justification of costs\nWe need a nurse for a year.\n";
  const Found found = lint_file(form, "form.txt", "structure.stated-limit");
  REQUIRE(found.findings.size() == 1);
  // The answer's 54 characters without spaces, not the guidance line's.
  CHECK_THAT(found.findings[0].message, Catch::Contains("has 54 characters (not counting spaces)"));
  // The guidance is not part of the answer's first sentence.
  CHECK(lint_file(form, "form.txt", "plain-english.long-sentence").findings.empty());
}
