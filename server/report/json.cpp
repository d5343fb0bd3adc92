#include "report/json.h"

#include <algorithm>
#include <map>
#include <string_view>

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
    if (!outcome.doc->source.decoded_from.empty()) j["encoding"] = outcome.doc->source.decoded_from;
    j["sections"] = sections_json(*outcome.doc);
    for (const auto& d : outcome.diagnostics)
      j["diagnostics"].push_back(diagnostic_json(*outcome.doc, d));
  }
  return j;
}

namespace {

// The figures of the report's "summary".
struct SummaryCounts {
  std::map<std::string, std::size_t> by_severity, by_category;
  std::size_t diagnostics = 0;
  std::size_t files_with_errors = 0;  // files with at least one error-severity finding
  std::size_t files_not_read = 0;     // files whose status is "error" (unreadable, unsupported)
};

SummaryCounts summary_counts(const std::vector<FileOutcome>& outcomes) {
  SummaryCounts counts;
  for (const auto& o : outcomes) {
    counts.files_not_read += !o.ok;
    bool has_error = false;
    for (const auto& d : o.diagnostics) {
      ++counts.diagnostics;
      ++counts.by_severity[std::string(severity_name(d.severity))];
      ++counts.by_category[d.category];
      has_error |= d.severity == Severity::Error;
    }
    counts.files_with_errors += has_error;
  }
  return counts;
}

}  // namespace

nlohmann::json summary_json(const std::vector<FileOutcome>& outcomes) {
  const SummaryCounts counts = summary_counts(outcomes);
  return {{"files", outcomes.size()},
          {"diagnostics", counts.diagnostics},
          {"files_with_errors", counts.files_with_errors},
          {"files_not_read", counts.files_not_read},
          {"by_severity", counts.by_severity},
          {"by_category", counts.by_category}};
}

nlohmann::json report_json(const std::vector<FileOutcome>& outcomes) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& o : outcomes) files.push_back(file_json(o));
  return {{"version", 1},
          {"tool", {{"name", "sayso"}, {"version", SAYSO_VERSION}}},
          {"files", files},
          {"summary", summary_json(outcomes)}};
}

CliPositions::CliPositions(const Document& doc)
    : doc_(doc), cursor_(doc.lines, ColumnUnit::CodePoints) {}

CliPosition CliPositions::at(std::size_t byte) {
  const LineColumn p = cursor_.to_position(byte);
  std::size_t column = p.column;
  if (p.line == 0 && doc_.source.had_bom && column > 0) --column;
  return {static_cast<std::size_t>(p.line) + 1, column + 1};
}

void write_diagnostic_keys(JsonWriter& w, const Document& doc, const Diagnostic& d,
                           CliPosition start, CliPosition end) {
  w.key("byte_end");
  w.value(d.end);
  w.key("byte_start");
  w.value(d.begin);
  w.key("category");
  w.value(d.category);
  w.key("column");
  w.value(start.column);
  w.key("end_column");
  w.value(end.column);
  w.key("end_line");
  w.value(end.line);
  w.key("line");
  w.value(start.line);
  w.key("message");
  w.value(d.message);
  w.key("rule");
  w.value(d.rule_id);
  w.key("section");
  w.value(d.section_kind);
  w.key("severity");
  w.value(severity_name(d.severity));
  w.key("suggestions");
  w.strings(d.suggestions);
  w.key("text");
  w.value(std::string_view(doc.source.bytes).substr(d.begin, d.end - d.begin));
}

void write_sections_json(JsonWriter& w, const Document& doc) {
  w.begin_array();
  for (const Section& s : doc.sections) {
    std::size_t words = doc.word_count(s.begin, s.end);
    if (s.has_heading()) words -= std::min(words, doc.word_count(s.heading_begin, s.heading_end));
    w.begin_object();
    w.key("kind");
    w.value(s.kind);
    w.key("line");
    w.value(cli_position(doc, s.has_heading() ? s.heading_begin : s.begin).line);
    w.key("title");
    w.value(s.title);
    w.key("words");
    w.value(words);
    w.end_object();
  }
  w.end_array();
}

namespace {

void write_diagnostic(JsonWriter& w, const Document& doc, const Diagnostic& d, CliPositions& starts,
                      CliPositions& ends) {
  w.begin_object();
  write_diagnostic_keys(w, doc, d, starts.at(d.begin), ends.at(d.end));
  w.end_object();
}

void write_file(JsonWriter& w, const FileOutcome& outcome) {
  const bool has_doc = outcome.ok && outcome.doc;
  w.begin_object();
  if (!outcome.config_files.empty()) {
    w.key("config_files");  // which .sayso.yml files chose the rules and settings used
    w.begin_array();
    for (const auto& file : outcome.config_files) w.value(file);
    w.end_array();
  }
  w.key("diagnostics");
  w.begin_array();
  if (has_doc) {
    CliPositions starts(*outcome.doc), ends(*outcome.doc);
    for (const auto& d : outcome.diagnostics) write_diagnostic(w, *outcome.doc, d, starts, ends);
  }
  w.end_array();
  if (has_doc && !outcome.doc->source.decoded_from.empty()) {
    w.key("encoding");  // the file was UTF-16: byte_* count bytes of its UTF-8 decoding
    w.value(outcome.doc->source.decoded_from);
  }
  w.key("error");
  if (outcome.ok)
    w.null();
  else
    w.value(outcome.error);
  if (has_doc) {
    w.key("format");
    w.value(outcome.doc->format);
  }
  w.key("path");
  w.value(outcome.path);
  w.key("sections");
  if (has_doc)
    write_sections_json(w, *outcome.doc);
  else
    w.begin_array(), w.end_array();
  w.key("status");
  w.value(outcome.ok ? "ok" : "error");
  w.end_object();
}

void write_summary(JsonWriter& w, const std::vector<FileOutcome>& outcomes) {
  const SummaryCounts counts = summary_counts(outcomes);
  w.begin_object();
  w.key("by_category");
  w.counts(counts.by_category);
  w.key("by_severity");
  w.counts(counts.by_severity);
  w.key("diagnostics");
  w.value(counts.diagnostics);
  w.key("files");
  w.value(outcomes.size());
  w.key("files_not_read");
  w.value(counts.files_not_read);
  w.key("files_with_errors");
  w.value(counts.files_with_errors);
  w.end_object();
}

}  // namespace

void write_report_json(std::ostream& out, const std::vector<FileOutcome>& outcomes) {
  JsonWriter w(out, JsonWriter::Layout::indented);
  w.begin_object();
  w.key("files");
  w.begin_array();
  for (const auto& o : outcomes) write_file(w, o);
  w.end_array();
  w.key("summary");
  write_summary(w, outcomes);
  w.key("tool");
  w.begin_object();
  w.key("name");
  w.value("sayso");
  w.key("version");
  w.value(SAYSO_VERSION);
  w.end_object();
  w.key("version");
  w.value(std::size_t{1});
  w.end_object();
}

}  // namespace sayso
