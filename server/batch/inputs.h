// The inputs of a batch: files, folders (recursive), globs and standard input, turned into
// submissions in input order. Every input yields at least one submission (an error one if it
// cannot be read). An id seen before is replaced by a new one, so that every record has its own:
// the given id, '~' and the lowest number from 2 up that no earlier submission has (a second
// "A-1" is "A-1~2", a third "A-1~3"); the record says the given id and where it was first seen.
// CSV and JSON Lines exports in UTF-16 with a byte order mark (Excel's "Unicode text") are read
// as their UTF-8 decoding.
#pragma once
#include <cstddef>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "batch/form_rows.h"
#include "batch/submission.h"

namespace sayso {

// One path to read, or an input that matched nothing (error set).
struct InputFile {
  std::string path;   // "-" for standard input
  std::string error;  // e.g. "no files match this pattern"
};

// What a folder walk found that is not a submission and not an error record.
struct ScanNotes {
  std::vector<std::string> own_reports;     // reports an earlier run wrote there: not read
  std::vector<std::string> folder_configs;  // .sayso.yml files inside the folders
  std::vector<std::string> repeated_files;  // a file reached again by another input: read once
  std::vector<std::string> passed_over;     // files that are not documents (images, ...)
  std::vector<std::string> hidden;          // hidden files and folders (".git"): not searched
};

// What a folder walk passed over, by kind, each with its count and, where there is one, what to
// do about it: {"2 images", "1 spreadsheet (save it as CSV)", "1 file with no extension (...)"}.
// The folders' .sayso.yml files count as passed over unless `use_submission_configs`.
std::vector<std::string> passed_over_by_kind(const ScanNotes& notes, bool use_submission_configs);

// Folders become their known files (sorted, recursively; .csv and .jsonl included), glob patterns
// their matches (sorted), other paths stay as given. Every folder entry is accounted for: links
// that lead nowhere or in a loop, pipes, sockets, devices, folders that cannot be opened and
// word-processor files sayso cannot read are error entries (`error` set); hidden entries (".git"),
// files that are not documents (images, spreadsheets, ...), earlier reports and .sayso.yml files
// are passed over, and listed in `notes`. A file reached twice (a folder and a glob over it, a
// link) is read once; the repeats are listed in `notes`.
std::vector<InputFile> expand_inputs(const std::vector<std::string>& inputs,
                                     ScanNotes* notes = nullptr);

// True for a CSV or JSON Lines form export (one submission per row).
bool is_form_export(const std::string& path);

// --max-bytes limits each submission: each row of a form export, not the export file, which is
// read whole (the rows are cut from it) and may be up to this size, or --max-bytes if larger.
inline constexpr std::size_t kMaxExportFileBytes = std::size_t{1} << 30;
std::size_t export_file_limit(std::size_t max_bytes);

struct SourceOptions {
  const FormMap* map = nullptr;       // --map
  std::size_t max_bytes = 64u << 20;  // larger submissions (files, rows, lines) are error records
  // --resume: id → how many submissions with that id are already done (the first ones).
  std::map<std::string, std::size_t> skip_ids;
  std::istream* standard_input = nullptr;  // where "-" reads JSON Lines from
  std::string settings;                    // the run's settings fingerprint, for every record
  std::shared_ptr<const SettingsParts> settings_parts;  // the same each on its own
};

// Where a submission is: "row 3 of forms.csv", or its path.
std::string submission_place(const Submission& submission);

// Produces the submissions of the inputs in order. The first skip_ids[id] submissions with an id
// (after any new id for a repeated one) are not produced; they are counted in skipped().
class SubmissionSource {
 public:
  SubmissionSource(std::vector<InputFile> inputs, SourceOptions options);
  void produce(const std::function<void(Submission)>& emit);
  std::size_t skipped() const { return skipped_; }
  // Submissions given a new id because theirs was taken (skipped ones included), and the first.
  std::size_t renamed() const { return renamed_; }
  const Submission& first_renamed() const { return first_renamed_; }
  // How many submissions the inputs hold (reads every form export; for the progress bar).
  // Standard input counts as none.
  std::size_t count() const;

 private:
  void produce_file(const InputFile& input);
  void produce_form_export(const std::string& path);
  void produce_standard_input();
  void emit_row(const std::string& path, const std::string& format, FormRow row);
  void emit(Submission submission);
  void give_unique_id(Submission& submission);

  std::vector<InputFile> inputs_;
  SourceOptions options_;
  std::function<void(Submission)> sink_;
  std::size_t next_index_ = 0, skipped_ = 0, renamed_ = 0;
  Submission first_renamed_;                          // without its text
  std::map<std::string, std::string> first_seen_;     // id → where it was first seen
  std::map<std::string, std::size_t> next_number_;    // given id → the next number to try
  std::map<std::string, std::size_t> still_to_skip_;  // from options_.skip_ids, counted down
};

}  // namespace sayso
