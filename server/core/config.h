// Project configuration (.sayso.yml): profile, packs, rule overrides, dictionary words.
#pragma once
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace sayso {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;  // "file:line: what is wrong"
};

struct RuleSetting {
  std::optional<bool> enabled;
  std::optional<std::string> severity;  // validated by the engine
  YAML::Node parameters;                // other keys: parameter overrides
  std::string where;                    // "file:line" of the setting, for error messages
};

struct Config {
  std::string file;                          // the .sayso.yml it came from (empty: defaults)
  std::string profile;                       // funder profile name ("" = none)
  std::string language = "en_GB";            // spelling dictionary
  std::string document;                      // "application" | "fragment" | "" (auto)
  std::string document_kind;                 // kind of text with no headings ("" = auto from name)
  std::vector<std::string> packs;            // extra pack folders (absolute paths)
  std::vector<std::string> disabled_packs;   // pack names not to load
  std::map<std::string, RuleSetting> rules;  // by rule id
  std::vector<std::string> words;            // extra dictionary words
};

// Reads a config file, following `extends:` (relative paths). Throws ConfigError.
Config load_config_file(const std::string& path);
// Searches upward from `start_dir` for .sayso.yml; returns "" if none.
std::string find_config_file(const std::string& start_dir);
// Merges `over` on top of `base` (later wins; lists are concatenated).
Config merge_configs(const Config& base, const Config& over);

}  // namespace sayso
