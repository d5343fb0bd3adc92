// --resume FILE: the ids an earlier (perhaps interrupted) JSON Lines output already holds.
#pragma once
#include <cstddef>
#include <set>
#include <string>

namespace sayso {

struct ResumeState {
  std::set<std::string> done_ids;  // ids with a record (ok or error): not linted again
  std::size_t complete_bytes = 0;  // length of the file up to its last complete line
  std::size_t broken_lines = 0;    // lines that were not records (e.g. cut off by the interruption)
};

// A missing file is an empty state (nothing done yet). Lines that are not JSON records with an
// "id" are counted in broken_lines and ignored.
ResumeState read_resume_file(const std::string& path);

}  // namespace sayso
