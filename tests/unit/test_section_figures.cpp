#include <catch2/catch.hpp>

#include "engine/section_figures.h"
#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

TEST_CASE("section figures: words, limit, readability, checklist, involvement level", "[figures]") {
  Document doc = load(
      "# Lay summary\n\nWe will test a new exercise plan. People will be asked to walk.\n\n"
      "# PPI\n\nWe co-designed it. We consulted people on the design. We pay £20.\n");
  Linter linter(test_rules(), Config{});
  auto figures = section_figures(linter, doc);
  REQUIRE(figures.size() == 2);
  const SectionFigures& summary = figures[0];
  CHECK(summary.kind == "plain-english-summary");
  CHECK(summary.words == 13);
  REQUIRE(summary.word_limit);
  CHECK(*summary.word_limit == 20);
  CHECK(summary.sentences == 2);
  CHECK(summary.longest_sentence_words == 7);
  CHECK(summary.passive_sentences == 1);
  CHECK(summary.reading_age > 5);
  const SectionFigures& ppi = figures[1];
  REQUIRE(ppi.checklists.size() == 2);  // t.checklist and t.standard
  CHECK(ppi.checklists[0].rule_id == "t.checklist");
  CHECK(ppi.checklists[1].items.size() == 2);  // its item left to t.checklist is still shown
  CHECK(ppi.checklists[0].present_count() == 1);
  CHECK(ppi.checklists[0].items[0].name == "payment");
  CHECK(ppi.checklists[0].items[0].present);
  REQUIRE(ppi.involvement.size() == 1);
  CHECK(ppi.involvement[0].stage == "design");
  CHECK(ppi.involvement[0].level == "consult");
  CHECK(ppi.highest_involvement_level == "consult");
}

TEST_CASE("section figures: a limit the form states is the section's limit", "[figures]") {
  LoadOptions options;
  const RuleSet& rules = shipped_rules();
  LoadResult r = load_document("a.md",
                               "# Plain English summary (max 250 words)\n\nWe will test a walk.\n\n"
                               "# Research plan (up to 2,000 words)\n\nWe will ask people.\n\n"
                               "# Dissemination\n\nWe will tell people.\n",
                               rules.sections, options);
  r.doc.lines = LineIndex(r.doc.source.bytes);
  Linter linter(rules, Config{});
  auto figures = section_figures(linter, r.doc);
  REQUIRE(figures.size() == 3);
  REQUIRE(figures[0].word_limit);
  CHECK(*figures[0].word_limit == 250);  // the form's, not the profile's 300
  REQUIRE(figures[1].word_limit);
  CHECK(*figures[1].word_limit == 2000);
  CHECK_FALSE(figures[2].word_limit);
}
