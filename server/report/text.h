// Compiler-style text output: path:line:col: severity: message [rule], the line and a caret.
#pragma once
#include <ostream>

#include "report/outcome.h"

namespace sayso {

struct TextStyle {
  bool colour = false;
  std::size_t max_line_width = 120;  // long lines are shown as a window around the finding
};

void write_text_report(std::ostream& out, const std::vector<FileOutcome>& outcomes,
                       const TextStyle& style);

}  // namespace sayso
