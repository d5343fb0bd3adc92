// sayso lsp: the language server over stdio (accepts and ignores --stdio).
#include <iostream>

#include "app/linting_session.h"
#include "cli/commands.h"
#include "engine/cache_dir.h"
#include "engine/ruleset.h"
#include "lsp/lsp.h"

namespace sayso {

int run_lsp_command(const Args& args) {
  std::string rules_dir;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--rules" && i + 1 < args.size())
      rules_dir = args[++i];
    else if (args[i] == "--help" || args[i] == "-h") {
      std::cout << "Usage: sayso lsp [--stdio] [--rules DIR]\nRuns the language server over "
                   "standard input and output.\n";
      return kExitClean;
    }
  }
  if (rules_dir.empty()) rules_dir = default_rules_dir();
  // The spelling word set compiled once on disk, as `sayso check` keeps it: every document's
  // first check is quicker, and threads share the file instead of each building its own copy.
  set_cache_dir(default_cache_dir());
  std::ios::sync_with_stdio(false);
  LanguageServerOptions options;
  options.rules_dir = rules_dir;
  return run_stdio_language_server(options);
}

}  // namespace sayso
