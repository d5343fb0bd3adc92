// Batch reporters: CSV quoting, HTML escaping and highlighting, SARIF levels and URIs, progress.
#include <catch2/catch.hpp>

#include <sstream>

#include "batch/progress.h"
#include "report/csv.h"
#include "report/html_report.h"
#include "report/sarif.h"
#include "test_helpers.h"

using namespace sayso;

TEST_CASE("CSV fields are quoted only when they must be", "[batch][report]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field(" padded") == "\" padded\"");
  CHECK(csv_text_field("=SUM(A1)") == "'=SUM(A1)");
  CHECK(csv_text_field("-1,2") == "\"'-1,2\"");
}

TEST_CASE("HTML escaping covers text and attributes", "[batch][report]") {
  CHECK(html_escape("<a href=\"x\">Tom & Jo's</a>") ==
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jo&#39;s&lt;/a&gt;");
}

TEST_CASE("Highlighted text marks findings with their category as text", "[batch][report]") {
  Document doc = testing::load("We will <b>utilise</b> data.\n", "doc.txt");
  Diagnostic d;
  d.category = "jargon";
  d.message = "Try 'use'.";
  d.begin = 11;
  d.end = 18;
  Diagnostic overlapping = d;
  overlapping.begin = 12;
  overlapping.end = 14;
  Diagnostic whole_document = d;
  whole_document.begin = whole_document.end = 0;
  std::string html = highlighted_text_html(doc, {d, overlapping, whole_document});
  CHECK(html ==
        "We will &lt;b&gt;<mark data-f=\"0\"><span class=\"tag\">jargon</span>"
        "utilise</mark>&lt;/b&gt; data.\n");
}

TEST_CASE("SARIF levels and URIs", "[batch][report]") {
  CHECK(sarif_level(Severity::Error) == "error");
  CHECK(sarif_level(Severity::Warning) == "warning");
  CHECK(sarif_level(Severity::Info) == "note");
  CHECK(sarif_level(Severity::Hint) == "note");
  CHECK(path_to_uri("apps/app 1.md") == "apps/app%201.md");
  CHECK(path_to_uri("/data/a#b.csv") == "file:///data/a%23b.csv");
}

TEST_CASE("The progress bar shows done/total, rate and time left", "[batch][report]") {
  CHECK(ProgressBar::render(50, 100, 10) ==
        "[###############---------------] 50/100 5.0/s, 0m10s left");
  CHECK(ProgressBar::render(7, 0, 2) == "7 done, 3.5/s, 0m02s elapsed");
  std::ostringstream quiet;
  ProgressBar off(quiet, false, 10);
  off.advance();
  off.finish();
  CHECK(quiet.str().empty());
}
