// DOCX front end: structure from Word styles, exact offsets into the extracted text, tracked
// changes, and every kind of damaged package.
#include <catch2/catch.hpp>

#include <string>

#include "docx_fixture.h"
#include "test_helpers.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

LoadResult load_docx(const std::string& bytes, const std::string& path = "app.docx") {
  return load_document(path, bytes, test_rules().sections, LoadOptions{});
}

std::string text_of(const Document& doc, const Block& block) {
  return doc.source.bytes.substr(block.begin, block.end - block.begin);
}

}  // namespace

TEST_CASE("docx: paragraphs, headings from styles, lists and tables", "[format][docx]") {
  const std::string body =
      docx_paragraph("Better care at home", "Title") +
      docx_paragraph("Plain English summary", "Heading1") +
      "<w:p><w:r><w:t xml:space=\"preserve\">We will </w:t></w:r><w:r><w:rPr><w:b/></w:rPr>"
      "<w:t>utilise</w:t></w:r><w:r><w:t xml:space=\"preserve\"> the data.</w:t></w:r></w:p>" +
      "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
      "<w:r><w:t>First item</w:t></w:r></w:p>" +
      docx_paragraph("Second item", "Bullets") +
      "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell A</w:t></w:r></w:p></w:tc>"
      "<w:tc><w:p><w:r><w:t>Cell B</w:t></w:r></w:p><w:p><w:r><w:t>More B</w:t></w:r></w:p></w:tc>"
      "</w:tr></w:tbl>" +
      docx_paragraph("Patient and public involvement", "berschrift2") +
      "<w:p><w:r><w:t>One</w:t><w:tab/><w:t>two</w:t><w:br/><w:t>three</w:t></w:r></w:p>" +
      docx_paragraph("Methods", "MyHeading") + docx_paragraph("Budget", "Outlined") +
      "<w:p><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr><w:r><w:t>Dissemination</w:t></w:r></w:p>";
  LoadResult r = load_docx(make_docx(body));
  REQUIRE(r.ok);
  const Document& doc = r.doc;
  CHECK(doc.format == "docx");
  CHECK(doc.source.bytes ==
        "Better care at home\n\nPlain English summary\n\nWe will utilise the data.\n\n"
        "First item\n\nSecond item\n\nCell A\n\nCell B\n\nMore B\n\n"
        "Patient and public involvement\n\nOne two\nthree\n\nMethods\n\nBudget\n\n"
        "Dissemination\n");
  CHECK(doc.prose == doc.source.bytes);
  REQUIRE(doc.blocks.size() == 13);
  const BlockKind H = BlockKind::Heading;
  struct Expected {
    BlockKind kind;
    int level;
    const char* text;
  } expected[] = {{H, 1, "Better care at home"},
                  {H, 1, "Plain English summary"},
                  {BlockKind::Paragraph, 0, "We will utilise the data."},
                  {BlockKind::ListItem, 0, "First item"},
                  {BlockKind::ListItem, 0, "Second item"},
                  {BlockKind::TableCell, 0, "Cell A"},
                  {BlockKind::TableCell, 0, "Cell B"},
                  {BlockKind::TableCell, 0, "More B"},
                  {H, 2, "Patient and public involvement"},
                  {BlockKind::Paragraph, 0, "One two\nthree"},
                  {H, 1, "Methods"},
                  {H, 3, "Budget"},
                  {H, 2, "Dissemination"}};
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    INFO("block " << i);
    CHECK(doc.blocks[i].kind == expected[i].kind);
    CHECK(doc.blocks[i].heading_level == expected[i].level);
    CHECK(text_of(doc, doc.blocks[i]) == expected[i].text);
  }

  // Sections through the SectionClassifier.
  std::vector<std::string> kinds;
  for (const Section& s : doc.sections) kinds.push_back(s.kind);
  // The Title paragraph is the title; "Budget" (level 3) is part of Methods.
  CHECK(kinds == std::vector<std::string>{"title", "plain-english-summary", "involvement",
                                          "methods", "methods", "dissemination"});
}

TEST_CASE("docx: findings point into the extracted text", "[format][docx]") {
  const std::string body = docx_paragraph("Plain English summary", "Heading1") +
                           docx_paragraph("We will utilise the data.") +
                           docx_paragraph("Then we utilise more.");
  LoadResult r = load_docx(make_docx(body), "summary.docx");
  REQUIRE(r.ok);
  Document& doc = r.doc;
  doc.rebuild_index();
  const auto found = lint(doc, "t.swap");
  REQUIRE(found.size() == 2);
  CHECK(found[0].begin == 31);  // "Plain English summary\n\n" is 23 bytes, "We will " 8 more
  CHECK(flagged(doc, found[0]) == "utilise");
  const LineColumn second = doc.lines.to_position(found[1].begin, ColumnUnit::CodePoints);
  CHECK(second.line == 4);  // 0-based: heading, blank, paragraph, blank, paragraph
  CHECK(second.column == 8);
}

TEST_CASE("docx: tracked deletions are left out, insertions kept", "[format][docx]") {
  const std::string body =
      "<w:p><w:r><w:t xml:space=\"preserve\">We </w:t></w:r>"
      "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText xml:space=\"preserve\">might "
      "</w:delText></w:r></w:del>"
      "<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t xml:space=\"preserve\">will </w:t></w:r></w:ins>"
      "<w:moveFrom w:id=\"3\"><w:r><w:t>gone</w:t></w:r></w:moveFrom>"
      "<w:hyperlink r:id=\"x\" xmlns:r=\"r\"><w:r><w:t>pay</w:t></w:r></w:hyperlink>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
      "<w:r><w:t xml:space=\"preserve\"> people.</w:t></w:r></w:p>"
      // A paragraph deleted whole leaves nothing behind.
      "<w:p><w:del w:id=\"4\"><w:r><w:delText>Old paragraph.</w:delText></w:r></w:del></w:p>";
  LoadResult r = load_docx(make_docx(body));
  REQUIRE(r.ok);
  CHECK(r.doc.source.bytes == "We will pay people.\n");
  CHECK(r.doc.blocks.size() == 1);
}

TEST_CASE("docx: a package with no styles part still knows Word's heading ids", "[format][docx]") {
  const std::string bytes =
      make_zip({{"word/document.xml", docx_document_xml(docx_paragraph("Lay summary", "Heading2") +
                                                        docx_paragraph("Text here."))}});
  LoadResult r = load_docx(bytes);
  REQUIRE(r.ok);
  REQUIRE(r.doc.blocks.size() == 2);
  CHECK(r.doc.blocks[0].kind == BlockKind::Heading);
  CHECK(r.doc.blocks[0].heading_level == 2);
  CHECK(r.doc.sections.back().kind == "plain-english-summary");
}

TEST_CASE("docx: damaged and hostile files are clear errors", "[format][docx][bad-input]") {
  auto error_of = [](const std::string& bytes) {
    LoadResult r = load_docx(bytes);
    CHECK_FALSE(r.ok);
    CHECK(r.doc.source.bytes.empty());
    CHECK(r.doc.prose.size() == r.doc.source.bytes.size());
    return r.error;
  };
  SECTION("not a zip") {
    CHECK(error_of("PK\x03\x04 this is not really a zip") ==
          "the DOCX file is damaged or not a DOCX file (not a valid zip archive)");
    CHECK(error_of("") == "the DOCX file is empty");
    CHECK_THAT(error_of("plain text pretending"), Catch::Contains("not a valid zip archive"));
  }
  SECTION("a truncated zip") {
    const std::string whole = make_docx(docx_paragraph("Some text here."));
    CHECK_THAT(error_of(whole.substr(0, whole.size() / 2)), Catch::Contains("DOCX"));
  }
  SECTION("a zip with no document.xml") {
    CHECK(error_of(make_zip({{"hello.txt", "hi"}})) ==
          "the DOCX file has no document text (word/document.xml is missing)");
  }
  SECTION("malformed XML") {
    CHECK_THAT(error_of(make_zip({{"word/document.xml", "<w:document><w:body><w:p>"}})),
               Catch::Contains("word/document.xml is not well-formed XML"));
  }
  SECTION("XML nested too deeply") {
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "<w:sdt>";
    for (int i = 0; i < 100000; ++i) deep += "</w:sdt>";
    CHECK_THAT(error_of(make_zip({{"word/document.xml", docx_document_xml(deep), true}})),
               Catch::Contains("nested too deeply"));
  }
  SECTION("entity expansion does not happen") {
    const std::string bomb =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaaaaaaaa\">"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
        "<w:document><w:body><w:p><w:r><w:t>&c;&c;&c;</w:t></w:r></w:p></w:body></w:document>";
    LoadResult r = load_docx(make_zip({{"word/document.xml", bomb}}));
    REQUIRE(r.ok);
    CHECK(r.doc.source.bytes.size() < 100);
  }
  SECTION("an entry that expands to 200 MB") {
    const std::string zeros(200u << 20, '0');
    CHECK_THAT(error_of(make_zip({{"word/document.xml", zeros}})),
               Catch::Contains("too large (over 100 MB uncompressed)"));
  }
  SECTION("a real document that compresses well (an empty table of many rows) is read") {
    std::string rows;
    for (int i = 0; i < 9000; ++i) {
      const std::string cell =
          "<w:tc><w:tcPr><w:tcW w:w=\"4508\" w:type=\"dxa\"/></w:tcPr><w:p/></w:tc>";
      rows += std::string("<w:tr w:rsidR=\"") + (i % 20 == 0 ? "00D4E5F6" : "00A1B2C3") + "\">" +
              cell + cell + "</w:tr>";
    }
    const std::string xml = docx_document_xml(docx_paragraph("We will ask carers.", "") +
                                              "<w:tbl>" + rows + "</w:tbl>");
    const std::string zip = make_zip({{"word/document.xml", xml}});
    CHECK(xml.size() / zip.size() > 200);  // more than the old limit refused
    LoadResult r = load_docx(zip);
    REQUIRE(r.ok);
    CHECK(r.doc.source.bytes.find("We will ask carers.") != std::string::npos);
  }
  SECTION("an entry that expands suspiciously (a zip bomb)") {
    const std::string zeros(20u << 20, ' ');
    CHECK_THAT(error_of(make_zip({{"word/document.xml", zeros}})), Catch::Contains("zip bomb"));
  }
  SECTION("too many elements") {
    std::string many;
    for (int i = 0; i < 2'100'000; ++i) many += "<a/>";
    CHECK_THAT(error_of(make_zip({{"word/document.xml", many, true}})),
               Catch::Contains("too many XML elements"));
  }
  SECTION("no body") {
    CHECK_THAT(error_of(make_zip({{"word/document.xml", "<w:document/>"}})),
               Catch::Contains("no document body"));
  }
}

TEST_CASE("docx: an empty document is read, with nothing to lint", "[format][docx]") {
  LoadResult r = load_docx(make_docx(""));
  REQUIRE(r.ok);
  CHECK(r.doc.blocks.empty());
  CHECK(lint(r.doc, "t.swap").empty());
}

TEST_CASE("docx: footnotes and endnotes count as text of the paragraph that cites them",
          "[format][docx][notes]") {
  // As in LaTeX, where \footnote{} text is read in place: a word limit counts the notes in every
  // format, as Word's own word count does by default.
  const std::string body =
      docx_paragraph("Plain English summary", "Heading1") +
      "<w:p><w:r><w:t>We will ask 300 people.</w:t></w:r>"
      "<w:r><w:footnoteReference w:id=\"1\"/></w:r><w:r><w:t> Then we will decide.</w:t></w:r>"
      "<w:r><w:endnoteReference w:id=\"2\"/></w:r></w:p>" +
      docx_paragraph("Patient and public involvement", "Heading1") +
      docx_paragraph("Six parents helped us plan this study.");
  // A notes part: Word's separator "note" (never cited), then the note.
  auto notes_part = [](const std::string& kind, const std::string& id, const std::string& text) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:" + kind +
           "s xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
           "<w:" +
           kind +
           " w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r>"
           "</w:p></w:" +
           kind + "><w:" + kind + " w:id=\"" + id + "\"><w:p><w:r><w:" + kind +
           "Ref/></w:r><w:r><w:t>" + text + "</w:t></w:r></w:p></w:" + kind + "></w:" + kind + "s>";
  };
  const std::string footnotes = notes_part("footnote", "1", "We will utilise a cohort.");
  LoadResult r = load_document(
      "app.docx",
      make_zip({{"[Content_Types].xml", docx_content_types()},
                {"_rels/.rels", docx_rels()},
                {"word/document.xml", docx_document_xml(body)},
                {"word/styles.xml", docx_styles()},
                {"word/footnotes.xml", footnotes},
                {"word/endnotes.xml", notes_part("endnote", "2", "Costs are in the budget.")}}),
      test_rules().sections, LoadOptions{});
  REQUIRE(r.ok);
  const Document& doc = r.doc;
  CHECK(doc.source.bytes ==
        "Plain English summary\n\nWe will ask 300 people. Then we will decide.\nWe will utilise "
        "a cohort.\nCosts are in the budget.\n\nPatient and public involvement\n\nSix parents "
        "helped us plan this study.\n");
  REQUIRE(doc.blocks.size() == 4);  // the notes do not change the paragraph numbers
  REQUIRE(doc.sections.size() == 2);
  CHECK(doc.sections[0].kind == "plain-english-summary");
  // 3 heading words, 9 of text, 5 and 5 of the notes.
  CHECK(doc.word_count(doc.sections[0].begin, doc.sections[0].end) == 22);
}
