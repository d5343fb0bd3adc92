#include "batch/resume.h"

#include <fstream>

#include <nlohmann/json.hpp>

namespace sayso {

ResumeState read_resume_file(const std::string& path) {
  ResumeState state;
  std::ifstream in(path, std::ios::binary);
  if (!in) return state;
  std::string line;
  std::size_t offset = 0;
  while (std::getline(in, line)) {
    const bool complete = !in.eof();  // the last line of an interrupted run has no line break
    if (complete) offset += line.size() + 1;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
    if (!complete || record.is_discarded() || !record.is_object() || !record.contains("id") ||
        !record["id"].is_string()) {
      ++state.broken_lines;
      continue;
    }
    state.done_ids.insert(record["id"].get<std::string>());
  }
  state.complete_bytes = offset;
  return state;
}

}  // namespace sayso
