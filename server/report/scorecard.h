// A scorecard a panel member can read: the plain-English summary, involvement and structure of
// one submission, in figures.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/document.h"
#include "engine/diagnostic.h"
#include "engine/section_figures.h"

namespace sayso {

struct SummaryScore {
  bool present = false;  // the document has a plain-English summary section
  std::size_t words = 0;
  std::optional<std::size_t> word_limit;
  std::optional<std::size_t> character_limit;  // a form's, when it states one
  std::size_t characters = 0;                  // counted as the form says
  double reading_age = 0;
  std::size_t jargon = 0;  // jargon findings inside the summary
};

struct InvolvementScore {
  bool present = false;                 // the document has an involvement section
  std::vector<StageLevel> stages;       // level per research stage
  std::string highest_level;            // "" when no stage is described
  std::vector<ChecklistItem> evidence;  // every checklist item, present or missing
  std::size_t tokenism = 0;             // tokenistic phrases found
};

struct StructureScore {
  std::vector<std::string> missing_sections;  // required sections the document lacks
  std::size_t findings = 0;                   // structure findings
  std::size_t errors = 0;                     // findings of severity error (any category)
};

struct Scorecard {
  std::size_t words = 0;  // words in the whole document
  SummaryScore summary;
  InvolvementScore involvement;
  StructureScore structure;
};

// Where an involvement level stands on the IAP2 scale: inform 0, consult 1, involve 2,
// collaborate 3, empower 4; -1 for anything else ("" when no level is described). Reports sort
// levels by it, not by name.
int involvement_level_rank(const std::string& level);

// Builds the scorecard from the section figures and the findings. `missing_sections` comes from
// the caller, who knows the rule set and whether the document is judged as a whole application.
Scorecard make_scorecard(const Document& doc, const std::vector<Diagnostic>& diagnostics,
                         const std::vector<SectionFigures>& figures,
                         std::vector<std::string> missing_sections);

nlohmann::ordered_json scorecard_json(const Scorecard& card);

}  // namespace sayso
