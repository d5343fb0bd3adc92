// One batch submission as every batch reporter reads it: where it came from, what linting it
// produced, and its scorecard. Reporters receive records one at a time, in input order.
//
// Every reporter reads the record's JSON Lines record (`line`, and `json`, the same parsed), so
// that records of an earlier run read back from its JSON Lines output (--resume) are reported
// exactly like new ones. A new record also keeps its Document, for the reports that show the text.
#pragma once
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/ruleset.h"
#include "report/outcome.h"
#include "report/scorecard.h"

namespace sayso {

// Where one field of a form row (a CSV cell or a JSON Lines field) lies, in the export file and in
// the Markdown document made of the row.
struct FormField {
  std::string name;                // the column name (CSV header) or the JSON key
  std::size_t number = 0;          // 1-based column of a CSV file (a quoted cell may span lines);
                                   // 0 for JSON Lines (a row is one line)
  std::size_t line = 0;            // 1-based line of the export file where the field's text starts
  std::size_t begin = 0, end = 0;  // the field's text in the row's document
};

// How many findings a submission has in all, when its record lists only some of them.
struct FindingCounts {
  std::size_t total = 0;
  std::map<std::string, std::size_t> by_severity, by_category;
};

// A submission whose id an earlier one of the batch already had: the record has another id.
struct DuplicateId {
  std::string given;       // the id in the input
  std::string first_seen;  // where that id was first seen ("row 1 of forms.csv", a path)
};

// A batch's settings each on its own, (name, value) pairs in a fixed order (see
// batch/settings_fingerprint.h).
using SettingsParts = std::vector<std::pair<std::string, std::string>>;

// The earlier submission of the batch whose text a submission repeats.
struct SameTextAs {
  std::string id;
  std::string path;
  std::optional<std::size_t> row;
};

struct SubmissionRecord {
  std::string id;
  std::string title;               // a form row's title (the map's title column); "" when none
  std::string path;                // the file, or "-" for standard input
  std::optional<std::size_t> row;  // 1-based row of a CSV/JSON Lines form export
  std::string format;              // "markdown", "text", "docx", "csv", "jsonl", ...
  FileOutcome outcome;             // ok/error, the document and its diagnostics
  std::optional<Scorecard> scorecard;
  std::vector<FormField> fields;  // form rows: where each mapped field came from
  // Findings left out of `outcome.diagnostics` by --max-findings, and the counts of them all (not
  // of the note that says some were left out).
  std::size_t findings_omitted = 0;
  FindingCounts all_findings;
  std::optional<DuplicateId> duplicate;  // set when the input's id was already taken
  std::string settings;                  // the run's settings fingerprint ("" = none recorded)
  std::shared_ptr<const SettingsParts> settings_parts;  // the same settings each on its own
  // The fingerprint of the submission's text (see batch/duplicate_texts.h); "" when it has none
  // (an error record, an empty text).
  std::string text_fingerprint;
  std::optional<SameTextAs> same_text_as;  // an earlier submission has the same text
  const RuleSet* rules = nullptr;  // the rules that linted it (valid while the record is handed on)
  std::string line;                // the JSON Lines record, without the line break
  nlohmann::ordered_json json;     // `line` parsed, for the reporters that read it
  bool resumed = false;            // read back from an earlier run's JSON Lines output
};

// The JSON Lines record, on one line: {"id","title" (only when the map names a title column and
// the row has one),"path","row","format","status","error","sections","diagnostics","scorecard"};
// sections and diagnostics exactly as in check's JSON, each finding with, where the format allows,
// "page" (PDF), "paragraph" (DOCX, ODT: the nth paragraph, heading, list item or table cell with
// text) or, in a form row, "source_line" (the line of the export file), "field" (the column or key)
// and "field_number" (the CSV column, 1-based). Then, only when they apply: "findings_omitted"
// and "findings_total" ({"diagnostics", "by_severity", "by_category"}, the counts of every finding,
// the listed ones and those left out, not the sayso.findings-left-out note that the list then
// holds at the document's start), "duplicate_id" ({"given", "first_seen"}),
// "text_fingerprint" (16 hex digits), "duplicate_of" ({"id", "path", "row"}: an earlier
// submission with the same text), "settings_parts" (the settings each on its own, an object);
// and last "settings", the fingerprint of the run's settings (--resume compares it).
std::string record_line(const SubmissionRecord& record);

// Sets record.line and, when a reporter will read it, record.json (done on the worker thread).
// First writes the record's names (id, title, path, those of duplicate and same_text_as) as valid
// UTF-8 (escape_invalid_utf8), so that every report names a file the same way.
void seal_record(SubmissionRecord& record, bool with_json = true);

// A record read back from a JSON Lines line of an earlier run (no Document). Nullopt when the
// line is not a record (not a JSON object with a string "id").
std::optional<SubmissionRecord> record_from_line(std::string line);

// The counts of every finding of a record: its "findings_total" when it left some out, else its
// "diagnostics" counted.
FindingCounts record_finding_counts(const SubmissionRecord& record);

// True when the record's JSON says "status": "ok".
bool record_ok(const SubmissionRecord& record);

// The involvement evidence checklist of a record's scorecard: (item, present), the items shown
// first, then the missing ones.
std::vector<std::pair<std::string, bool>> record_evidence(const SubmissionRecord& record);

// Reading a record's JSON defensively: a record read back may come from another version.
// The value of `key` in `object`, or null when it is absent or `object` is not an object.
const nlohmann::ordered_json& json_field(const nlohmann::ordered_json& object, const char* key);
// The string at `key`, or "" when it is not a string.
std::string json_text(const nlohmann::ordered_json& object, const char* key);
// The number at `key`, or nullopt when it is not a non-negative integer.
std::optional<std::size_t> json_count(const nlohmann::ordered_json& object, const char* key);

// Receives every record of a batch in input order, then finish() once.
class SubmissionSink {
 public:
  virtual ~SubmissionSink() = default;
  virtual void add(const SubmissionRecord& record) = 0;
  virtual void finish() = 0;
  // Whether add() reads record.json (else record.line only).
  virtual bool reads_json() const { return true; }
};

// One JSON line per record, flushed at once (the streaming mode).
class JsonLinesSink : public SubmissionSink {
 public:
  explicit JsonLinesSink(std::ostream& out) : out_(out) {}
  void add(const SubmissionRecord& record) override;
  void finish() override;
  bool reads_json() const override { return false; }

 private:
  std::ostream& out_;
};

}  // namespace sayso
