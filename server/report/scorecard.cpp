#include "report/scorecard.h"

#include <algorithm>
#include <cmath>

namespace sayso {
namespace {

constexpr const char* kSummaryKind = "plain-english-summary";
constexpr const char* kInvolvementKind = "involvement";

std::size_t count_findings(const std::vector<Diagnostic>& diagnostics, const std::string& category,
                           const std::string& section_kind) {
  return static_cast<std::size_t>(
      std::count_if(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
        return d.category == category && (section_kind.empty() || d.section_kind == section_kind);
      }));
}

SummaryScore score_summary(const std::vector<Diagnostic>& diagnostics,
                           const std::vector<SectionFigures>& figures) {
  SummaryScore score;
  for (const SectionFigures& f : figures) {
    if (f.kind != kSummaryKind) continue;
    score.present = true;
    score.words = f.words;
    score.word_limit = f.word_limit;
    score.character_limit = f.character_limit;
    score.characters = f.characters;
    score.reading_age = f.reading_age;
    break;  // the first summary is the one a panel reads
  }
  score.jargon = count_findings(diagnostics, "jargon", kSummaryKind);
  return score;
}

// Items of every checklist in the involvement sections, merged by name (present anywhere wins).
void merge_checklists(const SectionFigures& f, std::vector<ChecklistItem>& evidence) {
  for (const ChecklistItem* item : f.evidence_items()) {
    auto same = [&](const ChecklistItem& e) { return e.name == item->name; };
    auto it = std::find_if(evidence.begin(), evidence.end(), same);
    if (it == evidence.end())
      evidence.push_back(*item);
    else
      it->present = it->present || item->present;
  }
}

InvolvementScore score_involvement(const std::vector<Diagnostic>& diagnostics,
                                   const std::vector<SectionFigures>& figures) {
  InvolvementScore score;
  for (const SectionFigures& f : figures) {
    if (f.kind != kInvolvementKind) continue;
    score.present = true;
    merge_checklists(f, score.evidence);
    for (const StageLevel& stage : f.involvement) score.stages.push_back(stage);
    if (involvement_level_rank(f.highest_involvement_level) >
        involvement_level_rank(score.highest_level))
      score.highest_level = f.highest_involvement_level;
  }
  score.tokenism = count_findings(diagnostics, "tokenism", "");
  return score;
}

double rounded(double value) { return std::round(value * 10) / 10; }

}  // namespace

int involvement_level_rank(const std::string& level) {
  static const std::vector<std::string> order = {"inform", "consult", "involve", "collaborate",
                                                 "empower"};
  auto it = std::find(order.begin(), order.end(), level);
  return it == order.end() ? -1 : static_cast<int>(it - order.begin());
}

Scorecard make_scorecard(const Document& doc, const std::vector<Diagnostic>& diagnostics,
                         const std::vector<SectionFigures>& figures,
                         std::vector<std::string> missing_sections) {
  Scorecard card;
  card.words = doc.word_count(0, doc.source.bytes.size());
  card.summary = score_summary(diagnostics, figures);
  card.involvement = score_involvement(diagnostics, figures);
  card.structure.missing_sections = std::move(missing_sections);
  card.structure.findings = count_findings(diagnostics, "structure", "");
  card.structure.errors = static_cast<std::size_t>(
      std::count_if(diagnostics.begin(), diagnostics.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::Error; }));
  return card;
}

nlohmann::ordered_json scorecard_json(const Scorecard& card) {
  using nlohmann::ordered_json;
  ordered_json summary = {
      {"present", card.summary.present},
      {"words", card.summary.words},
      {"word_limit",
       card.summary.word_limit ? ordered_json(*card.summary.word_limit) : ordered_json(nullptr)},
      {"characters", card.summary.character_limit ? ordered_json(card.summary.characters)
                                                  : ordered_json(nullptr)},
      {"character_limit", card.summary.character_limit ? ordered_json(*card.summary.character_limit)
                                                       : ordered_json(nullptr)},
      // No words, no reading age (0 would read as the easiest summary of the round).
      {"reading_age", card.summary.words > 0 ? ordered_json(rounded(card.summary.reading_age))
                                             : ordered_json(nullptr)},
      {"jargon", card.summary.jargon}};
  ordered_json stages = ordered_json::array();
  for (const StageLevel& s : card.involvement.stages)
    stages.push_back({{"stage", s.stage}, {"level", s.level}});
  ordered_json present = ordered_json::array(), missing = ordered_json::array();
  for (const ChecklistItem& item : card.involvement.evidence)
    (item.present ? present : missing).push_back(item.name);
  ordered_json involvement = {{"present", card.involvement.present},
                              {"highest_level", card.involvement.highest_level},
                              {"stages", stages},
                              {"evidence_present", present},
                              {"evidence_missing", missing},
                              {"tokenism", card.involvement.tokenism}};
  ordered_json structure = {{"missing_sections", card.structure.missing_sections},
                            {"findings", card.structure.findings},
                            {"errors", card.structure.errors}};
  return {{"words", card.words},
          {"plain_english_summary", summary},
          {"involvement", involvement},
          {"structure", structure}};
}

}  // namespace sayso
