// Rule authors' tools: rules test, rules list, rules new, rules catalogue, explain.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/suggestions.h"
#include "core/sections.h"
#include "engine/builtin_findings.h"
#include "engine/kinds/kind.h"
#include "engine/linter.h"
#include "engine/rule_lookup.h"
#include "engine/ruleset.h"
#include "formats/format.h"

namespace sayso {
namespace fs = std::filesystem;
namespace {

constexpr const char* kRulesHelp = R"help(Usage:
  sayso rules test [PACK|FILE...]   run the flag/pass examples of every rule (or of these packs or
                                    rule files: a file is tested with the packs of its rules folder)
  sayso rules list                  a table of every rule: id, kind, category, severity, status
  sayso rules new [--kind KIND] [--out FILE] [ID]
                                    print a commented template for a new rule (or write it to FILE)
  sayso rules catalogue             the rule catalogue in Markdown (docs/rules.md is made with it)
  sayso rules folder                the rules folder sayso uses (to copy it: cp -r "$(sayso rules
                                    folder)" my-rules)
  sayso explain [--details] RULE    what a rule checks, why, its sources, examples and who shaped it;
                                    RULE is its id or, when no other pack has one by that name,
                                    its name alone (passive-voice for plain-english.passive-voice).
                                    --details shows long examples whole and a rule's pattern
Options: --rules DIR (the rules folder: a copy you are editing), --profile NAME
Each command says which rules folder it used. Without --rules, `rules test FILE` uses the rules
folder the file is in, and every command adds the packs that a .sayso.yml here names (packs:).
Kinds for rules new (default: existence): substitution, existence, acronym, readability, length,
  spelling, required-sections, evidence, claim-needs-evidence, involvement-level, number-density,
  long-words, copied-text, table
)help";

struct RulesOptions {
  std::string rules_dir;
  bool rules_dir_given = false;  // --rules on the command line
  std::string profile;
  std::string kind = "existence";  // rules new
  std::string out;                 // rules new --out
  bool details = false;            // explain --details: long examples whole, patterns shown
  bool help = false;               // --help: print the help, do nothing else
  std::vector<std::string> targets;
};

// Reads the options; a missing value or an unknown option is a usage mistake, said plainly.
std::optional<RulesOptions> parse_rules_options(const Args& args, const char* command) {
  RulesOptions o;
  const std::map<std::string, std::string*> with_value = {
      {"--rules", &o.rules_dir}, {"--profile", &o.profile}, {"--kind", &o.kind}, {"--out", &o.out}};
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (const auto option = with_value.find(arg); option != with_value.end()) {
      if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0) {
        std::cerr << "sayso " << command << ": " << arg << " needs a value (see sayso " << command
                  << " --help)\n";
        return std::nullopt;
      }
      *option->second = args[++i];
      o.rules_dir_given |= arg == "--rules";
    } else if (arg == "--details") {
      o.details = true;
    } else if (arg == "--help" || arg == "-h") {
      o.help = true;
    } else if (arg.rfind("--", 0) == 0) {
      std::cerr << "sayso " << command << ": unknown option '" << arg << "' (see sayso " << command
                << " --help)\n";
      return std::nullopt;
    } else {
      o.targets.push_back(arg);
    }
  }
  if (o.rules_dir.empty()) o.rules_dir = default_rules_dir();
  return o;
}

std::string shorten(const std::string& text, std::size_t max = 70) {
  std::string one_line;
  for (char c : text) one_line.push_back(c == '\n' ? ' ' : c);
  if (one_line.size() <= max) return one_line;
  return one_line.substr(0, max) + "…";
}

std::string example_kind_of(const Rule& rule) {
  if (!rule.example_kind.empty()) return rule.example_kind;
  return !rule.scope.all && !rule.scope.negated && !rule.scope.kinds.empty()
             ? rule.scope.kinds.front()
             : "other";
}

// Reads an example as the kind of text the rule is about.
Document example_document(const Rule& rule, const std::string& text, const RuleSet& set) {
  LoadOptions load;
  load.format = "markdown";
  const std::string kind = example_kind_of(rule);
  load.headless_kind = kind == "application" ? "document" : kind;
  LoadResult loaded = load_document("example.md", text, set.sections, load);
  loaded.doc.lines = LineIndex(loaded.doc.source.bytes);
  return std::move(loaded.doc);
}

struct ExampleRun {
  std::size_t passed = 0, failed = 0;
};

void test_rule(const Rule& rule, const RuleSet& set, const Linter& fragment_linter,
               const Linter& application_linter, ExampleRun& run) {
  const bool application =
      rule.example_kind == "application" || rule.applies_to == AppliesTo::Application;
  const Linter& linter = application ? application_linter : fragment_linter;
  auto run_one = [&](const std::string& text, bool must_flag, std::size_t n, int line) {
    Document doc = example_document(rule, text, set);
    doc.lines = LineIndex(doc.source.bytes);
    auto found = linter.lint_only(doc, {&rule}).diagnostics;
    std::erase_if(found, [&](const Diagnostic& d) { return d.rule_id != rule.id; });
    const bool ok = must_flag ? !found.empty() : found.empty();
    if (ok) {
      ++run.passed;
      return;
    }
    ++run.failed;
    const std::string read_as =
        application ? std::string("a whole application") : example_kind_of(rule) + " section";
    // The example's own line: a rule may have many examples, and "example 4" means counting.
    std::cout << fmt::format("FAIL {} ({}:{})\n", rule.id, rule.file, line ? line : rule.line);
    std::cout << fmt::format("     {} example {} (read as {}): \"{}\"\n",
                             must_flag ? "flag" : "pass", n, read_as, shorten(text, 160));
    if (must_flag) {
      std::cout << "     expected: a finding from this rule\n     found:    nothing\n";
      if (!rule.enabled) std::cout << "     (the rule is turned off by the config or profile)\n";
    } else {
      std::cout << "     expected: no finding from this rule\n";
      for (const auto& d : found) {
        const std::string where =
            d.begin == d.end
                ? std::string("the section as a whole")
                : "\"" + shorten(doc.source.bytes.substr(d.begin, d.end - d.begin), 60) + "\"";
        std::cout << fmt::format("     found:    {} (at {})\n", d.message, where);
      }
    }
  };
  const auto line_of = [](const std::vector<int>& lines, std::size_t i) {
    return i < lines.size() ? lines[i] : 0;
  };
  for (std::size_t i = 0; i < rule.examples.flag.size(); ++i)
    run_one(rule.examples.flag[i], true, i + 1, line_of(rule.examples.flag_lines, i));
  for (std::size_t i = 0; i < rule.examples.pass.size(); ++i)
    run_one(rule.examples.pass[i], false, i + 1, line_of(rule.examples.pass_lines, i));
}

// The rules folder a rule file or pack folder belongs to: the nearest folder above it that
// holds sections.yml, as every rules folder does ("" if none). A contributor testing a rule in
// their own copy of rules/ should not need --rules as well.
std::string rules_folder_of(const std::string& path) {
  std::error_code ec;
  // As the path was written (rules/involvement/x.yml gives rules), so messages name files as the
  // contributor does; from the root when that runs out.
  fs::path at = fs::path(path).lexically_normal();
  if (at.is_relative()) {
    for (int up = 0; up < 3 && at.has_parent_path(); ++up) {
      at = at.parent_path();
      if (fs::exists(at / "sections.yml", ec)) return at.string();
    }
    if (at.is_relative() && at.parent_path().empty() && at.string() != "." &&
        fs::exists("sections.yml", ec))
      return ".";
  }
  at = fs::absolute(path, ec);
  for (int up = 0; up < 3 && at.has_parent_path() && at != at.parent_path(); ++up) {
    at = at.parent_path();
    if (fs::exists(at / "sections.yml", ec)) return at.string();
  }
  return "";
}

std::string real_path(const fs::path& path) {
  std::error_code ec;
  const fs::path found = fs::weakly_canonical(path, ec);
  return (ec ? path : found).string();
}

// The packs a .sayso.yml in this folder (or above) adds or chooses, as `check` would load them:
// a pack of your own there can be listed, explained and tested too. Its rule settings are not
// used: examples are written for a rule's own settings.
Config project_packs() {
  const std::string file = find_config_file(".");
  return file.empty() ? Config{} : packs_only(load_found_config(file));
}

// What a rules command read, so that "0 failed" is never about rules other than the ones meant.
void say_where_rules_come_from(const std::string& rules_dir, const Config& config) {
  std::cout << "rules folder: " << rules_dir << "\n";
  if (!config.packs.empty())
    std::cout << "packs of your own (from "
              << (config.file.empty() ? "the files named" : config.file)
              << "): " << join_list(config.packs, ", ") << "\n";
}

// A contributor in a folder holding a copy named rules/ may think it is the one in use.
void note_rules_folder_here(const RulesOptions& o, const std::string& used) {
  std::error_code ec;
  if (o.rules_dir_given || !fs::exists("rules/sections.yml", ec)) return;
  if (real_path("rules") == real_path(used)) return;
  std::cerr << "note: there is a rules folder here (rules/), but sayso is using " << used
            << ". Add --rules rules to use this one.\n";
}

void print_notes(const RuleSet& set) {
  for (const std::string& note : set.notes) std::cerr << "note: " << note << "\n";
}

// Mistakes in rule files that were left out: listed, so none goes unseen.
void print_left_out(const std::vector<RuleProblem>& problems, const char* what) {
  if (problems.empty()) return;
  std::cerr << "sayso: " << problems.size() << (problems.size() == 1 ? " mistake" : " mistakes")
            << " in the rule files; " << what << ":\n";
  for (const RuleProblem& p : problems) std::cerr << p.text << "\n";
}

// The settings `check` would use in this folder (a .sayso.yml here or above, without the
// overrides for particular files), with --profile over them: list and explain show the rules as
// this project has them.
Config settings_here(const RulesOptions& o) {
  const std::string file = find_config_file(".");
  Config config = config_for_path(file.empty() ? Config{} : load_found_config(file), "");
  if (!o.profile.empty()) {
    config.profile = o.profile;
    config.profile_where.clear();
  }
  return config;
}

// The rules for list and explain, as the project's settings have them. A rule file with a
// mistake is left out and named, so one broken file does not hide every other pack.
struct ShownRules {
  Config config;
  RuleSet set;
};

ShownRules load_for_showing(const RulesOptions& o, bool say_where) {
  ShownRules shown{settings_here(o), {}};
  shown.set = load_rules_leniently(o.rules_dir, shown.config);
  if (say_where) {
    say_where_rules_come_from(o.rules_dir, shown.config);
    if (!shown.config.sources.empty())
      std::cout << "settings from: " << join_list(shown.config.sources, ", ")
                << " (sayso config shows them)\n";
  }
  note_rules_folder_here(o, o.rules_dir);
  print_notes(shown.set);
  print_left_out(shown.set.left_out, "those files are left out");
  return shown;
}

// What `rules test` was asked to test: rule files and pack folders (canonical paths).
struct TestTargets {
  std::string rules_dir;
  Config config;                          // with the pack folders of the targets outside rules_dir
  std::vector<std::string> files;         // rule files named
  std::vector<std::string> folders;       // pack folders named
  std::vector<std::string> file_folders;  // the pack folders of the files named
  static bool has(const std::vector<std::string>& paths, const std::string& path) {
    return std::find(paths.begin(), paths.end(), path) != paths.end();
  }
  // Whether the rules of this file are tested.
  bool covers(const std::string& file) const {
    return has(files, real_path(file)) || has(folders, real_path(fs::path(file).parent_path()));
  }
  // Whether a mistake in this file is about what is tested: a pack's manifest counts too.
  bool concerns(const std::string& file) const {
    const std::string folder = real_path(fs::path(file).parent_path());
    return covers(file) || (fs::path(file).filename() == "pack.yml" && has(file_folders, folder));
  }
};

[[noreturn]] void refuse(const std::string& target, const std::string& why) {
  throw RuleError(fmt::format("{}: {}", target, why));
}

// A pack folder that is not in the rules folder in use is loaded as a pack of your own, with the
// folder's packs (one of the same name is replaced by it).
void add_pack_folder(const fs::path& folder, const std::string& target, TestTargets& t) {
  if (!fs::exists(folder / "pack.yml"))
    refuse(target, fmt::format("the folder {} has no pack.yml, so sayso does not read it as a "
                               "pack (check and rules list leave it out too). Add a pack.yml: "
                               "rules/CONTRIBUTING.md says how.",
                               folder.string()));
  const std::string pack = real_path(folder);
  t.folders.push_back(pack);
  if (real_path(folder.parent_path()) == real_path(t.rules_dir)) return;
  std::cerr << "note: " << target << " is not in the rules folder in use (" << t.rules_dir
            << "), so it is tested as a pack of its own with that folder's packs.\n";
  t.config.packs.push_back(pack);
}

// Each target is a rule file or a pack folder by path, or a pack by name.
TestTargets test_targets(const RulesOptions& o) {
  TestTargets t;
  t.rules_dir = o.rules_dir;
  t.config = project_packs();
  if (!o.rules_dir_given && !o.targets.empty() && fs::exists(o.targets.front()))
    if (std::string own = rules_folder_of(o.targets.front()); !own.empty()) t.rules_dir = own;
  for (const auto& target : o.targets) {
    const fs::path by_name = fs::path(t.rules_dir) / target;
    const fs::path path = fs::exists(target) ? fs::path(target) : by_name;
    if (!fs::exists(path))
      refuse(target, fmt::format("no pack or rule file by this name (the packs are the folders "
                                 "of {})",
                                 t.rules_dir));
    if (fs::is_directory(path)) {
      add_pack_folder(path, target, t);
      continue;
    }
    if (!is_yaml_file_name(path.string()))
      refuse(target,
             "a rule file's name ends in .yml (or .yaml), so sayso does not read this "
             "one. Rename it.");
    if (path.filename() == "pack.yml") refuse(target, "this is a pack's manifest, not a rule file");
    t.files.push_back(real_path(path));
    const fs::path folder = fs::absolute(path).parent_path();
    if (!fs::exists(folder / "pack.yml"))
      refuse(target, fmt::format("the folder {} has no pack.yml, so sayso does not read it as a "
                                 "pack (check and rules list leave it out too). Put the file in a "
                                 "pack folder, or add a pack.yml: rules/CONTRIBUTING.md says how.",
                                 folder.string()));
    if (real_path(folder.parent_path()) != real_path(t.rules_dir))
      add_pack_folder(folder, target, t);
    t.folders.erase(std::remove(t.folders.begin(), t.folders.end(), real_path(folder)),
                    t.folders.end());  // only the file named is tested
    t.file_folders.push_back(real_path(folder));
  }
  return t;
}

int rules_test(const RulesOptions& o) {
  const TestTargets t = test_targets(o);
  say_where_rules_come_from(t.rules_dir, t.config);
  note_rules_folder_here(o, t.rules_dir);
  // Every rule file is loaded, so that a new rule's id is checked against all the others; the
  // file named is the one blamed when two rules share an id.
  RuleSet set = load_rules_leniently(t.rules_dir, t.config, t.files);
  print_notes(set);
  const bool everything = o.targets.empty();
  std::vector<RuleProblem> ours, others;
  for (const RuleProblem& p : set.left_out)
    (everything || p.file.empty() || t.concerns(p.file) ? ours : others).push_back(p);
  if (!others.empty())
    std::cerr << "note: " << others.size() << (others.size() == 1 ? " mistake" : " mistakes")
              << " in other rule files (sayso rules test "
              << "--rules " << t.rules_dir << " shows them); their rules are left out.\n";
  print_left_out(ours, "the rules with mistakes are not tested");
  Config fragment_config, application_config;
  fragment_config.document = "fragment";
  application_config.document = "application";
  Linter fragment_linter(set, fragment_config), application_linter(set, application_config);
  ExampleRun run;
  std::set<std::string> packs;  // of the rules tested, not every pack whose manifest was read
  std::size_t tested = 0;
  for (const Rule& rule : set.rules) {
    if (!everything && !t.covers(rule.file)) continue;
    test_rule(rule, set, fragment_linter, application_linter, run);
    packs.insert(rule.id.substr(0, rule.id.find('.')));
    ++tested;
  }
  if (!everything && tested == 0 && ours.empty())
    refuse(o.targets.front(), "there are no rules in its 'rules:' list");
  if (tested == 0 && !ours.empty()) return kExitUsage;
  std::cout << fmt::format("{} {} in {} {}\n", tested, tested == 1 ? "rule" : "rules", packs.size(),
                           packs.size() == 1 ? "pack" : "packs");
  std::cout << fmt::format("examples: {} passed, {} failed\n", run.passed, run.failed);
  if (!ours.empty()) return kExitUsage;
  return run.failed ? kExitFindings : kExitClean;
}

// Like ls, it lists what it can and then fails when something could not be read: the list is
// of use, and a script still sees that rules are missing from it.
int rules_list(const RulesOptions& o) {
  const RuleSet set = load_for_showing(o, true).set;
  std::size_t width = 4;
  for (const auto& r : set.rules) width = std::max(width, r.id.size());
  std::cout << fmt::format("{:<{}}  {:<21} {:<12} {:<8} {}\n", "id", width, "kind", "category",
                           "severity", "status");
  for (const auto& r : set.rules)
    std::cout << fmt::format("{:<{}}  {:<21} {:<12} {:<8} {}{}\n", r.id, width, r.kind, r.category,
                             severity_name(r.severity), r.provenance.status,
                             r.enabled ? "" : " (off)");
  return set.left_out.empty() ? kExitClean : kExitUsage;
}

// ---- explain: one rule, for a contributor who may never have seen a rule file ----

constexpr std::size_t kExplainWidth = 80;         // columns of the wrapped text
constexpr std::size_t kShortExampleChars = 200;   // an example is cut here unless --details
constexpr std::size_t kShortWordListChars = 600;  // and the words a rule looks for here

// Code points of UTF-8 text (what a terminal shows as columns, near enough).
std::size_t columns(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// `text` wrapped at word boundaries into lines of at most kExplainWidth columns, the first
// starting with `first_indent` and the others with `indent`. A line break in the text starts a
// new line; a word longer than a line (a link) has a line of its own. Ends with a line break.
std::string wrapped(const std::string& text, const std::string& first_indent,
                    const std::string& indent) {
  std::string out, line = first_indent;
  bool line_has_words = false;
  const auto end_line = [&] {
    line.erase(line.find_last_not_of(' ') + 1);  // an empty line has no indent
    out += line + "\n";
    line = indent;
    line_has_words = false;
  };
  std::istringstream paragraphs(text);
  for (std::string paragraph; std::getline(paragraphs, paragraph);) {
    std::istringstream words(paragraph);
    for (std::string word; words >> word;) {
      if (line_has_words && columns(line) + 1 + columns(word) > kExplainWidth) end_line();
      line += (line_has_words ? " " : "") + word;
      line_has_words = true;
    }
    end_line();
  }
  return out.empty() ? first_indent + "\n" : out;
}

// The text cut after about `max` code points, at a word's end, with "…" (as it is if shorter).
std::string cut_at_word(const std::string& text, std::size_t max) {
  std::string one_line;
  for (char c : text) one_line.push_back(c == '\n' ? ' ' : c);
  if (columns(one_line) <= max) return one_line;
  std::size_t cut = 0;
  for (std::size_t seen = 0; cut < one_line.size() && seen < max; ++cut)
    seen += (one_line[cut] & 0xC0) != 0x80;
  while (cut < one_line.size() && (one_line[cut] & 0xC0) == 0x80) ++cut;  // a whole character
  if (const std::size_t space = one_line.rfind(' ', cut); space != std::string::npos && space > 0)
    cut = space;
  return one_line.substr(0, cut) + " …";
}

// A titled list, each item whole and wrapped, or cut at `cut` code points when `cut` is not 0.
// Returns whether an item was cut.
bool print_list(const char* title, const std::vector<std::string>& items, std::size_t cut = 0) {
  if (items.empty()) return false;
  bool any_cut = false;
  std::cout << title << ":\n";
  for (const auto& item : items) {
    const std::string shown = cut ? cut_at_word(item, cut) : item;
    any_cut |= shown != item && columns(item) > cut;
    std::cout << wrapped(shown, "  - ", "    ");
  }
  return any_cut;
}

// A list's texts joined with commas (a single text as it is).
std::string yaml_texts(const DataNode& node) {
  if (node.is_text()) return node.value();
  std::string out;
  for (const DataNode& item : node.children()) out += (out.empty() ? "" : ", ") + item.value();
  return out;
}

// The words a rule looks for, so a contributor can see whether a rule covers a word already.
// An existence rule's pattern (a regular expression) means little to most readers: it is named,
// and shown only `with_pattern` (--details).
std::string looks_for(const Rule& rule, bool with_pattern) {
  const DataNode& node = rule.node;
  std::string out;
  const auto add = [&](const std::string& more) {
    if (!more.empty()) out += (out.empty() ? "" : ", ") + more;
  };
  if (rule.kind == "substitution")
    for (const DataNode& pair : node["swap"].children()) add(yaml_texts(pair["instead_of"]));
  if (rule.kind == "existence") {
    add(yaml_texts(node["phrases"]));
    if (node["regex"].is_text()) {
      const std::string pattern =
          with_pattern ? "a pattern of words (a regular expression): " + node["regex"].value()
                       : "a pattern of words (--details shows it)";
      out += out.empty() ? pattern : ", and " + pattern;
    }
  }
  if (rule.kind == "evidence")
    for (const DataNode& item : node["items"].children()) add(item["name"].value());
  return out;
}

// The message as a writer sees it: the rule's message on the first of its flagged examples it
// flags, read as rules test reads it ("" when none is flagged, or the message has nothing to
// fill in).
std::string example_message(const Rule& rule, const RuleSet& set, const std::string& profile) {
  if (rule.message.find('{') == std::string::npos) return "";
  Config config;
  config.profile = profile;
  config.document = rule.example_kind == "application" || rule.applies_to == AppliesTo::Application
                        ? "application"
                        : "fragment";
  const Linter linter(set, config);
  for (const std::string& example : rule.examples.flag) {
    Document doc = example_document(rule, example, set);
    for (const Diagnostic& d : linter.lint_only(doc, {&rule}).diagnostics)
      if (d.rule_id == rule.id && d.message.find('{') == std::string::npos) return d.message;
  }
  return "";
}

// The message with each {placeholder} (the flagged words, a count, a limit) shown as "…".
std::string message_without_placeholders(const std::string& message) {
  std::string out;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const std::size_t close = message[i] == '{' ? message.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out += message[i];
      continue;
    }
    out += "…";
    i = close;
  }
  return out;
}

void print_message(const Rule& rule, const RuleSet& set, const std::string& profile) {
  if (rule.message.find('{') == std::string::npos) {
    std::cout << "Message:\n" << wrapped(rule.message, "  ", "  ");
  } else if (const std::string example = example_message(rule, set, profile); !example.empty()) {
    std::cout << "Message (as given for the first example flagged below):\n"
              << wrapped(example, "  ", "  ");
  } else {
    std::cout << "Message (… stands for words or numbers from the text):\n"
              << wrapped(message_without_placeholders(rule.message), "  ", "  ");
  }
}

// The part of a rule id after its pack's name: "passive-voice" in plain-english.passive-voice.
// The rule `typed` names (engine/rule_lookup.h); when none, `meant` holds the ids it may mean:
// the rules of that name in several packs, or the nearest ids and names.
const Rule* find_rule(const RuleSet& set, const std::string& typed,
                      std::vector<std::string>& meant) {
  const RuleLookup found = look_up_rule(set, typed);
  if (found.rule) return found.rule;
  meant = found.same_name;
  if (!meant.empty()) return nullptr;
  std::vector<std::string> ids, names;
  for (const Rule& rule : set.rules) {
    ids.push_back(rule.id);
    names.push_back(rule_name_without_pack(rule.id));
  }
  meant = likely_meant(typed, ids);
  if (meant.empty())  // a slip in the name typed without its pack
    for (const std::string& name : likely_meant(rule_name_without_pack(typed), names))
      for (const Rule& rule : set.rules)
        if (rule_name_without_pack(rule.id) == name) meant.push_back(rule.id);
  return nullptr;
}

int explain(const RulesOptions& o) {
  if (o.targets.empty()) {
    std::cerr << "sayso explain: which rule? (sayso rules list shows them)\n";
    return kExitUsage;
  }
  const ShownRules shown = load_for_showing(o, false);
  const RuleSet& set = shown.set;
  const std::string& typed = o.targets.front();
  std::vector<std::string> meant;
  const Rule* rule = find_rule(set, typed, meant);
  if (!rule) {
    const bool same_name = !meant.empty() && std::all_of(meant.begin(), meant.end(), [&](auto& id) {
      return rule_name_without_pack(id) == typed;
    });
    std::cerr << "sayso explain: "
              << (same_name ? "more than one pack has a rule called '" : "no rule '") << typed
              << "'." << did_you_mean_text(meant) << " (sayso rules list shows them all)\n";
    return kExitUsage;
  }
  std::cout << rule->id << " (" << rule->kind << ", " << rule->category << ", "
            << severity_text(*rule) << ")\n";
  if (const RuleSetting* setting = setting_for_rule(shown.config, rule->id))
    std::cout << "Here: " << (rule->enabled ? severity_name(rule->severity) : "off") << ", set at "
              << setting->where << "\n";
  std::cout << "\n";
  print_message(*rule, set, shown.config.profile);
  std::cout << "\nWhy it matters:\n" << wrapped(rule->explanation, "  ", "  ") << "\n";
  bool cut_short = false;
  if (std::string words = looks_for(*rule, o.details); !words.empty()) {
    cut_short = !o.details && columns(words) > kShortWordListChars;
    if (cut_short) words = cut_at_word(words, kShortWordListChars);
    std::cout << wrapped("Looks for: " + words, "", "  ") << "\n";
  }
  print_list("Sources", rule->sources);
  const std::size_t cut = o.details ? 0 : kShortExampleChars;
  cut_short |= print_list("Flagged, for example", rule->examples.flag, cut);
  cut_short |= print_list("Not flagged, for example", rule->examples.pass, cut);
  print_list("Written with", rule->provenance.written_with);
  print_list("Reviewed by", rule->provenance.reviewed_by);
  std::cout << "Status: " << rule->provenance.status << "\n";
  print_list("Decisions", rule->provenance.decisions);
  std::cout << "Defined in: " << rule->file << ":" << rule->line << "\n";
  if (cut_short)
    std::cout << "\nSome texts are cut short (…): sayso explain --details " << rule->id
              << " shows them whole.\n";
  return kExitClean;
}

// ---- rules new: a commented template a contributor fills in ----

struct KindTemplate {
  const char* kind;
  const char* category;
  const char* scope;
  const char* body;  // the kind's own fields, indented for a rule in a list
};

const std::vector<KindTemplate>& kind_templates() {
  static const std::vector<KindTemplate> templates = {
      {"substitution", "jargon", "[plain-english-summary, document]",
       R"(    # Each pair: the wordy word (and its other spellings), 1 to 3 plainer words, and the
    # word list the pair comes from. Capitals do not matter ("Utilise" is found and fixed as
    # "Use"); a plural is another word, so list it too ("service user", "service users").
    # The plain words are choices for every word in instead_of, so give each form of a word
    # a pair of its own ("suffers from" and "suffering from"). The first choice is the
    # one-click fix; a longer one is not offered where the word after it might not fit.
    swap:
      - instead_of: ["<wordy word>"]
        use: ["<plain word>"]
        source: "<the word list this pair comes from>"
)"},
      {"existence", "tokenism", "[involvement]",
       R"(    # Words or phrases to flag. A "*" at the end of a word matches any ending
    # (disseminat*); a "*" on its own matches any one word (will * sought).
    phrases: ["<a phrase to flag>", "<another phrase to flag>"]
    # Optional: no finding when one of these is in the same sentence.
    # unless_nearby: [which means, "("]
)"},
      {"acronym", "acronym", "all",
       R"(    mode: expand-first        # or: avoid (flag every acronym not in the allow list)
    min_length: 2
    allow: [NHS, GP, UK]      # acronyms most readers know
)"},
      {"readability", "readability", "[plain-english-summary, document]",
       R"(    # One of: sentence-words, average-sentence-words, reading-age, flesch-reading-ease
    # (use min: instead of max:), passive-ratio, passive-voice (no max), paragraph-words,
    # paragraph-sentences.
    metric: sentence-words
    max: 25
)"},
      {"length", "structure", "[plain-english-summary]",
       R"(    max_words: 300
    # min_words: 20            # optional: "this section is almost empty"
    # max_characters: 2000     # optional: for forms that count characters
)"},
      {"spelling", "spelling", "all",
       R"(    language: en_GB
    words: ["<a correct word the dictionary does not know>"]
    ignore: [acronyms, urls, numbers]
)"},
      {"required-sections", "structure", "all",
       R"(    # Section kinds a whole application must have (see rules/sections.yml for headings).
    sections: [plain-english-summary, involvement]
    # order: [title, plain-english-summary, background, methods]
)"},
      {"evidence", "evidence", "[involvement]",
       R"(    # Optional: a section shorter than this gets one "too short to judge" finding
    # instead, so each example must be at least this long.
    # min_words: 40
    # Each item: a name in plain words (listed in {missing}) and the cue words that show it.
    items:
      - name: "<the first thing reviewers look for>"
        cues: ["<a cue word>", "<another cue word>"]
      - name: "<the second thing>"
        cues: ["<a cue word>"]
)"},
      {"claim-needs-evidence", "evidence", "[involvement]",
       R"(    claims: ["<a claim, like co-produc*>"]
    within: section            # sentence, paragraph or section
    evidence:
      - name: "<what backs the claim up>"
        cues: ["<a cue word>", "<another cue word>"]
)"},
      {"involvement-level", "evidence", "[involvement]",
       R"(    # Cue words for each level, lowest to highest (IAP2), and for each research stage.
    levels:
      inform: [newsletter*, "<another cue>"]
      consult: [consulted]
      involve: [advisory group]
      collaborate: [co-applicant*]
      empower: [user-led]
    stages:
      design: [design*]
      dissemination: [disseminat*]
    claims: ["<a claim, like co-produc*>"]
    min_level_for_claim: involve
)"},
      {"number-density", "readability", "[plain-english-summary, document]",
       R"(    # A sentence with more numbers than this is flagged. In the message, {count} is how
    # many numbers the sentence has and {limit} this maximum.
    max_per_sentence: 3
)"},
      {"long-words", "readability", "[plain-english-summary, document]",
       R"(    # A sentence is flagged when more than this share of its words are long (0.3 = 3 in
    # 10). In the message, {count} is how many long words it has and {words} names a few.
    max_share: 0.3
    min_syllables: 3     # a word with this many syllables or more is long
    min_long_words: 3    # a sentence with fewer long words than this is never flagged
)"},
      {"copied-text", "style", "[plain-english-summary]",
       R"(    # The section kinds it must not copy, and the share of its 5-word runs that may be
    # found in them (0.25 = a quarter). In the message, {count} is the share copied.
    from: [abstract]
    max_share: 0.25
    # min_words: 30      # optional: shorter sections are not judged
)"},
      {"table", "structure", "[plain-english-summary]",
       R"(    # A section in scope that holds a table of at least this many cells is flagged. In
    # the message, {count} is the number of cells.
    min_cells: 4
)"},
  };
  return templates;
}

// The section kinds a scope can name, wrapped as comment lines of the template.
std::string section_kinds_comment() {
  std::vector<std::string> kinds = canonical_section_kinds();
  kinds.push_back("document (a text with no headings)");
  std::string out, line = "    # Section kinds:";
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    const std::string word = " " + kinds[i] + (i + 1 < kinds.size() ? "," : ".");
    if (line.size() + word.size() > 96) {
      out += line + "\n";
      line = "    #";
    }
    line += word;
  }
  return out + line + "\n";
}

std::string rule_template(const KindTemplate& t, const std::string& id) {
  std::ostringstream out;
  out << "# A new sayso rule. Replace every <...> with your own words; the comments can stay.\n"
      << "# Save it as a .yml file in a pack folder under rules/, then try it with:\n"
      << "#   sayso rules test path/to/your-file.yml   (or the pack's name: "
      << id.substr(0, id.find('.')) << ")\n"
      << "# rules/CONTRIBUTING.md explains each part; rules/SCHEMA.md lists every field.\n"
      << "rules:\n"
      << "  - id: " << id << "\n"
      << "    kind: " << t.kind << "\n"
      << "    # jargon, readability, acronym, spelling, tokenism, evidence, structure or style\n"
      << "    category: " << t.category << "\n"
      << "    # hint (a gentle idea), info, warning (a reviewer would object) or error (a funder\n"
      << "    # would reject it)\n"
      << "    severity: info\n"
      << "    # Which sections it reads: a list of section kinds, all, or {not: [methods, "
         "background]}.\n"
      << section_kinds_comment() << "    scope: " << t.scope << "\n"
      << t.body
      << "    # One or two short sentences that tell the writer what to do. {match} is the "
         "flagged\n"
      << "    # text; swap rules can use {suggestion} (the first plain word) or {suggestions} "
         "(all\n"
      << "    # of them); evidence rules can use {missing}.\n"
      << "    message: \"<what the writer should do, in plain words>\"\n"
      << "    explanation: >-\n"
      << "      <why this matters to a reader, in plain words>\n"
      << "    sources:\n"
      << "      - \"<the guidance this rests on: a title, and a link if there is one>\"\n"
      << "    # At least two texts it must flag and two it must leave alone. They run as tests.\n"
      << "    examples:\n"
      << "      flag:\n"
      << "        - \"<a text it must flag>\"\n"
      << "        - \"<another text it must flag>\"\n"
      << "      pass:\n"
      << "        - \"<a text it must not flag>\"\n"
      << "        - \"<another text it must not flag>\"\n"
      << "    # Who shaped it: groups or roles, not people's names unless they agree.\n"
      << "    written_with: [\"<who wrote it>\"]\n"
      << "    reviewed_by: [\"pending: <who should review it>\"]\n"
      << "    status: draft\n"
      << "    # Why this wording and this threshold; any disagreement and how it was settled.\n"
      << "    decisions:\n"
      << "      - \"<a decision and the reason for it>\"\n";
  return out.str();
}

// A new rule with the id of one that exists would be refused when it loads: say so now. The
// rules folder is the one the new file goes in, when it goes in one.
void note_id_in_use(const RulesOptions& o, const std::string& id) {
  std::string rules_dir = o.rules_dir;
  if (!o.rules_dir_given && !o.out.empty())
    if (std::string own = rules_folder_of(o.out); !own.empty()) rules_dir = own;
  try {
    const RuleSet set = load_rules_leniently(rules_dir, Config{});
    if (const Rule* rule = set.find(id))
      std::cerr << "note: " << id << " is the id of a rule already (" << rule->file << ":"
                << rule->line << "). Choose another id, or change that rule.\n";
  } catch (const std::exception&) {
    // The rules folder cannot be read: the template is still of use.
  }
}

int rules_new(const RulesOptions& o) {
  auto found = std::find_if(kind_templates().begin(), kind_templates().end(),
                            [&](const KindTemplate& t) { return o.kind == t.kind; });
  if (found == kind_templates().end()) {
    std::vector<std::string> kinds;
    for (const KindTemplate& t : kind_templates()) kinds.push_back(t.kind);
    std::cerr << "sayso rules new: unknown kind '" << o.kind << "'."
              << did_you_mean_text(likely_meant(o.kind, kinds))
              << " The kinds are: " << join_list(kinds, ", ") << "\n";
    return kExitUsage;
  }
  if (o.targets.size() > 1) {
    std::cerr << "sayso rules new: one rule at a time: give one id, not "
              << join_list(o.targets, ", ") << "\n";
    return kExitUsage;
  }
  const std::string id = o.targets.empty() ? "<pack>.<rule-name>" : o.targets.front();
  if (!o.targets.empty())
    if (std::string problem = rule_id_problem(id); !problem.empty()) {
      std::cerr << "sayso rules new: " << problem << "\n";
      return kExitUsage;
    }
  if (!o.targets.empty()) note_id_in_use(o, id);
  const std::string text = rule_template(*found, id);
  if (o.out.empty()) {
    std::cout << text;
    return kExitClean;
  }
  std::error_code ec;
  if (fs::exists(o.out, ec)) {
    std::cerr << "sayso rules new: " << o.out << " already exists; choose another file name\n";
    return kExitUsage;
  }
  if (const fs::path folder = fs::absolute(o.out, ec).parent_path();
      !fs::is_directory(folder, ec)) {
    std::cerr << "sayso rules new: cannot write " << o.out << ": there is no folder "
              << folder.string() << " (make it first, or write the file in a pack folder)\n";
    return kExitUsage;
  }
  std::ofstream file(o.out, std::ios::binary);
  file << text;
  if (!file) {
    std::cerr << "sayso rules new: cannot write " << o.out << "\n";
    return kExitUsage;
  }
  std::cerr << "wrote " << o.out << ": fill in every <...>, then run sayso rules test " << o.out
            << "\n";
  return kExitClean;
}

// ---- rules catalogue: every rule as Markdown ----

std::string one_line(const std::string& text) {
  std::string out;
  for (char c : text) out.push_back(c == '\n' ? ' ' : c);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string table_cell(const std::string& text) {
  std::string out;
  for (char c : one_line(text)) {
    if (c == '|')
      out += "\\|";
    else
      out.push_back(c);
  }
  return out;
}

// GitHub's anchor for a heading that is a rule id: the dots are dropped.
std::string heading_anchor(const std::string& id) {
  std::string anchor;
  for (char c : id)
    if (c != '.') anchor.push_back(c);
  return anchor;
}

std::string scope_text(const Rule& rule) {
  if (rule.scope.all) return "all sections";
  std::string kinds;
  for (const auto& k : rule.scope.kinds) kinds += (kinds.empty() ? "" : ", ") + k;
  return rule.scope.negated ? "all sections except " + kinds : kinds;
}

std::string path_from_repo(const std::string& file, const std::string& rules_dir) {
  const fs::path base = fs::weakly_canonical(fs::path(rules_dir)).parent_path();
  std::error_code ec;
  const fs::path relative = fs::weakly_canonical(file).lexically_relative(base);
  return relative.empty() ? fs::path(file).filename().string() : relative.generic_string();
}

void print_example(std::ostream& out, const std::string& text) {
  if (text.find('\n') == std::string::npos && text.find('`') == std::string::npos) {
    out << "- `" << text << "`\n";
    return;
  }
  out << "- \n\n  ```text\n";
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) out << "  " << line << "\n";
  out << "  ```\n\n";
}

void print_bullets(std::ostream& out, const char* title, const std::vector<std::string>& items) {
  if (items.empty()) return;
  out << "**" << title << "**\n\n";
  for (const auto& item : items) out << "- " << one_line(item) << "\n";
  out << "\n";
}

// What a rule looks for, beyond its message: word pairs, phrases, checklist items.
void print_rule_data(std::ostream& out, const Rule& rule) {
  const DataNode& node = rule.node;
  if (rule.kind == "substitution" && node["swap"]) {
    out << "<details><summary>" << node["swap"].size() << " word pairs</summary>\n\n"
        << "| Instead of | Try | Source |\n|---|---|---|\n";
    for (const DataNode& pair : node["swap"].children())
      out << "| " << table_cell(yaml_texts(pair["instead_of"])) << " | "
          << table_cell(yaml_texts(pair["use"])) << " | " << table_cell(pair["source"].value())
          << " |\n";
    out << "\n</details>\n\n";
  } else if (rule.kind == "existence" && node["phrases"]) {
    out << "**Looks for:** " << one_line(yaml_texts(node["phrases"])) << "\n\n";
    if (node["unless_nearby"])
      out << "**Not when nearby:** " << one_line(yaml_texts(node["unless_nearby"])) << "\n\n";
  } else if (rule.kind == "acronym") {
    out << "**Mode:** " << (node["mode"] ? node["mode"].value() : "expand-first")
        << ". **Known to most readers:** " << one_line(yaml_texts(node["allow"])) << "\n\n";
  } else if (rule.kind == "readability") {
    out << "**Measure:** " << node["metric"].value();
    if (node["max"]) out << ", at most " << node["max"].value();
    if (node["min"]) out << ", at least " << node["min"].value();
    out << "\n\n";
  } else if (rule.kind == "length") {
    std::vector<std::string> limits;
    for (const char* key : {"max_words", "min_words", "max_characters"})
      if (node[key]) limits.push_back(fmt::format("{}: {}", key, node[key].value()));
    out << "**Limits (a profile or .sayso.yml can change them):** " << join_list(limits, ", ")
        << "\n\n";
  } else if (rule.kind == "number-density") {
    out << "**Measure:** numbers in a sentence, at most " << node["max_per_sentence"].value()
        << "\n\n";
  } else if (rule.kind == "long-words") {
    out << "**Measure:** share of a sentence's words with "
        << (node["min_syllables"] ? node["min_syllables"].value() : "3")
        << " or more syllables, at most " << node["max_share"].value() << "\n\n";
  } else if (rule.kind == "required-sections") {
    out << "**Sections:** " << yaml_texts(node["sections"]) << "\n\n";
  } else if ((rule.kind == "evidence" && node["items"]) ||
             (rule.kind == "claim-needs-evidence" && node["evidence"])) {
    if (node["claims"]) out << "**Claims:** " << one_line(yaml_texts(node["claims"])) << "\n\n";
    out << "| Looks for | Cue words |\n|---|---|\n";
    for (const DataNode& item :
         (rule.kind == "evidence" ? node["items"] : node["evidence"]).children())
      out << "| " << table_cell(item["name"].value()) << " | "
          << table_cell(yaml_texts(item["cues"])) << " |\n";
    out << "\n";
  } else if (rule.kind == "spelling" && node["variants"]) {
    out << "**Message for a word spelled another way:** "
        << one_line(node["variant_message"].value()) << "\n\n";
    std::vector<std::string> patterns;
    for (const DataNode& pattern : node["patterns"].children()) {
      std::vector<std::string> letters;
      for (const DataNode& l : pattern.children())
        letters.push_back(node["variants"][l.key()].value() + " '" + l.value() + "'");
      patterns.push_back(fmt::format("{}", fmt::join(letters, " / ")));
    }
    out << "**Spelling patterns:** " << fmt::format("{}", fmt::join(patterns, "; ")) << "\n\n";
  } else if (rule.kind == "involvement-level" && node["levels"]) {
    out << "| Level | Cue words |\n|---|---|\n";
    for (const DataNode& level : node["levels"].children())
      out << "| " << level.key() << " | " << table_cell(yaml_texts(level)) << " |\n";
    out << "\n";
  }
}

// The findings sayso gives itself: their ids reach reports and scripts as the rules' do.
void print_builtin_findings(std::ostream& out) {
  out << "## Findings from sayso itself\n\n"
      << "These come from sayso, not from a rule file: they say something about the text, the "
         "check or the\nsubmission. They cannot be turned off in `.sayso.yml`.\n\n"
      << "| Id | Category | Severity | Given by | What it says |\n|---|---|---|---|---|\n";
  for (const BuiltinFinding& f : builtin_findings())
    out << "| `" << f.id << "` | " << f.category << " | " << f.severity << " | " << f.given_by
        << " | " << f.meaning << " |\n";
  out << "\n";
}

int rules_catalogue(const RulesOptions& o) {
  Config config;
  RuleSet set = load_rules(o.rules_dir, config);
  std::ostream& out = std::cout;
  out << "<!-- sayso-disable -->\n"
      << "# sayso rule catalogue\n\n"
      << "Made from the rule files in `rules/` by `sayso rules catalogue`. Do not edit it by hand: "
         "change the\n"
      << "rule files, then run `build/sayso rules catalogue > docs/rules.md`. A test checks that "
         "it is up to\n"
      << "date. Funder profiles (`rules/profiles/`) and `.sayso.yml` can change the numbers shown "
         "here.\n\n"
      << set.rules.size() << " rules in " << set.packs.size() << " packs.\n\n";
  for (const Pack& pack : set.packs) {
    const auto count = std::count_if(set.rules.begin(), set.rules.end(), [&](const Rule& r) {
      return r.id.rfind(pack.name + ".", 0) == 0;
    });
    out << "- [" << pack.name << "](#pack-" << pack.name << ") (" << count
        << (count == 1 ? " rule): " : " rules): ") << one_line(pack.description) << "\n";
  }
  out << "\n";
  for (const Pack& pack : set.packs) {
    out << "## Pack: " << pack.name << "\n\n"
        << one_line(pack.description) << "\n\n"
        << "Version " << pack.version << ", licence " << pack.licence << ", maintained by "
        << join_list(pack.maintainers, ", ") << ".\n\n"
        << "| Rule | Kind | Category | Severity | Status |\n|---|---|---|---|---|\n";
    for (const Rule& r : set.rules)
      if (r.id.rfind(pack.name + ".", 0) == 0)
        out << "| [" << r.id << "](#" << heading_anchor(r.id) << ") | " << r.kind << " | "
            << r.category << " | " << severity_text(r) << " | " << r.provenance.status << " |\n";
    out << "\n";
    for (const Rule& r : set.rules) {
      if (r.id.rfind(pack.name + ".", 0) != 0) continue;
      out << "### " << r.id << "\n\n"
          << "Kind `" << r.kind << "`, category `" << r.category << "`, severity `"
          << severity_text(r) << "`, status `" << r.provenance.status
          << "`. Reads: " << scope_text(r) << ".\n\n"
          << "**Message:** " << one_line(r.message) << "\n\n"
          << "**Why it matters:** " << one_line(r.explanation) << "\n\n";
      print_rule_data(out, r);
      print_bullets(out, "Sources", r.sources);
      out << "**Flags, for example:**\n\n";
      for (const auto& e : r.examples.flag) print_example(out, e);
      out << "\n**Does not flag, for example:**\n\n";
      for (const auto& e : r.examples.pass) print_example(out, e);
      out << "\n**Written with:** " << join_list(r.provenance.written_with, "; ")
          << ". **Reviewed by:** " << join_list(r.provenance.reviewed_by, "; ") << ".\n\n";
      print_bullets(out, "Decisions", r.provenance.decisions);
      out << "Defined in `" << path_from_repo(r.file, o.rules_dir) << ":" << r.line << "`.\n\n";
    }
  }
  print_builtin_findings(out);
  return kExitClean;
}

int guarded(int (*fn)(const RulesOptions&), const RulesOptions& o) {
  try {
    return fn(o);
  } catch (const RuleError& e) {
    std::cerr << "sayso: " << rule_error_heading(e) << ": " << e.what() << "\n";
    return kExitUsage;
  } catch (const ConfigError& e) {
    std::cerr << "sayso: settings error: " << e.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace

int run_rules_command(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << kRulesHelp;
    return args.empty() ? kExitUsage : kExitClean;
  }
  const std::string command = "rules " + args[0];
  const std::optional<RulesOptions> o =
      parse_rules_options(Args(args.begin() + 1, args.end()), command.c_str());
  if (!o) return kExitUsage;
  if (o->help) {
    std::cout << kRulesHelp;
    return kExitClean;
  }
  if (args[0] == "test") return guarded(rules_test, *o);
  if (args[0] == "list") return guarded(rules_list, *o);
  if (args[0] == "explain") return guarded(explain, *o);
  if (args[0] == "new") return guarded(rules_new, *o);
  if (args[0] == "catalogue" || args[0] == "catalog") return guarded(rules_catalogue, *o);
  if (args[0] == "folder") {
    std::cout << o->rules_dir << "\n";
    return kExitClean;
  }
  std::cerr << "sayso rules: unknown subcommand '" << args[0] << "'\n" << kRulesHelp;
  return kExitUsage;
}

int run_explain_command(const Args& args) {
  const std::optional<RulesOptions> o = parse_rules_options(args, "explain");
  if (!o) return kExitUsage;
  if (o->help) {
    std::cout << kRulesHelp;
    return kExitClean;
  }
  return guarded(explain, *o);
}

}  // namespace sayso
