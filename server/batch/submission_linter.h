// Lints one submission into a record, with a deadline. Each worker thread owns one: the session
// (configs, rule sets, Hunspell, ICU iterators) is not shared between threads.
#pragma once
#include <chrono>
#include <string>

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

// The error every submission over its time limit gets.
std::string time_limit_message(double seconds);

class SubmissionLinter {
 public:
  // `with_json`: records get record.json as well as record.line.
  explicit SubmissionLinter(SessionOptions options, bool with_json = true);
  // Reads, loads, lints and scores the submission. The deadline is checked between the stages
  // (read, parse and segment, lint, score): a submission past it becomes a time-limit error.
  LintedSubmission lint(const Submission& submission, BatchClock::time_point deadline,
                        double time_limit_seconds);

 private:
  LintedSubmission lint_bytes(const Submission& submission, std::string bytes,
                              BatchClock::time_point deadline, double time_limit_seconds);

  LintedSubmission failed(const Submission& submission, std::string error) const {
    return error_submission(submission, std::move(error), with_json_);
  }

  LintingSession session_;
  bool with_json_;
};

}  // namespace sayso
