#include "report/findings_csv.h"

#include "report/csv.h"
#include "report/json.h"

namespace sayso {
namespace {

// A cell from a value of check's JSON: strings as they are, numbers written out, null empty.
std::string cell_of(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  if (value.is_array()) {
    std::string joined;
    for (const auto& item : value) joined += (joined.empty() ? "" : " | ") + cell_of(item);
    return joined;
  }
  return value.dump();
}

void write_row(std::ostream& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << cells[i];
  out << "\r\n";
}

}  // namespace

const std::vector<std::string>& findings_csv_columns() {
  static const std::vector<std::string> columns = {
      "path",     "status",   "error", "line",    "column",  "end_line", "end_column",
      "severity", "category", "rule",  "section", "message", "text",     "suggestions"};
  return columns;
}

void write_findings_csv(std::ostream& out, const std::vector<FileOutcome>& outcomes) {
  const auto& columns = findings_csv_columns();
  std::vector<std::string> header;
  for (const auto& name : columns) header.push_back(csv_field(name));
  write_row(out, header);
  for (const FileOutcome& outcome : outcomes) {
    const std::string path = csv_text_field(outcome.path);
    const std::string status = outcome.ok ? "ok" : "error";
    if (!outcome.ok || !outcome.doc || outcome.diagnostics.empty()) {
      std::vector<std::string> row(columns.size());
      row[0] = path;
      row[1] = status;
      row[2] = csv_text_field(outcome.ok ? "" : outcome.error);
      write_row(out, row);
      continue;
    }
    FindingPlaces places(*outcome.doc);  // as in check's JSON
    for (const Diagnostic& d : outcome.diagnostics) {
      const nlohmann::json finding = diagnostic_json(places, d);
      std::vector<std::string> row = {path, status, ""};
      for (std::size_t i = 3; i < columns.size(); ++i)
        row.push_back(csv_text_field(cell_of(finding.value(columns[i], nlohmann::json()))));
      write_row(out, row);
    }
  }
}

}  // namespace sayso
