// Loading rule packs, section aliases and profiles from rules/, with validation.
#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/sections.h"
#include "engine/rule.h"

namespace sayso {

// A rule or config file problem: "file:line: rule <id>: what is wrong".
class RuleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Pack {
  std::string name, version, licence, description, dir;
  std::vector<std::string> maintainers;
};

struct Profile {
  std::string name, description, file;
  DataNode rules;  // rule id -> parameter overrides
};

struct RuleSet {
  std::vector<Pack> packs;
  std::vector<Rule> rules;  // in load order (pack folders sorted by name, files sorted)
  std::map<std::string, Profile> profiles;
  SectionClassifier sections;
  std::string rules_dir;

  const Rule* find(const std::string& id) const;
};

// The rules directory: $SAYSO_RULES, else next to the executable (../rules, ../share/sayso/rules),
// else the source tree's rules/.
std::string default_rules_dir();

// Loads every pack under `rules_dir` (and extra pack folders from the config), applies the
// config's profile, parameter overrides, severities and disabled rules, and compiles each rule.
// Throws RuleError on the first malformed file. `sections`, when given, are the folder's section
// aliases as load_section_aliases gave them, so they are not loaded again.
RuleSet load_rules(const std::string& rules_dir, const Config& config,
                   const SectionClassifier* sections = nullptr);

// Just the section aliases of `rules_dir` (its sections.yml), as load_rules would load them and
// with the same errors: a front can read a document with them while the rules load.
SectionClassifier load_section_aliases(const std::string& rules_dir);

// Loads just the rules in one file or pack folder (for `rules test FILE`), without a config.
RuleSet load_rules_from(const std::string& rules_dir, const std::vector<std::string>& only_paths,
                        const Config& config);

}  // namespace sayso
