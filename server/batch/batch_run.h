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
  std::size_t records = 0;         // written in this run
  std::size_t errors = 0;          // error records among them
  std::size_t skipped = 0;         // submissions already done in the --resume file
  std::size_t resumed_errors = 0;  // error records in the --resume file (they stay errors)
  double seconds = 0;
};

// An output file that cannot be written (or would overwrite an input), or a --resume file that
// cannot be appended to.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs the batch. With no --out-* option the JSON Lines go to `standard_output`. With --resume,
// every output covers the whole batch: the records of the --resume file first (in its order; not
// written again when --out-jsonl is that file), then the new ones. Throws
// ConfigError (map or config file), RuleError (rule files) or OutputError before linting anything.
BatchResult run_batch(const BatchOptions& options, std::ostream& standard_output,
                      std::ostream& standard_error);

}  // namespace sayso
