// Fixes from the thirtieth blind review (the chair of a funding panel, six whole applications):
// a Methods subheading read as a second involvement plan, a short form defined after a comma in
// brackets, and a summary opening with the abstract's first sentence.
#include <catch2/catch.hpp>

#include "core/segmentation.h"
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

TEST_CASE("a passive verb followed by who does it is not pointed at",
          "[rules][readability][review31]") {
  // Heavy with passives, so each one is pointed at (plain-english.passive-voice shows only then).
  const std::string text =
      "Data will be analysed by the study statistician. Forms will be collected by post. "
      "Results will be shared by 2027. Letters will be sent. It was developed by care home "
      "staff and relatives.\n";
  const Found found = lint_summary(text, "plain-english.passive-voice");
  std::vector<std::string> flagged = found.flagged();
  CHECK(flagged == std::vector<std::string>{"will be collected", "will be shared", "will be sent"});
}

TEST_CASE("lines that start with a picture bullet are list items, not one long sentence",
          "[segmentation][review31]") {
  const std::string items =
      "✔ Free parking at the hospital for every visit you make\n"
      "✔️ A £20 voucher for your time after each visit you make\n"
      "👉 A friendly nurse who will explain each step to you\n"
      "👍🏽 Tea and biscuits while you wait for your results\n"
      "✅ A copy of what we find at the end of the study\n";
  for (const char* path : {"summary.txt", "summary.md"}) {
    INFO(path);
    LoadOptions options;
    options.headless_kind = "plain-english-summary";
    const std::string text = "What you get if you take part:\n\n" + items;
    LoadResult r = load_document(path, text, shipped_rules().sections, options);
    std::size_t sentences_in_list = 0;
    std::string read;
    for (const Sentence& s : r.doc.sentences)
      if (s.begin >= text.find("\n\n")) {
        ++sentences_in_list;
        read += "[" + text.substr(s.begin, s.end - s.begin) + "] ";
      }
    INFO(read);
    CHECK(sentences_in_list == 5);
    CHECK(lint_file(text, path, "plain-english.long-sentence").findings.empty());
  }
  // A line that only starts with a sign is not a bullet.
  CHECK(picture_bullet_length("> quoted") == 0);
  CHECK(picture_bullet_length("✔") == 0);
  CHECK(picture_bullet_length("✔ yes") == 4);
  CHECK(picture_bullet_length("") == 0);
}

TEST_CASE("a form's question as a heading is not told to change its words",
          "[rules][sections][review31]") {
  const std::string text =
      "## Please provide a plain English summary of your research\n\n"
      "We will provide a new service and utilise it well.\n\n"
      "## How will you disseminate your findings?\n\n"
      "We will disseminate them to everyone who took part, by letter.\n";
  const Found wordy = lint_file(text, "application.md", "plain-english.wordy-words");
  CHECK(wordy.flagged() == std::vector<std::string>{"provide", "utilise"});
  for (const Diagnostic& d : wordy.findings) CHECK(d.begin > text.find("\n\n"));
  // A heading that names no section is the writer's own words.
  const Found own =
      lint_file("## Plain English summary\n\n### Why we utilise this\n\nWe will help.\n",
                "application.md", "plain-english.wordy-words");
  CHECK(own.flagged() == std::vector<std::string>{"utilise"});
}

TEST_CASE("spelling: a study's name, a gloss in another language, a term said again",
          "[rules][spelling][review31]") {
  const std::string text =
      "# Sathi: a participatory study of mothers\n\n## Background\n\n"
      "Brazil has community health agents (agentes comunitários de saúde) in every town. The "
      "comunidades are poor.\n\n## Methods\n\nWe will visit the comunidades twice. We will "
      "recieve the forms by post.\n";
  const Found found = lint_file(text, "application.md", "spelling.unknown-word");
  // One note for the unknown term, the first time; the typo is still offered its fix.
  CHECK(found.flagged() == std::vector<std::string>{"comunidades", "recieve"});
  REQUIRE(found.findings.size() == 2);
  CHECK(found.findings[0].suggestions.empty());
  CHECK(found.findings[1].suggestions.front() == "receive");
  // Outside brackets, a one-slip word is still offered its fix.
  CHECK(lint_file("## Methods\n\nThe agentes will visit.\n", "application.md",
                  "spelling.unknown-word")
            .findings.size() == 1);
}

TEST_CASE("a co-production claim is backed by the application's other involvement sections",
          "[rules][evidence][review31]") {
  const std::string claim =
      "# Study\n\n## Methods\n\nWe will run a survey.\n\n### Co-production of the toolkit\n\n"
      "Carers will decide with us what goes in the toolkit, over six workshops.\n\n";
  const std::string backing =
      "## Patient and public involvement\n\nTwelve carers are in our group. Each has a written "
      "role agreement, and members are paid for their time at NIHR rates.\n";
  CHECK(lint_file(claim + backing, "application.md", "co-production.claim-needs-evidence")
            .findings.empty());
  // With nothing behind it anywhere, the claim is still questioned (by the level rule, which
  // the evidence rule defers to on the same words).
  const std::string weak = claim +
                           "## Patient and public involvement\n\nWe will ask carers for views "
                           "on the leaflet.\n";
  CHECK(lint_file(weak, "application.md", "co-production.claim-needs-evidence").findings.size() +
            lint_file(weak, "application.md", "co-production.involvement-level").findings.size() ==
        1);
}

TEST_CASE("a list parameter can take a list written once elsewhere in the file",
          "[rules][loader][review31]") {
  const std::string base = minimal_rule("acronym", "acronym");
  CHECK(
      load_error("shared: &known [ABC, DEF]\n" + base + "    allow:\n      - *known\n      - GHI\n")
          .empty());
  CHECK(load_error(base + "    allow:\n      - [[ABC]]\n").find("must be a text") !=
        std::string::npos);
  // The shipped acronym rules share one list this way: NHS is fine everywhere; NIHR outside the
  // summary only.
  const std::string app =
      "## Plain English summary\n\nThe NHS and NIHR fund this.\n\n## Methods\n\nNIHR funds it.\n";
  CHECK(lint_file(app, "application.md", "acronyms.unexplained").findings.empty());
  CHECK(lint_file(app, "application.md", "acronyms.avoid-in-summary").flagged() ==
        std::vector<std::string>{"NIHR"});
}
