// sayso: dispatches to the subcommands; every front lives in its own folder.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <iostream>

#include "cli/commands.h"

namespace {

constexpr const char* kUsage =
    R"(sayso — plain English and public involvement checks for research grant applications

Usage:
  sayso check [options] [PATH... | -]   lint files or folders (see sayso check --help)
  sayso lsp [--stdio]                   run the language server over stdio
  sayso batch [options] INPUT... | -    lint many submissions into reports (see sayso batch --help)
  sayso serve [--host H] [--port N]     the web page for contributors (see sayso serve --help)
  sayso rules test [PACK|FILE...]       run every rule's examples
  sayso rules list                      list the rules
  sayso rules new --kind K PACK.NAME    a template for a new rule (see rules/CONTRIBUTING.md)
  sayso explain [--details] RULE        what a rule checks, why, and who shaped it
  sayso config [PATH...]                the settings PATH is checked with, and where each is set
  sayso --version | --help
Every command takes --rules DIR to use another rules folder (a copy you are editing).
Commands about rules say which rules folder they used.
)";

constexpr const char* kConfigHelp = R"(Usage: sayso config [options] [PATH...]

Prints the settings each PATH (default: this folder) would be checked with, without
checking it: the .sayso.yml files found (the nearest first), the funder profile, the
rule packs, the rules turned off or changed and where each setting is written. The
same as sayso check --print-config PATH...

Options:
  --format text|json        output format (default: text)
  --config FILE             use this config instead of searching for .sayso.yml
  --profile NAME            funder profile (e.g. nihr, generic)
  --kind KIND               what a text with no headings is (see sayso check --help)
  --document application|fragment
  --rules DIR               the rules folder (default: the installed rules)
Exit status: 0 printed, 2 usage, config or rule-file error.
)";

}  // namespace

namespace {

int run_command(const sayso::Args& args);

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const int status = run_command(sayso::Args(argv + 1, argv + argc));
  // The commands that return (rather than end the process) have written all they print: a
  // report lost to a full disk or a closed descriptor must not look like a clean run.
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "sayso: cannot write standard output: " << std::strerror(errno) << "\n";
    return sayso::kExitUsage;
  }
  return status;
}

namespace {

int run_command(const sayso::Args& arguments) {
  sayso::Args args = arguments;
  if (args.empty()) {
    std::cerr << kUsage;
    return sayso::kExitUsage;
  }
  // `sayso --rules DIR rules test` as well as `sayso rules test --rules DIR`: the option goes to
  // the command, after its name.
  if (args.size() >= 3 && args[0] == "--rules")
    std::rotate(args.begin(), args.begin() + 2, args.end());
  const std::string command = args.front();
  const sayso::Args rest(args.begin() + 1, args.end());
  try {
    if (command == "--version" || command == "version") {
      std::cout << "sayso " << SAYSO_VERSION << "\n";
      return 0;
    }
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << kUsage;
      return 0;
    }
    if (command == "check") return sayso::run_check_command(rest);
    if (command == "config") {  // check's options apply: --config, --profile, --kind, --format
      if (std::find(rest.begin(), rest.end(), "--help") != rest.end() ||
          std::find(rest.begin(), rest.end(), "-h") != rest.end()) {
        std::cout << kConfigHelp;
        return 0;
      }
      sayso::Args print = rest;
      print.push_back("--print-config");
      return sayso::run_check_command(print);
    }
    if (command == "lsp") return sayso::run_lsp_command(rest);
    if (command == "batch") return sayso::run_batch_command(rest);
    if (command == "serve") return sayso::run_serve_command(rest);
    if (command == "rules") return sayso::run_rules_command(rest);
    if (command == "explain") return sayso::run_explain_command(rest);
    std::cerr << "sayso: unknown command '" << command << "'\n\n" << kUsage;
    return sayso::kExitUsage;
  } catch (const std::exception& e) {
    // Last line of defence: report, never crash.
    std::cerr << "sayso: internal error: " << e.what() << "\n";
    return sayso::kExitUsage;
  }
}

}  // namespace
