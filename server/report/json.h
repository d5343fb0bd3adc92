// JSON output, version 1 (the contract in design.md).
#pragma once
#include <nlohmann/json.hpp>

#include "report/outcome.h"

namespace sayso {

nlohmann::json diagnostic_json(const Document& doc, const Diagnostic& d);
nlohmann::json sections_json(const Document& doc);
nlohmann::json file_json(const FileOutcome& outcome);
nlohmann::json summary_json(const std::vector<FileOutcome>& outcomes);
// The whole report: {"version": 1, "tool": ..., "files": [...], "summary": ...}.
nlohmann::json report_json(const std::vector<FileOutcome>& outcomes);

}  // namespace sayso
