#include "batch/inputs.h"

#include <glob.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "core/read_file.h"
#include "core/source.h"
#include "formats/folder_walk.h"
#include "formats/format.h"
#include "report/own_reports.h"

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

// The extension, lower case, with its dot ("" if none).
std::string lower_extension(const std::string& path) {
  std::string lower = fs::path(path).extension().string();
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

// True when the file is a report an earlier `sayso batch` wrote (read from its first bytes).
bool is_own_report(const std::string& path) {
  const std::string extension = lower_extension(path);
  if (extension != ".jsonl" && extension != ".csv" && extension != ".html" && extension != ".htm")
    return false;
  std::ifstream in(path, std::ios::binary);
  std::string head(kOwnReportSniffBytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
  return looks_like_own_report(extension, head);
}

// A folder's submissions and error records (formats/folder_walk.h); the reports of an earlier
// run, the folders' own .sayso.yml files, hidden entries and other files (images, spreadsheets,
// ...), which are not submissions, are listed in `notes`.
std::vector<InputFile> files_in_folder(const std::string& folder, ScanNotes& notes) {
  std::vector<InputFile> found;
  for (FolderEntry& entry : walk_folder(folder, is_batch_extension)) {
    switch (entry.kind) {
      case FolderEntry::Kind::Document:
        if (is_own_report(entry.path))
          notes.own_reports.push_back(std::move(entry.path));
        else
          found.push_back({std::move(entry.path), ""});
        break;
      case FolderEntry::Kind::Problem:
        found.push_back({std::move(entry.path), std::move(entry.problem)});
        break;
      case FolderEntry::Kind::Hidden:
        notes.hidden.push_back(std::move(entry.path));
        break;
      case FolderEntry::Kind::FolderConfig:
        notes.folder_configs.push_back(std::move(entry.path));
        break;
      case FolderEntry::Kind::NotDocument:
        notes.passed_over.push_back(std::move(entry.path));
        break;
    }
  }
  // Sorted by path, so the order is the same on every file system.
  std::sort(found.begin(), found.end(),
            [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
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

void add_path(std::vector<InputFile>& out, const std::string& path, ScanNotes& notes) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<InputFile> files = files_in_folder(path, notes);
    if (files.empty())
      out.push_back({path,
                     "the folder holds no files sayso can read (.md .markdown .txt .tex "
                     ".docx .odt .pdf .html .htm .csv .jsonl)"});
    for (auto& file : files) out.push_back(std::move(file));
  } else {
    out.push_back({path, ""});
  }
}

// Reads a form export whole, as UTF-8: one in UTF-16 with a byte order mark (Excel's "Unicode
// text", some survey tools) is decoded as text files are.
std::string read_export_file(const std::string& path, std::size_t max_bytes, std::string& bytes) {
  std::string error = read_file_bytes(path, export_file_limit(max_bytes), bytes);
  if (error.empty()) decode_utf16_with_bom(bytes);
  return error;
}

// Standard input's next line, without its line ending. Input in UTF-16 with a byte order mark is
// read whole and decoded first (then lines come from `decoded`); a UTF-8 byte order mark is
// dropped.
class StandardInputLines {
 public:
  explicit StandardInputLines(std::istream& in) : in_(&in) {}
  bool next(std::string& line) {
    if (!std::getline(*in_, line)) return false;
    if (first_) {
      first_ = false;
      if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
      if (starts_with_utf16_bom(line)) return decode_all(line);
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }

 private:
  static bool starts_with_utf16_bom(const std::string& line) {
    return line.rfind("\xFF\xFE", 0) == 0 || line.rfind("\xFE\xFF", 0) == 0;
  }
  bool decode_all(std::string& line) {
    std::string all = std::move(line);
    if (!in_->eof()) {
      all += '\n';  // the line break getline took
      std::ostringstream rest;
      rest << in_->rdbuf();
      all += std::move(rest).str();
    }
    decode_utf16_with_bom(all);
    decoded_.str(std::move(all));
    in_ = &decoded_;
    return next(line);
  }

  std::istream* in_;
  std::istringstream decoded_;
  bool first_ = true;
};

std::string format_of_file(const std::string& path) {
  std::string format = format_for_path(path);
  return format.empty() ? "text" : format;
}

}  // namespace

namespace {

// A kind of file a folder walk passes over, and what to do with one (if anything).
struct PassedOverKind {
  std::vector<std::string_view> extensions;  // lower case, with the dot; none: no extension
  const char *one, *many;                    // "image", "images"
  const char *advice_one, *advice_many;      // "" when there is nothing to do
};

const std::vector<PassedOverKind>& passed_over_kinds() {
  static const std::vector<PassedOverKind> kinds = {
      {{".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".svg"},
       "image",
       "images",
       "",
       ""},
      {{".xlsx", ".xlsm", ".xls", ".ods", ".numbers"},
       "spreadsheet",
       "spreadsheets",
       "save it as CSV",
       "save them as CSV"},
      {{".ppt", ".pptx", ".odp", ".key"}, "presentation", "presentations", "", ""},
      {{".zip", ".7z", ".rar", ".tar", ".gz", ".tgz"},
       "archive",
       "archives",
       "unpack it first",
       "unpack them first"},
      // Consistent with other unknown files: sayso cannot tell what such a file holds.
      {{},
       "file with no extension",
       "files with no extension",
       "name it .txt if it is text",
       "name them .txt if they are text"},
  };
  return kinds;
}

std::string counted(std::size_t n, const char* one, const char* many, const char* advice_one,
                    const char* advice_many) {
  const std::string advice = n == 1 ? advice_one : advice_many;
  return fmt::format("{} {}{}", n, n == 1 ? one : many, advice.empty() ? "" : " (" + advice + ")");
}

}  // namespace

std::vector<std::string> passed_over_by_kind(const ScanNotes& notes, bool use_submission_configs) {
  std::vector<std::size_t> per_kind(passed_over_kinds().size(), 0);
  std::set<std::string> other_extensions;
  std::size_t others = 0;
  for (const std::string& path : notes.passed_over) {
    const std::string extension = lower_extension(path);
    const auto& kinds = passed_over_kinds();
    const auto kind = std::find_if(kinds.begin(), kinds.end(), [&](const PassedOverKind& k) {
      return extension.empty() ? k.extensions.empty()
                               : std::find(k.extensions.begin(), k.extensions.end(), extension) !=
                                     k.extensions.end();
    });
    if (kind != kinds.end()) {
      ++per_kind[static_cast<std::size_t>(kind - kinds.begin())];
    } else {
      ++others;
      other_extensions.insert(extension);
    }
  }
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < per_kind.size(); ++i) {
    const PassedOverKind& k = passed_over_kinds()[i];
    if (per_kind[i])
      parts.push_back(counted(per_kind[i], k.one, k.many, k.advice_one, k.advice_many));
  }
  if (others)
    parts.push_back(fmt::format("{} ({})", counted(others, "other file", "other files", "", ""),
                                fmt::join(other_extensions, ", ")));
  if (!notes.own_reports.empty())
    parts.push_back(counted(notes.own_reports.size(), "report of an earlier run",
                            "reports of an earlier run", "", ""));
  if (!notes.folder_configs.empty() && !use_submission_configs)
    parts.push_back(counted(notes.folder_configs.size(), "applicant's .sayso.yml",
                            "applicants' .sayso.yml files", "", ""));
  if (!notes.hidden.empty())
    parts.push_back(counted(notes.hidden.size(), "hidden file or folder", "hidden files or folders",
                            "the name starts with '.'", "the names start with '.'"));
  return parts;
}

std::size_t export_file_limit(std::size_t max_bytes) {
  return std::max(kMaxExportFileBytes, max_bytes);
}

bool is_form_export(const std::string& path) {
  return has_extension(path, ".csv") || has_extension(path, ".jsonl");
}

namespace {

// Drops a file reached a second time (a folder and a glob over it, "a.md ./a.md", a link): the
// same file is one submission. Each one dropped is listed in `notes`, so every input is still
// accounted for.
void drop_repeated_files(std::vector<InputFile>& files, ScanNotes& notes) {
  std::set<std::pair<dev_t, ino_t>> seen;
  std::erase_if(files, [&](const InputFile& file) {
    struct stat info {};
    if (!file.error.empty() || file.path == "-" || ::stat(file.path.c_str(), &info) != 0 ||
        !S_ISREG(info.st_mode))
      return false;
    if (seen.insert({info.st_dev, info.st_ino}).second) return false;
    notes.repeated_files.push_back(file.path);
    return true;
  });
}

}  // namespace

std::vector<InputFile> expand_inputs(const std::vector<std::string>& inputs, ScanNotes* notes) {
  ScanNotes ignored_notes;
  ScanNotes& scan_notes = notes ? *notes : ignored_notes;
  std::vector<InputFile> out;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input == "-" || fs::exists(input, ec) || !is_glob_pattern(input)) {
      if (input == "-")
        out.push_back({input, ""});
      else
        add_path(out, input, scan_notes);
      continue;
    }
    std::vector<std::string> matches = glob_matches(input);
    if (matches.empty()) out.push_back({input, "no files match this pattern"});
    for (const auto& match : matches) add_path(out, match, scan_notes);
  }
  drop_repeated_files(out, scan_notes);
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
  if (is_unsupported_document(input.path)) {
    s.format = fs::path(input.path).extension().string().substr(1);
    if (s.error.empty()) s.error = unsupported_reason(input.path);
  }
  emit(std::move(s));
}

void SubmissionSource::produce_form_export(const std::string& path) {
  const std::string format = has_extension(path, ".csv") ? "csv" : "jsonl";
  std::string bytes;
  std::string error = read_export_file(path, options_.max_bytes, bytes);
  if (!error.empty()) return emit_row(path, format, error_row(std::nullopt, path, error));
  auto each_row = [&](FormRow row) { emit_row(path, format, std::move(row)); };
  if (format == "csv")
    read_csv_rows(bytes, options_.map, path, each_row);
  else
    read_jsonl_rows(bytes, options_.map, path, each_row);
}

void SubmissionSource::produce_standard_input() {
  std::istream& in = options_.standard_input ? *options_.standard_input : std::cin;
  // std::cin is tied to std::cout: each read would flush standard output from this thread while
  // the writer thread writes records to it (a data race that left stray blank lines in the
  // stream). The writer flushes after every record, so the tie is not needed.
  in.tie(nullptr);
  StandardInputLines lines(in);
  std::string line;
  std::size_t number = 0;
  while (lines.next(line)) {
    ++number;
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const std::string fallback = row_fallback_id("-", number);
    if (line.size() > options_.max_bytes)
      emit_row("-", "jsonl",
               error_row(number, fallback,
                         fmt::format("line too large: {} bytes (the limit is {} bytes)",
                                     line.size(), options_.max_bytes)));
    else
      emit_row("-", "jsonl", jsonl_form_row(line, options_.map, number, fallback));
  }
}

void SubmissionSource::emit_row(const std::string& path, const std::string& format, FormRow row) {
  Submission s;
  s.id = std::move(row.id);
  s.title = std::move(row.title);
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

std::string submission_place(const Submission& submission) {
  return submission.row ? fmt::format("row {} of {}", *submission.row, submission.path)
                        : submission.path;
}

void SubmissionSource::give_unique_id(Submission& submission) {
  const std::string where = submission_place(submission);
  auto [seen, first] = first_seen_.try_emplace(submission.id, where);
  if (first) return;
  DuplicateId duplicate{submission.id, seen->second};
  std::size_t& number = next_number_.try_emplace(duplicate.given, 2).first->second;
  while (first_seen_.count(fmt::format("{}~{}", duplicate.given, number))) ++number;
  submission.id = fmt::format("{}~{}", duplicate.given, number++);
  first_seen_.emplace(submission.id, where);
  submission.duplicate = std::move(duplicate);
  if (renamed_++ == 0) {
    first_renamed_ = submission;
    first_renamed_.text.reset();
    first_renamed_.fields.clear();
  }
}

void SubmissionSource::emit(Submission submission) {
  // Ids as every report writes them (a file name's bytes that are not UTF-8 as \xHH), before they
  // are made unique and matched against --resume's, which were read from such a report.
  submission.id = escape_invalid_utf8(submission.id);
  submission.title = escape_invalid_utf8(submission.title);
  give_unique_id(submission);
  if (auto done = still_to_skip_.find(submission.id);
      done != still_to_skip_.end() && done->second > 0) {
    --done->second;  // its record (ok or error) is in the --resume file
    ++skipped_;
    return;
  }
  submission.settings = options_.settings;
  submission.settings_parts = options_.settings_parts;
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
    if (!read_export_file(input.path, options_.max_bytes, bytes).empty()) {
      ++total;
      continue;
    }
    total += has_extension(input.path, ".csv") ? count_csv_rows(bytes) : count_jsonl_rows(bytes);
  }
  return total;
}

}  // namespace sayso
