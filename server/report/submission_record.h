// One batch submission as every batch reporter reads it: where it came from, what linting it
// produced, and its scorecard. Reporters receive records one at a time, in input order.
#pragma once
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/ruleset.h"
#include "report/outcome.h"
#include "report/scorecard.h"

namespace sayso {

struct SubmissionRecord {
  std::string id;
  std::string path;                // the file, or "-" for standard input
  std::optional<std::size_t> row;  // 1-based row of a CSV/JSON Lines form export
  std::string format;              // "markdown", "text", "docx", "csv", "jsonl", ...
  FileOutcome outcome;             // ok/error, the document and its diagnostics
  std::optional<Scorecard> scorecard;
  const RuleSet* rules = nullptr;  // the rules that linted it (valid while the record is handed on)
};

// The JSON Lines record: {"id","path","row","format","status","error","sections","diagnostics",
// "scorecard"}; sections and diagnostics exactly as in check's JSON.
nlohmann::ordered_json record_json(const SubmissionRecord& record);

// Receives every record of a batch in input order, then finish() once.
class SubmissionSink {
 public:
  virtual ~SubmissionSink() = default;
  virtual void add(const SubmissionRecord& record) = 0;
  virtual void finish() = 0;
};

// One JSON line per record, flushed at once (the streaming mode).
class JsonLinesSink : public SubmissionSink {
 public:
  explicit JsonLinesSink(std::ostream& out) : out_(out) {}
  void add(const SubmissionRecord& record) override;
  void finish() override;

 private:
  std::ostream& out_;
};

}  // namespace sayso
