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

std::string_view contract_section_kind(std::string_view kind) {
  static constexpr std::string_view kContractKinds[] = {
      "title",       "plain-english-summary", "abstract", "background", "aims", "methods",
      "involvement", "dissemination",         "ethics",   "finance",    "team", "other",
      "document"};
  for (std::string_view known : kContractKinds)
    if (kind == known) return known;
  return "other";
}

CliPositions::CliPositions(const Document& doc)
    : doc_(doc), cursor_(doc.lines, ColumnUnit::CodePoints) {}

CliPosition CliPositions::at(std::size_t byte) {
  const LineColumn p = cursor_.to_position(byte);
  std::size_t column = p.column;
  if (p.line == 0 && doc_.source.had_bom && column > 0) --column;
  return {static_cast<std::size_t>(p.line) + 1, column + 1};
}

FindingPlaces::FindingPlaces(const Document& doc, WholeSectionPlace whole)
    : doc_(doc), whole_(whole), starts_(doc), ends_(doc), file_offsets_(doc.source) {}

FindingPlace FindingPlaces::of(const Diagnostic& d) {
  const std::size_t end =
      d.whole_section && whole_ == WholeSectionPlace::heading_start ? d.begin : d.end;
  FindingPlace place;
  place.start = starts_.at(d.begin);
  place.end = end == d.begin ? place.start : ends_.at(end);
  place.byte_start = file_offsets_.file_offset(d.begin);
  place.byte_end = end == d.begin ? place.byte_start : file_offsets_.file_offset(end);
  place.text = std::string_view(doc_.source.bytes).substr(d.begin, end - d.begin);
  return place;
}

nlohmann::json diagnostic_json(const Document& doc, const Diagnostic& d, WholeSectionPlace whole) {
  FindingPlaces places(doc, whole);
  return diagnostic_json(places, d);
}

nlohmann::json diagnostic_json(FindingPlaces& places, const Diagnostic& d) {
  const FindingPlace place = places.of(d);
  nlohmann::json j = {
      {"rule", d.rule_id},
      {"category", d.category},
      {"severity", std::string(severity_name(d.severity))},
      {"message", d.message},
      {"line", place.start.line},
      {"column", place.start.column},
      {"end_line", place.end.line},
      {"end_column", place.end.column},
      {"byte_start", place.byte_start},
      {"byte_end", place.byte_end},
      {"text", std::string(place.text)},
      {"section", std::string(contract_section_kind(d.section_kind))},
      {"suggestions", d.suggestions},
  };
  return j;
}

nlohmann::json sections_json(const Document& doc) {
  nlohmann::json out = nlohmann::json::array();
  for (const Section& s : doc.sections) {
    std::size_t words = doc.word_count(s.begin, s.end);
    if (s.has_heading()) words -= std::min(words, doc.word_count(s.heading_begin, s.heading_end));
    out.push_back({{"kind", std::string(contract_section_kind(s.kind))},
                   {"title", s.title},
                   {"line", cli_position(doc, s.has_heading() ? s.heading_begin : s.begin).line},
                   {"words", words}});
  }
  return out;
}

nlohmann::json file_json(const FileOutcome& outcome) {
  nlohmann::json j = {
      {"config_files", outcome.config_files},
      {"path", escape_invalid_utf8(outcome.path)},
      {"status", outcome.ok ? "ok" : "error"},
      {"error", outcome.ok ? nlohmann::json(nullptr) : nlohmann::json(outcome.error)},
      {"sections", nlohmann::json::array()},
      {"diagnostics", nlohmann::json::array()}};
  if (outcome.ok && outcome.doc) {
    j["format"] = outcome.doc->format;
    if (!outcome.doc->source.decoded_from.empty()) j["encoding"] = outcome.doc->source.decoded_from;
    j["sections"] = sections_json(*outcome.doc);
    // An involvement section's level, overall and per research stage.
    for (const InvolvementReading& r : outcome.involvement) {
      nlohmann::json stages = nlohmann::json::array();
      for (const StageLevel& s : r.stages)
        stages.push_back({{"stage", s.stage}, {"level", s.level}});
      j["sections"][r.section]["involvement_level"] = r.highest;
      j["sections"][r.section]["stages"] = stages;
    }
    FindingPlaces places(*outcome.doc);
    for (const auto& d : outcome.diagnostics)
      j["diagnostics"].push_back(diagnostic_json(places, d));
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

void write_diagnostic_keys(JsonWriter& w, const Diagnostic& d, const FindingPlace& place) {
  w.key("byte_end");
  w.value(place.byte_end);
  w.key("byte_start");
  w.value(place.byte_start);
  w.key("category");
  w.value(d.category);
  w.key("column");
  w.value(place.start.column);
  w.key("end_column");
  w.value(place.end.column);
  w.key("end_line");
  w.value(place.end.line);
  w.key("line");
  w.value(place.start.line);
  w.key("message");
  w.value(d.message);
  w.key("rule");
  w.value(d.rule_id);
  w.key("section");
  w.value(contract_section_kind(d.section_kind));
  w.key("severity");
  w.value(severity_name(d.severity));
  w.key("suggestions");
  w.strings(d.suggestions);
  w.key("text");
  w.value(place.text);
}

namespace {
// The sentence the overall level was read from, so a tool can show why (a stage-less sentence
// can set a level no stage has).
void write_level_source(JsonWriter& w, const Document& doc, const InvolvementReading& reading) {
  const CliPosition at = cli_position(doc, reading.highest_begin);
  w.key("involvement_level_from");
  w.begin_object();
  w.key("column");
  w.value(at.column);
  w.key("line");
  w.value(at.line);
  w.key("text");
  w.value(std::string_view(doc.source.bytes)
              .substr(reading.highest_begin, reading.highest_end - reading.highest_begin));
  w.end_object();
}
}  // namespace

void write_sections_json(JsonWriter& w, const Document& doc,
                         const std::vector<InvolvementReading>& involvement) {
  w.begin_array();
  for (std::size_t i = 0; i < doc.sections.size(); ++i) {
    const Section& s = doc.sections[i];
    std::size_t words = doc.word_count(s.begin, s.end);
    if (s.has_heading()) words -= std::min(words, doc.word_count(s.heading_begin, s.heading_end));
    const auto reading = std::find_if(involvement.begin(), involvement.end(),
                                      [i](const InvolvementReading& r) { return r.section == i; });
    w.begin_object();
    // An involvement section's level, overall and per research stage.
    if (reading != involvement.end()) {
      w.key("involvement_level");
      w.value(reading->highest);
      if (!reading->highest.empty()) write_level_source(w, doc, *reading);
    }
    w.key("kind");
    w.value(contract_section_kind(s.kind));
    w.key("line");
    w.value(cli_position(doc, s.has_heading() ? s.heading_begin : s.begin).line);
    if (reading != involvement.end()) {
      w.key("stages");
      w.begin_array();
      for (const StageLevel& stage : reading->stages) {
        w.begin_object();
        w.key("level");
        w.value(stage.level);
        w.key("stage");
        w.value(stage.stage);
        w.end_object();
      }
      w.end_array();
    }
    w.key("title");
    w.value(s.title);
    w.key("words");
    w.value(words);
    w.end_object();
  }
  w.end_array();
}

namespace {

void write_diagnostic(JsonWriter& w, const Diagnostic& d, FindingPlaces& places) {
  w.begin_object();
  write_diagnostic_keys(w, d, places.of(d));
  w.end_object();
}

void write_file(JsonWriter& w, const FileOutcome& outcome) {
  const bool has_doc = outcome.ok && outcome.doc;
  w.begin_object();
  // Which .sayso.yml files chose the rules and settings used: [] for the defaults, so a reader
  // need not tell a missing key from no config.
  w.key("config_files");
  w.begin_array();
  for (const auto& file : outcome.config_files) w.value(file);
  w.end_array();
  w.key("diagnostics");
  w.begin_array();
  if (has_doc) {
    FindingPlaces places(*outcome.doc);
    for (const auto& d : outcome.diagnostics) write_diagnostic(w, d, places);
  }
  w.end_array();
  if (has_doc && !outcome.doc->source.decoded_from.empty()) {
    // The file was read as the UTF-8 decoding of this encoding: `text` is UTF-8, while byte_*
    // still count the file's bytes (FileOffsets).
    w.key("encoding");
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
  w.value(escape_invalid_utf8(outcome.path));
  w.key("sections");
  if (has_doc)
    write_sections_json(w, *outcome.doc, outcome.involvement);
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
