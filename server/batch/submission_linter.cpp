#include "batch/submission_linter.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "batch/duplicate_texts.h"
#include "core/read_file.h"
#include "engine/builtin_findings.h"
#include "engine/finding_limit.h"
#include "engine/section_figures.h"
#include "formats/format.h"
#include "report/scorecard.h"

namespace sayso {
namespace {

SubmissionRecord record_for(const Submission& submission) {
  SubmissionRecord record;
  record.id = submission.id;
  record.title = submission.title;
  record.path = submission.path;
  record.row = submission.row;
  record.format = submission.format;
  record.outcome.path = submission.path;
  record.fields = submission.fields;
  record.duplicate = submission.duplicate;
  record.settings = submission.settings;
  record.settings_parts = submission.settings_parts;
  return record;
}

// Required sections (from enabled required-sections rules) that a whole application lacks.
std::vector<std::string> missing_sections(const Linter& linter, const Document& doc) {
  std::vector<std::string> missing;
  if (!is_whole_application(doc, linter.config())) return missing;
  std::set<std::string> present;
  // As the required-sections rule counts them: "Research questions and methods" is both.
  for (const Section& s : doc.sections) {
    present.insert(s.kind);
    present.insert(s.also_kinds.begin(), s.also_kinds.end());
  }
  for (const Rule& rule : linter.rules().rules) {
    if (!rule.enabled || rule.kind != "required-sections" || !rule.node["sections"].is_list())
      continue;
    for (const DataNode& kind : rule.node["sections"].children()) {
      const std::string& name = kind.value();
      if (!present.count(name) && std::find(missing.begin(), missing.end(), name) == missing.end())
        missing.push_back(name);
    }
  }
  return missing;
}

// Words outside the headings and the title: none means there is nothing to judge (an empty file,
// a form row whose only text is the headings made from its columns, or its title alone: "A-103,
// Untitled draft,,").
std::size_t words_to_judge(const Document& doc) {
  std::size_t words = doc.word_count(0, doc.source.bytes.size());
  for (const Section& s : doc.sections) {
    if (s.has_heading()) words -= std::min(words, doc.word_count(s.heading_begin, s.heading_end));
    if (s.kind == "title") {
      const std::size_t body = s.has_heading() ? s.heading_end : s.begin;
      words -= std::min(words, doc.word_count(body, s.end));
    }
  }
  return words;
}

// The finding an empty submission gets, so that it never looks like a clean one: a document-level
// structure error (a funder rejects an empty application), at the first heading or the start.
Diagnostic empty_submission_finding(const Document& doc) {
  Diagnostic d;
  d.rule_id = builtin::kEmptySubmission;
  d.category = "structure";
  d.severity = Severity::Error;
  d.message =
      "This submission has no text to check: the file or the form fields are empty. Check that "
      "the right file was sent.";
  place_at_document_start(d, doc);
  return d;
}

void count_finding(FindingCounts& counts, const Diagnostic& d) {
  ++counts.total;
  ++counts.by_severity[std::string(severity_name(d.severity))];
  ++counts.by_category[d.category];
}

std::string headless_kind(const Config& config, const std::string& path) {
  return config.document_kind.empty() ? guess_kind_from_name(path) : config.document_kind;
}

}  // namespace

std::string time_limit_message(double seconds) {
  return fmt::format("{} ({:g} s)", kTimeLimitError, seconds);
}

LintedSubmission error_submission(const Submission& submission, std::string error, bool with_json) {
  LintedSubmission out;
  out.record = record_for(submission);
  out.record.outcome.error = std::move(error);
  seal_record(out.record, with_json);
  return out;
}

SubmissionLinter::SubmissionLinter(SessionOptions options, bool with_json, std::size_t max_findings)
    : session_(std::move(options)), with_json_(with_json), max_findings_(max_findings) {}

LintedSubmission SubmissionLinter::lint(const Submission& submission,
                                        BatchClock::time_point deadline,
                                        double time_limit_seconds) {
  if (!submission.error.empty()) return failed(submission, submission.error);
  const std::size_t max_bytes = session_.options().max_bytes;
  if (submission.text) {
    if (submission.text->size() > max_bytes)
      return failed(submission,
                    fmt::format("submission too large: {} bytes (the limit is {} bytes)",
                                submission.text->size(), max_bytes));
    return lint_bytes(submission, *submission.text, deadline, time_limit_seconds);
  }
  std::string bytes;
  std::string error = read_file_bytes(submission.path, max_bytes, bytes);
  if (!error.empty()) return failed(submission, std::move(error));
  return lint_bytes(submission, std::move(bytes), deadline, time_limit_seconds);
}

void SubmissionLinter::cap_findings(SubmissionRecord& record, const Document& doc) const {
  std::vector<Diagnostic>& diagnostics = record.outcome.diagnostics;
  if (max_findings_ == 0 || diagnostics.size() <= max_findings_) return;
  // The counts of every finding, those listed and those left out; not the note, which says what
  // the list is, not what the text has (so the counts are check's).
  Diagnostic note = findings_left_out_note(doc, "submission", max_findings_, diagnostics.size(),
                                           "Run sayso check on it to see them all.");
  record.all_findings = FindingCounts{};
  for (const Diagnostic& d : diagnostics) count_finding(record.all_findings, d);
  record.findings_omitted = keep_most_severe(diagnostics, max_findings_);
  insert_in_order(diagnostics, std::move(note));
}

LintedSubmission SubmissionLinter::lint_bytes(const Submission& submission, std::string bytes,
                                              BatchClock::time_point deadline,
                                              double time_limit_seconds) {
  auto late = [&] { return BatchClock::now() > deadline; };
  const std::string timeout = time_limit_message(time_limit_seconds);
  if (late()) return failed(submission, timeout);
  const Config* config = nullptr;
  Linter* linter = nullptr;
  try {
    config = &session_.config_for(submission.path);
    linter = &session_.linter_for(*config);
  } catch (const std::exception& e) {  // ConfigError or RuleError, from this submission's config
    return failed(submission, std::string("settings error: ") + e.what());
  }
  LoadOptions load;
  load.headless_kind = headless_kind(*config, submission.path);
  if (submission.text) load.format = "markdown";  // form rows and standard input are Markdown
  LoadResult loaded =
      load_document(submission.path, std::move(bytes), linter->rules().sections, load);
  if (!loaded.ok) return failed(submission, loaded.error);
  if (late()) return failed(submission, timeout);
  auto doc = std::make_shared<Document>(std::move(loaded.doc));
  doc->rebuild_index();  // the moved bytes may live in a new buffer

  LintedSubmission out;
  out.record = record_for(submission);
  if (!submission.text) out.record.format = doc->format;
  out.record.rules = &linter->rules();
  FileOutcome& outcome = out.record.outcome;
  // Linting stops at the deadline (the checks left are skipped), so that a slow submission frees
  // its worker for the next one.
  BatchClock::time_point lint_deadline = deadline;
  if (config->lint_time_budget_ms && *config->lint_time_budget_ms > 0)
    lint_deadline = std::min(
        lint_deadline, BatchClock::now() + std::chrono::milliseconds(*config->lint_time_budget_ms));
  outcome.diagnostics = linter->lint(*doc, lint_deadline).diagnostics;
  // Nothing to judge: one finding that says so, not notes on each empty section (and no text
  // to be the same as another's: empty forms are not duplicates of each other).
  if (words_to_judge(*doc) == 0)
    outcome.diagnostics = {empty_submission_finding(*doc)};
  else
    out.record.text_fingerprint =
        text_fingerprint(std::string_view(doc->source.bytes).substr(doc->source.content_begin));
  if (late()) return failed(submission, timeout);
  out.record.scorecard = make_scorecard(*doc, outcome.diagnostics, section_figures(*linter, *doc),
                                        missing_sections(*linter, *doc));
  if (late()) return failed(submission, timeout);
  cap_findings(out.record, *doc);
  outcome.ok = true;
  outcome.doc = std::move(doc);
  seal_record(out.record,
              with_json_);  // here, so that the records of several workers are built in parallel
  return out;
}

}  // namespace sayso
