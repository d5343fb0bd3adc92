// One factory per rule kind; each is defined in the kind's own file.
#pragma once
#include <memory>

#include "engine/kinds/kind.h"

namespace sayso {
std::shared_ptr<RuleCheck> make_substitution_check(const Rule& rule);
std::shared_ptr<RuleCheck> make_existence_check(const Rule& rule);
std::shared_ptr<RuleCheck> make_acronym_check(const Rule& rule);
std::shared_ptr<RuleCheck> make_readability_check(const Rule& rule);
std::shared_ptr<RuleCheck> make_length_check(const Rule& rule);
std::shared_ptr<RuleCheck> make_spelling_check(const Rule& rule);
std::shared_ptr<RuleCheck> make_required_sections_check(const Rule& rule);
std::shared_ptr<RuleCheck> make_evidence_check(const Rule& rule);
std::shared_ptr<RuleCheck> make_claim_evidence_check(const Rule& rule);
std::shared_ptr<RuleCheck> make_involvement_level_check(const Rule& rule);
std::shared_ptr<RuleCheck> make_number_density_check(const Rule& rule);
std::shared_ptr<RuleCheck> make_copied_text_check(const Rule& rule);
std::shared_ptr<RuleCheck> make_long_words_check(const Rule& rule);
std::shared_ptr<RuleCheck> make_table_check(const Rule& rule);
}  // namespace sayso
