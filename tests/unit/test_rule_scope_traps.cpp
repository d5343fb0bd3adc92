// The traps of the involvement (tokenism) pack: the same words in Background or Methods are
// about the study, not about involvement, and must not fire. A control puts them in the
// involvement section, where they must.
#include <catch2/catch.hpp>

#include <set>

#include "shipped_rules_fixture.h"
#include "test_helpers.h"

using namespace sayso;

namespace {

const RuleSet& shipped_rules() {
  static const RuleSet set = load_rules(default_rules_dir(), Config{});
  return set;
}

std::vector<Diagnostic> lint_application(const std::string& text) {
  LoadOptions options;
  options.headless_kind = "document";
  LoadResult loaded = load_document("application.md", text, shipped_rules().sections, options);
  REQUIRE(loaded.ok);
  loaded.doc.lines = LineIndex(loaded.doc.source.bytes);
  Config config;
  config.document = "application";
  Linter linter(shipped_rules(), config);
  return linter.lint(loaded.doc).diagnostics;
}

std::set<std::string> tokenism_rules(const std::vector<Diagnostic>& found,
                                     const std::string& section_kind) {
  std::set<std::string> ids;
  for (const auto& d : found)
    if (d.category == "tokenism" && (section_kind.empty() || d.section_kind == section_kind))
      ids.insert(d.rule_id);
  return ids;
}

// Sentences that are tokenism in an involvement section and ordinary study design elsewhere.
const char* kTrapSentences =
    "Patients were consulted in a national survey in 2019. Ethical approval will be sought from a "
    "research ethics committee. Participants will complete questionnaires at baseline and six "
    "months. "
    "We will recruit 300 participants, who will give informed consent. One lay representative from "
    "the charity sits on the trial steering committee, as the funder requires. Volunteers will be "
    "reimbursed for travel. Data will be shared where possible. Findings will be disseminated at "
    "the "
    "end of the study.";

const char* kGoodInvolvement =
    "Eight people with heart failure and three carers helped us plan this study, and two of them "
    "are "
    "co-applicants with a vote on the management group. They chose our main outcome. We will pay "
    "everyone at NIHR rates and cover travel and care costs; the budget has £9,800 for this. Our "
    "named "
    "PPI lead, Sam Okafor, will run an induction and offer a buddy to each new member. We will "
    "reach "
    "people from seldom-heard groups through two community centres and offer interpreters. Role "
    "descriptions and terms of reference set out how we make decisions and how we handle "
    "disagreements. "
    "We will keep an impact log, tell members what changed because of their advice, credit them as "
    "co-authors and report involvement with the GRIPP2 short form.";

std::string application(const std::string& background, const std::string& methods,
                        const std::string& involvement) {
  return "# Home support after heart failure\n\n"
         "## Plain English summary\n\nWe want to find out if a weekly phone call from a nurse "
         "helps people "
         "with heart failure stay well at home. People with heart failure helped us plan it.\n\n"
         "## Background\n\n" +
         background +
         "\n\n"
         "## Methods\n\n" +
         methods +
         "\n\n"
         "## Patient and public involvement\n\n" +
         involvement +
         "\n\n"
         "## Dissemination\n\nWe will share what we find with patients, charities and NHS teams "
         "through "
         "short videos, a leaflet and talks.\n";
}

}  // namespace

TEST_CASE("tokenism wording in Background and Methods does not fire", "[rules][scope-traps]") {
  const auto found =
      lint_application(application(kTrapSentences, kTrapSentences, kGoodInvolvement));
  const auto fired = tokenism_rules(found, "");
  std::string names;
  for (const auto& id : fired) names += id + " ";
  INFO("tokenism rules that fired: " << names);
  CHECK(fired.empty());
}

TEST_CASE("the same wording in the involvement section does fire (control)",
          "[rules][scope-traps]") {
  const auto found = lint_application(
      application("Heart failure is common.", "We will compare two groups.", kTrapSentences));
  const auto fired = tokenism_rules(found, "involvement");
  CHECK(fired.count("involvement.consulted-no-change") == 1);
  CHECK(fired.count("involvement.participation-not-involvement") == 1);
  CHECK(fired.count("involvement.single-lay-member") == 1);
  CHECK(fired.count("involvement.unpaid-volunteers") == 1);
  CHECK(fired.count("involvement.hedged-plans") == 1);
}

TEST_CASE("co-production evidence rules judge only the involvement section",
          "[rules][scope-traps]") {
  // A methods section that says nothing about payment or training is not an involvement plan.
  const auto found =
      lint_application(application(kTrapSentences, kTrapSentences, kGoodInvolvement));
  for (const auto& d : found) {
    if (d.category != "evidence") continue;
    INFO(d.rule_id << " in " << d.section_kind << ": " << d.message);
    CHECK(d.section_kind == "involvement");
    CHECK(d.severity != Severity::Warning);
    CHECK(d.severity != Severity::Error);
  }
}

namespace {

std::vector<Diagnostic> lint_as(const std::string& text, const std::string& kind,
                                const Document** out = nullptr) {
  LoadOptions options;
  options.headless_kind = kind;
  static LoadResult loaded;
  loaded = load_document("text.md", text, shipped_rules().sections, options);
  REQUIRE(loaded.ok);
  loaded.doc.lines = LineIndex(loaded.doc.source.bytes);
  if (out) *out = &loaded.doc;
  Linter linter(shipped_rules(), Config{});
  return linter.lint(loaded.doc).diagnostics;
}

const char* kSummaryWithPpiParagraph =
    "Many older people fall at home. We want to find out if a short exercise class helps them.\n\n"
    "Patient and public involvement: PPI will be sought where possible. A lay representative "
    "will sit on the steering committee.\n\n"
    "We will share what we find with GP surgeries.\n";

}  // namespace

TEST_CASE("a summary's involvement paragraph is judged by the tokenism rules",
          "[rules][scope-traps][passages]") {
  const Document* doc = nullptr;
  const auto found = lint_as(kSummaryWithPpiParagraph, "plain-english-summary", &doc);
  REQUIRE(doc->sections.size() == 1);  // still one summary: its word count is whole
  REQUIRE(doc->passages.size() == 1);
  CHECK(doc->passages[0].kind == "involvement");
  CHECK(doc->source.bytes.substr(doc->passages[0].begin, 3) == "PPI");  // after the label
  const auto fired = tokenism_rules(found, "");
  CHECK(fired.count("involvement.vague-plans") == 1);
  CHECK(fired.count("involvement.hedged-plans") == 1);
  CHECK(fired.count("involvement.single-lay-member") == 1);
  // Rules that judge a whole involvement section do not judge a summary's paragraph.
  for (const auto& d : found) CHECK(d.category != "evidence");
}

TEST_CASE("a summary paragraph that names involvement is an involvement passage, others are not",
          "[rules][scope-traps][passages]") {
  const auto named = tokenism_rules(
      lint_as("We want to help carers.\n\nOur PPI group will be consulted at key stages.\n",
              "plain-english-summary"),
      "");
  CHECK(named.count("involvement.vague-plans") == 1);
  // "at key stages" and "will be sought" about the study itself, with no word of involvement.
  const auto study = tokenism_rules(
      lint_as("We will visit 20 schools at key stages of the year. Ethical approval will be "
              "sought first.\n",
              "plain-english-summary"),
      "");
  CHECK(study.empty());
  // "Involving people" is as often about taking part: not a sign of an involvement paragraph.
  const auto taking_part = tokenism_rules(
      lint_as("A study involving people with asthma. Views will be sought at key stages.\n",
              "plain-english-summary"),
      "");
  CHECK(taking_part.empty());
}

TEST_CASE("a label in Background is not a passage of its own section's kind",
          "[rules][scope-traps][passages]") {
  const Document* doc = nullptr;
  lint_as("# Background\n\nBackground: falls are common.\n\n# Methods\n\nWe will run a trial.\n",
          "document", &doc);
  CHECK(doc->passages.empty());
}

TEST_CASE("a form pasted as text, with its section names leading paragraphs, has sections",
          "[rules][scope-traps][run-in-headings]") {
  const Document* doc = nullptr;
  const auto found = lint_as(
      "**Plain English summary:** Many older people fall at home.\n\n"
      "**Methods:** We will run a trial in 12 surgeries.\n\n"
      "Patient and public involvement – Patients were consulted about the idea. A lay member will "
      "sit on the steering committee.\n",
      "document", &doc);
  std::vector<std::string> kinds;
  for (const Section& s : doc->sections) kinds.push_back(s.kind);
  CHECK(kinds == std::vector<std::string>{"plain-english-summary", "methods", "involvement"});
  CHECK(doc->sections[0].title == "Plain English summary");
  CHECK(doc->sections[2].title == "Patient and public involvement");
  const auto fired = tokenism_rules(found, "involvement");
  CHECK(fired.count("involvement.single-lay-member") == 1);
  CHECK(fired.count("involvement.consulted-no-change") == 1);
}

TEST_CASE("one labelled paragraph, or labels under real headings, do not make sections",
          "[rules][scope-traps][run-in-headings]") {
  const Document* doc = nullptr;
  lint_as("Dear panel,\n\nAims: to find out if exercise helps.\n\nThank you.\n", "document", &doc);
  CHECK(doc->sections.size() == 1);
  lint_as(
      "# Plain English summary\n\nWe will help.\n\nMethods: a trial.\n\n"
      "Public involvement: carers chose the outcome.\n",
      "document", &doc);
  CHECK(doc->sections.size() == 1);
  CHECK(doc->passages.size() == 2);
}

TEST_CASE("a heading with a comma names its section", "[sections]") {
  const Document* doc = nullptr;
  // Bold labels on their own lines, as pasted from a form.
  lint_as(
      "**Plain English summary**\n\nWe will help.\n\n**Equality, diversity and inclusion**\n\n"
      "We will offer interpreters.\n",
      "document", &doc);
  REQUIRE(doc->sections.size() == 2);
  CHECK(doc->sections[1].title == "Equality, diversity and inclusion");
  CHECK(doc->sections[1].kind == "other");
}

namespace {

const char* kPlanStart =
    "Eight carers helped us plan this study and chose the main outcome with us. We will pay "
    "everyone at NIHR rates and cover travel and care costs. Our PPI lead will run an induction "
    "for new members. ";

bool fires(const std::vector<Diagnostic>& found, const std::string& rule) {
  return std::any_of(found.begin(), found.end(),
                     [&](const Diagnostic& d) { return d.rule_id == rule; });
}

}  // namespace

TEST_CASE("a sentence a tokenism rule flags is no evidence for the evidence rules",
          "[rules][scope-traps][flagged-sentences]") {
  // "steering committee" shows a public voice in governance, unless the sentence is the lone
  // lay member the tokenism rules flag.
  const auto lone =
      lint_as(std::string(kPlanStart) + "A lay member will sit on the Trial Steering Committee.\n",
              "involvement");
  CHECK(fires(lone, "involvement.single-lay-member"));
  CHECK(fires(lone, "co-production.standard-6-governance"));
  const auto two =
      lint_as(std::string(kPlanStart) + "Two carers will sit on the Trial Steering Committee.\n",
              "involvement");
  CHECK_FALSE(fires(two, "involvement.single-lay-member"));
  CHECK_FALSE(fires(two, "co-production.standard-6-governance"));
}

TEST_CASE("ignore_sentences_flagged_by must name another rule of a loaded pack",
          "[rules][flagged-sentences]") {
  const std::string rule = sayso::testing::minimal_rule("evidence", "evidence") +
                           "    scope: [involvement]\n    items:\n      - name: pay\n"
                           "        cues: [paid]\n";
  CHECK(sayso::testing::load_error(rule + "    ignore_sentences_flagged_by: [other]\n").empty());
  CHECK_THAT(sayso::testing::load_error(rule + "    ignore_sentences_flagged_by: [p.nothing]\n"),
             Catch::Contains("'ignore_sentences_flagged_by' names 'p.nothing', which is not "
                             "another rule of its pack"));
  CHECK_THAT(sayso::testing::load_error(rule + "    ignore_sentences_flagged_by: [p.a]\n"),
             Catch::Contains("'ignore_sentences_flagged_by' names 'p.a'"));
}

TEST_CASE("false alarms of passages and run-in headings the tenth blind review found",
          "[rules][scope-traps][passages][run-in-headings]") {
  const Document* doc = nullptr;
  // "PPI" spelled out as a medicine is not involvement.
  const auto gut = lint_as(
      "Many older people take a proton pump inhibitor (PPI) for years.\n\n"
      "Stopping a PPI where possible is advised. Advice will be sought from a pharmacist.\n",
      "plain-english-summary", &doc);
  CHECK(doc->passages.empty());
  CHECK(tokenism_rules(gut, "").empty());
  // A structured abstract's labels are not a funder's form: no summary or involvement label.
  lint_as(
      "Background: falls are common.\n\nAims: to test a class.\n\nMethods: a trial.\n\n"
      "Dissemination: papers and talks.\n",
      "document", &doc);
  CHECK(doc->sections.size() == 1);
  // A dash around an aside is not a label.
  lint_as(
      "Public involvement – what difference does it make?\n\nMethods – like focus groups – "
      "are often used.\n\nPlain English summary: we study this.\n",
      "document", &doc);
  CHECK(doc->sections.size() == 1);
  // In a form, an unknown label ends the section before it.
  const auto form = lint_as(
      "Lay summary: We will test a class for people who fall.\n\n"
      "Patient and public involvement: Eight people who have fallen chose our main outcome, and "
      "we pay them for their time.\n\n"
      "Declaration: I confirm that ethical approval will be sought where necessary.\n",
      "document", &doc);
  REQUIRE(doc->sections.size() == 3);
  CHECK(doc->sections[2].title == "Declaration");
  CHECK(doc->sections[2].kind == "other");
  CHECK(tokenism_rules(form, "").empty());
  // A summary pasted a line a sentence: only the line that names involvement is a passage.
  const auto lines = lint_as(
      "Children will be recruited where possible through their GP.\n"
      "Consent will be sought from parents.\n"
      "Our PPI group of 10 parents chose the main outcome.\n",
      "plain-english-summary", &doc);
  REQUIRE(doc->passages.size() == 1);
  CHECK(doc->source.bytes.substr(doc->passages[0].begin, 7) == "Our PPI");
  CHECK(tokenism_rules(lines, "").empty());
}

TEST_CASE("required-sections asks whether a heading it does not know is the missing section",
          "[rules][required-sections]") {
  using namespace sayso::testing;
  Config config;
  config.document = "application";
  const std::string text =
      "# Title\n\nWalking groups\n\n## Plain English summary\n\nWe will find out if walking "
      "groups help people with a lung disease stay active and well at home.\n\n## How carers "
      "shape this study\n\nSix carers meet each month, are paid for their time and chose our "
      "question.\n";
  const Found found = lint_file(text, "app.md", "structure.required-sections", config);
  REQUIRE(found.findings.size() == 1);
  CHECK_THAT(found.findings[0].message,
             Catch::Contains("Is 'How carers shape this study' that section?"));
  // A heading with none of the words: the finding says only what is missing.
  const std::string other =
      "# Title\n\nWalking groups\n\n## Plain English summary\n\nWe will "
      "find out if walking groups help.\n\n## Timeline\n\nTwo years.\n";
  const Found plain = lint_file(other, "app.md", "structure.required-sections", config);
  REQUIRE(plain.findings.size() == 1);
  CHECK_THAT(plain.findings[0].message, !Catch::Contains("that section?"));
  CHECK(!load_error(minimal_rule("required-sections", "structure") +
                    "    sections: [involvement]\n    look_alikes: {ppi: [public]}\n")
             .empty());
}

TEST_CASE("a phrase or its denial split over two lines reads as on one line",
          "[rules][scope-traps]") {
  for (const std::string path : {"plan.md", "plan.txt"}) {
    const std::string heading =
        (path == "plan.md" ? "# " : "") + std::string("Patient and public involvement\n\n");
    CHECK(testing::lint_file(heading + "Patient views will be\nsought as appropriate.\n", path,
                             "involvement.vague-plans")
              .findings.size() == 1);
    CHECK(testing::lint_file(heading +
                                 "We will pay everyone. One lay representative will\nsit on the "
                                 "steering committee.\n",
                             path, "involvement.single-lay-member")
              .findings.size() == 1);
    CHECK(testing::lint_file(heading +
                                 "We will pay 12 carers £25 an hour. We will not\nclaim this is "
                                 "co-produced: the team decides.\n",
                             path, "co-production.involvement-level")
              .findings.empty());
  }
}

TEST_CASE("a disable comment right under a heading covers the findings at the heading",
          "[rules][scope-traps]") {
  const std::string plan =
      "We will hold four workshops with carers of people with dementia during the study. They "
      "will help us choose the questions for our interviews and look at what we find. We will "
      "write a short report for the local carers group and share it at their meetings. We will "
      "also talk to the hospital team about what we learn from this work.\n";
  const std::string rule = "co-production.involvement-checklist";
  CHECK(testing::lint_file("# Patient and public involvement\n\n" + plan, "a.md", rule)
            .findings.size() == 1);
  CHECK(testing::lint_file(
            "# Patient and public involvement\n\n<!-- sayso-disable " + rule + " -->\n\n" + plan,
            "a.md", rule)
            .findings.empty());
  // Under some text, the comment covers what follows it only.
  CHECK(testing::lint_file("# Patient and public involvement\n\n" + plan + "\n<!-- sayso-disable " +
                               rule + " -->\n",
                           "a.md", rule)
            .findings.size() == 1);
}

TEST_CASE("involvement told in two places is one checklist, with what each place says",
          "[rules][scope-traps]") {
  const std::string rule = "co-production.involvement-checklist";
  const std::string app =
      "# Home visits after a fall\n\n## Plain English summary\n\nWe will visit people at home "
      "after a fall to help them feel safe again.\n\n## 2. Background and patient and public "
      "involvement to date\n\nFalls are common. Eight people who had fallen helped us plan "
      "this study. Each was paid £25 an hour, following NIHR guidance, and had a half-day "
      "training session. Our public involvement lead is Dr Grace Obi.\n\n## 3. Methods\n\nWe "
      "will visit 100 people.\n\n## 7. Patient and public involvement plan\n\nThe same eight "
      "people will form a panel that meets four times a year. They will help us write the "
      "questions, look at what we find and write the summary of results for the people who "
      "took part. We will tell them what changed because of their advice.\n";
  const auto found = testing::lint_file(app, "app.md", rule).findings;
  REQUIRE(found.size() == 1);
  CHECK(found[0].message.find("payment") == std::string::npos);
  CHECK(found[0].message.find("training") == std::string::npos);
  CHECK(found[0].message.find("named lead") == std::string::npos);
}

TEST_CASE("a co-production claim in the summary or title is judged by the involvement sections",
          "[rules][scope-traps]") {
  const std::string rule = "co-production.involvement-level";
  const std::string consult_only =
      "# Patient and public involvement\n\nWe asked 20 patients for their views on the topic, and "
      "we will send them a newsletter with the results.\n";
  const std::string shared_decisions =
      "# Patient and public involvement\n\nTwo public co-applicants jointly decided the research "
      "question with us, and they sit on the trial management group.\n";
  const std::string summary =
      "# Plain English summary\n\nThis study was co-produced with people who use the service.\n\n";
  SECTION("a plan that only consults: the summary's claim is flagged, with where to look") {
    const auto found = testing::lint_file(summary + consult_only, "a.md", rule);
    REQUIRE(found.flagged() == std::vector<std::string>{"co-produced"});
    const std::string& message = found.findings[0].message;
    CHECK(message.find("involvement section") != std::string::npos);
    CHECK(message.find("'consult'") != std::string::npos);
    CHECK(message.find("'co-produced' here") != std::string::npos);
  }
  SECTION("a plan where partners share decisions backs the claim") {
    CHECK(testing::lint_file(summary + shared_decisions, "a.md", rule).findings.empty());
  }
  SECTION("a claim in both places is flagged in both, each with its own message") {
    const auto found = testing::lint_file(
        summary + consult_only + "Our co-produced plan will keep them informed.\n", "a.md", rule);
    REQUIRE(found.findings.size() == 2);
    CHECK(found.findings[0].message != found.findings[1].message);
  }
  SECTION("a title's claim is judged the same way") {
    const auto found = testing::lint_file(
        "# Co-designing home visits with carers\n\n## Plain English summary\n\n"
        "Carers want visits that fit their day.\n\n" +
            consult_only.substr(2),
        "a.md", rule);
    CHECK(found.flagged() == std::vector<std::string>{"Co-designing"});
  }
  SECTION("a summary alone, or a denied claim, is not judged") {
    CHECK(testing::lint_file(summary, "a.md", rule).findings.empty());
    CHECK(testing::lint_file("# Plain English summary\n\nThis study was not co-produced, but "
                             "patients gave their views on it.\n\n" +
                                 consult_only,
                             "a.md", rule)
              .findings.empty());
  }
  SECTION("a claim in Background or Methods is not the writer's claim about this plan") {
    CHECK(testing::lint_file("# Background\n\nCo-produced services work better, reviews "
                             "show.\n\n" +
                                 consult_only,
                             "a.md", rule)
              .findings.empty());
  }
}

TEST_CASE("claims_also_in names section kinds and comes with its message", "[rules][kinds]") {
  const std::string rule = testing::minimal_rule("involvement-level", "evidence") +
                           "    levels: {inform: [newsletter], collaborate: [co-applicant]}\n"
                           "    stages: {design: [design]}\n    claims: [co-produc*]\n"
                           "    min_level_for_claim: collaborate\n";
  CHECK(testing::load_error(rule + "    claims_also_in: [summary]\n    elsewhere_message: m\n")
            .find("'claims_also_in' names 'summary', which is not a section kind") !=
        std::string::npos);
  CHECK(testing::load_error(rule + "    claims_also_in: [title]\n")
            .find("'claims_also_in' needs an 'elsewhere_message'") != std::string::npos);
  CHECK(testing::load_error(rule + "    elsewhere_message: m\n")
            .find("'elsewhere_message' is only used with 'claims_also_in'") != std::string::npos);
  CHECK(
      testing::load_error(rule + "    claims_also_in: [title]\n    elsewhere_message: 'x {lvl}'\n")
          .find("{lvl}") != std::string::npos);
}

TEST_CASE("a summary's sentence about involvement is judged even where it does not say 'PPI'",
          "[rules][scope]") {
  // The summary is what a public panel reads first; funders' forms often take it on its own.
  const std::string summary =
      "We will test a new walking group for people after a stroke. The trial will involve 200 "
      "patients from 10 hospitals, and each will get a £25 voucher to thank them. A lay "
      "representative will sit on the Trial Steering Committee. Family carers were consulted "
      "while we wrote this plan.\n";
  using sayso::testing::lint_file;
  using sayso::testing::lint_summary;
  CHECK(lint_summary(summary, "involvement.single-lay-member").flagged() ==
        std::vector<std::string>{"A lay representative will sit on the Trial Steering Committee"});
  CHECK(lint_summary(summary, "involvement.consulted-no-change").findings.size() == 1);
  // The sentences about the people who take part are not judged as involvement.
  for (const char* rule : {"involvement.participation-not-involvement", "involvement.expenses-only",
                           "involvement.help-with-recruitment"})
    CHECK(lint_summary(summary, rule).findings.empty());
  // The same sentences in a Methods section are not read as involvement.
  CHECK(lint_file("# Methods\n\n" + summary, "app.md", "involvement.single-lay-member")
            .findings.empty());
}
