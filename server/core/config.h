// Project configuration (.sayso.yml): profile, packs, rule overrides, dictionary words.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/yaml_mistakes.h"

namespace sayso {

struct Config;

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;  // "file:line: what is wrong"
  // Mistakes among a file's settings keys, with the settings read without them: the rule
  // settings among those can then be checked too, so every mistake is named at once.
  ConfigError(const std::string& what, std::shared_ptr<const Config> usable)
      : std::runtime_error(what), usable_(std::move(usable)) {}
  const Config* usable() const { return usable_.get(); }

 private:
  std::shared_ptr<const Config> usable_;
};

struct RuleSetting {
  std::optional<bool> enabled;
  std::optional<std::string> severity;  // validated by the engine
  YAML::Node parameters;                // other keys: parameter overrides
  std::string where;                    // "file:line" of the setting, for error messages
};

// A block of settings that applies only to files matching some globs (`overrides:` in .sayso.yml).
struct ConfigOverride {
  std::vector<std::string> files;  // fnmatch globs, relative to base_dir
  std::string base_dir;            // the folder of the .sayso.yml that defined it
  std::string where;               // "file:line" of the block
  std::string profile, document, document_kind, language;
  std::map<std::string, RuleSetting> rules;  // by rule id or pack name
  std::vector<std::string> words;
};

struct Config {
  std::string file;           // the .sayso.yml it came from (empty: defaults)
  std::string profile;        // funder profile name ("" = none)
  std::string profile_where;  // "file:line" that named it ("" = the command line)
  // Spelling dictionary; unset means "not said here", so a child config that says en_GB
  // wins over a parent that says en_US. Read it with spelling_language().
  std::optional<std::string> language;
  std::string document;                     // "application" | "fragment" | "" (auto)
  std::string document_kind;                // kind of text with no headings ("" = auto from name)
  std::vector<std::string> packs;           // extra pack folders (absolute paths)
  std::vector<std::string> disabled_packs;  // pack names not to load
  std::map<std::string, std::string> disabled_packs_where;  // pack name -> "file:line"
  std::map<std::string, RuleSetting> rules;                 // by rule id
  std::vector<std::string> words;                           // extra dictionary words
  std::vector<std::string> dictionaries;  // word list files (absolute paths), one word a line
  std::vector<std::string> only_packs;    // `extends: [pack:NAME]`: load only these built-in packs
  std::map<std::string, std::string> only_packs_where;  // pack name -> "file:line" that named it
  std::vector<ConfigOverride> overrides;                // per-glob settings, in file order
  // Which overrides were applied (config_for_path); part of the identity of a rule set.
  std::string variant;
  // Where each of those overrides is written ("file:line"), in the order applied.
  std::vector<std::string> applied_overrides;
  // Limits (unset: the front's default). Larger documents are reported, not linted.
  std::optional<std::size_t> max_document_bytes;
  // Checks stop after this long on one document, with a `sayso.time-limit` finding (0 = never).
  std::optional<std::uint64_t> lint_time_budget_ms;

  // `root: true`: the folders above are not searched for more config files.
  bool root = false;
  // Every config file these settings came from, the nearest first (for `sayso config`).
  std::vector<std::string> sources;

  std::string spelling_language() const { return language.value_or("en_GB"); }
};

// Reads a config file, following `extends:` (relative paths). Throws ConfigError.
Config load_config_file(const std::string& path);

// A key written twice in one map ("rules:" twice, a rule's "message:" twice). YAML readers keep
// one and drop the other without a word, so a setting or a rule's field would be lost.
class DuplicateKeyError : public std::runtime_error {
 public:
  DuplicateKeyError(int line, const std::string& what) : std::runtime_error(what), line(line) {}
  int line;  // 1-based, of the second one
};
// Throws DuplicateKeyError for the first key written twice in any map of `node`.
void reject_duplicate_keys(const YAML::Node& node);
// "FILE:LINE: 'rules' is written twice…" for a DuplicateKeyError.
std::string duplicate_key_message(const std::string& path, const DuplicateKeyError& e);
// Searches upward from `start_dir` for .sayso.yml; returns "" if none.
std::string find_config_file(const std::string& start_dir);
// The config for a .sayso.yml found by searching upward: its settings on top of those of every
// .sayso.yml in the folders above it, up to one that says `root: true` (a project's file adds to
// its team's, as in EditorConfig). `--config FILE` reads only FILE (load_config_file).
Config load_found_config(const std::string& path);
// Merges `over` on top of `base` (later wins; lists are concatenated).
Config merge_configs(const Config& base, const Config& over);

// The config for one file: `config` with every override whose globs match the file's path
// (relative to the folder of the .sayso.yml that defined the override) applied in order.
// `variant` names the applied overrides ("" when none), so rule sets can be cached per variant.
Config config_for_path(const Config& config, const std::string& path);

// Only the choice of packs of `config` (its file, extra packs, packs chosen and packs turned off):
// the rules as their files say, with none of the config's rule settings or profile.
Config packs_only(const Config& config);

// The setting that decides a rule's state: the one naming the rule, else the one naming its pack
// (the part of the id before the dot); nullptr when neither is set.
const RuleSetting* setting_for_rule(const Config& config, const std::string& rule_id);

// True when `path` (relative, '/' separated) matches the glob: fnmatch with FNM_PATHNAME, and
// "**/" also matches any number of folders (including none).
bool glob_matches(const std::string& glob, const std::string& path);

// Reads a word list: one word a line; blank lines and lines starting with '#' are skipped, and a
// Hunspell-style first line holding only a count is ignored. Throws ConfigError if unreadable.
std::vector<std::string> read_word_list(const std::string& path);

// The user's own word list: $XDG_CONFIG_HOME/sayso/words.dic, else ~/.config/sayso/words.dic;
// "" when there is none.
std::string user_dictionary_path();

}  // namespace sayso
