// A whole batch run: inputs → scheduler → every requested output, linting each submission once.
#pragma once
#include <cstddef>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/linting_session.h"

namespace sayso {

struct BatchOptions {
  std::size_t jobs = 0;            // 0 = the hardware threads
  double time_limit_seconds = 60;  // per submission
  // Findings a record lists at most, the most severe first (0 = all); the record says how many
  // were left out, and the counts of them all.
  std::size_t max_findings = 500;
  // Start the CSV report with a UTF-8 byte order mark, by which Excel knows it is UTF-8 (without
  // it, Excel on Windows reads accented letters as another encoding).
  bool csv_bom = true;
  SessionOptions session;
  std::string map_file, resume_file;
  std::string out_jsonl, out_csv, out_sarif, out_html;  // "" = not asked for
  std::vector<std::string> inputs;
  bool progress = false;  // draw a progress bar on standard error
  // Use the .sayso.yml found beside each submission (searching upward from it). Off by default:
  // in a funder's batch the settings are the funder's, never an applicant's.
  bool use_submission_configs = false;
};

struct BatchResult {
  std::size_t records = 0;  // written in this run
  std::size_t errors = 0;   // error records among them
  std::size_t skipped = 0;  // submissions already done in the --resume file
  // Error records in the --resume file (could not be read, ran out of time), linted again: the
  // --resume file's records that are kept are never errors.
  std::size_t retried = 0;
  std::size_t renamed = 0;  // submissions whose id was taken, given a new one
  // Submissions whose text an earlier one of the batch had (the --resume file's included).
  std::size_t same_texts = 0;
  double seconds = 0;
  // Workers still busy with a submission delivered as a time-limit error (see scheduler.h):
  // the process should end without waiting for them.
  std::size_t workers_left_running = 0;
};

// An output file that cannot be written (or would overwrite an input), or a --resume file that
// cannot be appended to.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs the batch. With no --out-* option the JSON Lines go to `standard_output`. With --resume,
// every output covers the whole batch: the records of the --resume file first (in its order; not
// written again when --out-jsonl is that file), then the new ones; its error records (could not be
// read, ran out of time) are linted again and take their place at the end. Throws ConfigError (map
// or config file), RuleError (rule files), OutputError or ResumeError (a --resume file made with
// other settings) before linting anything.
BatchResult run_batch(const BatchOptions& options, std::ostream& standard_output,
                      std::ostream& standard_error);

}  // namespace sayso
