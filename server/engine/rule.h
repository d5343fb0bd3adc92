// A loaded rule: the fields every kind shares, and the kind's own compiled check.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/data_node.h"
#include "engine/diagnostic.h"

namespace sayso {

struct Scope {
  bool all = true;
  bool negated = false;  // true for {not: [...]}
  std::vector<std::string> kinds;
  bool includes(const std::string& section_kind) const;
};

enum class AppliesTo { Any, Application, Fragment };

struct Provenance {
  std::vector<std::string> written_with, reviewed_by, decisions;
  std::string status;  // draft | reviewed
};

struct RuleExamples {
  std::vector<std::string> flag, pass;
  std::vector<int> flag_lines, pass_lines;  // each example's line in its file (0: not known)
};

class RuleCheck;  // engine/kinds: the kind-specific part

struct Rule;
// "info", or "info (warning in plain-english-summary)" for a rule with `severity_in`.
std::string severity_text(const Rule& rule);

struct Rule {
  std::string id, kind, category;
  Severity severity = Severity::Warning;
  // A different severity in some section kinds ("warning in a plain-English summary, info
  // elsewhere"). A profile or config that sets the rule's severity clears it.
  std::map<std::string, Severity> severity_in;
  Severity severity_for(const std::string& section_kind) const {
    auto it = severity_in.find(section_kind);
    return it == severity_in.end() ? severity : it->second;
  }
  Scope scope;
  AppliesTo applies_to = AppliesTo::Any;
  std::string message, explanation;
  std::vector<std::string> sources;
  RuleExamples examples;
  std::string example_kind;
  // Rules whose finding on the same words says it already: this rule's finding there is
  // dropped ("Try to avoid 'RCT'" when "Spell out 'RCT'" covers the same word).
  std::vector<std::string> defers_to;
  // Rules whose finding anywhere in the same section (not its subsections) says it already:
  // this rule says nothing more there (no checklist of 13 missing things under "N/A").
  std::vector<std::string> defers_to_in_section;
  // Rules one of whose findings must be in the same section (with its subsections of the same
  // kind) for this rule's findings to show: each passive verb is pointed at only where the
  // section is heavy with them.
  std::vector<std::string> only_with_in_section;
  // Rules or packs whose findings make a sentence no evidence: a cue in a sentence they flag
  // does not count ("A lay member will sit on the steering committee" is not shared
  // decision-making when involvement.single-lay-member flags it).
  std::vector<std::string> ignore_sentences_flagged_by;
  Provenance provenance;
  bool enabled = true;  // false when the config or profile turns it off
  std::string file;     // where it was defined
  int line = 0;         // 1-based
  // "file:line" of the user's config setting that changed this rule's parameters, if any: a
  // parameter the rule then refuses is reported there, not in the rule's own file.
  std::string parameters_set_at;
  DataNode node;  // the rule's fields (after profile/config parameter overrides)
  std::shared_ptr<RuleCheck> check;
};

inline std::string severity_text(const Rule& rule) {
  std::string text(severity_name(rule.severity));
  if (rule.severity_in.empty()) return text;
  text += " (";
  bool first = true;
  for (const auto& [kind, level] : rule.severity_in) {
    text += (first ? "" : ", ") + std::string(severity_name(level)) + " in " + kind;
    first = false;
  }
  return text + ")";
}

}  // namespace sayso
