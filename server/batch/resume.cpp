#include "batch/resume.h"

#include <fstream>

namespace sayso {
namespace {

// Calls `visit(line, complete)` for every line of the file; `complete` is false for a last line
// with no line break (cut off by an interruption).
template <typename Visit>
void for_each_line(std::istream& in, Visit visit) {
  std::string line;
  while (std::getline(in, line)) {
    const bool complete = !in.eof();
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      visit(std::string(), line.size(), complete);
      continue;
    }
    const std::size_t size = line.size();
    visit(std::move(line), size, complete);
    line.clear();
  }
}

}  // namespace

ResumeState read_resume_file(const std::string& path) {
  ResumeState state;
  std::ifstream in(path, std::ios::binary);
  if (!in) return state;
  std::size_t offset = 0;
  for_each_line(in, [&](std::string line, std::size_t size, bool complete) {
    if (complete) offset += size + 1;
    if (line.empty()) return;
    std::optional<SubmissionRecord> record;
    if (complete) record = record_from_line(std::move(line));
    if (!record) {
      ++state.broken_lines;
      return;
    }
    ++state.done_ids[record->id];
    ++state.records;
    state.error_records += !record_ok(*record);
  });
  state.complete_bytes = offset;
  return state;
}

void for_each_resumed_record(const std::string& path, std::size_t complete_bytes,
                             const std::function<void(SubmissionRecord&)>& visit) {
  std::ifstream in(path, std::ios::binary);
  std::size_t offset = 0;
  for_each_line(in, [&](std::string line, std::size_t size, bool complete) {
    if (!complete || offset + size + 1 > complete_bytes) return;
    offset += size + 1;
    if (line.empty()) return;
    if (auto record = record_from_line(std::move(line))) visit(*record);
  });
}

}  // namespace sayso
