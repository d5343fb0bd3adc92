// The settings a batch's findings depend on, reduced to a short fingerprint that every record
// carries ("settings"), so that --resume can refuse to mix records made under other settings.
#pragma once
#include <cstddef>
#include <string>

#include "batch/form_rows.h"
#include "core/config.h"
#include "engine/ruleset.h"
#include "report/submission_record.h"  // SettingsParts

namespace sayso {

// What, besides the rules and the config, changes the records of a batch.
struct FingerprintedOptions {
  std::string profile, document, document_kind;  // --profile, --document, --kind
  std::size_t max_bytes = 0;                     // --max-bytes (which submissions are too large)
  bool use_submission_configs = false;
  std::size_t max_findings = 0;  // --max-findings
  const FormMap* map = nullptr;  // --map (how rows become documents); null when none
};

// 16 hex digits. The same for the same sayso version, effective rules (packs, profile, severities,
// parameters, dictionary words), config settings, map and options; paths and file times do not
// count, so a config moved elsewhere still matches. Word lists named by the config count by their
// contents.
std::string settings_fingerprint(const RuleSet& rules, const Config& config,
                                 const FingerprintedOptions& options);

// The same settings each on its own, so that a --resume refusal can say which differ: ("sayso",
// the version), ("rules", "config", "map": a fingerprint of each as above; the config's without
// the three that follow), the profile, document and document kind in effect (from the command
// line or the config: "profile", "document", "kind"), and the options as given ("max_bytes",
// "max_findings", "submission_configs": on or off). Records carry them as "settings_parts".
SettingsParts settings_parts(const RuleSet& rules, const Config& config,
                             const FingerprintedOptions& options);

}  // namespace sayso
