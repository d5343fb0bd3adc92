// check's CSV (--format csv): one row per finding, for a spreadsheet or a script. Unlike the
// batch's CSV (one row per submission, with counts), every finding has its own row; a file with no
// finding, or one that could not be read, has one row with its status and error and empty finding
// cells, so every input appears. The finding cells are those of check's JSON (diagnostic_json);
// suggestions are joined with " | ". UTF-8, RFC 4180 quoting, text from the documents guarded
// against spreadsheet formulas (csv_text_field).
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "report/outcome.h"

namespace sayso {

const std::vector<std::string>& findings_csv_columns();
void write_findings_csv(std::ostream& out, const std::vector<FileOutcome>& outcomes);

}  // namespace sayso
