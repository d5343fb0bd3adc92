#include "report/submission_record.h"

#include "report/json.h"

namespace sayso {

nlohmann::ordered_json record_json(const SubmissionRecord& record) {
  using nlohmann::ordered_json;
  const FileOutcome& outcome = record.outcome;
  const bool ok = outcome.ok && outcome.doc;
  ordered_json sections = ordered_json::array(), diagnostics = ordered_json::array();
  if (ok) {
    sections = ordered_json(sections_json(*outcome.doc));
    for (const Diagnostic& d : outcome.diagnostics)
      diagnostics.push_back(ordered_json(diagnostic_json(*outcome.doc, d)));
  }
  return {{"id", record.id},
          {"path", record.path},
          {"row", record.row ? ordered_json(*record.row) : ordered_json(nullptr)},
          {"format", record.format},
          {"status", ok ? "ok" : "error"},
          {"error", ok ? ordered_json(nullptr) : ordered_json(outcome.error)},
          {"sections", sections},
          {"diagnostics", diagnostics},
          {"scorecard",
           ok && record.scorecard ? scorecard_json(*record.scorecard) : ordered_json(nullptr)}};
}

void JsonLinesSink::add(const SubmissionRecord& record) {
  out_ << record_json(record).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n'
       << std::flush;
}

void JsonLinesSink::finish() { out_.flush(); }

}  // namespace sayso
