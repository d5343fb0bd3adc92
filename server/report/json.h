// JSON output, version 1 (the contract in design.md).
#pragma once
#include <ostream>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/source.h"
#include "report/json_writer.h"
#include "report/outcome.h"

namespace sayso {

// The output contracts' section kind (sections[].kind, diagnostics[].section): design.md's
// canonical kinds, and "document" for the text before the first heading, as they are; a kind
// sayso has only inside ("references") is "other", the section's title still saying what it is.
std::string_view contract_section_kind(std::string_view kind);

// Where a finding that judges a whole section (Diagnostic::whole_section) is placed.
enum class WholeSectionPlace {
  heading_start,  // the contracts': at its heading's start (or the document's), with no text
  over_heading,   // over the heading, as the engine gives it: the web page names the section
                  // from `text`
};

// cli_position over findings in document order, walking each line once.
class CliPositions {
 public:
  explicit CliPositions(const Document& doc);
  CliPosition at(std::size_t byte);

 private:
  const Document& doc_;
  PositionCursor cursor_;
};

// Where one finding is, as the output contracts give it.
struct FindingPlace {
  CliPosition start, end;
  std::size_t byte_start = 0, byte_end = 0;  // into the file's bytes, a transcoded file's too
  std::string_view text;                     // the flagged text, UTF-8
};

// FindingPlace of the findings of one document: line and column walks each line once over
// findings in document order; a transcoded file's offset map is made once.
class FindingPlaces {
 public:
  explicit FindingPlaces(const Document& doc,
                         WholeSectionPlace whole = WholeSectionPlace::heading_start);
  FindingPlace of(const Diagnostic& d);
  const Document& doc() const { return doc_; }

 private:
  const Document& doc_;
  WholeSectionPlace whole_;
  CliPositions starts_, ends_;
  FileOffsets file_offsets_;
};

// One finding as in check's JSON. The default keeps a whole-section finding over its heading,
// for the web page (server/web), which reads the section's name from `text`.
nlohmann::json diagnostic_json(const Document& doc, const Diagnostic& d,
                               WholeSectionPlace whole = WholeSectionPlace::over_heading);
// The same for many findings of one document (the map of a transcoded file is made once).
nlohmann::json diagnostic_json(FindingPlaces& places, const Diagnostic& d);
nlohmann::json sections_json(const Document& doc);
// A file's entry; its path as escape_invalid_utf8 writes it, so that every report names a file
// the same way and two names stay two.
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

// The keys of one finding in check's JSON (byte_end ... text, sorted), inside an open object:
// batch records add where the finding is in the source after them.
void write_diagnostic_keys(JsonWriter& w, const Diagnostic& d, const FindingPlace& place);
// check's "sections" array.
// `involvement`: the level of each involvement section, written with it (none: not written).
void write_sections_json(JsonWriter& w, const Document& doc,
                         const std::vector<InvolvementReading>& involvement = {});

}  // namespace sayso
