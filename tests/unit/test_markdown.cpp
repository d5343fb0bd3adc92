#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "formats/format.h"

using namespace sayso;

namespace {

Document read_md(std::string text) {
  Document doc;
  doc.source = decode_utf8(std::move(text));
  read_markdown(doc);
  return doc;
}

std::string source_of(const Document& doc, const Block& b) {
  return doc.source.bytes.substr(b.begin, b.end - b.begin);
}

// The block's prose with runs of whitespace collapsed to one space, trimmed.
std::string prose_of(const Document& doc, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t i = begin; i < end; ++i) {
    const char c = doc.prose[i];
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}
std::string prose_of(const Document& doc, const Block& b) { return prose_of(doc, b.begin, b.end); }
std::string all_prose(const Document& doc) { return prose_of(doc, 0, doc.prose.size()); }

std::vector<std::string> block_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Block& b : doc.blocks) out.push_back(source_of(doc, b));
  return out;
}

// What every front end promises, whatever the input.
void check_invariants(const Document& doc) {
  REQUIRE(doc.prose.size() == doc.source.bytes.size());
  // Each prose byte is the source byte or a space; line breaks are always kept.
  std::size_t first_bad = doc.prose.size();
  for (std::size_t i = 0; i < doc.prose.size() && first_bad == doc.prose.size(); ++i) {
    const char s = doc.source.bytes[i], p = doc.prose[i];
    const bool is_break = s == '\n' || s == '\r';
    if (is_break ? p != s : (p != s && p != ' ')) first_bad = i;
  }
  REQUIRE(first_bad == doc.prose.size());
  std::size_t previous_end = 0;
  for (const Block& b : doc.blocks) {
    REQUIRE(b.begin < b.end);
    REQUIRE(b.end <= doc.source.bytes.size());
    REQUIRE(b.begin >= previous_end);
    previous_end = b.end;
    const char first = doc.source.bytes[b.begin], last = doc.source.bytes[b.end - 1];
    REQUIRE(first != ' ');
    REQUIRE(first != '\n');
    REQUIRE(last != ' ');
    REQUIRE(last != '\n');
    REQUIRE(last != '\r');
    if (b.kind == BlockKind::Heading) {
      REQUIRE(b.heading_level >= 1);
      REQUIRE(b.heading_level <= 6);
    }
  }
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace

TEST_CASE("markdown: ATX headings give their level and their text only", "[markdown]") {
  Document doc =
      read_md("# Plain English summary\n\n## Why it matters ##\n\n###### Deep\n\n# C#\n");
  check_invariants(doc);
  REQUIRE(doc.blocks.size() == 4);
  CHECK(block_texts(doc) ==
        std::vector<std::string>{"Plain English summary", "Why it matters", "Deep", "C#"});
  CHECK(doc.blocks[0].heading_level == 1);
  CHECK(doc.blocks[1].heading_level == 2);
  CHECK(doc.blocks[2].heading_level == 6);
  for (const Block& b : doc.blocks) CHECK(b.kind == BlockKind::Heading);
  CHECK(all_prose(doc) == "Plain English summary Why it matters Deep C#");
}

TEST_CASE("markdown: setext headings", "[markdown]") {
  Document doc = read_md("Lay summary\n===========\n\nPublic involvement\n---\n\nSome text.\n");
  check_invariants(doc);
  REQUIRE(doc.blocks.size() == 3);
  CHECK(block_texts(doc) ==
        std::vector<std::string>{"Lay summary", "Public involvement", "Some text."});
  CHECK(doc.blocks[0].heading_level == 1);
  CHECK(doc.blocks[1].heading_level == 2);
  CHECK(doc.blocks[2].kind == BlockKind::Paragraph);
  CHECK(all_prose(doc) == "Lay summary Public involvement Some text.");
}

TEST_CASE("markdown: heading text may hold inline markup", "[markdown]") {
  Document doc = read_md("## The *PPI* plan `v2`\n");
  check_invariants(doc);
  REQUIRE(doc.blocks.size() == 1);
  CHECK(source_of(doc, doc.blocks[0]) == "The *PPI* plan `v2`");
  CHECK(prose_of(doc, doc.blocks[0]) == "The PPI plan");
}

TEST_CASE("markdown: prose keeps words and drops markup", "[markdown]") {
  SECTION("emphasis keeps its words") {
    Document doc = read_md("We *will* work **with** patients and __carers__.\n");
    check_invariants(doc);
    // Blanked markup leaves spaces where it was: offsets never move.
    CHECK(all_prose(doc) == "We will work with patients and carers .");
  }
  SECTION("footnote marks are no words; a footnote's own text is prose") {
    Document doc = read_md(
        "Many people go back to hospital.[^1] We ask carers.[^note-2]\n\n"
        "[^1]: Figures from the Office for National Statistics.\n");
    check_invariants(doc);
    CHECK(all_prose(doc) ==
          "Many people go back to hospital. We ask carers. Figures from the Office for National "
          "Statistics.");
  }
  SECTION("code spans are blanked whole") {
    Document doc = read_md("Run `utilise --now` today.\n");
    CHECK(all_prose(doc) == "Run today.");
  }
  SECTION("links keep their text only") {
    Document doc = read_md(
        "See [our plan](https://example.org/plan \"The plan\") and [this][ref].\n\n"
        "[ref]: https://example.org/this\n");
    check_invariants(doc);
    CHECK(all_prose(doc) == "See our plan and this .");
  }
  SECTION("with no link definitions, bracketed text is text (CommonMark), as in citations") {
    Document doc = read_md(
        "Falls are common [1, 2] and costly [3][4]. See [our plan](https://example.org) and "
        "![a chart].\n");
    check_invariants(doc);
    CHECK(all_prose(doc) ==
          "Falls are common [1, 2] and costly [3][4]. See our plan and ![a chart].");
    Document plain = read_md("Falls are common [1, 2] and costly [3–5].\n");
    CHECK(all_prose(plain) == "Falls are common [1, 2] and costly [3–5].");
  }
  SECTION("images are blanked") {
    Document doc = read_md("A chart ![utilise the chart](chart.png) here.\n");
    CHECK(all_prose(doc) == "A chart here.");
  }
  SECTION("bare URLs, autolinks and e-mail addresses are blanked") {
    Document doc = read_md(
        "Visit https://nihr.ac.uk/guidance, www.invo.org.uk or <https://x.org>. "
        "Write to ppi@example.ac.uk.\n");
    check_invariants(doc);
    CHECK(all_prose(doc) == "Visit , or . Write to .");
  }
  SECTION("HTML comments and tags are blanked") {
    Document doc = read_md(
        "<!-- sayso-disable plain-english.utilise -->\nWe <b>utilise</b> it <!-- note -->.\n");
    check_invariants(doc);
    CHECK(all_prose(doc) == "We utilise it .");
  }
  SECTION("backslash escapes keep the escaped character") {
    Document doc = read_md("Costs \\*about\\* 5\\% more.\n");
    CHECK(all_prose(doc) == "Costs *about * 5 % more.");
  }
  SECTION("front matter, code blocks and link definitions are blanked") {
    Document doc = read_md(
        "---\ntitle: Utilise\n---\n\nText one.\n\n```python\nutilise()\n```\n\n    indented "
        "code\n\n"
        "[ref]: https://example.org \"Title\"\n\nText two.\n");
    check_invariants(doc);
    CHECK(all_prose(doc) == "Text one. Text two.");
    CHECK(block_texts(doc) == std::vector<std::string>{"Text one.", "Text two."});
  }
  SECTION("thematic breaks are blanked") {
    Document doc = read_md("One.\n\n***\n\nTwo.\n");
    CHECK(all_prose(doc) == "One. Two.");
  }
}

TEST_CASE("markdown: block ranges point at the right text", "[markdown]") {
  const std::string text = "# Aims\n\nFirst paragraph\nwraps here.\n\nSecond one.\n";
  Document doc = read_md(text);
  check_invariants(doc);
  REQUIRE(doc.blocks.size() == 3);
  CHECK(doc.blocks[0].begin == text.find("Aims"));
  CHECK(doc.blocks[1].begin == text.find("First"));
  CHECK(doc.blocks[1].end == text.find("here.") + 5);
  CHECK(doc.blocks[1].kind == BlockKind::Paragraph);
  CHECK(doc.blocks[2].begin == text.find("Second"));
  CHECK(doc.blocks[2].end == text.find("one.") + 4);
}

TEST_CASE("markdown: list items", "[markdown]") {
  Document doc = read_md("- first item\n- second *item*\n  - nested item\n\n1. one\n2) two\n");
  check_invariants(doc);
  CHECK(block_texts(doc) ==
        std::vector<std::string>{"first item", "second *item*", "nested item", "one", "two"});
  for (const Block& b : doc.blocks) CHECK(b.kind == BlockKind::ListItem);
  CHECK(all_prose(doc) == "first item second item nested item one two");
}

TEST_CASE("markdown: loose list items with several paragraphs", "[markdown]") {
  Document doc = read_md("- First para.\n\n  Second para.\n\n- Next.\n");
  check_invariants(doc);
  CHECK(block_texts(doc) == std::vector<std::string>{"First para.", "Second para.", "Next."});
  for (const Block& b : doc.blocks) CHECK(b.kind == BlockKind::ListItem);
}

TEST_CASE("markdown: block quotes", "[markdown]") {
  Document doc = read_md("> A quote that\n> runs on.\n\n> - quoted item\n\nAfter.\n");
  check_invariants(doc);
  REQUIRE(doc.blocks.size() == 3);
  CHECK(doc.blocks[0].kind == BlockKind::Quote);
  CHECK(source_of(doc, doc.blocks[0]) == "A quote that\n> runs on.");
  CHECK(prose_of(doc, doc.blocks[0]) == "A quote that runs on.");
  CHECK(doc.blocks[1].kind == BlockKind::ListItem);  // the innermost container decides
  CHECK(doc.blocks[2].kind == BlockKind::Paragraph);
}

TEST_CASE("markdown: table cells", "[markdown]") {
  Document doc = read_md("| Stage | Who |\n|---|:-:|\n| Design | *Patients* |\n|  | Carers |\n");
  check_invariants(doc);
  CHECK(block_texts(doc) ==
        std::vector<std::string>{"Stage", "Who", "Design", "*Patients*", "Carers"});
  for (const Block& b : doc.blocks) CHECK(b.kind == BlockKind::TableCell);
  CHECK(all_prose(doc) == "Stage Who Design Patients Carers");
}

TEST_CASE("markdown: a BOM is blanked and offsets count it", "[markdown]") {
  const std::string text = "\xEF\xBB\xBF# Title\n\nText.\n";
  Document doc = read_md(text);
  check_invariants(doc);
  CHECK(doc.prose.substr(0, 3) == "   ");
  REQUIRE(doc.blocks.size() == 2);
  CHECK(doc.blocks[0].begin == 5);
  CHECK(source_of(doc, doc.blocks[0]) == "Title");
  CHECK(doc.blocks[0].heading_level == 1);
  CHECK(source_of(doc, doc.blocks[1]) == "Text.");
}

TEST_CASE("markdown: CRLF documents", "[markdown]") {
  const std::string text =
      "# Aims\r\n\r\nOne line\r\nand another.\r\n\r\n- item\r\n\r\nSetext\r\n===\r\n";
  Document doc = read_md(text);
  check_invariants(doc);
  CHECK(block_texts(doc) ==
        std::vector<std::string>{"Aims", "One line\r\nand another.", "item", "Setext"});
  CHECK(doc.blocks[0].kind == BlockKind::Heading);
  CHECK(doc.blocks[3].kind == BlockKind::Heading);
  CHECK(doc.blocks[3].heading_level == 1);
  CHECK(all_prose(doc) == "Aims One line and another. item Setext");
}

TEST_CASE("markdown: non-ASCII text", "[markdown]") {
  Document doc = read_md("# Café “quotes”\n\n1\xF1\x8A\x8A\x8A. Naïve — *ça*\n");
  check_invariants(doc);
  REQUIRE(doc.blocks.size() == 2);
  CHECK(source_of(doc, doc.blocks[0]) == "Café “quotes”");
  CHECK(prose_of(doc, doc.blocks[1]) == "1\xF1\x8A\x8A\x8A. Naïve — ça");
}

TEST_CASE("markdown: empty and blank documents", "[markdown]") {
  for (const char* text : {"", "\n", "   \n\n", "\xEF\xBB\xBF", "#", "> ", "- ", "```"}) {
    Document doc = read_md(text);
    check_invariants(doc);
  }
}

TEST_CASE("markdown: pathological inputs finish and keep the invariants", "[markdown][slow]") {
  SECTION("100 KB of '*'") { check_invariants(read_md(std::string(100'000, '*'))); }
  SECTION("100 KB of '*' and words") { check_invariants(read_md(repeat("a **b _c ", 12'000))); }
  SECTION("10,000 headings") {
    std::string text;
    for (int i = 0; i < 10'000; ++i) text += "## Heading " + std::to_string(i) + "\n";
    Document doc = read_md(text);
    check_invariants(doc);
    REQUIRE(doc.blocks.size() == 10'000);
    CHECK(source_of(doc, doc.blocks.back()) == "Heading 9999");
  }
  SECTION("500 nested quotes on one line") {
    Document doc = read_md(std::string(500, '>') + " deep\n");
    check_invariants(doc);
    CHECK(all_prose(doc) == "deep");
  }
  SECTION("500 nested quotes over 500 lines") {
    std::string text;
    for (int i = 1; i <= 500; ++i) text += repeat("> ", i) + "level\n";
    check_invariants(read_md(text));
  }
  SECTION("500 nested list items") {
    std::string text;
    for (int i = 0; i < 500; ++i) text += std::string(2 * i, ' ') + "- item\n";
    check_invariants(read_md(text));
    check_invariants(read_md(repeat("- ", 500) + "x\n"));
    check_invariants(read_md(repeat("1. ", 500) + "x\n"));
  }
  SECTION("a 100 KB single line") {
    Document doc = read_md(repeat("word ", 20'000));
    check_invariants(doc);
    REQUIRE(doc.blocks.size() == 1);
  }
  SECTION("unclosed links and images") {
    check_invariants(read_md(repeat("[a](", 30'000)));
    check_invariants(read_md(repeat("![a", 30'000)));
    check_invariants(read_md(std::string(50'000, '[') + std::string(50'000, ']')));
  }
  SECTION("other runs of markup") {
    for (const char* piece : {"`", "` a ", "<", "<!--", "_", "~", "|", "\\", "&", "https://(", "a@",
                              "\r", "* ", "- ", "# ", "1. ", "> "})
      check_invariants(read_md(repeat(piece, 100'000 / std::string_view(piece).size())));
  }
  SECTION("a wide table") {
    check_invariants(read_md(repeat("|a", 20'000) + "|\n" + repeat("|-", 20'000) + "|\n" +
                             repeat("|x", 20'000) + "|\n"));
  }
}
