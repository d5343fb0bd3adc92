// `sayso lsp`: a Language Server Protocol server over a pair of streams (stdin/stdout in practice).
#pragma once
#include <iosfwd>
#include <string>

namespace sayso {

// Serves LSP messages read from `in`, writing replies and notifications to `out`, until the client
// sends `exit` or the input ends. Returns the process exit status: 0 when `shutdown` came before
// the end, else 1. Rules are loaded from `rules_dir` (plus each document's .sayso.yml). Logs go to
// std::cerr (editors show it in their LSP log).
int run_language_server(std::istream& in, std::ostream& out, const std::string& rules_dir);

// The same, logging to `log` (tests capture it).
int run_language_server(std::istream& in, std::ostream& out, const std::string& rules_dir,
                        std::ostream& log);

}  // namespace sayso
