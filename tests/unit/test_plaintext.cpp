#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "formats/format.h"

using namespace sayso;

namespace {

SectionClassifier test_classifier() {
  SectionClassifier c;
  c.add_alias("Plain English summary", "plain-english-summary");
  c.add_alias("Patient and public involvement", "involvement");
  c.add_alias("PPI", "involvement");
  c.add_alias("Methods", "methods");
  return c;
}

Document read_text(std::string text) {
  Document doc;
  doc.source = decode_utf8(std::move(text));
  read_plaintext(doc, test_classifier());
  return doc;
}

std::string source_of(const Document& doc, const Block& b) {
  return doc.source.bytes.substr(b.begin, b.end - b.begin);
}

std::vector<std::pair<BlockKind, std::string>> blocks_of(const Document& doc) {
  std::vector<std::pair<BlockKind, std::string>> out;
  for (const Block& b : doc.blocks) out.emplace_back(b.kind, source_of(doc, b));
  return out;
}

std::string collapsed(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

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
    REQUIRE(b.begin >= previous_end);
    previous_end = b.end;
  }
}

using K = BlockKind;

}  // namespace

TEST_CASE("plaintext: paragraphs split at blank lines, whatever the line ends", "[plaintext]") {
  for (std::string nl : {"\n", "\r\n", "\r"}) {
    const std::string text = "First line" + nl + "goes on." + nl + nl + "  " + nl + "Second." + nl;
    Document doc = read_text(text);
    check_invariants(doc);
    REQUIRE(doc.blocks.size() == 2);
    CHECK(source_of(doc, doc.blocks[0]) == "First line" + nl + "goes on.");
    CHECK(doc.blocks[0].kind == K::Paragraph);
    CHECK(source_of(doc, doc.blocks[1]) == "Second.");
  }
}

TEST_CASE("plaintext: known section names are headings", "[plaintext]") {
  Document doc = read_text(
      "Plain English summary:\nWe will ask people.\n\npatient and public involvement\n\n"
      "People helped.\n\nMethods\n");
  check_invariants(doc);
  CHECK(blocks_of(doc) ==
        std::vector<std::pair<K, std::string>>{{K::Heading, "Plain English summary:"},
                                               {K::Paragraph, "We will ask people."},
                                               {K::Heading, "patient and public involvement"},
                                               {K::Paragraph, "People helped."},
                                               {K::Heading, "Methods"}});
  for (const Block& b : doc.blocks)
    if (b.kind == K::Heading) CHECK(b.heading_level == 1);
}

TEST_CASE("plaintext: lines in capitals are headings", "[plaintext]") {
  SECTION("a capitals line") {
    Document doc = read_text("BACKGROUND AND AIMS\nText here.\n\n1. STUDY DESIGN\n\nMore.\n");
    CHECK(blocks_of(doc) ==
          std::vector<std::pair<K, std::string>>{{K::Heading, "BACKGROUND AND AIMS"},
                                                 {K::Paragraph, "Text here."},
                                                 {K::Heading, "1. STUDY DESIGN"},
                                                 {K::Paragraph, "More."}});
  }
  SECTION("not a heading") {
    // Codes and table cells from a form, too: short letters, many digits.
    for (const char* line : {"NHS.", "A", "Mostly Capitals", "I", "2024", "NIH", "MS", "WP2",
                             "SU2C", "IBMS 6097", "5T32GM007067",
                             "WE WILL ASK MANY PEOPLE WHO USE SERVICES TO HELP US DESIGN THE STUDY "
                             "AND WRITE THE SUMMARY"}) {
      Document doc = read_text(std::string(line) + "\n");
      REQUIRE(doc.blocks.size() == 1);
      CHECK(doc.blocks[0].kind == K::Paragraph);
    }
  }
  SECTION("one long word or two words are enough") {
    for (const char* line : {"COSTS", "DATA SHARING", "AIM 1: SAFETY", "ÉTUDE"}) {
      Document doc = read_text(std::string(line) + "\n\nText.\n");
      REQUIRE(doc.blocks.size() == 2);
      CHECK(doc.blocks[0].kind == K::Heading);
    }
  }
  SECTION("only the first line of a paragraph") {
    Document doc = read_text("Some text.\nNOT A HEADING\n");
    REQUIRE(doc.blocks.size() == 1);
    CHECK(doc.blocks[0].kind == K::Paragraph);
  }
  SECTION("non-ASCII capitals") {
    Document doc = read_text("ÉTUDE\n\nété\n");
    REQUIRE(doc.blocks.size() == 2);
    CHECK(doc.blocks[0].kind == K::Heading);
    CHECK(doc.blocks[1].kind == K::Paragraph);
  }
}

TEST_CASE("plaintext: list items", "[plaintext]") {
  Document doc = read_text(
      "We will:\n- meet patients\n* write a summary\n  that wraps\n\u2022 share results\n"
      "1. one\n12) twelve\n");
  check_invariants(doc);
  CHECK(blocks_of(doc) ==
        std::vector<std::pair<K, std::string>>{{K::Paragraph, "We will:"},
                                               {K::ListItem, "meet patients"},
                                               {K::ListItem, "write a summary\n  that wraps"},
                                               {K::ListItem, "share results"},
                                               {K::ListItem, "one"},
                                               {K::ListItem, "twelve"}});
  CHECK(collapsed(doc.prose) ==
        "We will: meet patients write a summary that wraps share results one twelve");
}

TEST_CASE("plaintext: URLs, e-mail addresses and comments are blanked", "[plaintext]") {
  Document doc = read_text(
      "See https://www.nihr.ac.uk/ppi (or www.invo.org.uk). Mail ppi@example.org.\n"
      "<!-- sayso-disable plain-english.utilise -->\nWe utilise it.\n");
  check_invariants(doc);
  CHECK(collapsed(doc.prose) == "See (or ). Mail . We utilise it.");
  REQUIRE(doc.blocks.size() == 2);  // a line that is only a comment separates paragraphs
}

TEST_CASE("plaintext: a comment line separates paragraphs, an unterminated one is kept",
          "[plaintext]") {
  Document doc = read_text("One.\n<!-- sayso-disable -->\nTwo. <!-- open\n");
  REQUIRE(doc.blocks.size() == 2);
  CHECK(source_of(doc, doc.blocks[1]) == "Two. <!-- open");
  CHECK(collapsed(doc.prose) == "One. Two. <!-- open");
}

TEST_CASE("plaintext: a BOM is blanked and offsets count it", "[plaintext]") {
  Document doc = read_text("\xEF\xBB\xBFPPI\r\nText.\r\n");
  check_invariants(doc);
  CHECK(doc.prose.substr(0, 3) == "   ");
  REQUIRE(doc.blocks.size() == 2);
  CHECK(doc.blocks[0].begin == 3);
  CHECK(doc.blocks[0].kind == K::Heading);
  CHECK(source_of(doc, doc.blocks[1]) == "Text.");
}

TEST_CASE("plaintext: large inputs finish", "[plaintext][slow]") {
  check_invariants(read_text(std::string(200'000, '\r')));
  check_invariants(read_text(std::string(200'000, 'x')));
  std::string many;
  for (int i = 0; i < 10'000; ++i) many += "HEADING\n- item\n\n";
  Document doc = read_text(many);
  CHECK(doc.blocks.size() == 20'000);
}
