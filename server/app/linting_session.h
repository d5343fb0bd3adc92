// Shared by every front (cli, lsp, batch, web): finds the config for a file, loads and caches
// rule sets per config, decides what a heading-less text is, and lints bytes into an outcome.
#pragma once
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/config.h"
#include "engine/linter.h"
#include "engine/ruleset.h"
#include "report/outcome.h"

namespace sayso {

struct SessionOptions {
  std::string rules_dir;                   // "" = default_rules_dir()
  std::optional<std::string> config_file;  // --config: use this one for every file
  std::string profile;                     // --profile: overrides the config's
  std::string document_kind;               // --kind: kind of text with no headings
  std::string document;                    // "application" | "fragment" | "" (auto)
  std::size_t max_bytes = 64u << 20;       // larger inputs are reported, not linted
  // Set by --max-bytes: then max_bytes wins over a config's max_document_bytes, which otherwise
  // replaces it for the files that config governs.
  bool max_bytes_from_command_line = false;
  // Keep compiled caches (known words, remembered spelling verdicts) in default_cache_dir().
  bool use_cache = true;
};

// $XDG_CACHE_HOME/sayso, else $HOME/.cache/sayso, else "" (no cache).
std::string default_cache_dir();

class LintingSession {
 public:
  explicit LintingSession(SessionOptions options);

  // The config that applies to a file (cached per .sayso.yml). Throws ConfigError.
  const Config& config_for(const std::string& path);
  // The linter for a config (rules loaded once per config file). Throws RuleError.
  Linter& linter_for(const Config& config);

  // Reads and lints one file ("-" is not handled here). Never throws for bad input: unreadable or
  // unsupported files come back as !ok outcomes. Config and rule errors do throw.
  FileOutcome lint_file(const std::string& path);
  // Reads a stream (standard input) up to the size limit and lints it as from `path`; one larger
  // is reported after reading one byte more than the limit, never held whole.
  FileOutcome lint_stream(const std::string& path, std::istream& in);
  // Lints bytes that claim to come from `path` (stdin, an editor buffer, a web request).
  FileOutcome lint_bytes(const std::string& path, std::string bytes);

  const SessionOptions& options() const { return options_; }
  // What a text from `path` with no headings is read as: a section kind, or "document".
  std::string headless_kind(const std::string& path, const Config& config) const;
  // The largest document linted under a config (see SessionOptions::max_bytes).
  std::size_t max_bytes_for(const Config& config) const;

 private:
  struct Loaded {
    std::unique_ptr<RuleSet> rules;
    std::unique_ptr<Linter> linter;
  };
  Linter* find_linter(const Config& config);  // nullptr until linter_for has loaded it
  // The rules folder's section aliases, loaded once (the same as every rule set's `sections`).
  const SectionClassifier& section_aliases();

  SessionOptions options_;
  std::map<std::string, Config> configs_;             // by config file path ("" = defaults)
  std::map<std::string, Config> resolved_configs_;    // by config file path + override variant
  std::map<std::string, std::string> config_of_dir_;  // directory → config file path
  std::map<std::string, Loaded> loaded_;              // by config file path
  std::optional<SectionClassifier> section_aliases_;
};

// A guess from the file name for text with no headings: "…summary…" → plain-english-summary,
// "…involvement…", "…ppi…" → involvement, else "document".
std::string guess_kind_from_name(const std::string& path);

}  // namespace sayso
