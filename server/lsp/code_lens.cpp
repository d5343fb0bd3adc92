// textDocument/codeLens: above each section heading, its figures ("287 / 300 words · reading
// age 11 · evidence 9 of 13 · other points 1 of 3") for editors without inlay hints. The lens runs
// sayso.showSection, which lists the section's evidence checklist: what is there and what is
// missing. workspace/codeLens/refresh (and inlayHint/refresh) asks the editor to fetch them again
// when settings or rules change the figures without a text change.
#include <sstream>

#include "lsp/protocol.h"
#include "lsp/server.h"

namespace sayso::lsp {
namespace {

constexpr std::string_view kShowSection = "sayso.showSection";

// Which checklists' items: the main one's (what the checklist finding lists) or the others'.
enum class Lists { Main, Others };

std::vector<std::string> item_names(const SectionFigures& figures, Lists lists, bool present) {
  const Checklist* main = main_checklist(figures);
  std::vector<std::string> names;
  for (const Checklist& list : figures.checklists) {
    if ((&list == main) != (lists == Lists::Main)) continue;
    for (const ChecklistItem& item : list.items)
      if (!item.left_to_other && item.present == present) names.push_back(item.name);
  }
  return names;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

void add_items(std::ostringstream& out, std::string_view title,
               const std::vector<std::string>& items) {
  if (items.empty()) return;
  out << "\n\n**" << title << "**\n";
  for (const std::string& item : items) out << "\n- " << item;
}

// The section in Markdown: its figures, then its checklist and involvement by stage.
std::string section_markdown(const SectionFigures& figures, const std::string& title) {
  std::ostringstream out;
  out << "### " << title << " (" << figures.kind << ")\n\n" << section_figures_label(figures);
  add_items(out, "Missing evidence", item_names(figures, Lists::Main, false));
  add_items(out, "Evidence present", item_names(figures, Lists::Main, true));
  add_items(out, "Other points missing", item_names(figures, Lists::Others, false));
  std::vector<std::string> stages;
  for (const StageLevel& stage : figures.involvement)
    stages.push_back(
        stage.stage + ": " +
        (stage.level.empty() ? "not described" : involvement_level_words(stage.level)));
  add_items(out, "Involvement by research stage", stages);
  return out.str();
}

// One line for window/showMessage, which editors show as plain text.
std::string section_message(const SectionFigures& figures, const std::string& title) {
  std::string text = title + ": " + section_figures_label(figures);
  const std::vector<std::string> missing = item_names(figures, Lists::Main, false);
  const std::vector<std::string> others = item_names(figures, Lists::Others, false);
  if (!missing.empty()) text += ". Missing evidence: " + joined(missing);
  if (!others.empty()) text += ". Other points missing: " + joined(others);
  if (missing.empty() && others.empty() && !figures.checklists.empty())
    return text + ". All the evidence sayso looks for is there.";
  return text + ".";
}

}  // namespace

json Server::on_code_lens(const json& params) {
  OpenDocument& doc = require_document(params);
  const std::vector<SectionFigures>& figures = figures_of(doc);
  json lenses = json::array();
  if (!doc.document) return lenses;
  const LineIndex lines(doc.text);
  for (const SectionFigures& f : figures) {
    if (f.section >= doc.document->sections.size()) continue;
    const Section& section = doc.document->sections[f.section];
    if (!section.has_heading() || !shows_figures(f)) continue;
    // The whole heading line, from its start (heading_begin is where the title's text begins).
    const LineColumn start{static_cast<std::uint32_t>(lines.line_of(section.heading_begin)), 0};
    lenses.push_back({{"range",
                       {{"start", to_json(start)},
                        {"end", to_json(lines.to_position(section.heading_end, position_unit_))}}},
                      {"command",
                       {{"title", section_figures_label(f)},
                        {"command", kShowSection},
                        {"arguments", {doc.uri, start.line}}}}});
  }
  return lenses;
}

json Server::show_section(const json& arguments) {
  if (!arguments.is_array() || arguments.size() < 2 || !arguments[0].is_string() ||
      !arguments[1].is_number_unsigned())
    throw RpcError(ErrorCode::InvalidParams,
                   "sayso.showSection takes a document URI and a heading's line");
  const std::string uri = arguments[0].get<std::string>();
  const std::uint64_t line = arguments[1].get<std::uint64_t>();
  OpenDocument& doc = require_document({{"textDocument", {{"uri", uri}}}});
  const std::vector<SectionFigures>& figures = figures_of(doc);
  if (doc.document) {
    const LineIndex lines(doc.text);
    for (const SectionFigures& f : figures) {
      if (f.section >= doc.document->sections.size()) continue;
      const Section& section = doc.document->sections[f.section];
      if (!section.has_heading() || lines.line_of(section.heading_begin) != line) continue;
      const std::string title = section.title.empty() ? f.kind : section.title;
      show_message(kMessageInfo, section_message(f, title));
      return section_markdown(f, title);
    }
  }
  throw RpcError(ErrorCode::InvalidParams,
                 "no section heading on line " + std::to_string(line + 1) + " of " + uri);
}

void Server::request_section_figures_refresh() {
  if (const json* lens =
          find_path(client_capabilities_, {"workspace", "codeLens", "refreshSupport"});
      lens != nullptr && *lens == true)
    send_request("workspace/codeLens/refresh", nullptr);
  if (const json* hint =
          find_path(client_capabilities_, {"workspace", "inlayHint", "refreshSupport"});
      hint != nullptr && *hint == true)
    send_request("workspace/inlayHint/refresh", nullptr);
}

}  // namespace sayso::lsp
