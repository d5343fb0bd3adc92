#include "batch/csv_reader.h"

namespace sayso {

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool CsvReader::at_record_end() const {
  return pos_ >= text_.size() || text_[pos_] == '\n' || text_[pos_] == '\r';
}

void CsvReader::skip_record_end() {
  if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
  ++line_;
}

void CsvReader::read_plain_field(std::string& field) {
  // A quote inside an unquoted field is kept as it is (spreadsheets write such files).
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == ',' || c == '\n' || c == '\r') break;
    field += c;
    ++pos_;
  }
}

void CsvReader::read_quoted_field(CsvRecord& record, std::string& field) {
  const std::size_t opening_line = line_;
  ++pos_;  // the opening quote
  while (true) {
    if (pos_ >= text_.size()) {
      record.error =
          "a quoted field opened on line " + std::to_string(opening_line) + " is never closed";
      return;
    }
    char c = text_[pos_++];
    if (c == '"') {
      if (pos_ < text_.size() && text_[pos_] == '"') {
        field += '"';
        ++pos_;
        continue;
      }
      break;
    }
    if (c == '\n') ++line_;
    field += c;
  }
  if (pos_ < text_.size() && text_[pos_] != ',' && !at_record_end()) {
    if (record.error.empty())
      record.error = "text after a closing quote on line " + std::to_string(line_);
    read_plain_field(field);
  }
}

bool CsvReader::next(CsvRecord& record) {
  record = CsvRecord{};
  if (pos_ >= text_.size()) return false;
  record.line = line_;
  while (true) {
    std::string field;
    record.field_lines.push_back(line_);
    if (pos_ < text_.size() && text_[pos_] == '"')
      read_quoted_field(record, field);
    else
      read_plain_field(field);
    record.fields.push_back(std::move(field));
    if (pos_ < text_.size() && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    break;
  }
  if (pos_ < text_.size()) skip_record_end();
  return true;
}

}  // namespace sayso
