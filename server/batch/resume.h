// --resume FILE: the records an earlier (perhaps interrupted) JSON Lines output already holds.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <ostream>
#include <set>
#include <stdexcept>
#include <string>

#include "report/submission_record.h"

namespace sayso {

struct ResumeState {
  // id → how many ok records it has: that many submissions with the id are not linted again.
  std::map<std::string, std::size_t> done_ids;
  std::size_t records = 0;         // complete ok records, kept
  std::size_t complete_bytes = 0;  // length of the file up to its last complete line
  std::size_t broken_lines = 0;    // lines that were not records (e.g. cut off by the interruption)
  // Error records: submissions that could not be read (a file since fixed, or saved in a format
  // sayso reads, should not stay an error) or ran out of time (a slow machine or a busy moment
  // should not stick). Not done, so linted again; left out of every count above and of the
  // resumed records.
  std::size_t checked_again = 0;
  std::size_t timed_out = 0;       // of which ran out of time
  std::set<std::string> settings;  // the settings fingerprints the records carry
  // Each fingerprint's settings on their own, from the first record that carries them
  // ("settings_parts"; none from an older sayso).
  std::map<std::string, SettingsParts> settings_parts;
  std::size_t without_settings = 0;  // records that carry none (written by an older sayso)
};

// A --resume file whose records were made with other settings than this run's.
class ResumeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A missing file is an empty state (nothing done yet). Lines that are not JSON records with an
// "id" are counted in broken_lines and ignored.
ResumeState read_resume_file(const std::string& path);

// Throws ResumeError when a record of the --resume file says other settings than `fingerprint`,
// naming those that differ from this run's `parts` (when the records say theirs) and what to do;
// writes a warning when some records say none (they cannot be checked, and are kept).
void check_resume_settings(const ResumeState& state, const std::string& path,
                           const std::string& fingerprint, const SettingsParts& parts,
                           std::ostream& warnings);

// True for the record of a submission that ran out of time.
bool record_timed_out(const SubmissionRecord& record);
// True for an error record (could not be read, or ran out of time): linted again on --resume.
bool record_checked_again(const SubmissionRecord& record);

// Rewrites the file (through a temporary file, renamed over it) with its first `complete_bytes`
// bytes less the error records, so that their new records appended after it do not repeat them.
// Throws ResumeError when it cannot.
void drop_records_checked_again(const std::string& path, std::size_t complete_bytes);

// Calls `visit` with each complete record of the file, in file order (the records of the first
// `complete_bytes` bytes that read_resume_file counted, less the error records), so that reports
// can cover them.
void for_each_resumed_record(const std::string& path, std::size_t complete_bytes,
                             const std::function<void(SubmissionRecord&)>& visit);

}  // namespace sayso
