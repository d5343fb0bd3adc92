// Rule authors' tools: rules test, rules list, explain.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "engine/linter.h"
#include "engine/ruleset.h"
#include "formats/format.h"

namespace sayso {
namespace fs = std::filesystem;
namespace {

constexpr const char* kRulesHelp = R"(Usage:
  sayso rules test [PACK|FILE...]   run the flag/pass examples of every rule (or of these packs/files)
  sayso rules list                  a table of every rule: id, kind, category, severity, status
  sayso explain RULE                what a rule checks, why, its sources, examples and who shaped it
Options: --rules DIR (the rules folder), --profile NAME
)";

struct RulesOptions {
  std::string rules_dir;
  std::string profile;
  std::vector<std::string> targets;
};

RulesOptions parse_rules_options(const Args& args) {
  RulesOptions o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--rules" && i + 1 < args.size()) o.rules_dir = args[++i];
    else if (args[i] == "--profile" && i + 1 < args.size()) o.profile = args[++i];
    else o.targets.push_back(args[i]);
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

// Reads an example as the kind of text the rule is about.
Document example_document(const Rule& rule, const std::string& text, const RuleSet& set) {
  LoadOptions load;
  load.format = "markdown";
  std::string kind = rule.example_kind;
  if (kind.empty()) kind = !rule.scope.all && !rule.scope.negated && !rule.scope.kinds.empty() ? rule.scope.kinds.front() : "other";
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
  const bool application = rule.example_kind == "application" || rule.applies_to == AppliesTo::Application;
  const Linter& linter = application ? application_linter : fragment_linter;
  auto run_one = [&](const std::string& text, bool must_flag, std::size_t n) {
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
    std::cout << fmt::format("FAIL {} ({}:{}): {} example {} \"{}\"\n", rule.id, rule.file, rule.line,
                             must_flag ? "flag" : "pass", n, shorten(text));
    if (must_flag) {
      std::cout << "     expected a finding, found none\n";
    } else {
      for (const auto& d : found)
        std::cout << fmt::format("     expected no finding, found: {} at \"{}\"\n", d.message,
                                 shorten(doc.source.bytes.substr(d.begin, d.end - d.begin), 40));
    }
  };
  for (std::size_t i = 0; i < rule.examples.flag.size(); ++i) run_one(rule.examples.flag[i], true, i + 1);
  for (std::size_t i = 0; i < rule.examples.pass.size(); ++i) run_one(rule.examples.pass[i], false, i + 1);
}

RuleSet load_for(const RulesOptions& o, bool only_targets) {
  Config config;
  // Examples are written for a rule's own settings, so `rules test` ignores profiles.
  if (!only_targets) config.profile = o.profile;
  if (only_targets && !o.targets.empty()) {
    std::vector<std::string> paths;
    for (const auto& t : o.targets) paths.push_back(fs::exists(t) ? t : (fs::path(o.rules_dir) / t).string());
    return load_rules_from(o.rules_dir, paths, config);
  }
  return load_rules(o.rules_dir, config);
}

int rules_test(const RulesOptions& o) {
  RuleSet set = load_for(o, true);
  Config fragment_config, application_config;
  fragment_config.document = "fragment";
  application_config.document = "application";
  Linter fragment_linter(set, fragment_config), application_linter(set, application_config);
  ExampleRun run;
  for (const Rule& rule : set.rules) test_rule(rule, set, fragment_linter, application_linter, run);
  std::cout << fmt::format("{} rules in {} packs\n", set.rules.size(), set.packs.size());
  std::cout << fmt::format("examples: {} passed, {} failed\n", run.passed, run.failed);
  return run.failed ? kExitFindings : kExitClean;
}

int rules_list(const RulesOptions& o) {
  RuleSet set = load_for(o, false);
  std::size_t width = 4;
  for (const auto& r : set.rules) width = std::max(width, r.id.size());
  std::cout << fmt::format("{:<{}}  {:<21} {:<12} {:<8} {}\n", "id", width, "kind", "category", "severity", "status");
  for (const auto& r : set.rules)
    std::cout << fmt::format("{:<{}}  {:<21} {:<12} {:<8} {}{}\n", r.id, width, r.kind, r.category,
                             severity_name(r.severity), r.provenance.status, r.enabled ? "" : " (off)");
  return kExitClean;
}

void print_list(const char* title, const std::vector<std::string>& items) {
  if (items.empty()) return;
  std::cout << title << ":\n";
  for (const auto& item : items) std::cout << "  - " << shorten(item, 200) << "\n";
}

int explain(const RulesOptions& o) {
  if (o.targets.empty()) {
    std::cerr << "sayso explain: which rule? (sayso rules list shows them)\n";
    return kExitUsage;
  }
  RuleSet set = load_for(o, false);
  const Rule* rule = set.find(o.targets.front());
  if (!rule) {
    std::cerr << "sayso explain: no rule '" << o.targets.front() << "' (sayso rules list shows them)\n";
    return kExitUsage;
  }
  std::cout << rule->id << " (" << rule->kind << ", " << rule->category << ", "
            << severity_name(rule->severity) << ")\n\n";
  std::cout << "Message: " << rule->message << "\n\nWhy it matters:\n  " << rule->explanation << "\n\n";
  print_list("Sources", rule->sources);
  print_list("Flagged, for example", rule->examples.flag);
  print_list("Not flagged, for example", rule->examples.pass);
  print_list("Written with", rule->provenance.written_with);
  print_list("Reviewed by", rule->provenance.reviewed_by);
  std::cout << "Status: " << rule->provenance.status << "\n";
  print_list("Decisions", rule->provenance.decisions);
  std::cout << "Defined in: " << rule->file << ":" << rule->line << "\n";
  return kExitClean;
}

int guarded(int (*fn)(const RulesOptions&), const RulesOptions& o) {
  try {
    return fn(o);
  } catch (const RuleError& e) {
    std::cerr << "sayso: rule error: " << e.what() << "\n";
    return kExitUsage;
  } catch (const ConfigError& e) {
    std::cerr << "sayso: config error: " << e.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace

int run_rules_command(const Args& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << kRulesHelp;
    return args.empty() ? kExitUsage : kExitClean;
  }
  RulesOptions o = parse_rules_options(Args(args.begin() + 1, args.end()));
  if (args[0] == "test") return guarded(rules_test, o);
  if (args[0] == "list") return guarded(rules_list, o);
  if (args[0] == "explain") return guarded(explain, o);
  std::cerr << "sayso rules: unknown subcommand '" << args[0] << "'\n" << kRulesHelp;
  return kExitUsage;
}

int run_explain_command(const Args& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kRulesHelp;
    return kExitClean;
  }
  return guarded(explain, parse_rules_options(args));
}

}  // namespace sayso
