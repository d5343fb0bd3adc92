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

// Compact JSON (as nlohmann's dump() writes it) straight into a string: a batch writes tens of
// thousands of findings, and building a JSON tree for each costs more than linting some of them.
class LineWriter {
 public:
  explicit LineWriter(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view name) {
    item();
    string(name);
    out_ += ':';
    after_key_ = true;
  }
  void value(std::string_view text) {
    item();
    string(text);
  }
  void value(std::size_t number) {
    item();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    out_.append(digits, end);
  }
  void null() { raw("null"); }
  void raw(std::string_view json) {  // an already serialised value
    item();
    out_ += json;
  }
  void strings(const std::vector<std::string>& items) {
    begin_array();
    for (const auto& item : items) value(item);
    end_array();
  }

 private:
  void item() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!has_items_.empty()) {
      if (has_items_.back()) out_ += ',';
      has_items_.back() = true;
    }
  }
  void open(char bracket) {
    item();
    out_ += bracket;
    has_items_.push_back(false);
  }
  void close(char bracket) {
    has_items_.pop_back();
    out_ += bracket;
  }
  // Quoted and escaped; a byte that is not UTF-8 becomes U+FFFD (as dump()'s "replace" does).
  void string(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_ += '"';
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    for (std::size_t i = 0; i < text.size();) {
      const unsigned char c = bytes[i];
      if (c >= 0x80) {
        const std::size_t len = valid_utf8_sequence_length(bytes + i, text.size() - i);
        if (len == 0) {
          out_ += "\xEF\xBF\xBD";
          ++i;
        } else {
          out_.append(text.data() + i, len);
          i += len;
        }
        continue;
      }
      switch (c) {
        case '"':
          out_ += "\\\"";
          break;
        case '\\':
          out_ += "\\\\";
          break;
        case '\b':
          out_ += "\\b";
          break;
        case '\f':
          out_ += "\\f";
          break;
        case '\n':
          out_ += "\\n";
          break;
        case '\r':
          out_ += "\\r";
          break;
        case '\t':
          out_ += "\\t";
          break;
        default:
          if (c < 0x20) {
            out_ += "\\u00";
            out_ += kHex[c >> 4];
            out_ += kHex[c & 0xF];
          } else {
            out_ += static_cast<char>(c);
          }
      }
      ++i;
    }
    out_ += '"';
  }

  std::string& out_;
  std::vector<bool> has_items_;  // per open container: whether it has an item yet
  bool after_key_ = false;
};

// Where the finding is in terms the source format has: page, paragraph, line of the export.
void write_source_place(LineWriter& w, const SubmissionRecord& record, const Document& doc,
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
void write_finding(LineWriter& w, const SubmissionRecord& record, const Document& doc,
                   const Diagnostic& d) {
  const CliPosition start = cli_position(doc, d.begin), end = cli_position(doc, d.end);
  w.begin_object();
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
  write_source_place(w, record, doc, d);
  w.end_object();
}

void write_sections(LineWriter& w, const Document& doc) {
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

std::string dump(const ordered_json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string record_line(const SubmissionRecord& record) {
  const FileOutcome& outcome = record.outcome;
  const bool ok = outcome.ok && outcome.doc;
  std::string line;
  LineWriter w(line);
  w.begin_object();
  w.key("id");
  w.value(record.id);
  w.key("path");
  w.value(record.path);
  w.key("row");
  if (record.row)
    w.value(*record.row);
  else
    w.null();
  w.key("format");
  w.value(record.format);
  w.key("status");
  w.value(ok ? "ok" : "error");
  w.key("error");
  if (ok)
    w.null();
  else
    w.value(outcome.error);
  w.key("sections");
  if (ok)
    write_sections(w, *outcome.doc);
  else
    w.raw("[]");
  w.key("diagnostics");
  w.begin_array();
  if (ok)
    for (const Diagnostic& d : outcome.diagnostics) write_finding(w, record, *outcome.doc, d);
  w.end_array();
  w.key("scorecard");
  if (ok && record.scorecard)
    w.raw(dump(scorecard_json(*record.scorecard)));
  else
    w.null();
  w.end_object();
  return line;
}

void seal_record(SubmissionRecord& record, bool with_json) {
  record.line = record_line(record);
  if (with_json) record.json = ordered_json::parse(record.line);
}

std::optional<SubmissionRecord> record_from_line(std::string line) {
  ordered_json json = ordered_json::parse(line, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("id") || !json["id"].is_string())
    return std::nullopt;
  SubmissionRecord record;
  record.id = json["id"].get<std::string>();
  record.path = record.outcome.path = json_text(json, "path");
  record.format = json_text(json, "format");
  record.row = json_count(json, "row");
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
