// sayso/documentSummary {textDocument: {uri}}: the figures an editor's status bar shows.
//   {"sections": [{title, kind, words, wordLimit, readingAge, evidencePresent, evidenceTotal,
//                  otherPointsPresent, otherPointsTotal, involvementLevel,
//                  involvementLevelWords}],
// evidencePresent/evidenceTotal count the involvement checklist, as its finding does ("covers 1
// of 13"); otherPoints* the UK Standards hints' points; involvementLevelWords is the level in
// plain words ("asking views (consult)").
//    "counts": {"error": n, "warning": n, "info": n, "hint": n}}
#include <cmath>

#include "lsp/server.h"

namespace sayso::lsp {
namespace {

json section_json(const SectionFigures& f) {
  const EvidenceCounts evidence = evidence_counts(f);
  const bool has_level = !f.highest_involvement_level.empty();
  return {
      {"title", f.title},
      {"kind", f.kind},
      {"words", f.words},
      {"wordLimit", f.word_limit ? json(*f.word_limit) : json(nullptr)},
      {"characters", f.character_limit ? json(f.characters) : json(nullptr)},
      {"characterLimit", f.character_limit ? json(*f.character_limit) : json(nullptr)},
      {"readingAge", f.sentences > 0 ? json(std::round(f.reading_age * 10) / 10) : json(nullptr)},
      {"evidencePresent", evidence.present},
      {"evidenceTotal", evidence.total},
      {"otherPointsPresent", evidence.other_present},
      {"otherPointsTotal", evidence.other_total},
      {"involvementLevel", has_level ? json(f.highest_involvement_level) : json(nullptr)},
      {"involvementLevelWords",
       has_level ? json(involvement_level_words(f.highest_involvement_level)) : json(nullptr)}};
}

}  // namespace

json Server::on_document_summary(const json& params) {
  OpenDocument& doc = require_document(params);
  json sections = json::array();
  for (const SectionFigures& f : figures_of(doc)) {
    const bool has_heading = doc.document && f.section < doc.document->sections.size() &&
                             doc.document->sections[f.section].has_heading();
    if (!has_heading && f.words == 0) continue;  // an empty preamble is not a section
    sections.push_back(section_json(f));
  }
  json counts = {{"error", 0}, {"warning", 0}, {"info", 0}, {"hint", 0}};
  for (const Diagnostic& d : doc.diagnostics) {
    json& count = counts[std::string(severity_name(d.severity))];
    count = count.get<int>() + 1;
  }
  return {{"sections", std::move(sections)}, {"counts", std::move(counts)}};
}

}  // namespace sayso::lsp
