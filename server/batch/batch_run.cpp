#include "batch/batch_run.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "batch/duplicate_texts.h"
#include "batch/inputs.h"
#include "batch/progress.h"
#include "batch/resume.h"
#include "batch/scheduler.h"
#include "batch/settings_fingerprint.h"
#include "core/config.h"
#include "report/csv.h"
#include "report/html_report.h"
#include "report/sarif.h"

namespace sayso {
namespace fs = std::filesystem;
namespace {

// The files and sinks of one run, kept alive until the run ends.
class Outputs {
 public:
  // `takes_resumed`: the sink also gets the records of the --resume file.
  void add_stream_sink(std::unique_ptr<SubmissionSink> sink, bool takes_resumed = true) {
    if (takes_resumed) resumed_sinks_.push_back(sink.get());
    sinks_.push_back(std::move(sink));
  }
  bool want_resumed() const { return !resumed_sinks_.empty(); }
  bool reads_json() const {
    return std::any_of(sinks_.begin(), sinks_.end(), [](const auto& s) { return s->reads_json(); });
  }

  std::ostream& open(const std::string& path, bool append) {
    auto file = std::make_unique<std::ofstream>(
        path, std::ios::binary | (append ? std::ios::app : std::ios::trunc));
    if (!*file) throw OutputError("cannot write " + path);
    files_.push_back(std::move(file));
    watch(*files_.back(), path);
    return *files_.back();
  }

  // A stream checked after every record, so that a full disk or a closed pipe stops the run with
  // a message instead of losing the records silently.
  void watch(std::ostream& stream, std::string name) {
    watched_.push_back({&stream, std::move(name)});
  }

  void add(const SubmissionRecord& record) {
    for (auto& sink : sinks_) sink->add(record);
    check_streams();
  }

  void add_resumed(const SubmissionRecord& record) {
    for (SubmissionSink* sink : resumed_sinks_) sink->add(record);
  }

  void finish() {
    for (auto& sink : sinks_) sink->finish();
    for (auto& [stream, name] : watched_) stream->flush();
    check_streams();
  }

 private:
  void check_streams() const {
    for (const auto& [stream, name] : watched_) {
      if (*stream) continue;
      const int error = errno;  // set by the write that failed, on this thread
      throw OutputError(fmt::format("cannot write {}: {}", name,
                                    error != 0 ? std::strerror(error) : "write failed"));
    }
  }

  std::vector<std::pair<std::ostream*, std::string>> watched_;
  std::vector<std::unique_ptr<std::ofstream>> files_;
  std::vector<std::unique_ptr<SubmissionSink>> sinks_;
  std::vector<SubmissionSink*> resumed_sinks_;
};

bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  if (a.empty() || b.empty()) return false;
  return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

bool appends_to_resume_file(const BatchOptions& options) {
  return !options.out_jsonl.empty() && same_file(options.out_jsonl, options.resume_file);
}

// The JSON Lines output: appended to the --resume file when it is the same file (after cutting
// off a line the interrupted run left unfinished), else a new file, else standard output.
std::ostream& open_jsonl(const BatchOptions& options, const ResumeState& resume, Outputs& outputs,
                         std::ostream& standard_output) {
  if (options.out_jsonl.empty()) {
    outputs.watch(standard_output, "standard output");
    return standard_output;
  }
  const bool append = appends_to_resume_file(options);
  if (append && fs::exists(options.out_jsonl)) {
    if (resume.checked_again > 0) {
      drop_records_checked_again(options.out_jsonl, resume.complete_bytes);
    } else {
      std::error_code ec;
      fs::resize_file(options.out_jsonl, resume.complete_bytes, ec);
      if (ec) throw OutputError("cannot repair " + options.out_jsonl + ": " + ec.message());
    }
  }
  return outputs.open(options.out_jsonl, append);
}

// What the findings were made with, in words, for the HTML report's readers: the same round
// without a profile has other findings, and nothing else on the page would say why.
std::string settings_in_words(const BatchOptions& options, const Config& config) {
  std::vector<std::string> parts;
  parts.push_back(config.profile.empty() ? "Profile: none (general checks)"
                                         : "Profile: " + config.profile);
  if (options.use_submission_configs)
    parts.push_back("Settings: the .sayso.yml beside each submission");
  else
    parts.push_back("Settings file: " + (config.file.empty() ? std::string("none") : config.file));
  if (!config.document.empty()) parts.push_back("Each text read as: " + config.document);
  if (!config.document_kind.empty())
    parts.push_back("A text with no headings read as: " + config.document_kind);
  return fmt::format("{}.", fmt::join(parts, ". "));
}

void open_outputs(const BatchOptions& options, const ResumeState& resume, Outputs& outputs,
                  const std::string& settings_words, std::ostream& standard_output) {
  const bool any_file = !options.out_jsonl.empty() || !options.out_csv.empty() ||
                        !options.out_sarif.empty() || !options.out_html.empty();
  if (!options.out_jsonl.empty() || !any_file)
    outputs.add_stream_sink(
        std::make_unique<JsonLinesSink>(open_jsonl(options, resume, outputs, standard_output)),
        !appends_to_resume_file(options));
  if (!options.out_csv.empty())
    outputs.add_stream_sink(
        std::make_unique<CsvReport>(outputs.open(options.out_csv, false), options.csv_bom));
  if (!options.out_html.empty())
    outputs.add_stream_sink(
        std::make_unique<HtmlReport>(outputs.open(options.out_html, false), settings_words));
  if (!options.out_sarif.empty()) {
    std::error_code ec;
    outputs.add_stream_sink(std::make_unique<SarifReport>(outputs.open(options.out_sarif, false),
                                                          fs::current_path(ec).string()));
  }
}

// The identity of a file that exists (device and inode: the same file by any path, through
// links too).
std::optional<std::pair<dev_t, ino_t>> file_identity(const std::string& path) {
  struct stat info {};
  if (path.empty() || path == "-" || ::stat(path.c_str(), &info) != 0) return std::nullopt;
  return std::make_pair(info.st_dev, info.st_ino);
}

// Refuses, before any output is opened, a run that would write over something it reads (a
// submission, the map, the config or the --resume file, except --out-jsonl appending to that) or
// write two reports into one file.
void check_output_paths(const BatchOptions& options, const std::vector<InputFile>& inputs) {
  const std::pair<const char*, const std::string*> outputs[] = {{"--out-jsonl", &options.out_jsonl},
                                                                {"--out-csv", &options.out_csv},
                                                                {"--out-sarif", &options.out_sarif},
                                                                {"--out-html", &options.out_html}};
  std::vector<std::pair<std::string, std::string>> read;  // what the run reads: (path, role)
  for (const InputFile& input : inputs) read.emplace_back(input.path, "a submission");
  read.emplace_back(options.map_file, "the --map file");
  if (options.session.config_file) read.emplace_back(*options.session.config_file, "the config");
  for (std::size_t i = 0; i < std::size(outputs); ++i) {
    const auto& [flag, path] = outputs[i];
    if (path->empty()) continue;
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(*path, ec);
    for (std::size_t j = 0; j < i; ++j) {
      const auto& [other_flag, other_path] = outputs[j];
      if (!other_path->empty() && fs::weakly_canonical(*other_path, ec) == canonical)
        throw OutputError(
            fmt::format("{} and {} name the same file ({}): give each report its "
                        "own file",
                        other_flag, flag, *path));
    }
    const auto identity = file_identity(*path);
    if (!identity) continue;  // a new file cannot be anything the run reads
    if (*path != options.out_jsonl && file_identity(options.resume_file) == identity)
      throw OutputError(
          fmt::format("{} {} is the --resume file: writing it would destroy the "
                      "earlier records",
                      flag, *path));
    for (const auto& [input, role] : read)
      if (file_identity(input) == identity)
        throw OutputError(
            fmt::format("{} {} is also {} ({}): refusing to write over it; write "
                        "the report somewhere else",
                        flag, *path, role, input));
  }
}

// Says on standard error what the folder walk passed over that a funder may wonder about.
void report_scan_notes(const ScanNotes& notes, bool use_submission_configs,
                       std::ostream& standard_error) {
  if (!notes.own_reports.empty())
    standard_error << fmt::format(
        "sayso batch: not read as submissions: {} report(s) written by an earlier run, such as "
        "{}\n",
        notes.own_reports.size(), notes.own_reports.front());
  if (!notes.repeated_files.empty())
    standard_error << fmt::format(
        "sayso batch: {} file(s) given more than once (by two inputs, or by a link) were checked "
        "once, such as {}\n",
        notes.repeated_files.size(), notes.repeated_files.front());
  if (!notes.folder_configs.empty() && !use_submission_configs)
    standard_error << fmt::format(
        "sayso batch: ignored {} .sayso.yml file(s) inside the input folders, such as {} (an "
        "applicant's settings do not apply in a batch; --use-submission-configs uses them)\n",
        notes.folder_configs.size(), notes.folder_configs.front());
}

// The session every worker uses. Unless --use-submission-configs, one config governs the whole
// batch: --config, else the .sayso.yml of the working folder or a folder above it (the funder's),
// never one found beside a submission (an applicant could turn rules off with it).
SessionOptions batch_session(const BatchOptions& options) {
  SessionOptions session = options.session;
  if (!session.config_file && !options.use_submission_configs) {
    std::error_code ec;
    session.config_file = find_config_file(fs::current_path(ec).string());
  }
  return session;
}

// Loads the config and rules once before starting, so that a broken config is a usage error
// (exit 2) rather than one error record per submission. Its rules describe the rules of records
// read back from a --resume file (in SARIF).
class ConfigProbe {
 public:
  explicit ConfigProbe(const SessionOptions& options)
      : session_(options),
        config_(&session_.config_for("-")),
        rules_(&session_.linter_for(*config_).rules()) {}
  const Config& config() const { return *config_; }
  const RuleSet* rules() const { return rules_; }

 private:
  LintingSession session_;
  const Config* config_;
  const RuleSet* rules_;
};

// What this run's records depend on: the fingerprint of it all, and each setting on its own (see
// settings_fingerprint).
struct RunSettings {
  std::string fingerprint;
  std::shared_ptr<const SettingsParts> parts;
};

RunSettings run_settings(const BatchOptions& options, const ConfigProbe& probe,
                         const FormMap* map) {
  FingerprintedOptions fingerprinted;
  fingerprinted.profile = options.session.profile;
  fingerprinted.document = options.session.document;
  fingerprinted.document_kind = options.session.document_kind;
  fingerprinted.max_bytes = options.session.max_bytes;
  fingerprinted.use_submission_configs = options.use_submission_configs;
  fingerprinted.max_findings = options.max_findings;
  fingerprinted.map = map;
  return {settings_fingerprint(*probe.rules(), probe.config(), fingerprinted),
          std::make_shared<const SettingsParts>(
              settings_parts(*probe.rules(), probe.config(), fingerprinted))};
}

// Reads the --resume file and refuses it, before any output is opened, when its records were
// made with other settings.
ResumeState read_resume(const BatchOptions& options, const RunSettings& settings,
                        std::ostream& standard_error) {
  if (options.resume_file.empty()) return {};
  ResumeState resume = read_resume_file(options.resume_file);
  check_resume_settings(resume, options.resume_file, settings.fingerprint, *settings.parts,
                        standard_error);
  if (resume.checked_again > 0)
    standard_error << fmt::format(
        "sayso batch: {} submission(s) could not be read{} in the earlier run: checking them "
        "again\n",
        resume.checked_again,
        resume.timed_out == 0 ? "" : fmt::format(" or ran out of time ({})", resume.timed_out));
  return resume;
}

// Says on standard error which submissions had an id already taken, and what they are called.
void report_renamed(const SubmissionSource& source, std::ostream& standard_error) {
  if (source.renamed() == 0) return;
  const Submission& example = source.first_renamed();
  standard_error << fmt::format(
      "sayso batch: {} submission(s) repeat an id already used in this batch; each is checked "
      "and reported under a new id (the given id, '~' and a number), with \"duplicate_id\" in "
      "its record. For example '{}' at {} is reported as '{}' (first seen at {})\n",
      source.renamed(), example.duplicate->given, submission_place(example), example.id,
      example.duplicate->first_seen);
}

// Hands the records of the --resume file to the outputs that do not already hold them, and their
// texts to `duplicates` (a new submission may repeat the text of one checked in the earlier run).
void report_resumed(const BatchOptions& options, const ResumeState& resume, const RuleSet* rules,
                    Outputs& outputs, DuplicateTexts& duplicates) {
  if (options.resume_file.empty() || resume.records == 0) return;
  for_each_resumed_record(options.resume_file, resume.complete_bytes,
                          [&](SubmissionRecord& record) {
                            duplicates.earlier_with_same_text(record);  // its record says so
                            record.rules = rules;
                            outputs.add_resumed(record);
                          });
}

// Marks a new record whose text an earlier submission of the batch had, and builds its record
// again to say so (rare: the cost of building every record twice is not paid).
void note_same_text(SubmissionRecord& record, DuplicateTexts& duplicates, bool with_json) {
  std::optional<SameTextAs> earlier = duplicates.earlier_with_same_text(record);
  if (!earlier) return;
  record.same_text_as = std::move(earlier);
  seal_record(record, with_json);
}

// Says on standard error which submissions have the same text as an earlier one.
void report_same_texts(const DuplicateTexts& duplicates, std::ostream& standard_error) {
  if (duplicates.count() == 0) return;
  std::vector<std::string> pairs;
  for (const auto& [id, earlier] : duplicates.examples())
    pairs.push_back(fmt::format("'{}' has the text of '{}'", id, earlier));
  const std::size_t unnamed = duplicates.count() - pairs.size();
  standard_error << fmt::format(
      "sayso batch: {} submission(s) have the same text as an earlier one (the same words after "
      "extraction, spacing aside; the same application sent twice?): {}{}. Each is checked and "
      "reported, with \"duplicate_of\" in its record\n",
      duplicates.count(), fmt::join(pairs, "; "),
      unnamed > 0 ? fmt::format("; and {} more", unnamed) : "");
}

// The run's last line on standard error: every submission and every file of the input folders
// accounted for ("39 submissions: 35 checked, 4 could not be read; 1 with the same text as an
// earlier one; passed over: 1 image, ...").
void report_closing_line(const BatchOptions& options, const BatchResult& result, std::size_t reused,
                         const ScanNotes& notes, std::ostream& standard_error) {
  const std::size_t total = reused + result.records;
  std::vector<std::string> parts;
  if (reused > 0) parts.push_back(fmt::format("{} reused from {}", reused, options.resume_file));
  parts.push_back(fmt::format("{} checked", result.records - result.errors));
  if (result.errors > 0) parts.push_back(fmt::format("{} could not be read", result.errors));
  std::string line = fmt::format("sayso batch: {} submission{}: {}", total, total == 1 ? "" : "s",
                                 fmt::join(parts, ", "));
  if (result.same_texts > 0)
    line += fmt::format("; {} with the same text as an earlier one", result.same_texts);
  if (const auto passed_over = passed_over_by_kind(notes, options.use_submission_configs);
      !passed_over.empty())
    line += fmt::format("; passed over: {}", fmt::join(passed_over, ", "));
  if (options.progress) line += fmt::format(" ({:.1f} s)", result.seconds);
  standard_error << line << "\n";
}

std::size_t job_count(std::size_t asked) {
  if (asked > 0) return asked;
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

BatchResult run_batch(const BatchOptions& options, std::ostream& standard_output,
                      std::ostream& standard_error) {
  const auto start = BatchClock::now();
  std::optional<FormMap> map;
  if (!options.map_file.empty()) map = load_form_map(options.map_file);
  const SessionOptions session = batch_session(options);
  const ConfigProbe probe(session);
  // The inputs are listed before any output is opened: an output must never be one of them.
  ScanNotes notes;
  std::vector<InputFile> inputs = expand_inputs(options.inputs, &notes);
  check_output_paths(options, inputs);
  report_scan_notes(notes, options.use_submission_configs, standard_error);
  const RunSettings settings = run_settings(options, probe, map ? &*map : nullptr);
  ResumeState resume = read_resume(options, settings, standard_error);
  Outputs outputs;
  open_outputs(options, resume, outputs, settings_in_words(options, probe.config()),
               standard_output);
  DuplicateTexts duplicates;
  report_resumed(options, resume, probe.rules(), outputs, duplicates);

  SourceOptions source_options;
  source_options.map = map ? &*map : nullptr;
  source_options.max_bytes = options.session.max_bytes;
  source_options.skip_ids = std::move(resume.done_ids);
  source_options.settings = settings.fingerprint;
  source_options.settings_parts = settings.parts;
  SubmissionSource source(std::move(inputs), std::move(source_options));
  const std::size_t total = options.progress ? source.count() : 0;
  ProgressBar progress(standard_error, options.progress, total - std::min(total, resume.records));

  SchedulerOptions scheduler;
  scheduler.jobs = job_count(options.jobs);
  scheduler.window = std::max<std::size_t>(16, 4 * scheduler.jobs);
  scheduler.time_limit_seconds = options.time_limit_seconds;
  scheduler.session = session;
  scheduler.record_json = outputs.reads_json();
  scheduler.max_findings = options.max_findings;
  BatchResult result;
  result.workers_left_running = run_scheduler(
      scheduler, [&](const auto& emit) { source.produce(emit); },
      [&](LintedSubmission& linted) {
        note_same_text(linted.record, duplicates, scheduler.record_json);
        ++result.records;
        result.errors += !linted.record.outcome.ok;
        outputs.add(linted.record);
        progress.advance();
      });
  outputs.finish();
  progress.finish();
  result.skipped = source.skipped();
  result.retried = resume.checked_again;
  result.renamed = source.renamed();
  result.same_texts = duplicates.count();
  report_renamed(source, standard_error);
  report_same_texts(duplicates, standard_error);
  result.seconds = std::chrono::duration<double>(BatchClock::now() - start).count();
  report_closing_line(options, result, resume.records, notes, standard_error);
  return result;
}

}  // namespace sayso
