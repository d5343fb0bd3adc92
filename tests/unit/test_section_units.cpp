// Checks that judge a section whole judge it with its subsections of the same kind: an
// involvement plan written under "Who is involved", "Payment" and "Training" subheadings is
// one plan, and a summary split by subheadings is one summary.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>

#include "engine/section_figures.h"
#include "report/scorecard.h"
#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

// An involvement plan that shows every checklist item, in one section or split into parts.
const std::string kPlanParts[] = {
    "Our PPI lead, Dr Ruth Evans, will run involvement. Eight public contributors, including "
    "two co-applicants, will work with us at every stage, from the research question to "
    "sharing the findings.",
    "They have already shaped the study: as a result of their advice we changed the main "
    "outcome to sleep. We will pay everyone for their time at NIHR rates and cover travel and "
    "care costs; the budget includes £9,600 for involvement.",
    "Everyone will get an induction, training and a buddy for support. We will reach "
    "under-served groups through two community organisations and offer interpreters and easy "
    "read papers. Each person will have a role description, and we will agree terms of "
    "reference together, including how we handle disagreements and how decisions are made "
    "jointly.",
    "We will keep an impact log and feed back to contributors after every meeting. "
    "Contributors will be offered co-authorship and named in the acknowledgements. A public "
    "contributor will sit on the steering committee with two others. We will report our "
    "involvement using GRIPP2."};

std::string plan_in_parts() {
  std::string text = "# Patient and public involvement\n\n";
  const char* headings[] = {"Who is involved", "What has changed", "Support and access",
                            "Impact and reporting"};
  for (int i = 0; i < 4; ++i)
    text += std::string("## ") + headings[i] + "\n\n" + kPlanParts[i] + "\n\n";
  return text;
}

}  // namespace

TEST_CASE("units: an involvement checklist counts the plan's subsections",
          "[rules][evidence][units]") {
  CHECK(
      lint_file(plan_in_parts(), "ppi.md", "co-production.involvement-checklist").findings.empty());
  for (const char* standard :
       {"co-production.standard-1-inclusive-opportunities",
        "co-production.standard-2-working-together",
        "co-production.standard-3-support-and-learning", "co-production.standard-4-communications",
        "co-production.standard-5-impact", "co-production.standard-6-governance"})
    CHECK(lint_file(plan_in_parts(), "ppi.md", standard).findings.empty());
  // A thin plan with subheadings gets one finding, at the plan's heading.
  Found thin = lint_file(
      "# Patient and public involvement\n\n## Who\n\nPPI will be sought where appropriate from "
      "patients at the clinic.\n\n## When\n\nWe will share a newsletter with patients at the "
      "end of the study, and we will ask them what they think of it.\n",
      "ppi.md", "co-production.involvement-checklist");
  REQUIRE(thin.findings.size() == 1);
  CHECK(thin.flagged() == std::vector<std::string>{"Patient and public involvement"});
  CHECK(thin.findings[0].severity == Severity::Warning);
}

TEST_CASE(
    "evidence: a plan that shows most items gets a milder note, a short one is counted as it is",
    "[rules][evidence]") {
  // All but credit (the impact log is part of a plan to report): 12 of 13, so info
  // (milder_when_covered: 10), not a warning; the missing item is still listed.
  std::string most = std::string(kPlanParts[0]) + " " + kPlanParts[1] + " " + kPlanParts[2] +
                     " We will keep an impact log and feed back to contributors after every "
                     "meeting.";
  Found found = lint_file("# Patient and public involvement\n\n" + most + "\n", "ppi.md",
                          "co-production.involvement-checklist");
  REQUIRE(found.findings.size() == 1);
  CHECK(found.findings[0].severity == Severity::Info);
  CHECK_THAT(found.findings[0].message, Catch::Contains("covers 12 of 13"));
  CHECK_THAT(found.findings[0].message, Catch::Contains("credit for contributors"));
  // A short plan is counted as it is: its research stages are there.
  Found short_plan = lint_file(
      "# Patient and public involvement\n\nPatients helped design the study and will "
      "help with recruitment and the analysis of the findings.\n",
      "ppi.md", "co-production.involvement-checklist");
  REQUIRE(short_plan.findings.size() == 1);
  CHECK_THAT(short_plan.findings[0].message, !Catch::Contains("which research stages"));
  CHECK(short_plan.findings[0].severity == Severity::Warning);
}

TEST_CASE("evidence: milder_when_covered is checked when the rules load", "[rules][evidence]") {
  const std::string head =
      minimal_rule("evidence", "evidence", "{flag: [a, b], pass: [c, d]}") +
      "    items:\n      - {name: one, cues: [x]}\n      - {name: two, cues: [y]}\n";
  CHECK_THAT(load_error(head + "    milder_when_covered: {at_least: 3, severity: info}\n"),
             Catch::Contains("'at_least' must be a whole number from 1 to 2"));
  CHECK_THAT(load_error(head + "    milder_when_covered: {at_least: 1}\n"),
             Catch::Contains("needs a 'severity'"));
  CHECK_THAT(load_error(head + "    milder_when_covered: {at_least: 1, severity: mild}\n"),
             Catch::Contains("'severity' must be error, warning, info or hint"));
  CHECK(load_error(head + "    milder_when_covered: {at_least: 2, severity: info}\n").empty());
}

TEST_CASE("units: a co-production claim finds its evidence in the plan's other subsections",
          "[rules][claims][units]") {
  const std::string text =
      "# Patient and public involvement\n\n## Our approach\n\nThis study is co-produced with "
      "people who use the service.\n\n## Decisions\n\nThe panel and the researchers decide "
      "together, and the panel has the final say on the outcomes. Members are paid for their "
      "time, and each has a role description agreed at the first meeting. They have been "
      "involved from the start, when they chose the research question.\n";
  CHECK(lint_file(text, "ppi.md", "co-production.claim-needs-evidence").findings.empty());
  CHECK(lint_file(text, "ppi.md", "co-production.involvement-level").findings.empty());
}

TEST_CASE("units: a summary split by subheadings is measured and checked once",
          "[rules][readability][units]") {
  const std::string text =
      "# Plain English summary\n\n## Why it matters\n\nMany people with COPD feel alone. About "
      "one in ten adults in the UK has a lung condition.\n\n## What we will do\n\nWe want to "
      "find out if singing helps. We will ask 120 people to take part.\n\n## Who helped\n\n"
      "Six people with COPD helped us plan this study. We will share what we find on local "
      "radio and in a leaflet.\n";
  CHECK(lint_file(text, "summary.md", "structure.pes-coverage").findings.empty());
  // Once per summary, not once per part (by acronyms.unexplained, which the milder
  // acronyms.avoid-in-summary gives way to).
  CHECK(lint_file(text, "summary.md", "acronyms.unexplained").flagged() ==
        std::vector<std::string>{"COPD"});
  CHECK(lint_file(text, "summary.md", "acronyms.avoid-in-summary").findings.empty());
}

TEST_CASE("units: a unit ends at a subsection of another kind", "[sections][units]") {
  Document doc = load(
      "# Background\n\nWhy.\n\n# Methods\n\n## Who\n\nCarers.\n\n## PPI\n\nPapers.\n\n## "
      "Statistical analysis\n\nWe count.\n");
  REQUIRE(doc.sections.size() == 5);
  CHECK(doc.sections[3].kind == "involvement");
  CHECK(unit_head(doc, 1) == 1);
  CHECK(unit_head(doc, 2) == 1);
  CHECK(unit_head(doc, 3) == 3);
  CHECK(unit_head(doc, 4) == 4);
}

namespace {

Document load_with_shipped_sections(const std::string& text) {
  LoadOptions options;
  options.headless_kind = "document";
  LoadResult r = load_document("application.md", text, shipped_rules().sections, options);
  r.doc.lines = LineIndex(r.doc.source.bytes);
  return std::move(r.doc);
}

}  // namespace

TEST_CASE("sections: the parts of an involvement plan are involvement, whatever they are called",
          "[sections][units]") {
  // Both blind reviews of December 2026: "### Costs" was read as the budget, "### Governance
  // and disagreements" as ethics, and the checklist then called payment and governance missing.
  Document doc = load_with_shipped_sections(
      "# A study\n\n## Background\n\nWhy.\n\n## Patient and public involvement\n\nTen "
      "carers.\n\n### Costs\n\nWe pay £25 an hour.\n\n### Governance and disagreements\n\nThe "
      "panel decides.\n\n### Dissemination\n\nThey co-write.\n\n### References\n\n1. A "
      "paper.\n\n## Methods\n\nA trial.\n");
  REQUIRE(doc.sections.size() == 8);
  for (std::size_t i = 2; i <= 5; ++i) {
    INFO(doc.sections[i].title);
    CHECK(doc.sections[i].kind == "involvement");
    CHECK(unit_head(doc, i) == 2);
  }
  CHECK(doc.sections[6].kind == "references");
  CHECK(doc.sections[7].kind == "methods");
  // Under Background, a heading that only starts with a section's name is part of the review
  // of other studies; the exact name is the applicant's own section.
  Document review = load_with_shipped_sections(
      "# A study\n\n## Background\n\nWhy.\n\n### Public involvement in previous "
      "trials\n\nPPI will be sought, they wrote.\n\n### Patient and public "
      "involvement\n\nTen carers.\n\n## Methods\n\nA trial.\n");
  CHECK(review.sections[2].kind == "background");
  CHECK(review.sections[3].kind == "involvement");
  // "# PPI" over the rest of a long application's own sections: loose heading levels.
  Document loose = load_with_shipped_sections(
      "# Background\n\nWhy.\n\n# PPI\n\nCarers.\n\n## Methods\n\nA trial.\n\n## "
      "Dissemination\n\nPapers.\n\n## Budget\n\nMoney.\n");
  CHECK(loose.sections[2].kind == "methods");
  CHECK(loose.sections[4].kind == "finance");
}

TEST_CASE("sections: an empty heading in plain text or capitals holds the headings after it",
          "[sections][units]") {
  // Plain text has no levels: "PATIENT AND PUBLIC INVOLVEMENT" with no text of its own, then
  // the plan under headings of no kind. Read apart, the plan had no words.
  LoadOptions options;
  LoadResult text = load_document(
      "application.txt",
      "BACKGROUND\n\nWhy we ask.\n\nPATIENT AND PUBLIC INVOLVEMENT\n\nINVOLVEMENT SO FAR\n\n"
      "Ten carers shaped the question.\n\nPAYMENT, TRAINING AND SUPPORT\n\nWe pay £25 an "
      "hour.\n\nMETHODS\n\nDESIGN\n\nA trial.\n\nHEALTH ECONOMICS\n\nWe count what it "
      "costs.\n\nDISSEMINATION\n\n"
      "Papers.\n",
      shipped_rules().sections, options);
  REQUIRE(text.ok);
  const std::vector<Section>& s = text.doc.sections;
  std::vector<std::string> kinds;
  for (const Section& section : s) kinds.push_back(section.kind);
  CHECK(kinds == std::vector<std::string>{"background", "involvement", "involvement", "involvement",
                                          "methods", "methods", "methods", "dissemination"});
  CHECK(s[2].level == s[1].level + 1);
  CHECK(unit_head(text.doc, 3) == 1);
  CHECK(unit_head(text.doc, 6) == 4);
  CHECK(unit_head(text.doc, 7) == 7);
  // In Markdown the writer sets the levels: an empty "## Ethics" before "## Declaration" is a
  // question left unanswered, not a heading over its parts.
  Document markdown = load_with_shipped_sections(
      "## Background\n\nWhy.\n\n## Ethics\n\n## Declaration\n\nI agree.\n");
  CHECK(markdown.sections[2].kind == "other");
}

TEST_CASE("units: involvement questions side by side are one plan", "[sections][units]") {
  Document doc = load_with_shipped_sections(
      "# A study\n\n## Public involvement so far\n\nCarers shaped it.\n\n## Public involvement "
      "during the study\n\nWe pay them.\n\n## Methods\n\nA trial.\n");
  REQUIRE(doc.sections.size() == 4);
  CHECK(unit_head(doc, 2) == 1);
  CHECK(unit_head(doc, 3) == 3);
  CHECK(doc.sections[2].kind == "involvement");
}

TEST_CASE("sections: shipped aliases name a kind anywhere in a heading, specifically",
          "[sections]") {
  const SectionClassifier& sections = shipped_rules().sections;
  CHECK(sections.classify("Involving people with lived experience") == "involvement");
  CHECK(sections.classify("How we work with public partners: patient and public roles") ==
        "involvement");
  CHECK(sections.classify("PPIE: response to panel feedback") == "involvement");
  CHECK(sections.classify("Summary in plain English for patients") == "plain-english-summary");
  // Words that only look like it: a funding programme's name is not an involvement plan.
  CHECK(sections.classify("Research for Patient and Public Benefit (RfPPB) Wales") == "other");
  CHECK(sections.classify("Involvement of p27Kip1 in Notch-dependent activation") == "other");
  CHECK(sections.classify("Research involving human participants") == "other");
}

TEST_CASE("sections: a report of involvement is one plan, its methods and results are parts of it",
          "[sections][units]") {
  // GRIPP2 asks for involvement to be reported as aim, methods, results, discussion.
  Document report = load(
      "# Patient and public involvement in the STRIDE trial\n\nA report.\n\n## Aim\n\nTo "
      "involve.\n\n## Methods\n\nTen people.\n\n## Results\n\nThey changed it.\n\n## "
      "References\n\n1. A paper.\n");
  REQUIRE(report.sections.size() == 5);
  for (std::size_t i = 0; i < 4; ++i) {
    INFO(report.sections[i].title);
    CHECK(report.sections[i].kind == "involvement");
    CHECK(unit_head(report, i) == 0);
  }
  CHECK(report.sections[4].kind == "references");
  // An application with an involvement section first keeps its other sections.
  Document application = load(
      "# PPI\n\nPeople help.\n\n# Methods\n\nA trial.\n\n# Plain English summary\n\nWe "
      "test.\n");
  CHECK(application.sections[1].kind == "methods");
  // A summary among the parts: an application written with loose heading levels.
  Document loose = load_with_shipped_sections(
      "# Patient and public involvement\n\nPeople help.\n\n## Plain English summary\n\nWe "
      "test.\n\n## Methods\n\nA trial.\n");
  CHECK(loose.sections[2].kind == "methods");
}

TEST_CASE("summary coverage hears how many people live with it and findings disseminated",
          "[rules][evidence]") {
  Found found = lint_file(
      "# Plain English summary\n\nType 2 diabetes means too much sugar in the blood. About "
      "200,000 adults in Wales live with it. We want to find out if a weekly phone call helps. "
      "We will invite 300 people with diabetes to take part. Findings will be disseminated "
      "through GP surgeries.\n",
      "a.md", "structure.pes-coverage");
  REQUIRE(found.findings.size() == 1);
  CHECK_THAT(found.findings[0].message, !Catch::Contains("who it affects"));
  CHECK_THAT(found.findings[0].message, !Catch::Contains("share what you find"));
  CHECK_THAT(found.findings[0].message,
             Catch::Contains("how patients and the public are involved"));
}

TEST_CASE("a one-line involvement plan: one note that says what to write, an error for NIHR",
          "[rules][structure]") {
  const std::string doc =
      "# Patient and public involvement\n\nPPI will be sought at a later stage.\n\n"
      "# Dissemination\n\nTo follow.\n";
  Config nihr;
  nihr.profile = "nihr";
  const RuleSet rules = load_rules(std::string(SAYSO_TEST_DATA_DIR) + "/../../rules", nihr);
  LoadResult r = load_document("app.md", doc, rules.sections, LoadOptions{});
  std::map<std::string, std::vector<Diagnostic>> by_rule;
  for (auto& d : Linter(rules, nihr).lint(r.doc).diagnostics) by_rule[d.rule_id].push_back(d);
  REQUIRE(by_rule["structure.involvement-plan-too-short"].size() == 1);
  CHECK(by_rule["structure.involvement-plan-too-short"][0].severity == Severity::Error);
  // The checklist, the UK Standards and the general note give way to it there; the general
  // note still speaks for the other short section.
  CHECK(by_rule["co-production.involvement-checklist"].empty());
  CHECK(by_rule["co-production.standard-2-working-together"].empty());
  REQUIRE(by_rule["structure.empty-section"].size() == 1);
  CHECK(by_rule["structure.empty-section"][0].section_kind == "dissemination");
}

TEST_CASE("involvement level: the message says what the level found means", "[rules][evidence]") {
  Found found = lint_file(
      "# Patient and public involvement\n\nThis study is co-produced. We consulted 10 carers "
      "about the design.\n",
      "ppi.md", "co-production.involvement-level");
  REQUIRE(found.findings.size() == 1);
  CHECK_THAT(found.findings[0].message, Catch::Contains("'consult' (asking for people's views)"));
  const std::string rule = minimal_rule("involvement-level", "evidence") +
                           "    levels: {inform: [told], consult: [asked]}\n"
                           "    stages: {design: [design]}\n    claims: [co-produced]\n"
                           "    min_level_for_claim: consult\n";
  CHECK_THAT(load_error(rule + "    meanings: {shared: \"deciding together\"}\n"),
             Catch::Contains("'meanings' names 'shared', which is not one of the levels"));
}

TEST_CASE("scorecard: an item another checklist asks for is counted once, by that checklist",
          "[rules][evidence]") {
  const RuleSet& rules = shipped_rules();
  LoadResult r =
      load_document("ppi.md",
                    "# Patient and public involvement\n\nEight carers chose the research "
                    "question. They are paid for their time.\n",
                    rules.sections, LoadOptions{});
  Linter linter(rules, Config{});
  const auto figures = section_figures(linter, r.doc);
  const Scorecard card = make_scorecard(r.doc, linter.lint(r.doc).diagnostics, figures, {});
  std::vector<std::string> names;
  for (const ChecklistItem& item : card.involvement.evidence) names.push_back(item.name);
  // The UK Standard 1 items say what the checklist's "diversity and access" and "payment and
  // costs" say: shown in the section figures, not counted twice.
  CHECK(std::count(names.begin(), names.end(), "how you will remove barriers such as costs") == 0);
  CHECK(std::count(names.begin(), names.end(), "payment and costs") == 1);
  CHECK(std::count(names.begin(), names.end(), "how decisions are made together") == 1);
  bool standard_one_shown = false;
  for (const SectionFigures& f : figures)
    for (const Checklist& list : f.checklists)
      if (list.rule_id == "co-production.standard-1-inclusive-opportunities")
        standard_one_shown = list.items.size() == 2 && list.items[0].left_to_other;
  CHECK(standard_one_shown);
  // The stage the carers chose is described, at the level of a shared decision.
  REQUIRE_FALSE(card.involvement.stages.empty());
  CHECK(card.involvement.stages[0].stage == "question");
  CHECK(card.involvement.stages[0].level == "collaborate");
}

TEST_CASE("passive verbs are pointed at one by one only in a section heavy with them",
          "[rules][readability]") {
  const std::string few =
      "# Plain English summary\n\nWe will ask 40 carers what helps them at home. Carers are paid "
      "for their time. We will share what we find with the carers' centre and local GPs. We will "
      "write a short guide with them.\n";
  CHECK(lint_file(few, "a.md", "plain-english.passive-voice").findings.empty());
  const std::string many =
      "# Plain English summary\n\nData will be collected at home. Forms will be sent to "
      "people. Results will be analysed in May. Views were recorded. A report will be written "
      "for the funders of the study.\n";
  CHECK(lint_file(many, "a.md", "plain-english.passive-heavy").findings.size() == 1);
  CHECK(lint_file(many, "a.md", "plain-english.passive-voice").findings.size() == 5);
  // With the section-level rule turned off, each one is shown, as before (only_with_in_section
  // asks nothing of a rule that does not run).
  Config config;
  config.rules["plain-english.passive-heavy"].enabled = false;
  const RuleSet rules = load_rules(std::string(SAYSO_TEST_DATA_DIR) + "/../../rules", config);
  LoadResult r = load_document("a.md", few, rules.sections, LoadOptions{});
  std::size_t passive = 0;
  for (const Diagnostic& d : Linter(rules, config).lint(r.doc).diagnostics)
    passive += d.rule_id == "plain-english.passive-voice";
  CHECK(passive == 1);
}

TEST_CASE("sections: a labelled line in a glossary or Background is not the plan",
          "[sections][units]") {
  // Sixteenth blind review: "PPI: …" in a glossary drew tokenism findings.
  Document doc = load_with_shipped_sections(
      "# A study\n\n## Background\n\nPPI: in older trials, PPI will be sought was the plan.\n\n"
      "## Methods\n\nPublic involvement: ten carers meet us monthly.\n\nPPI: patient and public "
      "involvement, research done with people, not to them.\n\n## Glossary\n\n- **RCT**: a fair "
      "test.\n- **Public involvement**: research with the public, not to them.\n");
  REQUIRE(doc.passages.size() == 1);
  CHECK(doc.passages[0].kind == "involvement");
  CHECK(doc.source.bytes.substr(doc.passages[0].begin, 10) == "ten carers");
}

TEST_CASE("sections: a joined heading names each of its parts' kinds", "[sections]") {
  // Fifteenth blind review: "## Aims and methods" left the NIHR profile asking for Methods.
  const SectionClassifier& sections = shipped_rules().sections;
  CHECK(sections.kinds_of_parts("Aims and methods", "aims") == std::vector<std::string>{"methods"});
  CHECK(sections.kinds_of_parts("3. Ethics & dissemination", "ethics") ==
        std::vector<std::string>{"dissemination"});
  CHECK(sections.kinds_of_parts("Patient and public involvement", "involvement").empty());
  CHECK(sections.kinds_of_parts("Aims and objectives", "aims").empty());
  // Each part must be a section's whole name: "Methods and how we chose them" names one.
  CHECK(sections.kinds_of_parts("Aims and how we chose them", "aims").empty());
  // The last part may start with one, and a name may hold "and" itself.
  CHECK(sections.kinds_of_parts("2. Background and patient and public involvement to date",
                                "background") == std::vector<std::string>{"involvement"});
}

TEST_CASE("sections: a title over the application's sections is a title, whatever it names",
          "[sections]") {
  // Seventeenth blind review: a title naming co-production got an involvement checklist.
  Document app = load_with_shipped_sections(
      "# How does co-production work in mental health services?\n\n## Plain English "
      "summary\n\nWe will talk to people.\n\n## Patient and public involvement\n\nTen carers.\n");
  REQUIRE(app.sections.size() == 3);
  CHECK(app.sections[0].kind == "title");
  CHECK(app.sections[2].kind == "involvement");
  // A text named as an involvement plan whose own heading is the plan: what comes before that
  // heading is the form's front matter.
  LoadOptions options;
  options.headless_kind = "involvement";
  LoadResult form = load_document("form-ppi.txt",
                                  "CHIEF SCIENTIST OFFICE RESEARCH COMMITTEE\n\nSECTION 9: PUBLIC "
                                  "INVOLVEMENT\n\nWe will pay ten carers.\n",
                                  shipped_rules().sections, options);
  REQUIRE(form.doc.sections.size() == 2);
  CHECK(form.doc.sections[0].kind != "involvement");  // a title or front matter
  CHECK(form.doc.sections[1].kind == "involvement");
}

TEST_CASE("sections: a plain-text heading may ask its question twice: to date, plan",
          "[sections]") {
  const SectionClassifier& sections = shipped_rules().sections;
  for (const char* heading : {"Public involvement to date", "PPI plan",
                              "Patient and public involvement during the study", "PPI so far"})
    CHECK(sections.is_known_heading(heading));
  CHECK_FALSE(sections.is_known_heading("Public involvement was planned with carers"));
}

TEST_CASE("sections: a one-line preamble above an application's headings is its title",
          "[sections]") {
  // Plain text, and Word files without a Title style, have no other way to mark the title.
  const auto kinds = [](const std::string& text, const std::string& name) {
    LoadOptions options;
    options.headless_kind = "document";
    LoadResult r = load_document(name, text, shipped_rules().sections, options);
    std::vector<std::string> out;
    for (const Section& s : r.doc.sections) out.push_back(s.kind);
    return out;
  };
  const std::string body =
      "\n\nPlain English summary\n\nWe will ask carers what helps.\n\nBackground\n\nWhy it "
      "matters.\n";
  const std::vector<std::string> titled =
      kinds("Telemonitoring for the early detection of exacerbations in COPD" + body, "a.txt");
  REQUIRE(titled.size() >= 2);
  CHECK(titled[0] == "title");
  CHECK(titled[1] == "plain-english-summary");
  CHECK(kinds("Does exercise help? A trial in care homes" + body, "a.md").front() == "title");
  // A sentence or a label is front matter still.
  CHECK(kinds("This application is for stage 2." + body, "a.txt").front() == "document");
  CHECK(kinds("Reference:" + body, "a.txt").front() == "document");
  // Above headings that are not an application's sections, nothing is known of it.
  CHECK(kinds("My notes\n\n# Monday\n\nWe met.\n", "a.md").front() == "document");
}
