// textDocument/documentSymbol: the section outline, nested by heading level. Each section's detail
// says its kind and size; involvement and plain-English summary sections add their evidence
// checklist status and their words against the limit.
#include <limits>

#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

constexpr int kSymbolKindString = 15;  // what Markdown outlines use for headings

bool shows_all_figures(const std::string& kind) {
  return kind == "involvement" || kind == "plain-english-summary";
}

std::string detail_of(const SectionFigures& figures) {
  if (shows_all_figures(figures.kind)) return figures.kind + " · " + section_figures_label(figures);
  if (!shows_figures(figures)) return figures.kind;
  return figures.kind + " · " + std::to_string(figures.words) + " words";
}

struct Node {
  int level = 0;
  json symbol;
};

// Closes the innermost open section: it becomes a child of the one around it (or a root).
void close_innermost(std::vector<Node>& open, json& roots) {
  json symbol = std::move(open.back().symbol);
  open.pop_back();
  (open.empty() ? roots : open.back().symbol["children"]).push_back(std::move(symbol));
}

}  // namespace

json Server::on_document_symbol(const json& params) {
  OpenDocument& doc = require_document(params);
  const std::vector<SectionFigures>& figures = figures_of(doc);
  json roots = json::array();
  if (!doc.document) return roots;
  const Document& parsed = *doc.document;
  const LineIndex lines(doc.text);
  const auto position = [&](std::size_t byte) {
    return to_json(lines.to_position(byte, position_unit_));
  };
  std::vector<Node> open;
  for (const SectionFigures& f : figures) {
    if (f.section >= parsed.sections.size()) continue;
    const Section& section = parsed.sections[f.section];
    if (!section.has_heading() && f.words == 0) continue;  // nothing before the first heading
    const std::string name = section.has_heading()         ? section.title
                             : parsed.sections.size() == 1 ? "Whole document (" + f.kind + ")"
                                                           : "Before the first heading";
    const std::size_t select_begin = section.has_heading() ? section.heading_begin : section.begin;
    const std::size_t select_end = section.has_heading() ? section.heading_end : section.begin;
    // Text before the first heading is a sibling of the sections, never their parent: a
    // symbol's children must lie inside its range (twenty-fourth blind review).
    const int level = section.has_heading() ? section.level : std::numeric_limits<int>::max();
    Node node{
        level,
        {{"name", name.empty() ? f.kind : name},
         {"detail", detail_of(f)},
         {"kind", kSymbolKindString},
         {"range", {{"start", position(section.begin)}, {"end", position(section.end)}}},
         {"selectionRange", {{"start", position(select_begin)}, {"end", position(select_end)}}},
         {"children", json::array()}}};
    while (!open.empty() && open.back().level >= node.level) close_innermost(open, roots);
    open.push_back(std::move(node));
  }
  while (!open.empty()) close_innermost(open, roots);
  return roots;
}

}  // namespace sayso::lsp
