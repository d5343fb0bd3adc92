// `sayso config PATH` (`sayso check --print-config PATH`): the settings a check of PATH would use
// and where each came from, so a team can see why a rule speaks or stays silent.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "app/linting_session.h"

namespace sayso {

// Writes the settings for each path as text or JSON ("json"). Throws ConfigError or RuleError
// when the settings or rules have a mistake, as a check would.
void print_config(std::ostream& out, LintingSession& session, const std::vector<std::string>& paths,
                  const std::string& format);

}  // namespace sayso
