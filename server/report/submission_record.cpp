#include "report/submission_record.h"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "core/source.h"
#include "report/json.h"

namespace sayso {
namespace {

using nlohmann::ordered_json;

bool has_paragraphs(const Document& doc) { return doc.format == "docx" || doc.format == "odt"; }

// The 1-based number of the block that holds the byte (or the last one before it); 0 if none.
std::size_t paragraph_at(const Document& doc, std::size_t byte) {
  const auto after =
      std::upper_bound(doc.blocks.begin(), doc.blocks.end(), byte,
                       [](std::size_t b, const Block& block) { return b < block.begin; });
  return static_cast<std::size_t>(after - doc.blocks.begin());
}

// The field a finding belongs to: the one holding the byte, or whose generated heading does.
const FormField* field_at(const std::vector<FormField>& fields, std::size_t byte) {
  for (const FormField& field : fields)
    if (byte <= field.end) return &field;
  return fields.empty() ? nullptr : &fields.back();
}

// Where the finding is in terms the source format has: page, paragraph, line of the export.
void write_source_place(JsonWriter& w, const SubmissionRecord& record, const Document& doc,
                        const Diagnostic& d) {
  if (!doc.page_starts.empty()) {
    w.key("page");
    w.value(doc.page_at(d.begin));
  }
  if (has_paragraphs(doc)) {
    if (const std::size_t paragraph = paragraph_at(doc, d.begin)) {
      w.key("paragraph");
      w.value(paragraph);
    }
  }
  const FormField* field = field_at(record.fields, d.begin);
  if (!field) return;
  std::size_t line = field->line;
  if (field->number > 0 && d.begin > field->begin)  // a quoted CSV cell may span lines
    line += doc.lines.line_of(d.begin) - doc.lines.line_of(field->begin);
  w.key("source_line");
  w.value(line);
  w.key("field");
  w.value(field->name);
  if (field->number > 0) {
    w.key("field_number");
    w.value(field->number);
  }
}

// A finding as in check's JSON (keys in the same, sorted, order), then where it is in the source.
void write_finding(JsonWriter& w, const SubmissionRecord& record, const Diagnostic& d,
                   FindingPlaces& places) {
  w.begin_object();
  write_diagnostic_keys(w, d, places.of(d));
  write_source_place(w, record, places.doc(), d);
  w.end_object();
}

void write_counts(JsonWriter& w, const std::map<std::string, std::size_t>& counts) {
  w.begin_object();
  for (const auto& [name, count] : counts) {
    w.key(name);
    w.value(count);
  }
  w.end_object();
}

// The fingerprint of the text, and the earlier submission with the same text.
void write_text_notes(JsonWriter& w, const SubmissionRecord& record) {
  if (!record.text_fingerprint.empty()) {
    w.key("text_fingerprint");
    w.value(record.text_fingerprint);
  }
  if (!record.same_text_as) return;
  const SameTextAs& earlier = *record.same_text_as;
  w.key("duplicate_of");
  w.begin_object();
  w.key("id");
  w.value(earlier.id);
  w.key("path");
  w.value(earlier.path);
  w.key("row");
  if (earlier.row)
    w.value(*earlier.row);
  else
    w.null();
  w.end_object();
}

// The fields a record has only when they apply, after the contract's.
void write_record_notes(JsonWriter& w, const SubmissionRecord& record) {
  if (record.findings_omitted > 0) {
    w.key("findings_omitted");
    w.value(record.findings_omitted);
    w.key("findings_total");
    w.begin_object();
    w.key("diagnostics");
    w.value(record.all_findings.total);
    w.key("by_severity");
    write_counts(w, record.all_findings.by_severity);
    w.key("by_category");
    write_counts(w, record.all_findings.by_category);
    w.end_object();
  }
  if (record.duplicate) {
    w.key("duplicate_id");
    w.begin_object();
    w.key("given");
    w.value(record.duplicate->given);
    w.key("first_seen");
    w.value(record.duplicate->first_seen);
    w.end_object();
  }
  write_text_notes(w, record);
  if (record.settings_parts) {
    w.key("settings_parts");
    w.begin_object();
    for (const auto& [name, value] : *record.settings_parts) {
      w.key(name);
      w.value(value);
    }
    w.end_object();
  }
  if (!record.settings.empty()) {
    w.key("settings");
    w.value(record.settings);
  }
}

std::string dump(const ordered_json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string record_line(const SubmissionRecord& record) {
  const FileOutcome& outcome = record.outcome;
  const bool ok = outcome.ok && outcome.doc;
  std::string line;
  JsonWriter w(line, JsonWriter::Layout::compact);
  w.begin_object();
  w.key("id");
  w.value(record.id);
  if (!record.title.empty()) {
    w.key("title");
    w.value(record.title);
  }
  w.key("path");
  w.value(record.path);
  w.key("row");
  if (record.row)
    w.value(*record.row);
  else
    w.null();
  w.key("format");
  w.value(record.format);
  if (ok && !outcome.doc->source.decoded_from.empty()) {
    // The file was read as the UTF-8 decoding of this encoding: `text` is UTF-8, while byte_*
    // still count the file's bytes (FileOffsets).
    w.key("encoding");
    w.value(outcome.doc->source.decoded_from);
  }
  w.key("status");
  w.value(ok ? "ok" : "error");
  w.key("error");
  if (ok)
    w.null();
  else
    w.value(outcome.error);
  w.key("sections");
  if (ok)
    write_sections_json(w, *outcome.doc);
  else
    w.raw("[]");
  w.key("diagnostics");
  w.begin_array();
  if (ok) {
    FindingPlaces places(*outcome.doc);
    for (const Diagnostic& d : outcome.diagnostics) write_finding(w, record, d, places);
  }
  w.end_array();
  w.key("scorecard");
  if (ok && record.scorecard)
    w.raw(dump(scorecard_json(*record.scorecard)));
  else
    w.null();
  write_record_notes(w, record);
  w.end_object();
  return line;
}

void seal_record(SubmissionRecord& record, bool with_json) {
  // Every reporter reads these names from the record: each as valid UTF-8, the same way.
  for (std::string* name : {&record.id, &record.title, &record.path})
    *name = escape_invalid_utf8(*name);
  if (record.duplicate)
    for (std::string* name : {&record.duplicate->given, &record.duplicate->first_seen})
      *name = escape_invalid_utf8(*name);
  if (record.same_text_as)
    for (std::string* name : {&record.same_text_as->id, &record.same_text_as->path})
      *name = escape_invalid_utf8(*name);
  record.line = record_line(record);
  if (with_json) record.json = ordered_json::parse(record.line);
}

std::optional<SubmissionRecord> record_from_line(std::string line) {
  ordered_json json = ordered_json::parse(line, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("id") || !json["id"].is_string())
    return std::nullopt;
  SubmissionRecord record;
  record.id = json["id"].get<std::string>();
  record.title = json_text(json, "title");
  record.path = record.outcome.path = json_text(json, "path");
  record.format = json_text(json, "format");
  record.row = json_count(json, "row");
  record.settings = json_text(json, "settings");
  record.text_fingerprint = json_text(json, "text_fingerprint");
  record.outcome.ok = json_text(json, "status") == "ok";
  record.outcome.error = json_text(json, "error");
  if (!record.outcome.ok && record.outcome.error.empty())
    record.outcome.error = "error (no reason recorded)";
  if (!json.contains("diagnostics") || !json["diagnostics"].is_array())
    json["diagnostics"] = ordered_json::array();
  record.json = std::move(json);
  record.line = std::move(line);
  record.resumed = true;
  return record;
}

FindingCounts record_finding_counts(const SubmissionRecord& record) {
  FindingCounts counts;
  const ordered_json& total = json_field(record.json, "findings_total");
  if (auto n = json_count(total, "diagnostics")) {
    counts.total = *n;
    for (const auto& [key, map] : {std::pair{"by_severity", &counts.by_severity},
                                   std::pair{"by_category", &counts.by_category}}) {
      const ordered_json& object = json_field(total, key);
      if (object.is_object())
        for (const auto& [name, count] : object.items())
          if (count.is_number_unsigned()) (*map)[name] = count.get<std::size_t>();
    }
    return counts;
  }
  const ordered_json& diagnostics = json_field(record.json, "diagnostics");
  if (!diagnostics.is_array()) return counts;
  for (const ordered_json& finding : diagnostics) {
    ++counts.total;
    ++counts.by_severity[json_text(finding, "severity")];
    ++counts.by_category[json_text(finding, "category")];
  }
  return counts;
}

bool record_ok(const SubmissionRecord& record) { return json_text(record.json, "status") == "ok"; }

std::vector<std::pair<std::string, bool>> record_evidence(const SubmissionRecord& record) {
  std::vector<std::pair<std::string, bool>> items;
  const ordered_json& involvement = json_field(json_field(record.json, "scorecard"), "involvement");
  auto add = [&](const char* key, bool present) {
    const ordered_json& names = json_field(involvement, key);
    if (!names.is_array()) return;
    for (const auto& name : names)
      if (name.is_string()) items.emplace_back(name.get<std::string>(), present);
  };
  add("evidence_present", true);
  add("evidence_missing", false);
  return items;
}

const ordered_json& json_field(const ordered_json& object, const char* key) {
  static const ordered_json null_value;
  if (!object.is_object()) return null_value;
  auto it = object.find(key);
  return it == object.end() ? null_value : *it;
}

std::string json_text(const ordered_json& object, const char* key) {
  const ordered_json& value = json_field(object, key);
  return value.is_string() ? value.get<std::string>() : std::string();
}

std::optional<std::size_t> json_count(const ordered_json& object, const char* key) {
  const ordered_json& value = json_field(object, key);
  if (value.is_number_unsigned()) return value.get<std::size_t>();
  if (value.is_number_integer() && value.get<long long>() >= 0)
    return static_cast<std::size_t>(value.get<long long>());
  return std::nullopt;
}

void JsonLinesSink::add(const SubmissionRecord& record) {
  out_.write(record.line.data(), static_cast<std::streamsize>(record.line.size()));
  out_ << '\n' << std::flush;
}

void JsonLinesSink::finish() { out_.flush(); }

}  // namespace sayso
