// A linear RFC 4180 CSV reader: fields separated by commas, optionally in double quotes, a doubled
// quote inside quotes is one quote, quoted fields may hold commas and line breaks; records end at
// CRLF or LF. Malformed records are returned with an error, and reading goes on after them.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sayso {

struct CsvRecord {
  std::vector<std::string> fields;
  std::vector<std::size_t> field_lines;  // 1-based line of the file where each field starts
  std::size_t line = 0;                  // 1-based line of the file where the record starts
  std::string error;                     // empty when the record is well formed
  bool blank() const { return fields.size() == 1 && fields[0].empty() && error.empty(); }
};

class CsvReader {
 public:
  // The text must outlive the reader. A leading UTF-8 byte order mark is skipped.
  explicit CsvReader(std::string_view text);
  // Reads the next record; false at the end of the input.
  bool next(CsvRecord& record);

 private:
  void read_quoted_field(CsvRecord& record, std::string& field);
  void read_plain_field(std::string& field);
  bool at_record_end() const;
  void skip_record_end();

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace sayso
