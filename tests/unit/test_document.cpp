#include <catch2/catch.hpp>

#include "app/linting_session.h"
#include "core/sections.h"
#include "core/segmentation.h"
#include "test_helpers.h"

using namespace sayso;
using namespace sayso::testing;

TEST_CASE("section classifier normalises numbering, case and colons", "[sections]") {
  SectionClassifier c;
  c.add_alias("Plain English summary", "plain-english-summary");
  c.add_alias("PPI", "involvement");
  CHECK(c.classify("2. PLAIN ENGLISH SUMMARY:") == "plain-english-summary");
  CHECK(c.classify("Plain English summary of research") == "plain-english-summary");
  CHECK(c.classify("ppi") == "involvement");
  CHECK(c.classify("Methods") == "other");
  // A form's label before the number: "Section 3:", "Part B -", "Question 4.", "Q4.".
  c.add_alias("Dissemination plan", "dissemination");
  CHECK(c.classify("Section 9: Dissemination plan (max 300 words)") == "dissemination");
  CHECK(c.classify("SECTION 3 - Plain English summary") == "plain-english-summary");
  CHECK(c.classify("Part B: PPI") == "involvement");
  CHECK(c.classify("Question 4. Plain English summary") == "plain-english-summary");
  CHECK(c.classify("Q4. PPI") == "involvement");
  CHECK(c.classify("Section 2 \xe2\x80\x93 Dissemination plan") == "dissemination");
  // Words that only start like a label are left alone.
  CHECK(c.classify("Partnership with PPI") == "other");
  CHECK(c.classify("Section 4") == "other");
  CHECK(c.is_known_heading("Plain English Summary:"));
  CHECK_FALSE(c.is_known_heading("Plain English summaries are great"));
}

TEST_CASE("markdown sections get canonical kinds, subheadings inherit", "[sections]") {
  Document doc = load(
      "# My study\n\n## Lay summary\n\nWe test.\n\n## PPI\n\nPeople help.\n\n### Payment\n\nWe "
      "pay.\n");
  REQUIRE(doc.sections.size() == 4);
  CHECK(doc.sections[0].kind == "title");
  CHECK(doc.sections[1].kind == "plain-english-summary");
  CHECK(doc.sections[2].kind == "involvement");
  CHECK(doc.sections[3].kind == "involvement");
  CHECK(doc.sections[3].title == "Payment");
}

TEST_CASE("a paragraph that is only a section name is a heading, a table cell is not",
          "[sections]") {
  Document doc = load(
      "# My study\n\nWe test walking groups.\n\n**Lay summary:**\n\nWe test.\n\n"
      "| form field | what |\n|---|---|\n| PPI | people |\n\nPPI is in the table.\n");
  REQUIRE(doc.sections.size() == 2);
  CHECK(doc.sections[1].kind == "plain-english-summary");
  CHECK(doc.sections[1].title == "Lay summary:");
  CHECK(doc.sections[1].level == 2);  // a subheading of the heading before it
  // The same words inside a sentence are just words.
  CHECK(load("We wrote a lay summary.\n\nMethods are below.\n").sections.size() == 1);
}

TEST_CASE("a summary's subheadings that retell the application are parts of the summary",
          "[sections]") {
  const std::string application =
      "# Walking groups\n\n## Plain English summary\n\n### Background\n\nFalls hurt.\n\n"
      "### PPI\n\nPeople helped.\n\n## Background\n\nFalls are common.\n\n"
      "## PPI\n\nFour carers.\n";
  Document doc = load(application);
  REQUIRE(doc.sections.size() == 6);
  CHECK(doc.sections[1].kind == "plain-english-summary");
  CHECK(doc.sections[2].kind == "plain-english-summary");
  CHECK(doc.sections[3].kind == "plain-english-summary");
  CHECK(doc.sections[4].kind == "background");
  CHECK(doc.sections[5].kind == "involvement");
  // Bold labels inside the summary are its subheadings too.
  Document bold =
      load("## Lay summary\n\n**Background**\n\nFalls hurt.\n\n## Background\n\nFalls.\n");
  REQUIRE(bold.sections.size() == 3);
  CHECK(bold.sections[1].kind == "plain-english-summary");
  CHECK(bold.sections[2].kind == "background");
  // A summary on its own (a title at most besides): its subheadings are its parts.
  const std::string alone =
      "# Walking groups\n\n## Plain English summary\n\n### Background\n\nFalls hurt.\n\n"
      "### What we will do\n\nWe will ask 80 people.\n";
  Document summary = load(alone);
  REQUIRE(summary.sections.size() == 4);
  CHECK(summary.sections[2].kind == "plain-english-summary");
  CHECK(summary.sections[3].kind == "plain-english-summary");
  // A few sentences under an involvement subheading are the summary's own part (NIHR asks a
  // summary to say how the public were involved), read by the involvement rules as a passage.
  Document with_ppi = load(alone + "\n### PPI\n\nCarers helped.\n");
  REQUIRE(with_ppi.sections.size() == 5);
  CHECK(with_ppi.sections[2].kind == "plain-english-summary");
  CHECK(with_ppi.sections[4].kind == "plain-english-summary");
  REQUIRE(with_ppi.passages.size() == 1);
  CHECK(with_ppi.passages[0].kind == "involvement");
  CHECK(
      with_ppi.source.bytes
          .substr(with_ppi.passages[0].begin, with_ppi.passages[0].end - with_ppi.passages[0].begin)
          .find("Carers helped.") != std::string::npos);
  // ...but a whole plan under it keeps its kind: it is the application's plan.
  std::string plan;
  while (plan.size() < 1500) plan += "Six carers will meet every month and help us plan. ";
  Document with_plan = load(alone + "\n### PPI\n\n" + plan + "\n");
  REQUIRE(with_plan.sections.size() == 5);
  CHECK(with_plan.sections[2].kind == "background");
  CHECK(with_plan.sections[4].kind == "involvement");
  // Loose heading levels in a whole application: '# summary' then '## ...' to the end is the
  // application.
  std::string methods;
  while (methods.size() < 8000) methods += "We will ask people in care homes about falls. ";
  Document loose = load(
      "# Plain English summary\n\nWe test.\n\n## Background\n\nFalls.\n\n"
      "## Methods\n\n" +
      methods + "\n\n## PPI\n\nCarers.\n");
  REQUIRE(loose.sections.size() == 4);
  CHECK(loose.sections[1].kind == "background");
  CHECK(loose.sections[3].kind == "involvement");
  // Subheadings that the application does not have elsewhere keep their kinds.
  Document own = load(
      "# Plain English summary\n\nWe test.\n\n## PPI\n\nCarers.\n\n"
      "# Methods\n\nWe ask.\n");
  REQUIRE(own.sections.size() == 3);
  CHECK(own.sections[1].kind == "involvement");
}

TEST_CASE("a plain-text summary's part headings, all on one level, are its parts", "[sections]") {
  const std::string text =
      "Plain English summary\n\nMy mum has dementia.\n\nMethods\nWe will talk to 30 "
      "families.\n\nDissemination\nWe will "
      "write a booklet.\n";
  Document doc = load(text, "x.txt");
  REQUIRE(doc.sections.size() == 3);
  for (const Section& s : doc.sections) CHECK(s.kind == "plain-english-summary");
  // Read as subheadings, so the summary is one unit, judged once.
  CHECK(doc.sections[1].level == 2);
  CHECK(unit_head(doc, 2) == 0);
  CHECK(unit_last(doc, 0) == 2);
  // In Markdown the levels are the writer's: "#" on every heading is an outline, not parts.
  Document markdown = load(
      "# Plain English summary\n\nWe test.\n\n# Dissemination\n\nWe tell.\n\n# Methods\n\nWe "
      "ask.\n",
      "x.md");
  REQUIRE(markdown.sections.size() == 3);
  CHECK(markdown.sections[2].kind == "methods");
  // A short involvement part is the summary's in plain text too; a whole plan is not.
  Document with_ppi = load(text + "\nPPI\nSix carers.\n", "x.txt");
  CHECK(with_ppi.sections.back().kind == "plain-english-summary");
  CHECK(with_ppi.passages.size() == 1);
  std::string plan;
  while (plan.size() < 1500) plan += "Six carers will meet every month and help us plan. ";
  Document with_plan = load(text + "\nPPI\n" + plan + "\n", "x.txt");
  CHECK(with_plan.sections.back().kind == "involvement");
  CHECK(with_plan.sections[1].kind == "methods");
}

TEST_CASE("a short text said to be a summary is one summary, subheadings and all", "[sections]") {
  const std::string structured = "Background\n\nWe test.\n\nMethods\n\nWe ask people.\n";
  Document summary = load(structured, "x.txt", "plain-english-summary");
  REQUIRE(summary.sections.size() == 1);
  CHECK(summary.sections[0].kind == "plain-english-summary");
  CHECK_FALSE(summary.sections[0].has_heading());
  CHECK(summary.sections[0].end == structured.size());
  // Not said to be anything: the headings make sections.
  CHECK(load(structured, "x.txt", "document").sections.size() == 2);
  // A heading of the summary's own kind: a document with sections, as usual.
  Document with_summary =
      load("# Lay summary\n\nWe test.\n\n# Methods\n\nWe ask.\n", "x.md", "plain-english-summary");
  REQUIRE(with_summary.sections.size() == 2);
  CHECK(with_summary.sections[1].kind == "methods");
  // Too long for one section.
  std::string long_text = "# Background\n\n";
  while (long_text.size() < 25000) long_text += "We test walking groups with older people. ";
  long_text += "\n\n# Methods\n\nWe ask.\n";
  CHECK(load(long_text, "x.md", "plain-english-summary").sections.size() == 2);
}

TEST_CASE("a text titled as involvement is involvement, whatever its file name says",
          "[sections]") {
  // lay-member-notes.md once made a summary of a text headed "Patient and public involvement".
  const std::string text =
      "# Patient and public involvement\n\nJane will attend steering committee meetings.\n\n"
      "## Payment\n\nWe pay \xc2\xa3"
      "25 an hour.\n";
  Document doc = load(text, "summary.md", "plain-english-summary");
  REQUIRE(!doc.sections.empty());
  for (const Section& s : doc.sections) CHECK(s.kind == "involvement");
  // The same the other way round, and a summary's own subheadings still belong to it.
  Document titled_summary = load("# Plain English summary\n\nWe test.\n", "ppi.md", "involvement");
  CHECK(titled_summary.sections.front().kind == "plain-english-summary");
  Document with_parts = load("# Background\n\nWe test.\n\n# What we will do\n\nWe ask.\n",
                             "summary.md", "plain-english-summary");
  REQUIRE(with_parts.sections.size() == 1);
  CHECK(with_parts.sections[0].kind == "plain-english-summary");
}

TEST_CASE("the kind of a text is guessed from whole words of its file name", "[sections]") {
  CHECK(guess_kind_from_name("docs/Lay-Summary_v2.md") == "plain-english-summary");
  CHECK(guess_kind_from_name("pes.txt") == "plain-english-summary");
  CHECK(guess_kind_from_name("plain_english_summary.docx") == "plain-english-summary");
  CHECK(guess_kind_from_name("lay-abstract.md") == "plain-english-summary");
  CHECK(guess_kind_from_name("ppi-plan.md") == "involvement");
  CHECK(guess_kind_from_name("co-production.txt") == "involvement");
  CHECK(guess_kind_from_name("Public_Involvement.md") == "involvement");
  // Words that only hold those letters are not those words.
  CHECK(guess_kind_from_name("pesticides.md") == "document");
  CHECK(guess_kind_from_name("lay-member-notes.md") == "document");
  CHECK(guess_kind_from_name("happiness.md") == "document");
  CHECK(guess_kind_from_name("summary-of-lay-panel") == "plain-english-summary");
}

TEST_CASE("a text said to be a whole application keeps its sections, whatever its kind",
          "[sections]") {
  SessionOptions options;
  options.rules_dir = test_rules_dir();
  options.config_file = "";
  options.use_cache = false;
  options.document_kind = "plain-english-summary";
  const std::string text = "Background\n\nWe test.\n\nMethods\n\nWe ask people.\n";
  LintingSession summary(options);
  CHECK(summary.lint_bytes("x.txt", text).doc->sections.size() == 1);
  options.document = "application";
  LintingSession application(options);
  const FileOutcome outcome = application.lint_bytes("x.txt", text);
  REQUIRE(outcome.doc->sections.size() == 2);
  CHECK(outcome.doc->sections[0].kind == "background");
}

TEST_CASE("a document with no headings takes the headless kind", "[sections]") {
  Document doc = load("Just a summary of our study.\n", "x.md", "plain-english-summary");
  REQUIRE(doc.sections.size() == 1);
  CHECK(doc.sections[0].kind == "plain-english-summary");
  CHECK_FALSE(doc.sections[0].has_heading());
}

TEST_CASE("sentences and words", "[segmentation]") {
  Document doc =
      load("We work with carers, e.g. parents. Co-production matters! Dr. Smith agrees.\n");
  REQUIRE(doc.sentences.size() == 3);
  std::vector<std::string> words;
  for (const auto& t : doc.tokens) words.push_back(t.lower);
  CHECK(std::find(words.begin(), words.end(), "co-production") != words.end());
  CHECK(std::find(words.begin(), words.end(), "e.g.") != words.end());
}

TEST_CASE("words joined without a space count as one word, as forms count them", "[segmentation]") {
  const std::string text = "In 2024/25 we and/or our partners will meet / talk.\n";
  Document doc = load(text);
  // In, 2024/25, we, and/or, our, partners, will, meet, talk: a spaced slash splits.
  CHECK(doc.word_count(0, text.size()) == 9);
  // An en dash range, a ratio and a short form with "&": one word each, as Word counts them.
  const std::string more = "In months 1\u20136 we meet 1:1 at A&E and at R&RA meetings.\n";
  CHECK(load(more).word_count(0, more.size()) == 12);
}

TEST_CASE("a sentence wrapped over lines is one sentence, a short label line is not",
          "[segmentation]") {
  Document wrapped = load(
      "Patient views will be\nsought as appropriate. One lay representative will\r\nsit on the "
      "steering committee.\n");
  REQUIRE(wrapped.sentences.size() == 2);
  CHECK(wrapped.source.bytes.substr(wrapped.sentences[0].begin,
                                    wrapped.sentences[0].end - wrapped.sentences[0].begin) ==
        "Patient views will be\nsought as appropriate.");
  Document labelled = load("Lay title\nWe will ask carers what matters to them.\n", "x.txt");
  CHECK(labelled.sentences.size() == 2);
  // An easy-read text a line a sentence, without full stops; a table drawn with spaces.
  Document easy_read = load(
      "We want to find out if walking helps people with long-term pain\nWe will ask 40 people "
      "to walk with a group every week for a year\nSome people will walk and some will not\nWe "
      "will tell everyone what we find out at the end\n",
      "x.txt");
  CHECK(easy_read.sentences.size() == 4);
  Document table =
      load("Group      People   Better\nWalking    40       22\nUsual care 40       15\n", "x.txt");
  CHECK(table.sentences.size() == 3);
  // A line that stops well short of the others before a capital ended for a reason.
  Document ragged = load(
      "We will ask people who have lived with long-term pain for many years what matters to "
      "them\nand what they would like from a clinic visit\nWe are grateful for the time that "
      "people gave to this work over the last two years\n",
      "x.txt");
  CHECK(ragged.sentences.size() == 2);
}

TEST_CASE("tokens fold case and typographic apostrophes", "[segmentation]") {
  CHECK(fold_word("DON\u2019T") == "don't");
  CHECK(fold_word("ÉTUDE") == "étude");
  CHECK(fold_word("E\u0301TUDE") == "étude");  // decomposed accent is composed (NFC)
  // Soft hyphens and word joiners are invisible: rules' phrases match through them.
  CHECK(fold_word("in\u00ADvolve\u00ADment") == "involvement");
  CHECK(fold_word("In\u2060volvement") == "involvement");
}
