// The traps of the involvement (tokenism) pack: the same words in Background or Methods are
// about the study, not about involvement, and must not fire. A control puts them in the
// involvement section, where they must.
#include <catch2/catch.hpp>

#include <set>

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
