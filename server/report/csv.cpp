#include "report/csv.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/source.h"
#include "report/scorecard.h"

namespace sayso {
namespace {

std::string join(const std::vector<std::string>& items, const char* separator) {
  return fmt::format("{}", fmt::join(items, separator));
}

using nlohmann::ordered_json;

// The fixed columns after the scorecard's: title, findings_omitted, id_given,
// involvement_level_rank, duplicate_of, summary_characters, summary_character_limit,
// involvement_section.
constexpr std::size_t kColumnsAfterScorecard = 8;

// Items of a JSON array of strings, joined.
std::string joined_texts(const ordered_json& array, const char* separator) {
  std::vector<std::string> items;
  if (array.is_array())
    for (const auto& item : array)
      if (item.is_string()) items.push_back(item.get<std::string>());
  return join(items, separator);
}

std::string count_cell(const ordered_json& object, const char* key) {
  auto n = json_count(object, key);
  return n ? std::to_string(*n) : "";
}

// The cells from "words" on, read from the record's scorecard.
void add_scorecard_cells(const ordered_json& card, std::vector<std::string>& cells) {
  const ordered_json& summary = json_field(card, "plain_english_summary");
  const bool summary_present = json_field(summary, "present") == true;
  const ordered_json& age = json_field(summary, "reading_age");
  const ordered_json& involvement = json_field(card, "involvement");
  cells.push_back(count_cell(card, "words"));
  cells.push_back(summary_present ? count_cell(summary, "words") : "");
  cells.push_back(count_cell(summary, "word_limit"));
  cells.push_back(summary_present && age.is_number() ? fmt::format("{:.1f}", age.get<double>())
                                                     : "");
  cells.push_back(summary_present ? count_cell(summary, "jargon") : "");
  cells.push_back(csv_field(json_text(involvement, "highest_level")));
  cells.push_back(count_cell(involvement, "tokenism"));
  cells.push_back(
      csv_field(joined_texts(json_field(json_field(card, "structure"), "missing_sections"), "; ")));
}

// The involvement level's place on the IAP2 scale, 1 (inform) to 5 (empower), so that a
// spreadsheet sorts the levels in their order, not by name; empty for no level.
std::string involvement_level_rank_cell(const ordered_json& card) {
  const int rank =
      involvement_level_rank(json_text(json_field(card, "involvement"), "highest_level"));
  return rank < 0 ? "" : std::to_string(rank + 1);
}

std::vector<std::string> record_cells(const SubmissionRecord& record) {
  const ordered_json& json = record.json;
  const bool ok = record_ok(record);
  const FindingCounts counts = record_finding_counts(record);
  const std::size_t findings = counts.total;
  std::map<std::string, std::size_t> by_severity = counts.by_severity,
                                     by_category = counts.by_category;
  // A submission that could not be read has no counts, as it has no scorecard: its cells are
  // empty, not 0 (which would rank it among the cleanest).
  const auto count = [ok](std::size_t n) { return ok ? std::to_string(n) : std::string(); };
  std::vector<std::string> cells = {csv_text_field(record.id),
                                    csv_text_field(record.path),
                                    record.row ? std::to_string(*record.row) : "",
                                    csv_field(record.format),
                                    ok ? "ok" : "error",
                                    csv_text_field(ok ? "" : record.outcome.error),
                                    count(findings)};
  for (const char* severity : {"error", "warning", "info", "hint"})
    cells.push_back(count(by_severity[severity]));
  for (const auto& category : category_names()) cells.push_back(count(by_category[category]));
  const ordered_json& card = json_field(json, "scorecard");
  if (ok && card.is_object())
    add_scorecard_cells(card, cells);
  else
    cells.resize(CsvReport::fixed_columns().size() - kColumnsAfterScorecard);
  cells.push_back(csv_text_field(record.title));
  cells.push_back(count(json_count(json, "findings_omitted").value_or(0)));
  cells.push_back(csv_text_field(json_text(json_field(json, "duplicate_id"), "given")));
  cells.push_back(ok ? involvement_level_rank_cell(card) : "");
  cells.push_back(csv_text_field(json_text(json_field(json, "duplicate_of"), "id")));
  // A form's character limit for the summary, with its characters counted the form's way.
  const ordered_json& summary = json_field(card, "plain_english_summary");
  cells.push_back(ok ? count_cell(summary, "characters") : "");
  cells.push_back(ok ? count_cell(summary, "character_limit") : "");
  // A blank involvement level means no section, or a section with no level words: this says which.
  const ordered_json& involvement = json_field(card, "involvement");
  cells.push_back(!ok || !involvement.is_object()              ? ""
                  : json_field(involvement, "present") == true ? "present"
                                                               : "absent");
  return cells;
}

}  // namespace

std::string csv_field(const std::string& raw) {
  const std::string value = escape_invalid_utf8(raw);  // the file is UTF-8, and names stay two
  const bool needs_quotes = value.find_first_of(",\"\r\n") != std::string::npos ||
                            (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!needs_quotes) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_text_field(const std::string& value) {
  // A value that starts with ' gets one more, so that taking one ' off any cell that starts with
  // one gives the value back (a join with the JSON Lines by id).
  if (!value.empty() && std::string_view("=+-@'").find(value.front()) != std::string_view::npos)
    return csv_field("'" + value);
  return csv_field(value);
}

const std::vector<std::string>& CsvReport::fixed_columns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> c = {"id", "path", "row", "format", "status", "error", "diagnostics"};
    for (const char* severity : {"error", "warning", "info", "hint"})
      c.push_back(std::string("severity_") + severity);
    for (const auto& category : category_names()) c.push_back("category_" + category);
    for (const char* name : {"words", "summary_words", "summary_word_limit", "summary_reading_age",
                             "summary_jargon", "involvement_level", "tokenism", "missing_sections"})
      c.push_back(name);
    // Later columns go after the first ones, which stay as they were.
    for (const char* name :
         {"title", "findings_omitted", "id_given", "involvement_level_rank", "duplicate_of",
          "summary_characters", "summary_character_limit", "involvement_section"})
      c.push_back(name);
    return c;
  }();
  return columns;
}

void CsvReport::add(const SubmissionRecord& record) {
  Row row;
  row.cells = record_cells(record);
  if (record_ok(record))
    for (const auto& [name, present] : record_evidence(record)) {
      row.evidence[name] = present;
      if (std::find(evidence_items_.begin(), evidence_items_.end(), name) == evidence_items_.end())
        evidence_items_.push_back(name);
    }
  rows_.push_back(std::move(row));
}

void CsvReport::finish() {
  if (byte_order_mark_) out_ << "\xEF\xBB\xBF";
  std::vector<std::string> header = fixed_columns();
  for (const auto& item : evidence_items_) header.push_back(csv_field("evidence: " + item));
  out_ << join(header, ",") << "\r\n";
  for (const Row& row : rows_) {
    std::vector<std::string> cells = row.cells;
    for (const auto& item : evidence_items_) {
      auto it = row.evidence.find(item);
      cells.push_back(it == row.evidence.end() ? "" : it->second ? "present" : "missing");
    }
    out_ << join(cells, ",") << "\r\n";
  }
  out_.flush();
}

}  // namespace sayso
