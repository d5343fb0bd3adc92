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

// One mistake in a rule file, a pack's manifest or sections.yml.
struct RuleProblem {
  std::string file;  // "" when it is about no one file
  int line = 0;      // 1-based; 0 when it is about the file as a whole
  std::string text;  // as shown: "file:line: rule <id>: what is wrong"
};

// A rule or config file problem: "file:line: rule <id>: what is wrong". A load reports every
// mistake it finds, not only the first, so a contributor can fix them all in one go: what() is
// then one mistake a line, by file and line.
class RuleError : public std::runtime_error {
 public:
  explicit RuleError(const std::string& text) : RuleError(RuleProblem{"", 0, text}) {}
  explicit RuleError(RuleProblem problem);
  explicit RuleError(std::vector<RuleProblem> problems);
  const std::vector<RuleProblem>& problems() const { return problems_; }

 private:
  std::vector<RuleProblem> problems_;
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
  // Things a rule author should know that do not stop the load: a folder of rule files with no
  // pack.yml, a rule file at the top of the rules folder (both left out), a phrase two rules swap.
  std::vector<std::string> notes;
  // With load_rules_leniently: the mistakes of the files and rules that were left out.
  std::vector<RuleProblem> left_out;

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

// Like load_rules, but a rule file with a mistake (or a rule that does not compile) is left out
// instead of stopping the load; its mistakes are in the set's `left_out`. For the tools that
// only show rules (`rules list`, `explain`): one broken file should not hide every pack.
// `blame_first`: files (canonical paths) blamed for an id that another rule has too, whatever
// their age (`rules test FILE` blames the file it tests). Config mistakes still throw.
RuleSet load_rules_leniently(const std::string& rules_dir, const Config& config,
                             const std::vector<std::string>& blame_first = {});

// Every mistake in a config file, one a line in file order: `error`'s mistakes among its settings
// keys, and those among the rule settings and profile it could still read (which the rules in
// `rules_dir` judge). A file with both kinds of mistake would otherwise show the keys' first.
std::string all_settings_mistakes(const ConfigError& error, const std::string& rules_dir);

// Why a rule id is not well formed ("" when it is): lower case letters, digits and dashes,
// the pack's name, a dot and the rule's name.
std::string rule_id_problem(const std::string& id);

// Rule files end in .yml or .yaml (pack.yml and sections.yml are not rule files).
bool is_yaml_file_name(const std::string& name);

}  // namespace sayso
