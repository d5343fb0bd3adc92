// table: a section (with its subsections) that holds a table, reported once at its first cell.
// A plain-English summary is read aloud, on phones and by screen readers; a grid of figures
// is the hardest way to give a lay reader a result.
#include <fmt/format.h>

#include "engine/kinds/factories.h"

namespace sayso {
namespace {

class TableCheck : public RuleCheck {
 public:
  explicit TableCheck(std::size_t min_cells) : min_cells_(min_cells) {}

  void check(const CheckContext& ctx, std::vector<Diagnostic>& out) const override {
    for (std::size_t index : ctx.sections) {
      if (!ctx.starts_unit(index)) continue;
      const std::size_t begin = ctx.doc.sections[index].begin, end = ctx.unit_end(index);
      const Block* first = nullptr;
      std::size_t cells = 0;
      for (const Block& b : ctx.doc.blocks) {
        if (b.begin < begin || b.begin >= end || b.kind != BlockKind::TableCell) continue;
        if (!first) first = &b;
        ++cells;
      }
      if (!first || cells < min_cells_ || ctx.suppressed(first->begin)) continue;
      out.push_back(ctx.make(first->begin, first->end, {{"count", fmt::format("{}", cells)}}));
    }
  }

 private:
  std::size_t min_cells_;
};

}  // namespace

std::shared_ptr<RuleCheck> make_table_check(const Rule& rule) {
  const double min_cells = param_number(rule.node, "min_cells", 4);
  if (min_cells < 1 || min_cells > 1000 || min_cells != static_cast<std::size_t>(min_cells))
    throw KindError{"'min_cells' must be a whole number from 1 to 1000",
                    rule.node["min_cells"].line()};
  return std::make_shared<TableCheck>(static_cast<std::size_t>(min_cells));
}

}  // namespace sayso
