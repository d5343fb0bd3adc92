// ODT front end: headings at outline levels, lists, tables, ODF spaces, tracked changes, and
// damaged packages.
#include <catch2/catch.hpp>

#include <string>

#include "test_helpers.h"
#include "zip_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

constexpr const char* kNamespaces =
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"";

// content.xml with this office:text and these automatic styles.
std::string odt_content(const std::string& office_text, const std::string& automatic_styles = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content " +
         std::string(kNamespaces) + "><office:automatic-styles>" + automatic_styles +
         "</office:automatic-styles><office:body><office:text>" + office_text +
         "</office:text></office:body></office:document-content>";
}

// A package with content.xml and, when given, styles.xml's office:styles.
std::string make_odt(const std::string& office_text, const std::string& automatic_styles = "",
                     const std::string& styles = "") {
  std::vector<ZipEntry> entries = {{"mimetype", "application/vnd.oasis.opendocument.text", true},
                                   {"content.xml", odt_content(office_text, automatic_styles)}};
  if (!styles.empty())
    entries.push_back({"styles.xml",
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                       "<office:document-styles " +
                           std::string(kNamespaces) + "><office:styles>" + styles +
                           "</office:styles></office:document-styles>"});
  return make_zip(entries);
}

LoadResult load_odt(const std::string& bytes) {
  return load_document("app.odt", bytes, test_rules().sections, LoadOptions{});
}

std::string text_of(const Document& doc, const Block& block) {
  return doc.source.bytes.substr(block.begin, block.end - block.begin);
}

}  // namespace

TEST_CASE("odt: headings, paragraphs, lists, tables and spaces", "[format][odt]") {
  LoadResult r = load_odt(make_odt(
      "<text:sequence-decls/>"
      "<text:h text:outline-level=\"1\">Plain English summary</text:h>"
      "<text:p>We   will <text:span>utilise</text:span> the<text:s text:c=\"2\"/>data.</text:p>"
      "<text:list><text:list-item><text:p>First</text:p></text:list-item>"
      "<text:list-item><text:p>Second<text:tab/>point</text:p></text:list-item></text:list>"
      "<table:table><table:table-row><table:table-cell><text:p>Cell A</text:p></table:table-cell>"
      "<table:table-cell><text:p>Cell B</text:p></table:table-cell></table:table-row></table:table>"
      "<text:h text:outline-level=\"2\">Patient and public involvement</text:h>"
      "<text:p>One<text:line-break/>two<text:note><text:note-body><text:p>A note</text:p>"
      "</text:note-body></text:note></text:p>"));
  REQUIRE(r.ok);
  const Document& doc = r.doc;
  CHECK(doc.source.bytes ==
        "Plain English summary\n\nWe will utilise the  data.\n\nFirst\n\nSecond point\n\n"
        "Cell A\n\nCell B\n\nPatient and public involvement\n\nOne\ntwo\nA note\n");
  REQUIRE(doc.blocks.size() == 8);
  CHECK(doc.blocks[0].kind == BlockKind::Heading);
  CHECK(doc.blocks[0].heading_level == 1);
  CHECK(doc.blocks[2].kind == BlockKind::ListItem);
  CHECK(text_of(doc, doc.blocks[3]) == "Second point");
  CHECK(doc.blocks[4].kind == BlockKind::TableCell);
  CHECK(doc.blocks[6].heading_level == 2);
  REQUIRE(doc.sections.size() == 2);
  CHECK(doc.sections[0].kind == "plain-english-summary");
  CHECK(doc.sections[1].kind == "involvement");
  const auto found = lint(doc, "t.swap");
  REQUIRE(found.size() == 1);
  CHECK(found[0].begin == 31);
  CHECK(flagged(doc, found[0]) == "utilise");
}

TEST_CASE("odt: a paragraph in the Title style is the title, as in DOCX", "[format][odt]") {
  const std::string body =
      "<text:p text:style-name=\"%s\">Telemonitoring for chronic obstructive pulmonary "
      "disease</text:p>"
      "<text:h text:outline-level=\"1\">Plain English summary</text:h>"
      "<text:p text:style-name=\"Text_20_body\">We will talk to people.</text:p>";
  auto with_style = [&](const std::string& name) {
    std::string text = body;
    text.replace(text.find("%s"), 2, name);
    return text;
  };
  const std::string styles =
      "<style:style style:name=\"Title\" style:family=\"paragraph\" style:class=\"chapter\"/>"
      "<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" "
      "style:family=\"paragraph\"/>"
      "<style:style style:name=\"Report_20_title\" style:display-name=\"Report title\" "
      "style:family=\"paragraph\" style:parent-style-name=\"Title\"/>";
  const std::string automatic =
      "<style:style style:name=\"P1\" style:family=\"paragraph\" "
      "style:parent-style-name=\"Report_20_title\"/>";
  // The Title style itself (LibreOffice), one based on it in styles.xml, and an automatic style
  // based on that one (a title with direct formatting).
  for (const std::string name : {"Title", "Report_20_title", "P1"}) {
    CAPTURE(name);
    LoadResult r = load_odt(make_odt(with_style(name), automatic, styles));
    REQUIRE(r.ok);
    REQUIRE(r.doc.blocks.size() == 3);
    CHECK(r.doc.blocks[0].kind == BlockKind::Heading);
    CHECK(r.doc.blocks[0].heading_level == 1);
    REQUIRE(r.doc.sections.size() == 2);
    CHECK(r.doc.sections[0].kind == "title");
    CHECK(r.doc.sections[1].kind == "plain-english-summary");
  }
  // A paragraph in the body text style stays a paragraph.
  LoadResult plain = load_odt(make_odt(with_style("Text_20_body"), automatic, styles));
  REQUIRE(plain.ok);
  CHECK(plain.doc.blocks[0].kind == BlockKind::Paragraph);
  // A style with a default outline level makes a heading of a text:p.
  LoadResult outlined = load_odt(make_odt(
      "<text:p text:style-name=\"P2\">Background</text:p><text:p>Care is hard to reach.</text:p>",
      "<style:style style:name=\"P2\" style:family=\"paragraph\" "
      "style:default-outline-level=\"2\"/>"));
  REQUIRE(outlined.ok);
  CHECK(outlined.doc.blocks[0].kind == BlockKind::Heading);
  CHECK(outlined.doc.blocks[0].heading_level == 2);
  // A styles part that cannot be parsed loses only the styles.
  LoadResult broken =
      load_odt(make_zip({{"mimetype", "application/vnd.oasis.opendocument.text", true},
                         {"content.xml", odt_content(with_style("Title"))},
                         {"styles.xml", "<office:document-styles"}}));
  REQUIRE(broken.ok);
}

TEST_CASE("odt: the tracked-changes log (deleted text) is left out", "[format][odt]") {
  LoadResult r = load_odt(
      make_odt("<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion>"
               "<text:p>might</text:p></text:deletion></text:changed-region></text:tracked-changes>"
               "<text:p>We <text:change text:change-id=\"c1\"/>will pay people.</text:p>"));
  REQUIRE(r.ok);
  CHECK(r.doc.source.bytes == "We will pay people.\n");
}

TEST_CASE("odt: damaged and hostile files are clear errors", "[format][odt][bad-input]") {
  auto error_of = [](const std::string& bytes) {
    LoadResult r = load_odt(bytes);
    CHECK_FALSE(r.ok);
    return r.error;
  };
  CHECK(error_of("not a zip") ==
        "the ODT file is damaged or not an ODT file (not a valid zip archive)");
  CHECK(error_of(make_zip({{"mimetype", "application/vnd.oasis.opendocument.text", true}})) ==
        "the ODT file has no document text (content.xml is missing)");
  CHECK_THAT(
      error_of(make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", true},
                         {"content.xml", "<a/>"}})),
      Catch::Contains("not a text document"));
  CHECK_THAT(error_of(make_zip({{"content.xml", "<office:document-content><office:body>"}})),
             Catch::Contains("not well-formed XML"));
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<text:section>";
  for (int i = 0; i < 5000; ++i) deep += "</text:section>";
  CHECK_THAT(error_of(make_odt(deep)), Catch::Contains("nested too deeply"));
  CHECK_THAT(error_of(make_zip({{"content.xml", std::string(30u << 20, ' ')}})),
             Catch::Contains("zip bomb"));
}
