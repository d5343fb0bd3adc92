#include "batch/resume.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string_view>
#include <utility>
#include <vector>

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

// The settings a record says it was made with, each on its own ("settings_parts").
SettingsParts settings_parts_of(const SubmissionRecord& record) {
  SettingsParts parts;
  const nlohmann::ordered_json& object = json_field(record.json, "settings_parts");
  if (object.is_object())
    for (const auto& [name, value] : object.items())
      if (value.is_string()) parts.emplace_back(name, value.get<std::string>());
  return parts;
}

const std::string* part_value(const SettingsParts& parts, std::string_view name) {
  for (const auto& [part, value] : parts)
    if (part == name) return &value;
  return nullptr;
}

// How a refusal names one setting: an option given on the command line (its value is in the
// record), or a file whose contents count (only a fingerprint is).
struct SettingName {
  const char* part;  // the name in "settings_parts"
  const char* flag;  // the option, or nullptr for a file's contents
  const char* what;  // what it is, said to a funder
};

constexpr SettingName kSettingNames[] = {
    {"sayso", nullptr, "the sayso version"},
    {"profile", "--profile", "the profile (--profile, or the config's profile:)"},
    {"document", "--document", "--document (or the config's document:)"},
    {"kind", "--kind", "the kind of text (--kind, or the config's document_kind:)"},
    {"max_bytes", "--max-bytes", "--max-bytes"},
    {"max_findings", "--max-findings", "--max-findings"},
    {"submission_configs", "--use-submission-configs", "--use-submission-configs"},
    {"map", nullptr, "the --map file (its id, title or section columns)"},
    {"config", nullptr,
     "the config (--config, or the .sayso.yml found): its profile, rules, words or other "
     "settings"},
    {"rules", nullptr, "the rules (the --rules folder, or the rule files in it)"},
};

// Each setting that differs: (what differs, how to match the earlier run).
using SettingDifferences = std::vector<std::pair<std::string, std::string>>;

std::string shown_value(const std::string& value) { return value.empty() ? "none" : value; }

// What to give this run for one setting to be the earlier run's.
std::string how_to_match(const SettingName& setting, const std::string& earlier) {
  const std::string part = setting.part;
  if (part == "sayso") return "sayso " + earlier;
  if (part == "submission_configs")
    return std::string(earlier == "on" ? "add " : "leave out ") + setting.flag;
  if (setting.flag)
    return earlier.empty() ? std::string("leave out ") + setting.flag
                           : fmt::format("{} {}", setting.flag, earlier);
  return "the same " + part + " as the earlier run";
}

// The settings that differ. The rules change with the
// version, the profile and the config: they are named only when none of those differ.
SettingDifferences differing_settings(const SettingsParts& earlier, const SettingsParts& now) {
  SettingDifferences differing;
  bool rules_explained = false;
  for (const SettingName& setting : kSettingNames) {
    const std::string_view part = setting.part;
    const std::string* then_value = part_value(earlier, part);
    const std::string* now_value = part_value(now, part);
    if (!then_value || !now_value || *then_value == *now_value) continue;
    if (part == "rules" && rules_explained) continue;
    rules_explained = rules_explained || part == "sayso" || part == "profile" || part == "config";
    const std::string what = setting.flag || part == "sayso"
                                 ? fmt::format("{} (earlier: {}; now: {})", setting.what,
                                               shown_value(*then_value), shown_value(*now_value))
                                 : setting.what;
    differing.emplace_back(what, how_to_match(setting, *then_value));
  }
  return differing;
}

std::string refusal_message(const std::string& path, const std::string& earlier,
                            const std::string& fingerprint, const SettingDifferences& differing) {
  const std::string head = fmt::format(
      "cannot resume from {}: its records were made with other settings (\"settings\": \"{}\"; "
      "this run's are \"{}\").",
      path, earlier, fingerprint);
  if (differing.empty())
    return head +
           " The profile, the config or rules, the map, --document, --kind, --max-bytes, "
           "--max-findings, --use-submission-configs or the version of sayso differ. Run again "
           "with the settings of the earlier run, or start a new output without --resume.";
  std::vector<std::string> whats, hows;
  for (const auto& [what, how] : differing) {
    whats.push_back(what);
    hows.push_back(how);
  }
  return fmt::format(
      "{} What differs: {}. To resume, give the settings of the earlier run ({}), or start a new "
      "output without --resume.",
      head, fmt::join(whats, "; "), fmt::join(hows, "; "));
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
    else if (state.settings.insert(record->settings).second)
      state.settings_parts[record->settings] = settings_parts_of(*record);
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
                           const std::string& fingerprint, const SettingsParts& parts,
                           std::ostream& warnings) {
  for (const std::string& earlier : state.settings) {
    if (earlier == fingerprint) continue;
    const auto earlier_parts = state.settings_parts.find(earlier);
    throw ResumeError(refusal_message(path, earlier, fingerprint,
                                      earlier_parts == state.settings_parts.end()
                                          ? SettingDifferences{}
                                          : differing_settings(earlier_parts->second, parts)));
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
