// Form exports (CSV, JSON Lines): one submission per row, columns mapped to sections by a map file.
// Each row becomes a Markdown document with one "# <heading>" per mapped column, the heading being
// a canonical alias of the column's section kind so the section classifier maps it back.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/submission_record.h"

namespace sayso {

// --map FILE (YAML): `id: <column>`, optional `title: <column>`, `sections: {<column>: <kind>}`.
struct FormMap {
  std::string file;
  std::string id_column = "id";
  std::string title_column;                                   // "" = none
  std::vector<std::pair<std::string, std::string>> sections;  // column → kind, in file order
};

// Reads and checks a map file. Throws ConfigError ("file:line: what is wrong").
FormMap load_form_map(const std::string& path);

// One row of a form export, ready to lint (or an error saying why it cannot be).
struct FormRow {
  std::optional<std::size_t> row;  // 1-based; none for a problem with the whole file
  std::string id;
  std::string title;              // the map's title column, trimmed; "" when none
  std::string text;               // the Markdown document
  std::string error;              // non-empty: this row is an error record
  std::vector<FormField> fields;  // where each field's text is in `text` and in the export file
};

// A row that is an error record (`row` none: a problem with the whole file).
FormRow error_row(std::optional<std::size_t> row, std::string id, std::string error);

// One field of a row as read: its text and where it starts in the export file.
struct RowField {
  std::string text;
  std::size_t line = 0;    // 1-based line of the export file
  std::size_t number = 0;  // 1-based CSV column; 0 for JSON Lines
};
using RowFields = std::map<std::string, RowField>;

// A row's document: with a map, one heading per mapped column (a missing field is an empty
// section); without, the `text` field as a whole Markdown document. The id comes from the id
// column, else `fallback_id`. Each field present is listed in FormRow::fields.
FormRow make_form_row(const FormMap* map, const RowFields& fields, std::size_t row,
                      const std::string& fallback_id);

// One JSON Lines line (an object) as a form row; a line that is not a JSON object, or a field that
// is not text, gives an error row.
FormRow jsonl_form_row(std::string_view line, const FormMap* map, std::size_t row,
                       const std::string& fallback_id);

// Every row of a CSV export in order (the header is not a row; blank lines are skipped). Ragged
// rows and malformed quoting give error rows; a header that lacks the needed columns gives one
// error for the file (row none).
void read_csv_rows(std::string_view text, const FormMap* map, const std::string& path,
                   const std::function<void(FormRow)>& emit);

// Every non-blank line of a JSON Lines export in order; `row` is the line number.
void read_jsonl_rows(std::string_view text, const FormMap* map, const std::string& path,
                     const std::function<void(FormRow)>& emit);

// "<path>#<row>": the id of a row with no id column.
std::string row_fallback_id(const std::string& path, std::size_t row);

// Number of rows read_csv_rows / read_jsonl_rows would emit (for the progress bar's total).
std::size_t count_csv_rows(std::string_view text);
std::size_t count_jsonl_rows(std::string_view text);

}  // namespace sayso
