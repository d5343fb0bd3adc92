#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <utility>

#include "core/source.h"
#include "formats/format.h"

using namespace sayso;

namespace {

SectionClassifier test_classifier() {
  SectionClassifier c;
  c.add_alias("Plain English summary", "plain-english-summary");
  c.add_alias("Patient and public involvement", "involvement");
  return c;
}

LoadResult load(std::string path, std::string bytes, LoadOptions options = {}) {
  return load_document(std::move(path), std::move(bytes), test_classifier(), options);
}

}  // namespace

TEST_CASE("load: formats by extension", "[load]") {
  CHECK(format_for_path("a.md") == "markdown");
  CHECK(format_for_path("dir.v2/A.MARKDOWN") == "markdown");
  CHECK(format_for_path("x.mdown") == "markdown");
  CHECK(format_for_path("notes.txt") == "text");
  CHECK(format_for_path("notes.text") == "text");
  CHECK(format_for_path("README") == "text");
  CHECK(format_for_path("dir.d/README") == "text");
  CHECK(format_for_path("-") == "text");
  CHECK(format_for_path("paper.tex") == "latex");
  CHECK(format_for_path("app.docx") == "docx");
  CHECK(format_for_path("app.odt") == "odt");
  CHECK(format_for_path("app.pdf") == "pdf");
  CHECK(format_for_path("page.HTM") == "html");
  CHECK(format_for_path("page.html") == "html");
  CHECK(format_for_path("rows.csv") == "csv");
  CHECK(format_for_path("rows.jsonl") == "jsonl");
  CHECK(format_for_path("image.png") == "");
  CHECK(format_for_path("C:\\apps\\one.md") == "markdown");
}

TEST_CASE("load: extensions that directory walks pick up", "[load]") {
  for (const char* path : {"a.md", "a.markdown", "a.txt", "a.tex", "a.docx", "a.odt", "a.pdf",
                           "a.html", "a.htm", "A.MD", "B.ODT"})
    CHECK(is_known_extension(path));
  // Word-processor files sayso cannot read are picked up too, to be reported as unreadable.
  for (const char* path : {"a.doc", "a.rtf", "a.DOCM"}) CHECK(is_known_extension(path));
  for (const char* path :
       {"a.png", "README", "a.csv", ".md", "a.md.bak", "a.xlsx", "a.pptx", "a.ods"})
    CHECK_FALSE(is_known_extension(path));
}

TEST_CASE("load: a Markdown application", "[load]") {
  LoadResult r = load("apps/one.md",
                      "# Plain English summary\n\nWe will *work* with patients.\n\n"
                      "# Patient and public involvement\n\nPeople helped.\n");
  REQUIRE(r.ok);
  CHECK(r.error.empty());
  const Document& doc = r.doc;
  CHECK(doc.path == "apps/one.md");
  CHECK(doc.format == "markdown");
  REQUIRE(doc.sections.size() == 2);
  CHECK(doc.sections[0].kind == "plain-english-summary");
  CHECK(doc.sections[1].kind == "involvement");
  CHECK(doc.lines.line_count() == 8);
  CHECK(doc.lines.text().data() == doc.source.bytes.data());
  CHECK_FALSE(doc.tokens.empty());
}

TEST_CASE("load: plain text and unknown extensions read as text", "[load]") {
  for (const char* path : {"summary.txt", "summary.xyz", "summary"}) {
    LoadResult r = load(path, "PLAIN ENGLISH SUMMARY\nWe will work with patients.\n");
    REQUIRE(r.ok);
    CHECK(r.doc.format == "text");
    REQUIRE_FALSE(r.doc.sections.empty());
    CHECK(r.doc.sections.back().kind == "plain-english-summary");
  }
}

TEST_CASE("load: a forced format wins over the extension", "[load]") {
  LoadOptions options;
  options.format = "markdown";
  LoadResult r = load("stdin.txt", "# Title\n\nText.\n", options);
  REQUIRE(r.ok);
  CHECK(r.doc.format == "markdown");
  CHECK(r.doc.blocks.front().kind == BlockKind::Heading);
}

TEST_CASE("load: the headless kind scopes a document without headings", "[load]") {
  LoadOptions options;
  options.headless_kind = "plain-english-summary";
  LoadResult r = load("draft.md", "Just a paragraph.\n", options);
  REQUIRE(r.ok);
  REQUIRE(r.doc.sections.size() == 1);
  CHECK(r.doc.sections[0].kind == "plain-english-summary");
}

TEST_CASE("load: binary and unsupported files are errors", "[load]") {
  LoadResult binary = load("data.md", std::string("abc\0def", 7));
  CHECK_FALSE(binary.ok);
  CHECK(binary.error == "binary file (not text)");

  // Binary formats go to their front ends (which say what is wrong), not to the binary check.
  LoadResult docx = load("app.docx", "PK\x03\x04 zipped");
  CHECK_FALSE(docx.ok);
  CHECK(docx.error.find("not a valid zip archive") != std::string::npos);
  for (const char* path : {"a.pdf", "a.odt"}) {
    LoadResult r = load(path, "text");
    CHECK_FALSE(r.ok);
    CHECK(r.doc.prose.size() == r.doc.source.bytes.size());
  }

  for (const char* path : {"a.csv", "a.jsonl"}) {
    LoadResult r = load(path, "text");
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("unsupported format") != std::string::npos);
    CHECK(r.doc.prose.size() == r.doc.source.bytes.size());
  }
}

TEST_CASE("load: invalid UTF-8 is replaced and reported once per run", "[load]") {
  // The é at the end makes it UTF-8 (with damage), not a Windows-1252 file.
  LoadResult r = load("a.txt", "ok \xFF\xFE here and \xC3 there, caf\xC3\xA9\n");
  REQUIRE(r.ok);
  REQUIRE(r.doc.read_issues.size() == 2);
  CHECK(r.doc.read_issues[0].begin == 3);
  CHECK(r.doc.read_issues[0].end == 5);
  CHECK(r.doc.read_issues[0].message == "invalid UTF-8 byte(s) replaced");
  CHECK(r.doc.read_issues[1].begin == 15);
  CHECK(r.doc.read_issues[1].end == 16);
}

TEST_CASE("load: line positions survive moving a short document", "[load]") {
  LoadResult r = load("a.md", "Hi.\n");
  REQUIRE(r.ok);
  Document moved = std::move(r.doc);
  CHECK(moved.lines.text().data() == moved.source.bytes.data());
  CHECK(moved.lines.line_count() == 2);

  Document copied = moved;  // copies must rebuild their index
  copied.rebuild_index();
  CHECK(copied.lines.text().data() == copied.source.bytes.data());
}

TEST_CASE("load: empty files", "[load]") {
  for (const char* path : {"empty.md", "empty.txt"}) {
    LoadResult r = load(path, "");
    REQUIRE(r.ok);
    CHECK(r.doc.blocks.empty());
    CHECK(r.doc.sections.size() == 1);
  }
}

TEST_CASE("load: UTF-16 text with a byte order mark is read as its UTF-8 decoding", "[load]") {
  // "# Plain English summary\n\nA café 😀 test.\n" in UTF-16LE and UTF-16BE, with the mark.
  const std::u16string text = u"# Plain English summary\n\nA caf\u00e9 \U0001F600 test.\n";
  std::string le = "\xFF\xFE", be = "\xFE\xFF";
  for (char16_t unit : text) {
    le += static_cast<char>(unit & 0xFF), le += static_cast<char>(unit >> 8);
    be += static_cast<char>(unit >> 8), be += static_cast<char>(unit & 0xFF);
  }
  const std::string utf8 = "# Plain English summary\n\nA caf\xC3\xA9 \xF0\x9F\x98\x80 test.\n";
  for (const auto& [bytes, encoding] :
       {std::pair{le, std::string("utf-16le")}, std::pair{be, std::string("utf-16be")}}) {
    LoadResult r = load("app.md", bytes);
    REQUIRE(r.ok);
    CHECK(r.doc.source.bytes == utf8);
    CHECK(r.doc.source.decoded_from == encoding);
    CHECK(r.doc.read_issues.empty());
    REQUIRE_FALSE(r.doc.sections.empty());
    CHECK(r.doc.sections[0].kind == "plain-english-summary");
  }
  // A lone surrogate and an odd last byte become U+FFFD; UTF-8 files are left as they are.
  LoadResult lone = load("a.txt", std::string("\xFF\xFE\x41\x00\x00\xD8\x42\x00\x43", 9));
  REQUIRE(lone.ok);
  CHECK(lone.doc.source.bytes ==
        "A\xEF\xBF\xBD"
        "B\xEF\xBF\xBD");
  LoadResult plain = load("a.txt", "plain words\n");
  CHECK(plain.doc.source.decoded_from.empty());
}

TEST_CASE(
    "load: a Windows-1252 file is read as its UTF-8 decoding, with one note to save it as UTF-8",
    "[load]") {
  // "Costs: £25 an hour – “fair” pay.\n" as Notepad's 'ANSI' saves it.
  const std::string ansi =
      "# Plain English summary\n\nCosts: \xA3"
      "25 an hour \x96 \x93"
      "fair\x94 pay.\n";
  LoadResult r = load("summary.txt", ansi);
  REQUIRE(r.ok);
  CHECK(r.doc.source.bytes ==
        "# Plain English summary\n\nCosts: \xC2\xA3"
        "25 an hour \xE2\x80\x93 \xE2\x80\x9C"
        "fair\xE2\x80\x9D pay.\n");
  CHECK(r.doc.source.decoded_from == "windows-1252");
  CHECK(r.doc.source.invalid_bytes.empty());
  REQUIRE(r.doc.read_issues.size() == 1);
  const auto& issue = r.doc.read_issues[0];
  CHECK(r.doc.source.bytes.substr(issue.begin, issue.end - issue.begin) == "\xC2\xA3");
  CHECK_THAT(issue.message, Catch::Contains("Windows-1252") && Catch::Contains("Save it as UTF-8"));
}

TEST_CASE(
    "load: UTF-8 with a damaged byte stays UTF-8, and undefined Windows-1252 bytes become U+FFFD",
    "[load]") {
  // Real UTF-8 (é) beside one bad byte: damage, not another encoding.
  LoadResult damaged = load("a.txt", "caf\xC3\xA9 and \xA3 5\n");
  REQUIRE(damaged.ok);
  CHECK(damaged.doc.source.decoded_from.empty());
  CHECK(damaged.doc.source.invalid_bytes.size() == 1);
  // 0x81 has no character in Windows-1252.
  LoadResult undefined = load("a.txt", "a \x81 b \xE9\n");
  REQUIRE(undefined.ok);
  CHECK(undefined.doc.source.decoded_from == "windows-1252");
  CHECK(undefined.doc.source.bytes == "a \xEF\xBF\xBD b \xC3\xA9\n");
  // A binary file is still refused as binary, not decoded.
  LoadResult binary =
      load("a.txt", std::string("\x01\x02\x03\x04\x05\x06\x07\x08\xFF\xFE\x01\x02", 12));
  CHECK_FALSE(binary.ok);
}

TEST_CASE("load: a stray NUL byte is read as a space and said once, many make a binary file",
          "[load]") {
  std::string text = "# Plain English summary\n\nWe will talk to carers about the study.";
  for (int i = 0; i < 10; ++i) text += " We will ask what matters to them.";
  const std::size_t first = text.size();
  text += std::string("\0 end.\0\n", 8);
  LoadResult r = load("summary.md", text);
  REQUIRE(r.ok);
  CHECK(r.doc.source.bytes[first] == ' ');
  CHECK(r.doc.source.bytes.size() == text.size());  // every offset still the file's
  REQUIRE(r.doc.read_issues.size() == 1);
  CHECK(r.doc.read_issues[0].begin == first);
  CHECK(r.doc.read_issues[0].message ==
        "2 NUL bytes (character 0, not text) were read as spaces; this is the first");
  CHECK(r.doc.sentences.size() >= 12);  // the text after the NUL is read too

  std::string image(400, 'x');
  for (std::size_t i = 0; i < image.size(); i += 20) image[i] = '\0';  // 5 in 100
  CHECK(load("photo.txt", image).error == "binary file (not text)");
}

TEST_CASE("load: random bytes with few NULs are a binary file, not a text with 1000 findings",
          "[load]") {
  // An encrypted or corrupt upload: about 1 byte in 256 is NUL, too few for the NUL test.
  std::mt19937 random(26);
  std::string noise(4096, '\0');
  for (char& byte : noise) byte = static_cast<char>(random() & 0xFF);
  CHECK(load("upload.txt", noise).error == "binary file (not text)");
  // A text with a stray run of bad bytes, or a Windows-1252 text full of accents, is still text.
  std::string text = "# Plain English summary\n\nWe will talk to carers about the study.";
  text += std::string("\xff\xfe\x80\x81 ") + " We will ask what matters to them.\n";
  CHECK(load("summary.md", text).ok);
  CHECK(load("resume.txt", "Caf\xe9, cr\xe8me br\xfbl\xe9" "e, na\xefve d\xe9j\xe0 vu.\n").ok);
}

TEST_CASE("load: UTF-16 without a byte order mark is read as UTF-16, UTF-32 is not", "[load]") {
  const std::string words = "We will utilise the data.\n";
  for (const bool little : {true, false}) {
    std::string file;
    for (char c : words) {
      file += little ? c : '\0';
      file += little ? '\0' : c;
    }
    LoadResult r = load("summary.txt", file);
    REQUIRE(r.ok);
    CHECK(r.doc.source.bytes == words);
    CHECK(r.doc.source.decoded_from == (little ? "utf-16le" : "utf-16be"));
    CHECK(r.doc.source.utf16_without_bom);
    CHECK(FileOffsets(r.doc.source).file_offset(8) == 16);  // no mark before the text
  }
  std::string utf32;
  for (char c : words) utf32 += std::string(1, c) + std::string(3, '\0');
  CHECK(load("summary.txt", utf32).error == "binary file (not text)");
  // Plain UTF-8 with no NUL is left as it is.
  LoadResult utf8 = load("summary.txt", words);
  REQUIRE(utf8.ok);
  CHECK(utf8.doc.source.decoded_from.empty());
}

TEST_CASE("load: office files sayso cannot read are refused with what to do, not read as text",
          "[load]") {
  LoadResult doc = load("old.DOC", "\xD0\xCF\x11\xE0 whatever");
  CHECK_FALSE(doc.ok);
  CHECK_THAT(doc.error,
             Catch::Contains("unsupported format (.doc)") && Catch::Contains("save it as .docx"));
  LoadResult sheet = load("form.xlsx", "PK\x03\x04");
  CHECK_FALSE(sheet.ok);
  CHECK_THAT(sheet.error, Catch::Contains("a spreadsheet") && Catch::Contains("CSV"));
  LoadResult slides = load("talk.pptx", "PK\x03\x04");
  CHECK_THAT(slides.error, Catch::Contains("slides"));
  // A format given outright (the editor's or the web page's text) is read as that format.
  LoadOptions as_text;
  as_text.format = "text";
  CHECK(load("notes.rtf", "plain words\n", as_text).ok);
}
