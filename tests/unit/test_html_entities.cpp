// Named and numeric HTML character references, in HTML and in Markdown (which allows them): each
// is the character it stands for, inside its word, and findings point at the reference as written.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "formats/html_entities.h"
#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

const std::string kSpelling = "spelling.unknown-word";

}  // namespace

TEST_CASE("html entities: HTML 4's named references, with case", "[format][html][entities]") {
  // Latin-1: the 96 names in code point order from U+00A0.
  const std::vector<std::string> latin1 = {
      "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",
      "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn",
      "sup2",   "sup3",   "acute",  "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",
      "raquo",  "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",  "Atilde",
      "Auml",   "Aring",  "AElig",  "Ccedil", "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave",
      "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde",
      "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",
      "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
      "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",   "eth",
      "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave",
      "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};
  REQUIRE(latin1.size() == 96);
  for (std::size_t i = 0; i < latin1.size(); ++i) {
    INFO(latin1[i]);
    CHECK(named_reference_code_point(latin1[i]) == 0xA0 + i);
  }
  // Symbols, Greek letters and special characters.
  CHECK(named_reference_code_point("alpha") == 0x3B1);
  CHECK(named_reference_code_point("omega") == 0x3C9);
  CHECK(named_reference_code_point("Omega") == 0x3A9);
  CHECK(named_reference_code_point("sigmaf") == 0x3C2);
  CHECK(named_reference_code_point("thetasym") == 0x3D1);
  CHECK(named_reference_code_point("fnof") == 0x192);
  CHECK(named_reference_code_point("mdash") == 0x2014);
  CHECK(named_reference_code_point("hellip") == 0x2026);
  CHECK(named_reference_code_point("euro") == 0x20AC);
  CHECK(named_reference_code_point("OElig") == 0x152);
  CHECK(named_reference_code_point("scaron") == 0x161);
  CHECK(named_reference_code_point("Yuml") == 0x178);
  CHECK(named_reference_code_point("diams") == 0x2666);
  CHECK(named_reference_code_point("rArr") == 0x21D2);
  CHECK(named_reference_code_point("rarr") == 0x2192);
  // HTML's names are case-sensitive; anything else is no reference.
  CHECK(named_reference_code_point("EACUTE") == 0);
  CHECK(named_reference_code_point("Mdash") == 0);
  CHECK(named_reference_code_point("bogus") == 0);
  CHECK(named_reference_code_point("") == 0);
}

TEST_CASE("html entities: accented letters written as references stay in their words",
          "[format][html][entities]") {
  const std::string html =
      "<p>Caf&eacute; na&iuml;ve r&eacute;sum&eacute; Zo&euml; &Agrave; caf&#233;s "
      "&alpha;&omega; don&rsquo;t a&mdash;b &EACUTE;t&eacute;</p>";
  Document doc = load(html, "a.html");
  CHECK(doc.prose.size() == html.size());
  CHECK(words_of(doc) == std::vector<std::string>{"café", "naïve", "résumé", "zoë", "à", "cafés",
                                                  "αω", "don't", "a", "b", "eacute", "té"});
  // Each letter is where its reference starts.
  CHECK(doc.prose.substr(html.find("&eacute;"), 2) == "\u00E9");
  CHECK(doc.prose.substr(html.find("&alpha;"), 2) == "\u03B1");
  // A word ends at the end of its last reference: a finding covers the bytes as written.
  REQUIRE(doc.tokens.size() > 2);
  CHECK(html.substr(doc.tokens[2].begin, doc.tokens[2].end - doc.tokens[2].begin) ==
        "r&eacute;sum&eacute;");
}

TEST_CASE("html entities: no spelling findings on letters written as references",
          "[format][html][entities][spelling]") {
  const std::string html =
      "<h1>Plain English summary</h1>\n<p>We met at the caf&eacute; to write a na&iuml;ve "
      "r&eacute;sum&eacute; of the fa&ccedil;ade&rsquo;s r&ocirc;le. We don&rsquo;t know.</p>\n"
      "<p>Then we met blorf&eacute; again.</p>\n";
  Found found = lint_file(html, "a.html", kSpelling);
  REQUIRE(found.flagged() == std::vector<std::string>{"blorf&eacute;"});
  // A word is measured as read: "&eacute;" is a one-letter word.
  CHECK(
      lint_file("<p>We said &eacute; and &#233; to it.</p>", "a.html", kSpelling).findings.empty());
  // The message quotes the word as a reader sees it.
  CHECK(found.findings[0].message.starts_with("'blorf\u00E9' "));
}

TEST_CASE("markdown entities: references are the characters they stand for",
          "[format][markdown][entities]") {
  const std::string md =
      "# Plain English summary\n\nCaf&eacute; na&iuml;ve caf&#233;s don&rsquo;t Zo&euml; "
      "a&amp;b `&eacute;` &Eacute;t&eacute;\n";
  Document doc = load(md, "a.md");
  CHECK(doc.prose.size() == md.size());
  CHECK(words_of(doc) == std::vector<std::string>{"plain", "english", "summary", "café", "naïve",
                                                  "cafés", "don't", "zoë", "a", "b", "été"});
  Found found = lint_file(
      "# Plain English summary\n\nWe met at the caf&eacute; to write a na&iuml;ve "
      "r&eacute;sum&eacute;. Zo&euml; said we don&rsquo;t know. Then blorf&eacute; again.\n",
      "a.md", kSpelling);
  CHECK(found.flagged() == std::vector<std::string>{"blorf&eacute;"});
}
