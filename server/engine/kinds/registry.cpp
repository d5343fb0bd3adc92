#include "engine/kinds/factories.h"

namespace sayso {

const std::map<std::string, KindFactory>& kind_factories() {
  static const std::map<std::string, KindFactory> factories = {
      {"substitution", make_substitution_check},
      {"existence", make_existence_check},
      {"acronym", make_acronym_check},
      {"readability", make_readability_check},
      {"length", make_length_check},
      {"spelling", make_spelling_check},
      {"required-sections", make_required_sections_check},
      {"evidence", make_evidence_check},
      {"claim-needs-evidence", make_claim_evidence_check},
      {"involvement-level", make_involvement_level_check},
      {"number-density", make_number_density_check},
      {"long-words", make_long_words_check},
      {"copied-text", make_copied_text_check},
      {"table", make_table_check},
  };
  return factories;
}

}  // namespace sayso
