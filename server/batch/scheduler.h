// The batch scheduler: one producer thread reads submissions, a pool of worker threads lints them
// (each with its own SubmissionLinter), and the calling thread receives the records in input
// order as soon as each one's turn comes. At most `window` submissions are in flight (read but not
// yet delivered), which bounds memory whatever the size of the batch.
//
// Time limit: each worker checks its submission's deadline between stages, and linting itself
// stops at the deadline (Linter::lint skips the checks left). A stage that runs on past the
// deadline (plus one second) is not waited for: the calling thread delivers a time-limit error
// record in its place, starts a new worker in the old one's place, and moves on; the old worker
// finishes that stage in the background, drops its result and ends. Threads are never killed; at
// the end of the run the old worker is not waited for.
#pragma once
#include <cstddef>
#include <functional>

#include "app/linting_session.h"
#include "batch/submission_linter.h"

namespace sayso {

struct SchedulerOptions {
  std::size_t jobs = 1;
  std::size_t window = 64;         // submissions in flight at most
  double time_limit_seconds = 60;  // per submission
  bool record_json = true;         // records get record.json (some reporter reads it)
  std::size_t max_findings = 0;    // findings listed per record at most (0 = all)
  SessionOptions session;
};

using Produce = std::function<void(const std::function<void(Submission)>& emit)>;
using Deliver = std::function<void(LintedSubmission&)>;

// Runs the whole batch. `produce` runs on its own thread; `deliver` on the calling thread, in
// input order. Exceptions from `produce` or `deliver` stop the batch and are rethrown here.
// Returns how many workers given up on are still running (never waited for, so that a stage
// stuck for minutes does not hold back the reports; 0 in sanitizer builds, which wait).
std::size_t run_scheduler(const SchedulerOptions& options, const Produce& produce,
                          const Deliver& deliver);

}  // namespace sayso
