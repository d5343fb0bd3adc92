// CSV report of a batch: one row per submission with counts by category and severity, word
// counts, the plain-English summary's figures, the involvement level (and its place on the IAP2
// scale, 1 inform to 5 empower, to sort by), the id of an earlier submission with the same text
// (duplicate_of) and one column per evidence checklist item (present/missing). RFC 4180 quoting;
// UTF-8, by default after a byte order mark (EF BB BF), by which Excel knows the encoding: without
// it, Excel on Windows reads the file in the computer's code page and shows "Zoë" as "ZoÃ«". The
// counts are of every finding, those a record left out under --max-findings included (its
// "findings_total"). A submission that could not be read (an error record) has its status and
// error, and empty count and figure cells.
#pragma once
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "report/submission_record.h"

namespace sayso {

// A CSV field, quoted when it must be (comma, quote, line break, leading or trailing space), each
// byte that is not UTF-8 written as escape_invalid_utf8 writes it.
std::string csv_field(const std::string& value);
// As csv_field, for text that came from a submission (ids, paths, titles, errors, a finding's
// text): a leading = + - @ is prefixed with ' so a spreadsheet shows it instead of running it as
// a formula, and so is a leading ' itself: taking one ' off a cell that starts with one gives the
// value back (to join on ids, docs/guide-funders.md).
std::string csv_text_field(const std::string& value);

class CsvReport : public SubmissionSink {
 public:
  // `byte_order_mark`: start the file with one (see above).
  explicit CsvReport(std::ostream& out, bool byte_order_mark = false)
      : out_(out), byte_order_mark_(byte_order_mark) {}
  void add(const SubmissionRecord& record) override;
  // Writes the header and every row (the evidence columns are known only at the end).
  void finish() override;

  static const std::vector<std::string>& fixed_columns();

 private:
  struct Row {
    std::vector<std::string> cells;        // as fixed_columns(), already escaped
    std::map<std::string, bool> evidence;  // checklist item → present
  };
  std::ostream& out_;
  bool byte_order_mark_;
  std::vector<Row> rows_;
  std::vector<std::string> evidence_items_;  // in order of first appearance
};

}  // namespace sayso
