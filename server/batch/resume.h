// --resume FILE: the records an earlier (perhaps interrupted) JSON Lines output already holds.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <string>

#include "report/submission_record.h"

namespace sayso {

struct ResumeState {
  // id → how many records it has (ok or error; a duplicate-id error record repeats its id): that
  // many submissions with the id are not linted again.
  std::map<std::string, std::size_t> done_ids;
  std::size_t records = 0;         // complete records
  std::size_t error_records = 0;   // of which "status": "error"
  std::size_t complete_bytes = 0;  // length of the file up to its last complete line
  std::size_t broken_lines = 0;    // lines that were not records (e.g. cut off by the interruption)
};

// A missing file is an empty state (nothing done yet). Lines that are not JSON records with an
// "id" are counted in broken_lines and ignored.
ResumeState read_resume_file(const std::string& path);

// Calls `visit` with each complete record of the file, in file order (the records of the first
// `complete_bytes` bytes that read_resume_file counted), so that reports can cover them.
void for_each_resumed_record(const std::string& path, std::size_t complete_bytes,
                             const std::function<void(SubmissionRecord&)>& visit);

}  // namespace sayso
