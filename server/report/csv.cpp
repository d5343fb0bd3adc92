#include "report/csv.h"

#include <algorithm>

#include <fmt/format.h>

namespace sayso {
namespace {

std::string join(const std::vector<std::string>& items, const char* separator) {
  return fmt::format("{}", fmt::join(items, separator));
}

std::vector<std::string> record_cells(const SubmissionRecord& record) {
  const FileOutcome& outcome = record.outcome;
  const bool ok = outcome.ok && outcome.doc;
  std::map<std::string, std::size_t> by_severity, by_category;
  for (const Diagnostic& d : outcome.diagnostics) {
    ++by_severity[std::string(severity_name(d.severity))];
    ++by_category[d.category];
  }
  std::vector<std::string> cells = {csv_text_field(record.id),
                                    csv_text_field(record.path),
                                    record.row ? std::to_string(*record.row) : "",
                                    csv_field(record.format),
                                    ok ? "ok" : "error",
                                    csv_text_field(ok ? "" : outcome.error),
                                    std::to_string(outcome.diagnostics.size())};
  for (const char* severity : {"error", "warning", "info", "hint"})
    cells.push_back(std::to_string(by_severity[severity]));
  for (const auto& category : category_names())
    cells.push_back(std::to_string(by_category[category]));
  if (!ok || !record.scorecard) {
    cells.resize(CsvReport::fixed_columns().size());
    return cells;
  }
  const Scorecard& card = *record.scorecard;
  cells.push_back(std::to_string(card.words));
  cells.push_back(card.summary.present ? std::to_string(card.summary.words) : "");
  cells.push_back(card.summary.word_limit ? std::to_string(*card.summary.word_limit) : "");
  cells.push_back(card.summary.present ? fmt::format("{:.1f}", card.summary.reading_age) : "");
  cells.push_back(card.summary.present ? std::to_string(card.summary.jargon) : "");
  cells.push_back(csv_field(card.involvement.highest_level));
  cells.push_back(std::to_string(card.involvement.tokenism));
  cells.push_back(csv_field(join(card.structure.missing_sections, "; ")));
  return cells;
}

}  // namespace

std::string csv_field(const std::string& value) {
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
  if (!value.empty() && std::string_view("=+-@").find(value.front()) != std::string_view::npos)
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
    return c;
  }();
  return columns;
}

void CsvReport::add(const SubmissionRecord& record) {
  Row row;
  row.cells = record_cells(record);
  if (record.outcome.ok && record.scorecard)
    for (const ChecklistItem& item : record.scorecard->involvement.evidence) {
      row.evidence[item.name] = item.present;
      if (std::find(evidence_items_.begin(), evidence_items_.end(), item.name) ==
          evidence_items_.end())
        evidence_items_.push_back(item.name);
    }
  rows_.push_back(std::move(row));
}

void CsvReport::finish() {
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
