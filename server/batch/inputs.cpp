#include "batch/inputs.h"

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "batch/read_file.h"
#include "formats/format.h"

namespace sayso {
namespace fs = std::filesystem;
namespace {

bool has_extension(const std::string& path, std::string_view ext) {
  std::string lower = fs::path(path).extension().string();
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower == ext;
}

bool is_batch_extension(const std::string& path) {
  return is_known_extension(path) || is_form_export(path) || has_extension(path, ".odt");
}

bool is_glob_pattern(const std::string& input) {
  return input.find_first_of("*?[") != std::string::npos;
}

std::vector<std::string> files_in_folder(const std::string& folder) {
  std::vector<std::string> found;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(
           folder, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && is_batch_extension(it->path().string()))
      found.push_back(it->path().string());
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::vector<std::string> glob_matches(const std::string& pattern) {
  std::vector<std::string> matches;
  glob_t result{};
  if (glob(pattern.c_str(), 0, nullptr, &result) == 0)
    for (std::size_t i = 0; i < result.gl_pathc; ++i) matches.emplace_back(result.gl_pathv[i]);
  globfree(&result);
  return matches;  // glob(3) sorts them
}

void add_path(std::vector<InputFile>& out, const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> files = files_in_folder(path);
    if (files.empty())
      out.push_back({path,
                     "the folder holds no files sayso can read (.md .markdown .txt .tex "
                     ".docx .odt .pdf .html .htm .csv .jsonl)"});
    for (auto& file : files) out.push_back({std::move(file), ""});
  } else {
    out.push_back({path, ""});
  }
}

std::string format_of_file(const std::string& path) {
  std::string format = format_for_path(path);
  return format.empty() ? "text" : format;
}

}  // namespace

bool is_form_export(const std::string& path) {
  return has_extension(path, ".csv") || has_extension(path, ".jsonl");
}

std::vector<InputFile> expand_inputs(const std::vector<std::string>& inputs) {
  std::vector<InputFile> out;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input == "-" || fs::exists(input, ec) || !is_glob_pattern(input)) {
      if (input == "-")
        out.push_back({input, ""});
      else
        add_path(out, input);
      continue;
    }
    std::vector<std::string> matches = glob_matches(input);
    if (matches.empty()) out.push_back({input, "no files match this pattern"});
    for (const auto& match : matches) add_path(out, match);
  }
  return out;
}

SubmissionSource::SubmissionSource(std::vector<InputFile> inputs, SourceOptions options)
    : inputs_(std::move(inputs)), options_(std::move(options)) {
  still_to_skip_ = std::move(options_.skip_ids);
}

void SubmissionSource::produce(const std::function<void(Submission)>& emit) {
  sink_ = emit;
  for (const InputFile& input : inputs_) produce_file(input);
}

void SubmissionSource::produce_file(const InputFile& input) {
  if (input.path == "-") return produce_standard_input();
  if (input.error.empty() && is_form_export(input.path)) return produce_form_export(input.path);
  Submission s;
  s.id = s.path = input.path;
  s.format = format_of_file(input.path);
  s.error = input.error;
  emit(std::move(s));
}

void SubmissionSource::produce_form_export(const std::string& path) {
  const std::string format = has_extension(path, ".csv") ? "csv" : "jsonl";
  std::string bytes;
  std::string error = read_file_bytes(path, options_.max_bytes, bytes);
  if (!error.empty()) return emit_row(path, format, error_row(std::nullopt, path, error));
  auto each_row = [&](FormRow row) { emit_row(path, format, std::move(row)); };
  if (format == "csv")
    read_csv_rows(bytes, options_.map, path, each_row);
  else
    read_jsonl_rows(bytes, options_.map, path, each_row);
}

void SubmissionSource::produce_standard_input() {
  std::istream& in = options_.standard_input ? *options_.standard_input : std::cin;
  std::string line;
  std::size_t number = 0;
  bool any = false;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    any = true;
    const std::string fallback = row_fallback_id("-", number);
    if (line.size() > options_.max_bytes)
      emit_row("-", "jsonl",
               error_row(number, fallback,
                         fmt::format("line too large: {} bytes (the limit is {} bytes)",
                                     line.size(), options_.max_bytes)));
    else
      emit_row("-", "jsonl", jsonl_form_row(line, options_.map, number, fallback));
  }
  if (!any)
    emit_row("-", "jsonl", error_row(std::nullopt, "-", "standard input has no submissions"));
}

void SubmissionSource::emit_row(const std::string& path, const std::string& format, FormRow row) {
  Submission s;
  s.id = std::move(row.id);
  s.path = path;
  s.row = row.row;
  s.format = format;
  s.error = std::move(row.error);
  if (s.error.empty()) {
    s.text = std::move(row.text);
    s.fields = std::move(row.fields);
  }
  emit(std::move(s));
}

void SubmissionSource::emit(Submission submission) {
  const std::string where = submission.row
                                ? fmt::format("row {} of {}", *submission.row, submission.path)
                                : submission.path;
  auto [seen, first] = first_seen_.try_emplace(submission.id, where);
  if (auto done = still_to_skip_.find(submission.id);
      done != still_to_skip_.end() && done->second > 0) {
    --done->second;  // its record (ok, error or duplicate) is in the --resume file
    ++skipped_;
    return;
  }
  if (!first) {
    submission.error =
        fmt::format("duplicate id '{}': first seen at {}", submission.id, seen->second);
    submission.text.reset();
    submission.fields.clear();
  }
  submission.index = next_index_++;
  sink_(std::move(submission));
}

std::size_t SubmissionSource::count() const {
  std::size_t total = 0;
  for (const InputFile& input : inputs_) {
    if (input.path == "-") continue;
    if (!input.error.empty() || !is_form_export(input.path)) {
      ++total;
      continue;
    }
    std::string bytes;
    if (!read_file_bytes(input.path, options_.max_bytes, bytes).empty()) {
      ++total;
      continue;
    }
    total += has_extension(input.path, ".csv") ? count_csv_rows(bytes) : count_jsonl_rows(bytes);
  }
  return total;
}

}  // namespace sayso
