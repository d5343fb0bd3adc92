#include "batch/resume.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "batch/submission_linter.h"

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

// Calls `visit(line)` for each complete line within the first `complete_bytes` bytes.
template <typename Visit>
void for_each_complete_line(const std::string& path, std::size_t complete_bytes, Visit visit) {
  std::ifstream in(path, std::ios::binary);
  std::size_t offset = 0;
  for_each_line(in, [&](std::string line, std::size_t size, bool complete) {
    if (!complete || offset + size + 1 > complete_bytes) return;
    offset += size + 1;
    visit(std::move(line));
  });
}

bool line_checked_again(const std::string& line) {
  if (line.empty()) return false;
  const auto record = record_from_line(line);
  return record && record_checked_again(*record);
}

}  // namespace

bool record_timed_out(const SubmissionRecord& record) {
  return !record_ok(record) && record.outcome.error.rfind(kTimeLimitError, 0) == 0;
}

bool record_checked_again(const SubmissionRecord& record) { return !record_ok(record); }

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
    if (record->settings.empty())
      ++state.without_settings;
    else
      state.settings.insert(record->settings);
    if (record_checked_again(*record)) {
      ++state.checked_again;
      state.timed_out += record_timed_out(*record);
      return;
    }
    ++state.done_ids[record->id];
    ++state.records;
  });
  state.complete_bytes = offset;
  return state;
}

void check_resume_settings(const ResumeState& state, const std::string& path,
                           const std::string& fingerprint, std::ostream& warnings) {
  for (const std::string& earlier : state.settings) {
    if (earlier == fingerprint) continue;
    throw ResumeError(fmt::format(
        "cannot resume from {}: its records were made with other settings (\"settings\": \"{}\"; "
        "this run's are \"{}\"). The profile, the config or rules, the map, --document, "
        "--max-bytes, --max-findings, --use-submission-configs or the version of sayso differ. "
        "Run again with the settings of the earlier run, or start a new output without --resume.",
        path, earlier, fingerprint));
  }
  if (state.without_settings > 0)
    warnings << fmt::format(
        "sayso batch: warning: {} record(s) in {} do not say which settings made them (written "
        "by an older sayso); they are kept, but sayso cannot check that they match this run\n",
        state.without_settings, path);
}

void drop_records_checked_again(const std::string& path, std::size_t complete_bytes) {
  const std::string temporary = path + ".resume-tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    for_each_complete_line(path, complete_bytes, [&](std::string line) {
      if (!line_checked_again(line)) out << line << '\n';
    });
    out.flush();
    if (!out) {
      std::remove(temporary.c_str());
      throw ResumeError("cannot rewrite " + path + " without its error records: cannot write " +
                        temporary);
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    throw ResumeError("cannot replace " + path + ": " + reason);
  }
}

void for_each_resumed_record(const std::string& path, std::size_t complete_bytes,
                             const std::function<void(SubmissionRecord&)>& visit) {
  for_each_complete_line(path, complete_bytes, [&](std::string line) {
    if (line.empty()) return;
    if (auto record = record_from_line(std::move(line)); record && !record_checked_again(*record))
      visit(*record);
  });
}

}  // namespace sayso
