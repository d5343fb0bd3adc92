// sayso batch: lint many submissions (files, folders, globs, form exports, JSON Lines on stdin)
// into JSON Lines, CSV, SARIF and HTML reports.
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>

#include "batch/batch_run.h"
#include "batch/resume.h"
#include "cli/commands.h"
#include "cli/suggestions.h"
#include "core/config.h"
#include "engine/ruleset.h"

namespace sayso {
namespace {

constexpr const char* kBatchHelp = R"(Usage: sayso batch [options] INPUT... | -

Lints many submissions at once. An INPUT is a file, a folder (searched recursively for
.md .markdown .txt .tex .docx .odt .pdf .html .htm .csv .jsonl), or a glob pattern such as
'apps/*.docx' (quote it). A .csv or .jsonl file is a form export: one submission per row
("row" in the record: the 1-based data row of a CSV, the header not counted; the line of a
JSON Lines file). Without --map a form export needs "text" (and "id") columns.
In a folder, files that are not documents (images, spreadsheets, files with no extension,
hidden files, ...) are passed over: the run ends with a line on standard error that counts
the submissions checked and those that could not be read, and names what was passed over
and why (a spreadsheet: save it as CSV).
"-" reads JSON Lines submissions from standard input: {"id": "...", "text": "<Markdown>"},
or fields mapped to sections with --map. After "--", every argument is an INPUT, even one
that starts with "-".

With no --out-* option, one JSON Lines record per submission goes to standard output, in
input order, as soon as its turn comes (the streaming mode). Several --out-* may be given;
each submission is linted once.

Options:
  --jobs N              worker threads (default: the number of hardware threads)
  --config FILE         use this config for every submission (default: the .sayso.yml of
                        the current folder or a folder above it)
  --use-submission-configs
                        use the .sayso.yml found beside each submission instead (off by
                        default: applicants' own settings could turn rules off); a broken
                        one is an error record for the submissions it governs
  --document application|fragment
                        judge every submission as a whole application (required sections
                        are checked) or as a fragment (default: decided by its sections)
  --kind KIND           what every submission with no headings is, as in sayso check: a
                        section kind (plain-english-summary, involvement, title, abstract,
                        background, aims, methods, dissemination, ethics, finance, team,
                        references, other) or document (judged as a whole); default: guessed
                        from the file name. For a batch of lone plain-English summaries:
                        --kind plain-english-summary; of whole applications: --document
                        application (a whole application is not one kind of section)
  --profile NAME        funder profile (e.g. nihr, generic)
  --map FILE            map form-export columns to sections (YAML: id: <column>,
                        title: <column>, sections: {<column>: <section kind>})
  --resume FILE         skip ids already in this JSON Lines output of an earlier run; when
                        --out-jsonl is the same file, new records are appended to it.
                        Every output covers the whole batch: the earlier records (first),
                        then the new ones. Submissions that could not be read or ran out
                        of time (error records) are checked again. Refused (exit 2)
                        when the earlier run's settings differ: each record's "settings"
                        holds a fingerprint of the version, rules, config, profile, map,
                        --document, --kind, --max-bytes and --max-findings, and the
                        refusal names the settings that differ
  --out-jsonl FILE      JSON Lines records
  --out-csv FILE        one CSV row per submission (counts, summary figures, evidence),
                        in UTF-8 starting with a byte order mark so that Excel reads
                        accented letters right
  --no-csv-bom          write the CSV without the byte order mark (for tools that
                        would take it for part of the first column's name)
  --out-sarif FILE      SARIF 2.1.0
  --out-html FILE       a self-contained HTML report
  --timeout SECONDS     time limit per submission (default: 60)
  --max-findings N      list at most N findings per submission, the most serious first
                        (default: 500; 0 = all). A record that leaves some out says so in
                        a finding (sayso.findings-left-out), in "findings_omitted", and
                        in "findings_total", the counts of them all, which the CSV and
                        HTML reports show
  --max-bytes N         larger submissions are error records (default: 67108864); in a
                        form export this is the limit for each row, and the export file
                        itself may be up to 1 GiB (or N, if larger)
  --rules DIR           the rules folder (default: the installed rules)
  --errors-exit-zero    exit 0 even when some records are errors (for map steps such as
                        Spark's pipe that fail a task on any other status)
  --progress | --no-progress
                        draw a progress bar on standard error (default: when it is a terminal)
A repeated id (two rows or records with the same reference) does not lose either: the
repeat is checked and reported as the id, '~' and a number ("A-1~2"), with "duplicate_id"
({"given", "first_seen"}) in its record and a note on standard error.
CSV and JSON Lines exports in UTF-16 with a byte order mark (Excel's "Unicode text") are
read as UTF-8 is.
Exit status: 0 every submission processed, 1 some error records, 2 usage or config error,
or an output (standard output included) that cannot be written.
)";

struct ParsedBatchArgs {
  BatchOptions options;
  std::optional<bool> progress;
  bool errors_exit_zero = false;
};

int usage_error(const std::string& message) {
  std::cerr << "sayso batch: " << message << "\n(see sayso batch --help)\n";
  return kExitUsage;
}

template <typename Number>
std::optional<Number> parse_number(const std::string& text) {
  Number value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// Returns an exit status to stop with, or nullopt to go on.
std::optional<int> parse_batch_args(const Args& args, ParsedBatchArgs& parsed) {
  BatchOptions& o = parsed.options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {  // the rest are inputs, even those that start with '-'
      o.inputs.insert(o.inputs.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                      args.end());
      break;
    }
    std::optional<std::string> value;
    auto takes = [&](const char* name) {
      const std::string prefix = std::string(name) + "=";
      if (a.rfind(prefix, 0) == 0) {
        value = a.substr(prefix.size());
        return true;
      }
      if (a != name) return false;
      if (i + 1 < args.size()) value = args[++i];
      return true;
    };
    if (a == "--help" || a == "-h") {
      std::cout << kBatchHelp;
      return kExitClean;
    } else if (takes("--jobs")) {
      auto n = value ? parse_number<std::size_t>(*value) : std::nullopt;
      if (!n || *n == 0 || *n > 1024) return usage_error("--jobs needs a number from 1 to 1024");
      o.jobs = *n;
    } else if (takes("--timeout")) {
      auto s = value ? parse_number<double>(*value) : std::nullopt;
      if (!s || !(*s > 0)) return usage_error("--timeout needs a number of seconds above 0");
      o.time_limit_seconds = *s;
    } else if (takes("--max-findings")) {
      auto n = value ? parse_number<std::size_t>(*value) : std::nullopt;
      if (!n) return usage_error("--max-findings needs a number (0 for no limit)");
      o.max_findings = *n;
    } else if (takes("--max-bytes")) {
      auto n = value ? parse_number<std::size_t>(*value) : std::nullopt;
      if (!n || *n == 0) return usage_error("--max-bytes needs a number of bytes");
      o.session.max_bytes = *n;
      o.session.max_bytes_from_command_line = true;
    } else if (a.rfind("--", 0) == 0 && a.size() > 2) {
      struct Setting {
        const char* flag;
        std::string* target;
      };
      std::string config;
      const Setting settings[] = {{"--config", &config},
                                  {"--profile", &o.session.profile},
                                  {"--document", &o.session.document},
                                  {"--kind", &o.session.document_kind},
                                  {"--map", &o.map_file},
                                  {"--resume", &o.resume_file},
                                  {"--out-jsonl", &o.out_jsonl},
                                  {"--out-csv", &o.out_csv},
                                  {"--out-sarif", &o.out_sarif},
                                  {"--out-html", &o.out_html},
                                  {"--rules", &o.session.rules_dir}};
      bool known = false;
      for (const Setting& s : settings) {
        if (!takes(s.flag)) continue;
        known = true;
        if (!value || value->empty()) return usage_error(std::string(s.flag) + " needs a value");
        *s.target = *value;
        if (s.target == &config) o.session.config_file = config;
      }
      if (known) continue;
      if (a == "--errors-exit-zero")
        parsed.errors_exit_zero = true;
      else if (a == "--use-submission-configs")
        o.use_submission_configs = true;
      else if (a == "--csv-bom")
        o.csv_bom = true;
      else if (a == "--no-csv-bom")
        o.csv_bom = false;
      else if (a == "--progress")
        parsed.progress = true;
      else if (a == "--no-progress")
        parsed.progress = false;
      else
        return usage_error("unknown option '" + a + "'");
    } else if (a.size() > 1 && a[0] == '-') {
      return usage_error("unknown option '" + a + "'");
    } else {
      o.inputs.push_back(a);
    }
  }
  if (!o.session.document.empty() && o.session.document != "application" &&
      o.session.document != "fragment")
    return usage_error("--document must be application or fragment");
  if (const std::string problem = kind_option_problem(o.session.document_kind);
      !o.session.document_kind.empty() && !problem.empty())
    return usage_error(problem);
  if (o.inputs.empty())
    return usage_error("no INPUT given (files, folders, globs, or - for stdin)");
  return std::nullopt;
}

}  // namespace

int run_batch_command(const Args& args) {
  ParsedBatchArgs parsed;
  if (auto stop = parse_batch_args(args, parsed)) return *stop;
  BatchOptions& options = parsed.options;
  options.progress = parsed.progress.value_or(isatty(STDERR_FILENO) == 1);
  // A closed pipe on standard output is then a failed write, reported with a message and a
  // non-zero status, instead of a silent death by signal.
  std::signal(SIGPIPE, SIG_IGN);
  BatchResult result;
  try {
    result = run_batch(options, std::cout, std::cerr);
  } catch (const ConfigError& e) {
    std::cerr << "sayso: settings error: " << e.what() << "\n";
    return kExitUsage;
  } catch (const RuleError& e) {
    std::cerr << "sayso: " << rule_error_heading(e) << ": " << e.what() << "\n";
    return kExitUsage;
  } catch (const OutputError& e) {
    std::cerr << "sayso batch: " << e.what() << "\n";
    return kExitUsage;
  } catch (const ResumeError& e) {
    std::cerr << "sayso batch: " << e.what() << "\n";
    return kExitUsage;
  }
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "sayso batch: cannot write standard output: " << std::strerror(errno) << "\n";
    return kExitUsage;
  }
  const bool any_error = result.errors > 0;
  const int status = any_error && !parsed.errors_exit_zero ? kExitFindings : kExitClean;
  if (result.workers_left_running > 0) {
    // A submission given up on is still being read by a worker: ending now, without the normal
    // teardown, neither waits for it nor pulls its rules and dictionary from under it. (The
    // spelling verdicts learned in this run are not saved: the busy worker's are in use.)
    std::cerr.flush();
    std::fflush(nullptr);
    std::_Exit(status);
  }
  return status;
}

}  // namespace sayso
