#include "report/json_writer.h"

#include <charconv>

#include "core/source.h"

namespace sayso {

namespace {
constexpr std::size_t kFlushBytes = 1u << 16;
}

JsonWriter::JsonWriter(std::string& out, Layout layout) : out_(out), layout_(layout) {}

JsonWriter::JsonWriter(std::ostream& sink, Layout layout)
    : out_(own_buffer_), sink_(&sink), layout_(layout) {}

JsonWriter::~JsonWriter() { flush(); }

void JsonWriter::key(std::string_view name) {
  item();
  string(name);
  out_ += layout_ == Layout::indented ? ": " : ":";
  after_key_ = true;
}

void JsonWriter::value(std::string_view text) {
  item();
  string(text);
}

void JsonWriter::value(std::size_t number) {
  item();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  out_.append(digits, end);
}

void JsonWriter::raw(std::string_view json) {
  item();
  out_ += json;
}

void JsonWriter::strings(const std::vector<std::string>& items) {
  begin_array();
  for (const auto& s : items) value(s);
  end_array();
}

void JsonWriter::counts(const std::map<std::string, std::size_t>& items) {
  begin_object();
  for (const auto& [name, count] : items) {
    key(name);
    value(count);
  }
  end_object();
}

// Before a value or key: a comma after the previous item, then (indented) a new line.
void JsonWriter::item() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_items_.empty()) return;
  if (has_items_.back()) out_ += ',';
  has_items_.back() = true;
  newline(has_items_.size());
}

void JsonWriter::open(char bracket) {
  item();
  out_ += bracket;
  has_items_.push_back(false);
}

void JsonWriter::close(char bracket) {
  const bool had_items = has_items_.back();
  has_items_.pop_back();
  if (had_items) newline(has_items_.size());
  out_ += bracket;
  if (sink_ && out_.size() > kFlushBytes) flush();
}

void JsonWriter::newline(std::size_t depth) {
  if (layout_ != Layout::indented) return;
  out_ += '\n';
  out_.append(2 * depth, ' ');
}

void JsonWriter::string(std::string_view text) {
  out_ += '"';
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t run = 0;  // start of the bytes not yet copied: they need no escaping
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = bytes[i];
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (const std::size_t len = valid_utf8_sequence_length(bytes + i, text.size() - i)) {
        i += len;
        continue;
      }
    }
    out_.append(text.data() + run, i - run);
    escape(c);
    run = ++i;
  }
  out_.append(text.data() + run, text.size() - run);
  out_ += '"';
}

// One byte that cannot be copied as it is, written as nlohmann's dump() writes it.
void JsonWriter::escape(unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
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
      if (c >= 0x80) {
        out_ += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
      } else {
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 0xF];
      }
  }
}

void JsonWriter::flush() {
  if (!sink_) return;
  sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
  out_.clear();
}

}  // namespace sayso
