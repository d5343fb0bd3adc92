#include "report/json.h"

#include <array>
#include <charconv>
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

namespace {

// Byte length of a valid UTF-8 sequence at text[i], or 0 when it is not one.
std::size_t valid_sequence(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  std::size_t len = c < 0x80                 ? 1
                    : c >= 0xC2 && c <= 0xDF ? 2
                    : c >= 0xE0 && c <= 0xEF ? 3
                    : c >= 0xF0 && c <= 0xF4 ? 4
                                             : 0;
  if (len == 0 || i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  if (len == 3 && ((c == 0xE0 && byte(i + 1) < 0xA0) || (c == 0xED && byte(i + 1) > 0x9F)))
    return 0;  // overlong, or a UTF-16 surrogate
  if (len == 4 && ((c == 0xF0 && byte(i + 1) < 0x90) || (c == 0xF4 && byte(i + 1) > 0x8F)))
    return 0;  // overlong, or above U+10FFFF
  return len;
}

// Streams JSON exactly as nlohmann::json::dump(2) lays it out (keys are written in sorted order
// by the callers, as nlohmann's std::map-backed objects hold them).
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {}
  ~JsonWriter() { flush(); }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view name) {
    item();
    string(name);
    buffer_ += ": ";
    after_key_ = true;
  }
  void value(std::string_view text) {
    item();
    string(text);
  }
  void value(std::size_t number) {
    item();
    std::array<char, 24> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), number).ptr;
    buffer_.append(digits.data(), end);
  }
  void null() {
    item();
    buffer_ += "null";
  }
  void strings(const std::vector<std::string>& items) {
    begin_array();
    for (const auto& s : items) value(s);
    end_array();
  }
  void counts(const std::map<std::string, std::size_t>& items) {
    begin_object();
    for (const auto& [name, count] : items) {
      key(name);
      value(count);
    }
    end_object();
  }

 private:
  // Before a value or key: a comma after the previous item, then a new indented line.
  void item() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (stack_.empty()) return;
    if (stack_.back()) buffer_ += ',';
    stack_.back() = true;
    newline(stack_.size());
  }
  void open(char bracket) {
    item();
    buffer_ += bracket;
    stack_.push_back(false);
  }
  void close(char bracket) {
    const bool had_items = stack_.back();
    stack_.pop_back();
    if (had_items) newline(stack_.size());
    buffer_ += bracket;
    if (buffer_.size() > (1u << 16)) flush();
  }
  void newline(std::size_t depth) {
    buffer_ += '\n';
    buffer_.append(2 * depth, ' ');
  }
  void string(std::string_view text) {
    buffer_ += '"';
    std::size_t run = 0;  // start of the bytes not yet copied: they need no escaping
    for (std::size_t i = 0; i < text.size();) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        ++i;
        continue;
      }
      if (c >= 0x80) {
        if (const std::size_t len = valid_sequence(text, i)) {
          i += len;
          continue;
        }
      }
      buffer_.append(text.data() + run, i - run);
      escape(c);
      run = ++i;
    }
    buffer_.append(text.data() + run, text.size() - run);
    buffer_ += '"';
  }
  // One byte that cannot be copied as it is (as nlohmann's dump writes it).
  void escape(unsigned char c) {
    static constexpr char kHex[] = "0123456789abcdef";
    switch (c) {
      case '"':
        buffer_ += "\\\"";
        break;
      case '\\':
        buffer_ += "\\\\";
        break;
      case '\b':
        buffer_ += "\\b";
        break;
      case '\f':
        buffer_ += "\\f";
        break;
      case '\n':
        buffer_ += "\\n";
        break;
      case '\r':
        buffer_ += "\\r";
        break;
      case '\t':
        buffer_ += "\\t";
        break;
      default:
        if (c >= 0x80) {
          buffer_ += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
        } else {
          buffer_ += "\\u00";
          buffer_ += kHex[c >> 4];
          buffer_ += kHex[c & 0xF];
        }
    }
  }
  void flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

  std::ostream& out_;
  std::string buffer_;
  std::vector<bool> stack_;  // per open container: whether it has an item yet
  bool after_key_ = false;
};

// cli_position over findings in document order, walking each line once.
class CliPositions {
 public:
  explicit CliPositions(const Document& doc)
      : doc_(doc), cursor_(doc.lines, ColumnUnit::CodePoints) {}
  CliPosition at(std::size_t byte) {
    const LineColumn p = cursor_.to_position(byte);
    std::size_t column = p.column;
    if (p.line == 0 && doc_.source.had_bom && column > 0) --column;
    return {static_cast<std::size_t>(p.line) + 1, column + 1};
  }

 private:
  const Document& doc_;
  PositionCursor cursor_;
};

void write_diagnostic(JsonWriter& w, const Document& doc, const Diagnostic& d, CliPositions& starts,
                      CliPositions& ends) {
  const CliPosition start = starts.at(d.begin), end = ends.at(d.end);
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
  w.end_object();
}

void write_sections(JsonWriter& w, const Document& doc) {
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

void write_file(JsonWriter& w, const FileOutcome& outcome) {
  const bool has_doc = outcome.ok && outcome.doc;
  w.begin_object();
  w.key("diagnostics");
  w.begin_array();
  if (has_doc) {
    CliPositions starts(*outcome.doc), ends(*outcome.doc);
    for (const auto& d : outcome.diagnostics) write_diagnostic(w, *outcome.doc, d, starts, ends);
  }
  w.end_array();
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
    write_sections(w, *outcome.doc);
  else
    w.begin_array(), w.end_array();
  w.key("status");
  w.value(outcome.ok ? "ok" : "error");
  w.end_object();
}

void write_summary(JsonWriter& w, const std::vector<FileOutcome>& outcomes) {
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
  w.begin_object();
  w.key("by_category");
  w.counts(by_category);
  w.key("by_severity");
  w.counts(by_severity);
  w.key("diagnostics");
  w.value(total);
  w.key("files");
  w.value(outcomes.size());
  w.key("files_with_errors");
  w.value(errors);
  w.end_object();
}

}  // namespace

void write_report_json(std::ostream& out, const std::vector<FileOutcome>& outcomes) {
  JsonWriter w(out);
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
