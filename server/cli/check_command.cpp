// sayso check: lint files, folders or stdin and report as text or JSON.
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <iterator>
#include <optional>
#include <set>

#include "app/linting_session.h"
#include "cli/commands.h"
#include "cli/print_config.h"
#include "cli/suggestions.h"
#include "engine/ruleset.h"
#include "formats/folder_walk.h"
#include "formats/format.h"
#include "report/findings_csv.h"
#include "report/json.h"
#include "report/sarif.h"
#include "report/submission_record.h"
#include "report/text.h"

namespace sayso {
namespace fs = std::filesystem;
namespace {

constexpr const char* kCheckHelp = R"(Usage: sayso check [options] [PATH... | -]

Lints grant documents. Folders are searched (hidden ones left out) for .md .markdown
.txt .tex .docx .odt .pdf .html .htm files; a .doc or .rtf file, a folder that cannot be
opened, a broken link or a pipe found there is reported as a file that could not be read.
"-" (or no PATH) reads standard input. After "--", every argument is a PATH, even
one that starts with "-".

Options:
  --format text|json|sarif|csv
                            output format (default: text); csv has one row per
                            finding, and one for a file with none or not read
  --config FILE             use this config instead of searching for .sayso.yml
  --profile NAME            funder profile (e.g. nihr, generic)
  --kind KIND               what a text with no headings is: a section kind
                            (plain-english-summary, involvement, title, abstract,
                            background, aims, methods, dissemination, ethics, finance,
                            team, references, other) or document (judged as a whole);
                            default: from the words of the file name (summary, pes →
                            plain-english-summary; involvement, ppi → involvement)
  --document application|fragment
                            judge as a whole application or a single section
  --fail-on error|warning|info|hint|never
                            exit 1 when a finding is at or above this (default: error)
  --stdin-filename NAME     the name to use for standard input
  --rules DIR               the rules folder (default: the installed rules)
  --max-bytes N             skip (and report) files larger than N bytes; wins over
                            max_document_bytes in .sayso.yml (default: 67108864, 64 MiB)
  --print-config            print the settings each PATH would be checked with (config
                            files, profile, packs, rules turned off or changed, and where
                            each setting is written) instead of checking it; the same as
                            sayso config PATH...
  --no-color                never colour the text output
  --no-cache                neither read nor write the caches in $XDG_CACHE_HOME/sayso
                            (else ~/.cache/sayso): the spelling word set and verdicts
Exit status: 0 nothing at or above --fail-on, 1 findings at or above it or a file
that could not be read (even with --fail-on never), 2 usage/config/rule error.
)";

struct CheckOptions {
  std::string format = "text";
  std::optional<Severity> fail_on = Severity::Error;
  std::string stdin_filename = "-";
  bool colour = true;
  bool print_config = false;  // --print-config: show the settings, check nothing
  SessionOptions session;
  std::vector<std::string> paths;
};

int usage_error(const std::string& message) {
  std::cerr << "sayso check: " << message << "\n(see sayso check --help)\n";
  return kExitUsage;
}

// Returns an exit status to stop with, or nullopt to go on.
std::optional<int> parse_check_args(const Args& args, CheckOptions& o) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {  // the rest are paths, even those that start with '-'
      o.paths.insert(o.paths.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    }
    auto value = [&](const char* name) -> std::optional<std::string> {
      std::string prefix = std::string(name) + "=";
      if (a.rfind(prefix, 0) == 0) return a.substr(prefix.size());
      if (a == name) {
        if (i + 1 >= args.size()) return std::nullopt;
        return args[++i];
      }
      return std::nullopt;
    };
    auto takes = [&](const char* name) {
      return a == name || a.rfind(std::string(name) + "=", 0) == 0;
    };
    if (a == "--help" || a == "-h") {
      std::cout << kCheckHelp;
      return kExitClean;
    } else if (takes("--format")) {
      auto v = value("--format");
      if (!v || (*v != "text" && *v != "json" && *v != "sarif" && *v != "csv"))
        return usage_error("--format must be text, json, sarif or csv");
      o.format = *v;
    } else if (takes("--config")) {
      auto v = value("--config");
      if (!v) return usage_error("--config needs a file");
      o.session.config_file = *v;
    } else if (takes("--profile")) {
      auto v = value("--profile");
      if (!v) return usage_error("--profile needs a name");
      o.session.profile = *v;
    } else if (takes("--kind")) {
      auto v = value("--kind");
      if (!v) return usage_error("--kind needs a section kind");
      if (const std::string problem = kind_option_problem(*v); !problem.empty())
        return usage_error(problem);
      o.session.document_kind = *v;
    } else if (takes("--document")) {
      auto v = value("--document");
      if (!v || (*v != "application" && *v != "fragment"))
        return usage_error("--document must be application or fragment");
      o.session.document = *v;
    } else if (takes("--fail-on")) {
      auto v = value("--fail-on");
      if (!v) return usage_error("--fail-on needs a severity");
      if (*v == "never")
        o.fail_on.reset();
      else if (auto s = parse_severity(*v))
        o.fail_on = s;
      else
        return usage_error("--fail-on must be error, warning, info, hint or never");
    } else if (takes("--stdin-filename")) {
      auto v = value("--stdin-filename");
      if (!v) return usage_error("--stdin-filename needs a name");
      o.stdin_filename = *v;
    } else if (takes("--rules")) {
      auto v = value("--rules");
      if (!v) return usage_error("--rules needs a folder");
      o.session.rules_dir = *v;
    } else if (takes("--max-bytes")) {
      auto v = value("--max-bytes");
      std::size_t limit = 0;
      const char* end = v ? v->data() + v->size() : nullptr;
      if (!v || v->empty() || std::from_chars(v->data(), end, limit).ptr != end || limit == 0)
        return usage_error("--max-bytes needs a number of bytes above 0");
      o.session.max_bytes = limit;
      o.session.max_bytes_from_command_line = true;
    } else if (a == "--print-config") {
      o.print_config = true;
    } else if (a == "--no-cache") {
      o.session.use_cache = false;
    } else if (a == "--no-color" || a == "--no-colour") {
      o.colour = false;
    } else if (a == "-" || a.empty() || a[0] != '-') {
      o.paths.push_back(a);
    } else {
      return usage_error("unknown option '" + a + "'");
    }
  }
  if (o.print_config && o.format != "text" && o.format != "json")
    return usage_error("the settings are printed as text or json, not " + o.format);
  if (o.paths.empty()) o.paths.push_back(o.print_config ? "." : "-");  // settings: this folder's
  return std::nullopt;
}

// One input to check: a path, or an entry of a folder that cannot be read and why.
struct CheckInput {
  std::string path;
  std::string problem;
};

// Folders become their documents (sorted) and the entries that should be documents but cannot be
// read (formats/folder_walk.h), so every input is accounted for; hidden files and folders are
// not searched. Files and missing paths stay as given.
std::vector<CheckInput> expand_paths(const std::vector<std::string>& paths) {
  std::vector<CheckInput> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (p == "-" || !fs::is_directory(p, ec)) {
      out.push_back({p, ""});
      continue;
    }
    std::vector<CheckInput> found;
    for (FolderEntry& entry : walk_folder(p, is_known_extension))
      if (entry.kind == FolderEntry::Kind::Document || entry.kind == FolderEntry::Kind::Problem)
        found.push_back({std::move(entry.path), std::move(entry.problem)});
    std::sort(found.begin(), found.end(),
              [](const CheckInput& a, const CheckInput& b) { return a.path < b.path; });
    if (found.empty())
      out.push_back({p,
                     "the folder holds no files sayso can read (.md .markdown .txt .tex .docx "
                     ".odt .pdf .html .htm)"});
    out.insert(out.end(), std::make_move_iterator(found.begin()),
               std::make_move_iterator(found.end()));
  }
  return out;
}

bool fails(const std::vector<FileOutcome>& outcomes, const std::optional<Severity>& fail_on) {
  for (const auto& o : outcomes) {
    if (!o.ok) return true;  // an input that could not be read is never a clean result, whatever
    if (!fail_on) continue;  // --fail-on says of findings
    for (const auto& d : o.diagnostics)
      if (static_cast<int>(d.severity) <= static_cast<int>(*fail_on)) return true;
  }
  return false;
}

// The batch's SARIF report, one record per file (its path as its id), with each file's rules for
// the rule descriptions.
void write_sarif(std::ostream& out, LintingSession& session, std::vector<FileOutcome>& outcomes) {
  std::error_code ec;
  SarifReport sarif(out, fs::current_path(ec).string());
  for (FileOutcome& outcome : outcomes) {
    SubmissionRecord record;
    record.id = record.path = outcome.path;
    record.format = outcome.doc ? outcome.doc->format : "";
    if (outcome.ok && outcome.path != "-") {
      try {
        record.rules = &session.linter_for(session.config_for(outcome.path)).rules();
      } catch (const std::runtime_error&) {  // its settings were said to be broken above
      }
    }
    record.outcome = std::move(outcome);
    seal_record(record);
    sarif.add(record);
    outcome = std::move(record.outcome);
  }
  sarif.finish();
}

int print_settings(LintingSession& session, const CheckOptions& options) {
  try {
    print_config(std::cout, session, options.paths, options.format);
  } catch (const ConfigError& e) {
    std::cerr << "sayso: settings error: " << e.what() << "\n";
    return kExitUsage;
  } catch (const RuleError& e) {
    std::cerr << "sayso: " << rule_error_heading(e) << ": " << e.what() << "\n";
    return kExitUsage;
  }
  return end_without_teardown(kExitClean);
}

}  // namespace

int run_check_command(const Args& args) {
  CheckOptions options;
  if (auto stop = parse_check_args(args, options)) return *stop;
  LintingSession session(options.session);
  if (options.print_config) return print_settings(session, options);
  std::vector<FileOutcome> outcomes;
  const std::vector<CheckInput> inputs = expand_paths(options.paths);
  // A broken .sayso.yml found beside some files stops only those: the rest are checked, and the
  // report names each file left unchecked and why. One given with --config, or a broken rules
  // folder, stops the run, as every file would fail the same way.
  const bool settings_per_folder = !options.session.config_file && inputs.size() > 1;
  bool settings_failed = false;
  std::set<std::string> said;  // each broken file's message once, not once per file under it
  for (const auto& [path, problem] : inputs) {
    if (!problem.empty()) {
      FileOutcome unread;
      unread.path = path;
      unread.error = problem;
      outcomes.push_back(std::move(unread));
      continue;
    }
    try {
      if (path == "-") {
        outcomes.push_back(session.lint_stream(options.stdin_filename, std::cin));
      } else {
        outcomes.push_back(session.lint_file(path));
      }
    } catch (const std::runtime_error& e) {
      const bool config = dynamic_cast<const ConfigError*>(&e) != nullptr;
      if (!config && dynamic_cast<const RuleError*>(&e) == nullptr) throw;
      if (said.insert(e.what()).second)
        std::cerr << "sayso: "
                  << (config ? "settings error"
                             : rule_error_heading(dynamic_cast<const RuleError&>(e)))
                  << ": " << e.what() << "\n";
      if (!settings_per_folder) return kExitUsage;
      settings_failed = true;
      FileOutcome skipped;
      skipped.path = path == "-" ? options.stdin_filename : path;
      skipped.error = fmt::format("not checked: its settings have a mistake ({})", e.what());
      outcomes.push_back(std::move(skipped));
    }
  }
  if (options.format == "json") {
    write_report_json(std::cout, outcomes);
    std::cout << "\n";
  } else if (options.format == "sarif") {
    write_sarif(std::cout, session, outcomes);
  } else if (options.format == "csv") {
    write_findings_csv(std::cout, outcomes);
  } else {
    TextStyle style;
    style.colour = options.colour && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
    write_text_report(std::cout, outcomes, style);
  }
  if (settings_failed) return end_without_teardown(kExitUsage);
  return end_without_teardown(fails(outcomes, options.fail_on) ? kExitFindings : kExitClean);
}

}  // namespace sayso
