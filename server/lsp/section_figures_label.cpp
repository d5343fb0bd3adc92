// Per-section figures in words: shared by inlay hints, document symbols and the summary request.
#include <cmath>

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

}  // namespace

std::string section_figures_label(const SectionFigures& figures) {
  std::vector<std::string> parts;
  parts.push_back(figures.word_limit ? std::to_string(figures.words) + " / " +
                                           std::to_string(*figures.word_limit) + " words"
                                     : std::to_string(figures.words) + " words");
  if (figures.sentences > 0 && figures.words > 0)
    parts.push_back("reading age " + std::to_string(std::lround(figures.reading_age)));
  const std::size_t present = figures.evidence_present(), total = figures.evidence_items().size();
  if (total > 0)
    parts.push_back("evidence " + std::to_string(present) + " of " + std::to_string(total));
  if (!figures.highest_involvement_level.empty())
    parts.push_back("involvement: " + figures.highest_involvement_level);
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
