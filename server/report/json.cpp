#include "report/json.h"

#include <map>

namespace sayso {

CliPosition cli_position(const Document& doc, std::size_t byte) {
  LineColumn p = doc.lines.to_position(byte, ColumnUnit::CodePoints);
  std::size_t column = p.column;
  if (p.line == 0 && doc.source.had_bom && column > 0) --column;  // the BOM is not a visible column
  return {static_cast<std::size_t>(p.line) + 1, column + 1};
}

nlohmann::json diagnostic_json(const Document& doc, const Diagnostic& d) {
  const CliPosition start = cli_position(doc, d.begin), end = cli_position(doc, d.end);
  nlohmann::json j = {
      {"rule", d.rule_id},
      {"category", d.category},
      {"severity", std::string(severity_name(d.severity))},
      {"message", d.message},
      {"line", start.line},
      {"column", start.column},
      {"end_line", end.line},
      {"end_column", end.column},
      {"byte_start", d.begin},
      {"byte_end", d.end},
      {"text", doc.source.bytes.substr(d.begin, d.end - d.begin)},
      {"section", d.section_kind},
      {"suggestions", d.suggestions},
  };
  return j;
}

nlohmann::json sections_json(const Document& doc) {
  nlohmann::json out = nlohmann::json::array();
  for (const Section& s : doc.sections) {
    std::size_t words = doc.word_count(s.begin, s.end);
    if (s.has_heading()) words -= std::min(words, doc.word_count(s.heading_begin, s.heading_end));
    out.push_back({{"kind", s.kind},
                   {"title", s.title},
                   {"line", cli_position(doc, s.has_heading() ? s.heading_begin : s.begin).line},
                   {"words", words}});
  }
  return out;
}

nlohmann::json file_json(const FileOutcome& outcome) {
  nlohmann::json j = {
      {"path", outcome.path},
      {"status", outcome.ok ? "ok" : "error"},
      {"error", outcome.ok ? nlohmann::json(nullptr) : nlohmann::json(outcome.error)},
      {"sections", nlohmann::json::array()},
      {"diagnostics", nlohmann::json::array()}};
  if (outcome.ok && outcome.doc) {
    j["format"] = outcome.doc->format;
    j["sections"] = sections_json(*outcome.doc);
    for (const auto& d : outcome.diagnostics)
      j["diagnostics"].push_back(diagnostic_json(*outcome.doc, d));
  }
  return j;
}

nlohmann::json summary_json(const std::vector<FileOutcome>& outcomes) {
  std::map<std::string, std::size_t> by_severity, by_category;
  std::size_t total = 0, errors = 0;
  for (const auto& o : outcomes) {
    errors += !o.ok;
    for (const auto& d : o.diagnostics) {
      ++total;
      ++by_severity[std::string(severity_name(d.severity))];
      ++by_category[d.category];
    }
  }
  return {{"files", outcomes.size()},
          {"diagnostics", total},
          {"files_with_errors", errors},
          {"by_severity", by_severity},
          {"by_category", by_category}};
}

nlohmann::json report_json(const std::vector<FileOutcome>& outcomes) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& o : outcomes) files.push_back(file_json(o));
  return {{"version", 1},
          {"tool", {{"name", "sayso"}, {"version", SAYSO_VERSION}}},
          {"files", files},
          {"summary", summary_json(outcomes)}};
}

}  // namespace sayso
