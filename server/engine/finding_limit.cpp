#include "engine/finding_limit.h"

#include <fmt/format.h>
#include <algorithm>

#include "engine/builtin_findings.h"
#include "engine/linter.h"

namespace sayso {

std::size_t keep_most_severe(std::vector<Diagnostic>& diagnostics, std::size_t limit) {
  if (limit == 0 || diagnostics.size() <= limit) return 0;
  std::vector<std::size_t> order(diagnostics.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return diagnostics[a].severity < diagnostics[b].severity;  // Error (1) first
  });
  std::vector<bool> kept(diagnostics.size(), false);
  for (std::size_t i = 0; i < limit; ++i) kept[order[i]] = true;
  std::vector<Diagnostic> shown;
  shown.reserve(limit);
  for (std::size_t i = 0; i < diagnostics.size(); ++i)
    if (kept[i]) shown.push_back(std::move(diagnostics[i]));
  const std::size_t dropped = diagnostics.size() - shown.size();
  diagnostics = std::move(shown);
  return dropped;
}

Diagnostic findings_left_out_note(const Document& doc, std::string_view what, std::size_t shown,
                                  std::size_t total, std::string_view see_all) {
  Diagnostic d;
  d.rule_id = builtin::kFindingsLeftOut;
  d.category = "style";
  d.severity = Severity::Info;
  d.message = fmt::format(
      "This {} has {} findings. Only the {} most serious are listed here; {} more are left out. "
      "{}",
      what, total, shown, total - shown, see_all);
  place_at_document_start(d, doc);
  return d;
}

void insert_in_order(std::vector<Diagnostic>& diagnostics, Diagnostic d) {
  auto after = std::find_if(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& o) {
    return o.begin > d.begin || (o.begin == d.begin && o.rule_id > d.rule_id);
  });
  diagnostics.insert(after, std::move(d));
}

}  // namespace sayso
