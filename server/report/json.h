// JSON output, version 1 (the contract in design.md).
#pragma once
#include <ostream>

#include <nlohmann/json.hpp>

#include "report/json_writer.h"
#include "report/outcome.h"

namespace sayso {

nlohmann::json diagnostic_json(const Document& doc, const Diagnostic& d);
nlohmann::json sections_json(const Document& doc);
nlohmann::json file_json(const FileOutcome& outcome);
// {"files", "diagnostics", "by_severity", "by_category" (the contract's), "files_with_errors"
// (files with at least one error-severity finding), "files_not_read" (files whose status is
// "error")}.
nlohmann::json summary_json(const std::vector<FileOutcome>& outcomes);
// The whole report: {"version": 1, "tool": ..., "files": [...], "summary": ...}.
nlohmann::json report_json(const std::vector<FileOutcome>& outcomes);
// Writes report_json(outcomes).dump(2) byte for byte, without building the tree first: large
// reports hold tens of thousands of findings. Invalid UTF-8 in a text is written as U+FFFD.
void write_report_json(std::ostream& out, const std::vector<FileOutcome>& outcomes);

// cli_position over findings in document order, walking each line once.
class CliPositions {
 public:
  explicit CliPositions(const Document& doc);
  CliPosition at(std::size_t byte);

 private:
  const Document& doc_;
  PositionCursor cursor_;
};

// The keys of one finding in check's JSON (byte_end ... text, sorted), inside an open object:
// batch records add where the finding is in the source after them.
void write_diagnostic_keys(JsonWriter& w, const Document& doc, const Diagnostic& d,
                           CliPosition start, CliPosition end);
// check's "sections" array.
void write_sections_json(JsonWriter& w, const Document& doc);

}  // namespace sayso
