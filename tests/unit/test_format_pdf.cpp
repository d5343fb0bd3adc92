// PDF front end: lines and paragraphs rebuilt from word boxes, headings from font size, bold and
// known section names, de-hyphenation, page starts, and the files that cannot be read.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "pdf_fixture.h"
#include "test_helpers.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

LoadResult load_pdf(const std::string& bytes, const std::string& path = "app.pdf") {
  return load_document(path, bytes, test_rules().sections, LoadOptions{});
}

std::string text_of(const Document& doc, const Block& block) {
  return doc.source.bytes.substr(block.begin, block.end - block.begin);
}

std::vector<std::vector<PdfLine>> two_page_application() {
  return {{{72, 750, 16, "Plain English summary"},
           {72, 720, 11, "We will utilise the data from the"},
           {72, 706, 11, "clinic and the com-"},
           {72, 692, 11, "munity groups."},
           {72, 660, 11, "A second paragraph here."},
           {300, 40, 10, "1"}},
          {{72, 750, 11, "Patient and public involvement", true},
           {72, 730, 11, "People helped us to shape the"},
           {72, 716, 11, "study."},
           {300, 40, 10, "2"}}};
}

}  // namespace

TEST_CASE("pdf: lines, paragraphs, headings and pages", "[format][pdf]") {
  LoadResult r = load_pdf(make_pdf(two_page_application()));
  REQUIRE(r.ok);
  const Document& doc = r.doc;
  CHECK(doc.format == "pdf");
  const std::string expected =
      "Plain English summary\n\nWe will utilise the data from the clinic and the community "
      "groups.\n\nA second paragraph here.\n\nPatient and public involvement\n\n"
      "People helped us to shape the study.\n";
  CHECK(doc.source.bytes == expected);
  REQUIRE(doc.blocks.size() == 5);
  CHECK(doc.blocks[0].kind == BlockKind::Heading);
  CHECK(doc.blocks[0].heading_level == 1);
  CHECK(doc.blocks[1].kind == BlockKind::Paragraph);
  CHECK(text_of(doc, doc.blocks[1]) ==
        "We will utilise the data from the clinic and the community groups.");
  CHECK(doc.blocks[3].kind == BlockKind::Heading);  // bold, at body size
  CHECK(doc.blocks[3].heading_level == 2);
  REQUIRE(doc.sections.size() == 2);
  CHECK(doc.sections[0].kind == "plain-english-summary");
  CHECK(doc.sections[1].kind == "involvement");

  // Page starts, and the page of a finding.
  REQUIRE(doc.page_starts.size() == 2);
  CHECK(doc.page_starts[0] == 0);
  CHECK(doc.page_starts[1] == expected.find("Patient"));
  CHECK(doc.page_at(0) == 1);
  CHECK(doc.page_at(doc.page_starts[1] - 1) == 1);
  CHECK(doc.page_at(doc.page_starts[1]) == 2);
  const auto found = lint(doc, "t.swap");
  REQUIRE(found.size() == 1);
  CHECK(found[0].begin == expected.find("utilise"));
  CHECK(doc.page_at(found[0].begin) == 1);
}

TEST_CASE("pdf: a paragraph that runs over a page break stays one paragraph", "[format][pdf]") {
  LoadResult r = load_pdf(make_pdf({{{72, 720, 11, "We will ask people who use the"},
                                     {72, 706, 11, "service what matters to them and"}},
                                    {{72, 720, 11, "then write it down."}}}));
  REQUIRE(r.ok);
  CHECK(r.doc.source.bytes ==
        "We will ask people who use the service what matters to them and then write it down.\n");
  REQUIRE(r.doc.blocks.size() == 1);
  REQUIRE(r.doc.sentences.size() == 1);
  CHECK(r.doc.page_starts == std::vector<std::size_t>{0, r.doc.source.bytes.find("then")});
}

TEST_CASE("pdf: section names and capitals at body size are headings", "[format][pdf]") {
  LoadResult r = load_pdf(make_pdf({{{72, 720, 11, "Lay summary"},
                                     {72, 690, 11, "We will talk to people."},
                                     {72, 660, 11, "BACKGROUND"},
                                     {72, 630, 11, "Care is hard to reach."}}}));
  REQUIRE(r.ok);
  REQUIRE(r.doc.blocks.size() == 4);
  CHECK(r.doc.blocks[0].kind == BlockKind::Heading);
  CHECK(r.doc.blocks[2].kind == BlockKind::Heading);
  CHECK(r.doc.sections[0].kind == "plain-english-summary");
  CHECK(r.doc.sections[1].kind == "background");
}

TEST_CASE("pdf: running headers and page numbers are dropped", "[format][pdf]") {
  std::vector<std::vector<PdfLine>> pages;
  for (int i = 1; i <= 4; ++i)
    pages.push_back({{72, 770, 9, "Application 17 - confidential"},
                     {72, 700, 11, "Page text number " + std::to_string(i) + "."},
                     {300, 30, 9, "Page " + std::to_string(i) + " of 4"}});
  LoadResult r = load_pdf(make_pdf(pages));
  REQUIRE(r.ok);
  CHECK(
      r.doc.source.bytes ==
      "Page text number 1.\n\nPage text number 2.\n\nPage text number 3.\n\nPage text number 4.\n");
}

TEST_CASE("pdf: a running header on both pages of a two-page PDF is dropped",
          "[format][pdf][furniture]") {
  // A portal's reference line on top of both pages, "Page n of 2" at the foot, and a word
  // hyphenated across the page break.
  const std::string header = "REF-APP2 | Research for Patient Benefit | Stage 2";
  LoadResult r = load_pdf(make_pdf({{{72, 775, 8, header},
                                     {72, 720, 14, "Plain English summary", true},
                                     {72, 696, 11, "Patients were consulted and were suppo-"},
                                     {280, 40, 8, "Page 1 of 2"}},
                                    {{72, 775, 8, header},
                                     {72, 720, 11, "rtive of the project."},
                                     {280, 40, 8, "Page 2 of 2"}}}));
  REQUIRE(r.ok);
  CHECK(r.doc.source.bytes ==
        "Plain English summary\n\nPatients were consulted and were supportive of the project.\n");
  REQUIRE(r.doc.sections.size() == 1);
  CHECK(r.doc.sections[0].kind == "plain-english-summary");
}

TEST_CASE("pdf: a line on top of both of two pages is kept unless it is in the same place",
          "[format][pdf][furniture]") {
  // The same heading opens both pages, but lower on the second: text, not a running header.
  LoadResult r = load_pdf(make_pdf(
      {{{72, 760, 11, "Patient and public involvement", true}, {72, 740, 11, "People helped us."}},
       {{72, 700, 11, "Patient and public involvement", true},
        {72, 680, 11, "They will help again."}}}));
  REQUIRE(r.ok);
  CHECK(r.doc.source.bytes ==
        "Patient and public involvement\n\nPeople helped us.\n\nPatient and public "
        "involvement\n\nThey will help again.\n");
  // A long line repeated in place is text too.
  const std::string sentence =
      "This long sentence is repeated word for word at the top of both pages of the document, "
      "and it is far longer than a header.";
  LoadResult l = load_pdf(make_pdf({{{72, 760, 8, sentence}, {72, 700, 11, "One."}},
                                    {{72, 760, 8, sentence}, {72, 700, 11, "Two."}}}));
  REQUIRE(l.ok);
  CHECK(l.doc.source.bytes.find("both pages") != std::string::npos);
  CHECK(l.doc.source.bytes.find("both pages", l.doc.source.bytes.find("both pages") + 1) !=
        std::string::npos);
}

TEST_CASE("pdf: copies of one page are text, not running headers", "[format][pdf][furniture]") {
  // A form printed twice, or three times: every line repeats in place on every page.
  const std::vector<PdfLine> page = {{72, 760, 11, "Plain English summary", true},
                                     {72, 740, 11, "We will ask carers what helps."},
                                     {72, 720, 11, "They will help us plan."},
                                     {72, 700, 11, "We will tell them what we find."},
                                     {72, 680, 11, "We will pay them for their time."}};
  for (const std::size_t copies : {2, 3}) {
    LoadResult r = load_pdf(make_pdf(std::vector<std::vector<PdfLine>>(copies, page)));
    INFO(copies << " copies");
    REQUIRE(r.ok);
    CHECK(r.doc.source.bytes.find("We will ask carers what helps.") != std::string::npos);
    // On three pages or more, the first and last lines of every page are taken for a header
    // and a footer, as in any long document; on two pages the copies are kept whole.
    if (copies == 2) CHECK(r.doc.source.bytes.find("for their time.") != std::string::npos);
  }
  // Two pages share their first four lines: at most three are a header, so the rest stay.
  std::vector<PdfLine> other = page;
  other[4].text = "Two pages, one ending of its own.";
  LoadResult shared = load_pdf(make_pdf({page, other}));
  REQUIRE(shared.ok);
  CHECK(shared.doc.source.bytes.find("We will tell them what we find.") != std::string::npos);
}

TEST_CASE("pdf: on one page, only a small line well above the text is dropped",
          "[format][pdf][furniture]") {
  const std::vector<PdfLine> body = {{72, 720, 14, "Plain English summary", true},
                                     {72, 696, 11, "We will ask people who use the service."},
                                     {72, 682, 11, "They will tell us what matters."}};
  auto page_with = [&](std::vector<PdfLine> extra) {
    std::vector<PdfLine> lines = std::move(extra);
    lines.insert(lines.end(), body.begin(), body.end());
    return load_pdf(make_pdf({lines}));
  };
  const std::string text =
      "Plain English summary\n\nWe will ask people who use the service. They will tell us what "
      "matters.\n";
  // A reference stamp above the title, smaller than the text and apart from it: dropped.
  LoadResult stamp = page_with({{72, 775, 8, "REF-APP2 | Research for Patient Benefit"}});
  REQUIRE(stamp.ok);
  CHECK(stamp.doc.source.bytes == text);
  // The same line set like the text, or close above it, is kept.
  LoadResult same_size = page_with({{72, 775, 11, "REF-APP2 | Research for Patient Benefit"}});
  REQUIRE(same_size.ok);
  CHECK(same_size.doc.source.bytes.starts_with("REF-APP2"));
  LoadResult close = page_with({{72, 740, 8, "REF-APP2 | Research for Patient Benefit"}});
  REQUIRE(close.ok);
  CHECK(close.doc.source.bytes.starts_with("REF-APP2"));
  // A small line at the foot of the page may be a footnote: kept.
  LoadResult note = load_pdf(make_pdf({{body[0], body[1], body[2], {72, 60, 8, "Source: ONS"}}}));
  REQUIRE(note.ok);
  CHECK(note.doc.source.bytes.find("Source: ONS") != std::string::npos);
}

TEST_CASE("pdf: files that cannot be read are clear errors", "[format][pdf][bad-input]") {
  auto error_of = [](const std::string& bytes) {
    LoadResult r = load_pdf(bytes);
    CHECK_FALSE(r.ok);
    CHECK(r.doc.source.bytes.empty());
    return r.error;
  };
  CHECK(error_of("") == "the PDF file is empty");
  CHECK(error_of("this is not a PDF at all") == "the PDF file is damaged or not a PDF");
  CHECK(error_of(std::string("%PDF-1.4\n\0\0\0garbage", 20)) ==
        "the PDF file is damaged or not a PDF");
  CHECK_THAT(error_of(make_pdf(two_page_application(), {.encrypted = true})),
             Catch::StartsWith("the PDF is encrypted with a password"));
  CHECK(error_of(make_pdf({{}, {}})) == "the PDF has no text layer (a scanned image?)");
  // Damaged in the middle: poppler rebuilds what it can or refuses, never a crash.
  std::string damaged = make_pdf(two_page_application());
  for (std::size_t i = damaged.size() / 3; i < damaged.size() / 2; i += 7) damaged[i] = '\xff';
  LoadResult r = load_pdf(damaged);
  CHECK((r.ok || !r.error.empty()));
  const std::string truncated = make_pdf(two_page_application()).substr(0, 300);
  LoadResult t = load_pdf(truncated);
  CHECK((t.ok || !t.error.empty()));
}

TEST_CASE("pdf: real grant applications, when the corpus is present", "[format][pdf][corpus]") {
  const std::filesystem::path folder = "/work/shared/corpora/real-grants/pdf";
  if (!std::filesystem::is_directory(folder)) {
    WARN("SKIPPED: " << folder << " is not present");
    return;
  }
  std::size_t files = 0, bytes = 0;
  double seconds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".pdf") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    const std::string pdf = content.str();
    const auto start = std::chrono::steady_clock::now();
    LoadResult r = load_pdf(pdf, entry.path().string());
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO(entry.path() << ": " << r.error);
    REQUIRE(r.ok);
    CHECK(r.doc.source.bytes.size() > 1000);
    CHECK(r.doc.tokens.size() > 200);
    CHECK(r.doc.page_starts.size() >= 1);
    CHECK(std::is_sorted(r.doc.page_starts.begin(), r.doc.page_starts.end()));
    ++files;
    bytes += pdf.size();
  }
  WARN("PDF corpus: " << files << " files, " << bytes / 1024 << " KB in " << seconds << " s");
}
