// `sayso lsp`: a Language Server Protocol server over a pair of streams (stdin/stdout in practice).
#pragma once
#include <cstddef>
#include <iosfwd>
#include <string>

namespace sayso {

struct LanguageServerOptions {
  std::string rules_dir;
  // Lints wait this long after the last edit (initializationOptions.debounceMs overrides it).
  // Only streams with a descriptor can be waited on: over string streams, lints run at once.
  int debounce_ms = 150;
  std::size_t max_message_bytes = std::size_t{64} << 20;
  int input_fd = -1;  // the descriptor behind the input stream, if it is an lsp::FdInputBuffer
};

// Serves LSP messages read from `in`, writing replies and notifications to `out`, until the client
// sends `exit` or the input ends. Returns the process exit status: 0 when `shutdown` came before
// the end, else 1. Rules are loaded from `rules_dir` (plus each document's .sayso.yml). Logs go to
// `log` (editors show stderr in their LSP log).
int run_language_server(std::istream& in, std::ostream& out, const LanguageServerOptions& options,
                        std::ostream& log);

// The server over stdin and stdout, waiting on descriptor 0 for debounced lints.
int run_stdio_language_server(const LanguageServerOptions& options);

// Over string streams (tests): lints run right after each message.
int run_language_server(std::istream& in, std::ostream& out, const std::string& rules_dir);
int run_language_server(std::istream& in, std::ostream& out, const std::string& rules_dir,
                        std::ostream& log);

}  // namespace sayso
