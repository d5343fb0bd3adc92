// Files whose name does not say what they are, empty files and password-protected PDFs: a PDF
// named .docx, or a Word or OpenDocument file named .pdf, is read as what its first bytes show.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "docx_fixture.h"
#include "pdf_fixture.h"
#include "test_helpers.h"
#include "zip_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

LoadResult load_file(const std::string& path, const std::string& bytes) {
  return load_document(path, bytes, test_rules().sections, LoadOptions{});
}

const std::string kText = "We will ask people who use the service what matters to them.";

std::string pdf_bytes() {
  return make_pdf({{{72, 720, 16, "Plain English summary"}, {72, 690, 11, kText}}});
}

std::string docx_bytes() {
  return make_docx(docx_paragraph("Plain English summary", "Heading1") + docx_paragraph(kText));
}

std::string odt_bytes() {
  return make_zip(
      {{"mimetype", "application/vnd.oasis.opendocument.text", true},
       {"content.xml",
        "<office:document-content "
        "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
        "<text:h text:outline-level=\"1\">Plain English summary</text:h><text:p>" +
            kText + "</text:p></office:text></office:body></office:document-content>"}});
}

// The file is read, as `format`, with the same text as under its own name.
void check_read_as(const std::string& path, const std::string& bytes, const std::string& format,
                   const std::string& own_name) {
  CAPTURE(path, format);
  const LoadResult renamed = load_file(path, bytes);
  REQUIRE(renamed.ok);
  CHECK(renamed.doc.format == format);
  const LoadResult named = load_file(own_name, bytes);
  REQUIRE(named.ok);
  CHECK(renamed.doc.source.bytes == named.doc.source.bytes);
  REQUIRE(renamed.doc.sections.size() == 1);
  CHECK(renamed.doc.sections[0].kind == "plain-english-summary");
}

}  // namespace

TEST_CASE("renamed: a file is read as what its first bytes show, whatever its name",
          "[format][renamed]") {
  check_read_as("app.docx", pdf_bytes(), "pdf", "app.pdf");
  check_read_as("app.odt", pdf_bytes(), "pdf", "app.pdf");
  check_read_as("app.pdf", docx_bytes(), "docx", "app.docx");
  check_read_as("app.odt", docx_bytes(), "docx", "app.docx");
  check_read_as("app.pdf", odt_bytes(), "odt", "app.odt");
  check_read_as("APP.DOCX", odt_bytes(), "odt", "app.odt");
  // A PDF with a few bytes before its header (some mail systems add them).
  check_read_as("app.docx", "\r\n" + pdf_bytes(), "pdf", "app.pdf");
}

TEST_CASE("renamed: files that are none of these keep the message of their name",
          "[format][renamed][bad-input]") {
  // A zip that is neither a Word nor an OpenDocument text file, and text, named .pdf and .docx.
  const std::string other_zip = make_zip({{"data.txt", "hello"}});
  CHECK(load_file("app.pdf", other_zip).error == "the PDF file is damaged or not a PDF");
  CHECK_THAT(load_file("app.docx", "just text").error,
             Catch::Contains("damaged or not a DOCX file"));
  // An OpenDocument spreadsheet named .pdf is not read as text.
  const std::string spreadsheet =
      make_zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", true}});
  CHECK(load_file("app.pdf", spreadsheet).error == "the PDF file is damaged or not a PDF");
  // A text file named .md that starts like a PDF stays text: only binary formats are sniffed.
  const LoadResult text = load_file("notes.md", "%PDF-1.4 is the version we use.\n");
  REQUIRE(text.ok);
  CHECK(text.doc.format == "markdown");
}

TEST_CASE("renamed: an empty PDF says it is empty, as an empty DOCX does",
          "[format][pdf][bad-input]") {
  CHECK(load_file("app.pdf", "").error == "the PDF file is empty");
  CHECK(load_file("app.docx", "").error == "the DOCX file is empty");
}

TEST_CASE("renamed: a password-protected PDF says what to do", "[format][pdf][bad-input]") {
  const std::string locked = make_pdf({{{72, 720, 11, kText}}}, {.encrypted = true});
  const std::string error = load_file("app.pdf", locked).error;
  CHECK_THAT(error,
             Catch::Contains("password") && Catch::Contains("ask for a copy without a password"));
}

TEST_CASE("renamed: a PDF encrypted with an empty user password opens without one",
          "[format][pdf]") {
  // tests/data/empty_password_pdf.py made it: RC4 with an empty user password, as many PDFs
  // that restrict printing or copying are.
  std::ifstream in(std::string(SAYSO_TEST_DATA_DIR) + "/empty-user-password.pdf", std::ios::binary);
  REQUIRE(in);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const LoadResult r = load_file("app.pdf", bytes.str());
  REQUIRE(r.ok);
  CHECK(r.doc.source.bytes ==
        "Plain English summary\n\n"
        "We will ask people who use the service what matters to them.\n");
}
