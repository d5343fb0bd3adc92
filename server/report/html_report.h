// A self-contained HTML report of a batch (no network assets: inline CSS, JavaScript and SVG):
// an overview with charts (findings by category, evidence coverage, reading-age distribution), a
// sortable and filterable table of submissions (a plain table without JavaScript), and a section
// per submission with its scorecard, its findings and its text with the findings marked.
// Accessible (landmarks, headings, table headers with scope, labels in text, not colour alone)
// and printable. Submission sections are spooled to a temporary file as records arrive, so memory
// holds only one summary row per submission.
#pragma once
#include <cstdio>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/submission_record.h"

namespace sayso {

// The report's <meta name="generator">, by which a later folder walk knows it is not a submission.
inline constexpr std::string_view kHtmlReportGenerator =
    "<meta name=\"generator\" content=\"sayso batch\">";

// Escapes & < > " ' for HTML text and attribute values.
std::string html_escape(std::string_view text);
// Escapes & < > only: for text between tags, where quotes need no escape (an application's text
// is full of apostrophes, and each &#39; is five bytes for one).
std::string html_text(std::string_view text);

// The document text as HTML with each finding in a <mark> that starts with its category as text
// and whose data-f is the finding's index in `diagnostics` (the report's script makes the
// finding's line in the list its tooltip, so the message is not written twice). Findings that
// overlap an earlier one, and document-level findings, are not marked (they are listed with the
// others).
std::string highlighted_text_html(const Document& doc, const std::vector<Diagnostic>& diagnostics);

class HtmlReport : public SubmissionSink {
 public:
  // `settings` says in words what the findings were made with (profile, settings file), so a
  // reader can tell two runs apart; "" says nothing.
  explicit HtmlReport(std::ostream& out, std::string settings = "");
  ~HtmlReport() override;
  void add(const SubmissionRecord& record) override;
  void finish() override;

  struct Row {  // what the overview and the table need of one submission
    std::string anchor, id, title, path, format, error;
    bool ok = false;
    std::size_t findings = 0, errors = 0, warnings = 0, tokenism = 0;
    std::map<std::string, std::size_t> by_category;
    bool has_summary = false;
    std::size_t summary_words = 0;
    long summary_limit = -1;
    long summary_characters = -1, summary_character_limit = -1;  // -1: the form states none
    double reading_age = 0;
    bool has_reading_age = false;  // a summary with words (an empty one has no reading age)
    std::string involvement_level;
    std::map<std::string, bool> evidence;
    // An earlier submission with the same text: its id and anchor ("" when none, or when it is
    // not in the report).
    std::string same_text_as, same_text_anchor;
  };

 private:
  std::ostream& out_;
  std::string settings_;
  std::FILE* spool_;  // the submission sections, in order
  std::vector<Row> rows_;
  std::vector<std::string> evidence_items_;  // in order of first appearance
  std::map<std::string, std::string> anchor_of_id_;
};

}  // namespace sayso
