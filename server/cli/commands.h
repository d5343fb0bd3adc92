// The subcommands main() dispatches to. Each returns the process exit status.
#pragma once
#include <string>
#include <vector>

namespace sayso {

using Args = std::vector<std::string>;

int run_check_command(const Args& args);
int run_rules_command(const Args& args);    // rules test|list|explain
int run_explain_command(const Args& args);  // explain RULE
int run_lsp_command(const Args& args);
int run_batch_command(const Args& args);  // batch [options] INPUT... | -
int run_serve_command(const Args& args);  // serve [--host H] [--port N]

// Ends a one-shot command: flushes the output, saves the spelling verdicts learned in this run and
// exits with `status` without running destructors (freeing the loaded rules and dictionaries
// took longer than linting a short file). In sanitizer builds it returns `status` instead, so
// that the leak check of a normal exit still runs. When standard output could not be written, it
// says so and the status is kExitUsage.
int end_without_teardown(int status);

// "settings error" when every mistake is in a .sayso.yml (a rule's settings there), else "rule
// error": a writer who mistyped a severity in their settings should not look in the rules.
class RuleError;
const char* rule_error_heading(const RuleError& e);

// Exit statuses (design.md contract).
constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

}  // namespace sayso
