// Decomposed Unicode (a letter and a combining mark, as macOS writes "é") is the composed letter
// for the spelling check and word lists, while findings keep the bytes as written; DOCX text,
// Unicode already, is read as written.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "docx_fixture.h"
#include "engine/speller.h"
#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

const std::string kSpelling = "spelling.unknown-word";

}  // namespace

TEST_CASE("decomposed letters: a letter and a combining mark spell as the composed letter",
          "[spelling][nfc]") {
  // e + U+0301, as macOS writes "é": one word, found in the dictionary.
  const std::string md = "# Plain English summary\n\nCafe\u0301 and the re\u0301sume\u0301.\n";
  Document doc = load(md, "a.md");
  CHECK(words_of(doc) ==
        std::vector<std::string>{"plain", "english", "summary", "café", "and", "the", "résumé"});
  SpellerSpec spec;
  Speller& speller = speller_for(spec);
  CHECK(speller.correct("cafe\u0301"));
  CHECK(speller.correct("Cafe\u0301"));
  CHECK(speller.known("cafe\u0301") == speller.known("caf\u00E9"));
  CHECK(speller.words_one_slip_away("cafe\u0301x", 1) ==
        speller.words_one_slip_away("caf\u00E9x", 1));
  Found found = lint_file(
      "# Plain English summary\n\nCafe\u0301 visits help. We met at the cafe\u0301 to write a "
      "re\u0301sume\u0301 of the fac\u0327ade. Then blorfe\u0301 again.\n",
      "a.md", kSpelling);
  // A word is measured as read: "é" written decomposed is a one-letter word, as composed.
  CHECK(
      lint_file("# Plain English summary\n\nWe said e\u0301 and \u00E9 to it.\n", "a.md", kSpelling)
          .findings.empty());
  // The finding keeps its bytes as written.
  CHECK(found.flagged() == std::vector<std::string>{"blorfe\u0301"});
  // Words added to a word list decomposed are the same words composed.
  SpellerSpec own;
  own.words = {"Zoe\u0308lle"};
  CHECK(speller_for(own).correct("Zo\u00EBlle"));
}

TEST_CASE("decomposed letters: DOCX text is read as written, composed or not",
          "[format][docx][nfc]") {
  const std::string docx =
      make_docx(docx_paragraph("Plain English summary", "Heading1") +
                docx_paragraph("We met at the caf\u00E9 and the cafe\u0301 to write a na\u00EFve "
                               "re\u0301sume\u0301. Then blorf\u00E9 again. The &amp;eacute; is "
                               "written out."));
  Found found = lint_file(docx, "app.docx", kSpelling);
  REQUIRE(found.findings.size() == 2);
  LoadResult r = load_document("app.docx", docx, shipped_rules().sections, LoadOptions{});
  const std::string& text = r.doc.source.bytes;
  auto flagged = [&](const Diagnostic& d) { return text.substr(d.begin, d.end - d.begin); };
  CHECK(flagged(found.findings[0]) == "blorf\u00E9");
  // A reference typed into a Word document is text, not markup.
  CHECK(flagged(found.findings[1]) == "eacute");
}
