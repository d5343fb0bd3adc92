// One submission of a batch, before linting: where it comes from and, for form rows and standard
// input, its document text.
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "report/submission_record.h"

namespace sayso {

struct Submission {
  std::size_t index = 0;  // position in input order (0-based)
  std::string id;
  std::string title;                // a form row's title (the map's title column); "" when none
  std::string path;                 // the file, or "-" for standard input
  std::optional<std::size_t> row;   // 1-based row of a form export
  std::string format;               // as reported: "markdown", "docx", "csv", "jsonl", ...
  std::optional<std::string> text;  // the Markdown document of a row; none: read `path`
  std::string error;                // non-empty: reported as an error record, not linted
  std::vector<FormField> fields;    // a form row: where each field of `text` came from
  std::optional<DuplicateId> duplicate;  // the input's id was taken: `id` is a new one
  std::string settings;                  // the run's settings fingerprint, for the record
  std::shared_ptr<const SettingsParts> settings_parts;  // the same each on its own
};

}  // namespace sayso
