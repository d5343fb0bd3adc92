#include <catch2/catch.hpp>

#include "test_helpers.h"

using namespace sayso;
using namespace sayso::testing;

TEST_CASE("substitution: longest match, case kept, suggestions", "[kinds]") {
  Document doc = load("Utilise it in order to win.\n", "summary.md", "plain-english-summary");
  auto found = lint(doc, "t.swap");
  REQUIRE(found.size() == 2);
  CHECK(flagged(doc, found[0]) == "Utilise");
  CHECK(found[0].suggestions == std::vector<std::string>{"Use"});
  CHECK(found[0].message == "Try 'Use' instead of 'Utilise'.");
  CHECK(flagged(doc, found[1]) == "in order to");  // not the shorter "order"
}

TEST_CASE("substitution respects scope", "[kinds]") {
  Document doc = load("# Methods\n\nWe utilise data.\n");
  CHECK(lint(doc, "t.swap").empty());
}

TEST_CASE("existence: phrases, wildcards and RE2", "[kinds]") {
  Document doc = load(
      "PPI will be sought where possible. Patients may be involved if  appropriate. Co-produced "
      "work.\n",
      "involvement.md", "involvement");
  auto found = lint(doc, "t.exist");
  std::vector<std::string> texts;
  for (auto& d : found) texts.push_back(flagged(doc, d));
  CHECK(texts == std::vector<std::string>{"will be sought", "where possible", "may be involved",
                                          "if  appropriate", "Co-produced"});
}

TEST_CASE("existence: explained terms and first use only", "[kinds]") {
  CHECK(lint(load("A placebo (a dummy pill) is given. The placebo helps.\n"), "t.explain").empty());
  auto found = lint(load("A placebo is given. The placebo helps.\n"), "t.explain");
  CHECK(found.size() == 1);
  // A bracket explains the words it follows closely or opens, not any words in its sentence.
  CHECK(lint(load("A dummy pill (placebo) is given.\n"), "t.explain").empty());
  CHECK(lint(load("Risk fell (RR 0.36, 95% CI 0.28 to 0.46) against a placebo.\n"), "t.explain")
            .size() == 1);
  CHECK(lint(load("We gave a placebo (n=5,400) to everyone.\n"), "t.explain").size() == 1);
  CHECK(lint(load("A placebo that looks like the real tablets in every single way (but has no "
                  "medicine) is given.\n"),
             "t.explain")
            .size() == 1);
}

TEST_CASE("existence: words excepted from a pattern, whole or by their start", "[kinds]") {
  Document doc = load("Arthritis, colitis, hepatitis and HEPATITIS-B, not osteoarthritis.\n");
  std::vector<std::string> texts;
  for (auto& d : lint(doc, "t.word-part")) texts.push_back(flagged(doc, d));
  CHECK(texts == std::vector<std::string>{"colitis", "osteoarthritis"});
}

TEST_CASE("acronym: expansion, allowlist, plurals, headings", "[kinds]") {
  CHECK(lint(load("A randomised controlled trial (RCT) runs in the NHS. The RCT ends.\n"),
             "t.acronym")
            .empty());
  auto found = lint(load("# RCT plan\n\nTwo RCTs run. The RCT ends.\n"), "t.acronym");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "Spell out 'RCT'.");
}

TEST_CASE("readability: sentence length and passive voice", "[kinds]") {
  Document doc = load(
      "One two three four five six seven eight nine ten eleven. Data will be collected at home.\n");
  auto long_ones = lint(doc, "t.long");
  REQUIRE(long_ones.size() == 1);
  CHECK(long_ones[0].message == "This sentence has 11 words; try 10 or fewer.");
  auto passive = lint(doc, "t.passive");
  REQUIRE(passive.size() == 1);
  CHECK(flagged(doc, passive[0]) == "will be collected");
  // "HAs" (hearing aids) before a bracket is not the auxiliary "has".
  Document aids = load("Non-use of hearing aids (HAs) is reported.\n");
  auto aids_passive = lint(aids, "t.passive");
  REQUIRE(aids_passive.size() == 1);
  CHECK(flagged(aids, aids_passive[0]) == "is reported");
  // Adjectives and names that look like participles: nobody does them.
  Document not_passive = load(
      "This is called kidney injury. Views were mixed. The team is based in Leeds. The "
      "cough is asthma-related. The outcome is patient-reported.\n");
  CHECK(lint(not_passive, "t.passive").empty());
}

TEST_CASE("length: limit per section, at the heading, profile overrides", "[kinds]") {
  Document doc = load("# Lay summary\n\none two three four five six seven\n");
  CHECK(lint(doc, "t.length").empty());
  Config strict;
  strict.profile = "strict";
  RuleSet set = load_rules(test_rules_dir(), strict);
  Linter linter(set, strict);
  auto found = linter.lint(doc).diagnostics;
  std::erase_if(found, [](const Diagnostic& d) { return d.rule_id != "t.length"; });
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "7 words; the limit is 5.");
  CHECK(flagged(doc, found[0]) == "Lay summary");
}

TEST_CASE("required sections only for whole applications", "[kinds]") {
  Document app = load("# Background\n\nx\n\n# Methods\n\ny\n\n# Dissemination\n\nz\n");
  auto found = lint(app, "t.required");
  REQUIRE(found.size() == 2);
  CHECK(found[0].message == "Add a plain-english-summary section.");
  Document fragment = load("# PPI\n\nWe involve people.\n");
  CHECK(lint(fragment, "t.required").empty());
}

TEST_CASE("required sections: order", "[kinds]") {
  Document app = load("# Lay summary\n\nx\n\n# PPI\n\ny\n\n# Methods\n\nz\n");
  auto found = lint(app, "t.required");
  REQUIRE(found.size() == 1);
  CHECK(flagged(app, found[0]) == "Methods");
  CHECK(found[0].severity == Severity::Info);  // order_severity: advice, not an error
  // A missing section keeps the rule's severity.
  auto missing =
      lint(load("# Lay summary\n\nx\n\n# Background\n\ny\n\n# Methods\n\nz\n"), "t.required");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].severity == Severity::Error);
}

TEST_CASE("evidence: one finding per section listing what is missing", "[kinds]") {
  Document doc = load("# PPI\n\nWe will pay people £25 an hour.\n");
  auto found = lint(doc, "t.checklist");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "Missing: training (1 of 2).");
  CHECK(flagged(doc, found[0]) == "PPI");
}

TEST_CASE("evidence: an item another running rule asks for is left to it", "[kinds]") {
  Document doc = load("# PPI\n\nWe will meet twice.\n");
  auto found = lint(doc, "t.standard");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "Standard: a vote.");  // payment: t.checklist says it
  Config without_checklist;
  without_checklist.rules["t.checklist"].enabled = false;
  RuleSet rules = load_rules(test_rules_dir(), without_checklist);
  found.clear();
  for (auto& d : Linter(rules, without_checklist).lint(doc).diagnostics)
    if (d.rule_id == "t.standard") found.push_back(d);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "Standard: payment and a vote.");
}

TEST_CASE("claim needs evidence", "[kinds]") {
  CHECK(lint(load("# PPI\n\nThis is co-produced.\n"), "t.claim").size() == 1);
  CHECK(lint(load("# PPI\n\nThis is co-produced.\n\nWe decided together.\n"), "t.claim").empty());
}

TEST_CASE("involvement level: claim with only consultation", "[kinds]") {
  auto found =
      lint(load("# PPI\n\nWe co-designed it. We consulted people on the design.\n"), "t.level");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "Co-production claimed, but the level is consult.");
  CHECK(lint(load("# PPI\n\nWe co-designed it with co-applicants.\n"), "t.level").empty());
}

TEST_CASE("involvement level: a group's name gives its level only when nothing else does",
          "[kinds]") {
  // What the group does sets the level; its name alone says only that it takes part.
  CHECK(lint(load("# PPI\n\nWe co-designed it with the steering group.\n"), "t.level").empty());
  auto found =
      lint(load("# PPI\n\nWe co-designed it. We consulted the steering group on the design.\n"),
           "t.level");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "Co-production claimed, but the level is consult.");
}

TEST_CASE("spelling: Hunspell plus extra words, names skipped", "[kinds]") {
  Document doc = load("We recieve data on coproduction from Smithson.\n");
  auto found = lint(doc, "t.spell");
  REQUIRE(found.size() == 1);
  CHECK(flagged(doc, found[0]) == "recieve");
}

TEST_CASE("inline suppressions", "[kinds]") {
  Document doc = load("<!-- sayso-disable-next-line t.spell -->\nWe recieve.\n\nWe recieve.\n");
  CHECK(lint(doc, "t.spell").size() == 1);
  Document region =
      load("<!-- sayso-disable -->\nWe recieve.\n<!-- sayso-enable -->\nWe recieve.\n");
  CHECK(lint(region, "t.spell").size() == 1);
}

TEST_CASE("invalid UTF-8 becomes a finding, the rest is linted", "[kinds]") {
  Document doc = load("We recieve \xff data.\n");
  auto all = lint(doc);
  CHECK(std::any_of(all.begin(), all.end(),
                    [](auto& d) { return d.rule_id == "sayso.invalid-text"; }));
  CHECK(std::any_of(all.begin(), all.end(), [](auto& d) { return d.rule_id == "t.spell"; }));
}

TEST_CASE("spelling: possessives, and each unknown word once per section", "[kinds]") {
  Document doc = load("The lead's plan. We recieve it. They recieve it.\n");
  auto found = lint(doc, "t.spell");
  REQUIRE(found.size() == 1);
  CHECK(flagged(doc, found[0]) == "recieve");
}

TEST_CASE("a misspelt rule name in a suppression comment is a finding, not silence", "[kinds]") {
  Document doc = load("<!-- sayso-disable-next-line t.spel -->\nWe recieve.\n");
  CHECK(lint(doc, "t.spell").size() == 1);  // nothing was turned off
  auto unknown = lint(doc, "sayso.unknown-rule");
  REQUIRE(unknown.size() == 1);
  CHECK(flagged(doc, unknown[0]) == "t.spel");
  CHECK_THAT(unknown[0].message, Catch::Contains("Did you mean 't.spell'?"));
  REQUIRE(unknown[0].suggestions == std::vector<std::string>{"t.spell"});
  // Its name without the pack, a whole pack, sayso's own findings and no name at all are known.
  for (const char* known : {"spell", "t", "sayso.invalid-text", ""}) {
    Document fine = load(std::string("<!-- sayso-disable ") + known + " -->\nWe recieve.\n");
    CHECK(lint(fine, "sayso.unknown-rule").empty());
  }
  // Two names, the second misspelt: the finding points at it in the comment.
  Document two = load("% sayso-disable-next-line t.spell, t.swapp\nWe recieve.\n", "doc.tex");
  auto second = lint(two, "sayso.unknown-rule");
  REQUIRE(second.size() == 1);
  CHECK(flagged(two, second[0]) == "t.swapp");
}

TEST_CASE("sayso-disable-line, and sayso-enable of one rule inside a disable of all", "[kinds]") {
  Document line = load("We recieve. <!-- sayso-disable-line t.spell -->\n\nWe recieve.\n");
  CHECK(lint(line, "t.spell").size() == 1);
  CHECK(lint(line, "sayso.unknown-rule").empty());
  Document region = load(
      "<!-- sayso-disable -->\nWe recieve.\n<!-- sayso-enable t.spell -->\nWe acheive.\n\n"
      "<!-- sayso-enable -->\nWe beleive.\n");
  const auto found = lint(region, "t.spell");
  REQUIRE(found.size() == 2);  // the first is off; the other two are on again
  CHECK(region.lines.line_of(found[0].begin) == 3);
  // In LaTeX "\%" is a per cent sign, not a comment.
  Document latex =
      load("Half of them (50\\% sayso-disable-next-line t.spell)\nWe recieve.\n", "a.tex");
  const auto in_latex = lint(latex, "t.spell");
  CHECK(std::any_of(in_latex.begin(), in_latex.end(),
                    [&](const Diagnostic& d) { return flagged(latex, d) == "recieve"; }));
}

TEST_CASE("a comment shown in code is not a suppression", "[kinds]") {
  Document span = load("Write `<!-- sayso-disable RULE -->` above it. We recieve.\n");
  CHECK(lint(span, "sayso.unknown-rule").empty());
  CHECK(lint(span, "t.spell").size() == 1);
  Document block = load("```\n<!-- sayso-disable t.spell -->\n```\n\nWe recieve.\n");
  CHECK(lint(block, "t.spell").size() == 1);
}

TEST_CASE("suppression comments may give a reason", "[kinds]") {
  Document doc = load("<!-- sayso-disable-next-line t.spell -- a quoted typo -->\nWe recieve.\n");
  CHECK(lint(doc, "t.spell").empty());
}
