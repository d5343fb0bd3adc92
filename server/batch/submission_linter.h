// Lints one submission into a record, with a deadline. Each worker thread owns one: the session
// (configs, rule sets, Hunspell, ICU iterators) is not shared between threads.
#pragma once
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "app/linting_session.h"
#include "batch/submission.h"
#include "report/submission_record.h"

namespace sayso {

using BatchClock = std::chrono::steady_clock;

struct LintedSubmission {
  SubmissionRecord record;
};

// The record of a submission that is not linted (bad input, time limit), with the reason.
// `with_json`: also parse the record into record.json (for the reporters that read it).
LintedSubmission error_submission(const Submission& submission, std::string error,
                                  bool with_json = true);

// The error every submission over its time limit gets: kTimeLimitError, then the limit. --resume
// knows such records by it, and lints their submissions again.
inline constexpr std::string_view kTimeLimitError = "time limit exceeded";
std::string time_limit_message(double seconds);

class SubmissionLinter {
 public:
  // `with_json`: records get record.json as well as record.line. `max_findings`: a record lists
  // at most this many findings, the most severe (0 = all).
  explicit SubmissionLinter(SessionOptions options, bool with_json = true,
                            std::size_t max_findings = 0);
  // Reads, loads, lints and scores the submission. The deadline is checked between the stages
  // (read, parse and segment, lint, score): a submission past it becomes a time-limit error.
  LintedSubmission lint(const Submission& submission, BatchClock::time_point deadline,
                        double time_limit_seconds);

 private:
  LintedSubmission lint_bytes(const Submission& submission, std::string bytes,
                              BatchClock::time_point deadline, double time_limit_seconds);

  // Applies max_findings_ to the record's findings (see the constructor).
  void cap_findings(SubmissionRecord& record, const Document& doc) const;

  LintedSubmission failed(const Submission& submission, std::string error) const {
    return error_submission(submission, std::move(error), with_json_);
  }

  LintingSession session_;
  bool with_json_;
  std::size_t max_findings_;
};

}  // namespace sayso
