// HTML front end: blocks from elements, skipped elements, character references decoded in place,
// positions into the original file, and tolerance of broken markup.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>

#include "test_helpers.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

std::string text_of(const Document& doc, const Block& block) {
  return doc.source.bytes.substr(block.begin, block.end - block.begin);
}

std::string prose_of(const Document& doc, const Block& block) {
  return doc.prose.substr(block.begin, block.end - block.begin);
}

}  // namespace

TEST_CASE("html: headings, paragraphs, lists, tables, skipped elements", "[format][html]") {
  const std::string html =
      "<!DOCTYPE html><html><head><title>Skip me</title><style>p { color: red }</style></head>\n"
      "<body><nav><a href=\"/\">Home</a></nav>\n"
      "<h1 class=\"x\">Plain English summary</h1>\n"
      "<p>We will <b>utilise</b> the data &amp; talk to people.</p>\n"
      "<ul><li>First <em>point</em></li><li>Second</li></ul>\n"
      "<table><tr><td>Cell A</td><th>Cell B</th></tr></table>\n"
      "<script>var s = \"<p>not prose</p>\";</script>\n"
      "<h2>Patient and public involvement</h2><blockquote>A quote</blockquote>\n"
      "<div>Loose text<!-- a comment --> here<pre>code()</pre></div>\n"
      "<footer>Copyright</footer></body></html>\n";
  Document doc = load(html, "page.html");
  CHECK(doc.format == "html");
  CHECK(doc.source.bytes == html);
  REQUIRE(doc.prose.size() == html.size());
  REQUIRE(doc.blocks.size() == 9);
  CHECK(doc.blocks[0].kind == BlockKind::Heading);
  CHECK(doc.blocks[0].heading_level == 1);
  CHECK(text_of(doc, doc.blocks[0]) == "Plain English summary");
  CHECK(doc.blocks[1].kind == BlockKind::Paragraph);
  CHECK(prose_of(doc, doc.blocks[1]) == "We will    utilise     the data &     talk to people.");
  CHECK(doc.blocks[2].kind == BlockKind::ListItem);
  CHECK(prose_of(doc, doc.blocks[2]) == "First     point");
  CHECK(doc.blocks[4].kind == BlockKind::TableCell);
  CHECK(doc.blocks[5].kind == BlockKind::TableCell);
  CHECK(doc.blocks[6].heading_level == 2);
  CHECK(doc.blocks[7].kind == BlockKind::Quote);
  CHECK(doc.blocks[8].kind == BlockKind::Paragraph);
  CHECK(prose_of(doc, doc.blocks[8]) == "Loose text" + std::string(19, ' ') + "here");
  // Nothing from head, nav, script, pre or footer.
  for (const char* skipped : {"Skip", "color", "Home", "not prose", "code()", "Copyright"})
    CHECK(doc.prose.find(skipped) == std::string::npos);
}

TEST_CASE("html: sections and findings point into the original file", "[format][html]") {
  const std::string html =
      "<h1>Plain English summary</h1>\n<p>We &nbsp;will <i>utilise</i> it.</p>\n"
      "<h2>Patient and public involvement</h2>\n<p>People helped.</p>\n";
  Document doc = load(html, "page.html");
  REQUIRE(doc.sections.size() == 2);
  CHECK(doc.sections[0].kind == "plain-english-summary");
  CHECK(doc.sections[1].kind == "involvement");
  const auto found = lint(doc, "t.swap");
  REQUIRE(found.size() == 1);
  CHECK(found[0].begin == html.find("utilise"));
  CHECK(flagged(doc, found[0]) == "utilise");
  const LineColumn at = doc.lines.to_position(found[0].begin, ColumnUnit::CodePoints);
  CHECK(at.line == 1);
  CHECK(at.column == 20);
}

TEST_CASE("html: character references", "[format][html]") {
  Document doc =
      load("<p>A&lt;B &#39;q&#x27; caf&#233; &rsquo; &bogus; & &#xD800; &#0;</p>", "a.html");
  REQUIRE(doc.blocks.size() == 1);
  const std::string prose = prose_of(doc, doc.blocks[0]);
  // A character that may stand inside a word is followed by invisible characters (a soft hyphen,
  // two bytes, or a word joiner, three) to the reference's length, anything else by spaces.
  const std::string shy = "\u00AD", wj = "\u2060";
  CHECK(prose.starts_with("A<   B '" + shy + shy + "q'" + wj + shy + " caf\xC3\xA9" + shy + shy +
                          " \xE2\x80\x99" + shy + shy + " &bogus; &"));
  CHECK(text_of(doc, doc.blocks[0]).ends_with("&"));  // invalid references are blank
}

TEST_CASE("html: a soft hyphen written as a reference does not split its word", "[format][html]") {
  Document doc = load("<p>in&shy;volve&#173;ment re&#x00AD;sults</p>", "a.html");
  REQUIRE(doc.tokens.size() == 2);
  CHECK(doc.tokens[0].lower == "involvement");
  CHECK(doc.tokens[1].lower == "results");
  // Offsets never move: each reference is filled exactly, to the byte.
  CHECK(doc.prose.size() == doc.source.bytes.size());
}

// The words of the document's blocks, one string per block.
std::vector<std::string> block_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Block& block : doc.blocks) {
    std::string words;
    for (char c : prose_of(doc, block)) {
      const bool space = c == ' ' || c == '\n' || c == '\t';
      if (space && (words.empty() || words.back() == ' ')) continue;
      words += space ? ' ' : c;
    }
    while (!words.empty() && words.back() == ' ') words.pop_back();
    out.push_back(words);
  }
  return out;
}

TEST_CASE("html: hidden elements are skipped with everything in them", "[format][html][hidden]") {
  Document doc = load(
      "<h1>Plain English summary</h1>\n"
      "<div hidden><p>PPI will be sought <b>where possible</b>.</p><div>Old draft.</div></div>\n"
      "<p>We will <span aria-hidden=\"true\">(icon)</span>meet people.</p>\n"
      "<div style=\"color: red; display : NONE !important\">Template field.</div>\n"
      "<section style='visibility:hidden'><h2>Old heading</h2></section>\n"
      "<p aria-hidden=\"false\">Shown to all.</p>\n"
      "<div style=\"display:block\" data-hidden=\"yes\">Also shown.</div>\n"
      "<div hidden=\"until-found\">Found by search.</div>\n"
      "<input type=\"hidden\" value=\"x\"><p>After the input.</p>\n",
      "page.html");
  CHECK(block_texts(doc) ==
        std::vector<std::string>{"Plain English summary", "We will meet people.", "Shown to all.",
                                 "Also shown.", "Found by search.", "After the input."});
  REQUIRE(doc.sections.size() == 1);
  CHECK(doc.sections[0].kind == "plain-english-summary");
}

TEST_CASE("html: a hidden element whose end tag is left out ends where HTML ends it",
          "[format][html][hidden]") {
  Document doc = load(
      "<h1>Plain English summary</h1>\n"
      "<ul><li hidden>Hidden item<li>Shown item</ul>\n"
      "<ul><li hidden>Hidden <ul><li>nested</ul> still hidden</li><li>Second shown</li></ul>\n"
      "<p hidden>Hidden paragraph<p>Shown paragraph\n"
      "<p hidden>Hidden again<div>Shown block</div>\n"
      "<div><p hidden>Hidden last</div><p>Shown last</p>\n",
      "page.html");
  CHECK(block_texts(doc) == std::vector<std::string>{"Plain English summary", "Shown item",
                                                     "Second shown", "Shown paragraph",
                                                     "Shown block", "Shown last"});
}

TEST_CASE("html: broken markup never hangs or crashes", "[format][html][bad-input]") {
  for (const std::string& html :
       {std::string("<p>Unclosed <b>bold <i>and <p>more"), std::string("<p>a < b and c > d</p>"),
        std::string("<p title='never closed>Text"), std::string("<!-- open comment <p>text"),
        std::string("<script>never closed"), std::string("</p></div></li>stray ends"),
        std::string("<p>&#99999999999; &#x; &; &amp</p>"), std::string("<")}) {
    INFO(html);
    Document doc = load(html, "a.html");
    CHECK(doc.prose.size() == html.size());
  }
  // Quadratic traps: many unterminated quotes or tags, deep nesting.
  std::string quotes;
  for (int i = 0; i < 200000; ++i) quotes += "<a title=\"x>";
  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "<div><p>word ";
  const auto start = std::chrono::steady_clock::now();
  Document a = load(quotes, "a.html");
  Document b = load(nested, "b.html");
  const auto stop = std::chrono::steady_clock::now();
  // Plain paragraphs of the same size set the pace, so the limit holds on a slow or sanitized
  // build (a quadratic trap here would take minutes, not a few times the plain time).
  std::string plain;
  while (plain.size() < quotes.size() + nested.size()) plain += "<p>Some ordinary words.</p>\n";
  Document c = load(plain, "c.html");
  const double plain_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - stop).count();
  const double seconds = std::chrono::duration<double>(stop - start).count();
  INFO("traps took " << seconds << " s; plain paragraphs of the same size " << plain_seconds);
  CHECK(seconds < std::max(5.0, 10 * plain_seconds));
  CHECK(b.blocks.size() == 100000);
}

TEST_CASE("html: a page on one line has the same sections and words as the same page on many",
          "[format][html]") {
  const std::string summary =
      "<h2>Plain English summary</h2><p>We want to find out if a phone call helps people with "
      "asthma.</p><p>We will ask 300 families.</p>";
  const std::string involvement =
      "<h2>Patient and public involvement</h2><p>Six parents helped us plan this study.</p>";
  const std::string methods = "<h2>Methods</h2><p>We will compare two groups.</p>";
  const std::string one_line =
      "<html><body><h1>Phone calls</h1>" + summary + involvement + methods + "</body></html>\n";
  const std::string many_lines = "<html><body>\n<h1>Phone calls</h1>\n" + summary + "\n" +
                                 involvement + "\n" + methods + "\n</body></html>\n";
  auto sections_of = [](const Document& doc) {
    std::vector<std::pair<std::string, std::size_t>> out;
    for (const Section& s : doc.sections) out.emplace_back(s.kind, doc.word_count(s.begin, s.end));
    return out;
  };
  Document one = load(one_line, "one.html");
  Document many = load(many_lines, "many.html");
  CHECK(sections_of(one) == sections_of(many));
  REQUIRE(one.sections.size() == 4);
  CHECK(one.sections[1].kind == "plain-english-summary");
  // The summary has its own words: 3 in its heading and 18 in its text.
  CHECK(one.word_count(one.sections[1].begin, one.sections[1].end) == 21);
  for (std::size_t i = 1; i < one.sections.size(); ++i)
    CHECK(one.sections[i].begin == one.sections[i - 1].end);
}
