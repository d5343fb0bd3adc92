// What linting one input produced: the shape every reporter reads.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/document.h"
#include "engine/diagnostic.h"
#include "engine/section_figures.h"

namespace sayso {

// The involvement level read in one involvement section, overall and per research stage: what a
// researcher most wants to know about a plan, and otherwise shown only in a batch's scorecard.
struct InvolvementReading {
  std::size_t section = 0;  // index into Document::sections
  std::string highest;      // "" when no level is described
  std::vector<StageLevel> stages;
  std::size_t highest_begin = 0, highest_end = 0;  // the sentence that gave `highest`
};

struct FileOutcome {
  std::string path;
  bool ok = false;
  std::string error;                    // why the file could not be linted (when !ok)
  std::shared_ptr<const Document> doc;  // null when !ok
  std::vector<Diagnostic> diagnostics;
  // The .sayso.yml files whose settings were used, the nearest first (none: the defaults).
  std::vector<std::string> config_files;
  std::vector<InvolvementReading> involvement;  // one per involvement section
};

// 1-based line and code-point column of a byte, as the CLI and JSON report them.
struct CliPosition {
  std::size_t line = 1, column = 1;
};
CliPosition cli_position(const Document& doc, std::size_t byte);

}  // namespace sayso
