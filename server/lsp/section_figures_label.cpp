// Per-section figures in words: shared by code lenses, inlay hints, document symbols and the
// summary request. The evidence count is the one the involvement checklist's finding gives ("covers
// 1 of 13"); the UK Standards hints' points are counted apart ("other points 1 of 3").
#include <algorithm>
#include <cmath>
#include <map>

#include "lsp/server.h"

namespace sayso::lsp {
namespace {

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

std::size_t counted_items(const Checklist& list) {
  return static_cast<std::size_t>(
      std::count_if(list.items.begin(), list.items.end(),
                    [](const ChecklistItem& i) { return !i.left_to_other; }));
}

std::size_t counted_present(const Checklist& list) {
  return static_cast<std::size_t>(
      std::count_if(list.items.begin(), list.items.end(),
                    [](const ChecklistItem& i) { return !i.left_to_other && i.present; }));
}

}  // namespace

const Checklist* main_checklist(const SectionFigures& figures) {
  const auto largest = std::max_element(
      figures.checklists.begin(), figures.checklists.end(),
      [](const Checklist& a, const Checklist& b) { return counted_items(a) < counted_items(b); });
  return largest == figures.checklists.end() ? nullptr : &*largest;
}

EvidenceCounts evidence_counts(const SectionFigures& figures) {
  EvidenceCounts counts;
  const Checklist* main = main_checklist(figures);
  for (const Checklist& list : figures.checklists) {
    (&list == main ? counts.present : counts.other_present) += counted_present(list);
    (&list == main ? counts.total : counts.other_total) += counted_items(list);
  }
  return counts;
}

std::string involvement_level_words(const std::string& level) {
  // The IAP2 levels, as a public contributor would put them.
  static const std::map<std::string, std::string, std::less<>> kWords = {
      {"inform", "telling people"},
      {"consult", "asking views"},
      {"involve", "working with people"},
      {"collaborate", "sharing decisions"},
      {"empower", "public-led"}};
  const auto words = kWords.find(level);
  return words == kWords.end() ? level : words->second + " (" + level + ")";
}

std::string section_figures_label(const SectionFigures& figures) {
  std::vector<std::string> parts;
  parts.push_back(figures.word_limit ? std::to_string(figures.words) + " / " +
                                           std::to_string(*figures.word_limit) + " words"
                                     : std::to_string(figures.words) + " words");
  if (figures.character_limit)
    parts.push_back(std::to_string(figures.characters) + " / " +
                    std::to_string(*figures.character_limit) + " characters");
  if (figures.sentences > 0 && figures.words > 0)
    parts.push_back("reading age " + std::to_string(std::lround(figures.reading_age)));
  const EvidenceCounts evidence = evidence_counts(figures);
  if (evidence.total > 0)
    parts.push_back("evidence " + std::to_string(evidence.present) + " of " +
                    std::to_string(evidence.total));
  if (evidence.other_total > 0)
    parts.push_back("other points " + std::to_string(evidence.other_present) + " of " +
                    std::to_string(evidence.other_total));
  if (!figures.highest_involvement_level.empty())
    parts.push_back("involvement level: " +
                    involvement_level_words(figures.highest_involvement_level));
  return join(parts, " · ");
}

const std::vector<SectionFigures>& Server::figures_of(OpenDocument& doc) {
  ensure_linted(doc);
  if (doc.figures) return *doc.figures;
  doc.figures.emplace();
  if (doc.document && doc.context && doc.context->linter) {
    try {
      *doc.figures = section_figures(*doc.context->linter, *doc.document);
    } catch (const std::exception& e) {
      log("section figures for " + doc.uri + " failed: " + e.what());
    }
  }
  return *doc.figures;
}

}  // namespace sayso::lsp
