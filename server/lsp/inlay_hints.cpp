// textDocument/inlayHint: after each section heading, its figures at a glance:
// "287 / 300 words · reading age 11 · evidence 9 of 12". Only with the "inlayHints" setting:
// the code lens above the heading shows the same figures, and an editor that shows both would
// show them twice.
#include <algorithm>

#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {

json Server::on_inlay_hint(const json& params) {
  OpenDocument& doc = require_document(params);
  const json& range = require_object(params, "range");
  const LineColumn from = parse_position(require_object(range, "start"));
  const LineColumn to = parse_position(require_object(range, "end"));
  json hints = json::array();
  if (!inlay_hints_) return hints;
  const std::vector<SectionFigures>& figures = figures_of(doc);
  if (!doc.document) return hints;
  const LineIndex lines(doc.text);
  for (const SectionFigures& f : figures) {
    if (f.section >= doc.document->sections.size()) continue;
    const Section& section = doc.document->sections[f.section];
    if (!section.has_heading() || !shows_figures(f)) continue;
    const std::size_t line = lines.line_of(section.heading_end);
    if (line < from.line || line > to.line) continue;
    hints.push_back({{"position", to_json(lines.to_position(lines.line_end(line), position_unit_))},
                     {"label", section_figures_label(f)},
                     {"paddingLeft", true},
                     {"tooltip", f.kind + " section"}});
  }
  return hints;
}

}  // namespace sayso::lsp
