// Exact mapping between byte offsets and (line, column) in every encoding a client may use.
// Lines end at "\n", "\r\n" or a lone "\r", as in the LSP specification.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sayso {

enum class ColumnUnit { Utf8Bytes, Utf16Units, CodePoints };

struct LineColumn {
  std::uint32_t line = 0;    // 0-based
  std::uint32_t column = 0;  // 0-based, in the requested unit
};

class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);

  std::size_t line_count() const { return line_starts_.size(); }
  std::size_t line_start(std::size_t line) const { return line_starts_[line]; }
  // End of the line's content, before its terminator.
  std::size_t line_end(std::size_t line) const;
  std::size_t line_of(std::size_t byte) const;

  LineColumn to_position(std::size_t byte, ColumnUnit unit) const;
  // Clamps out-of-range lines/columns to the nearest valid offset (never past the line's content).
  std::size_t to_offset(LineColumn pos, ColumnUnit unit) const;

  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
};

// LineIndex::to_position for many offsets in mostly ascending order (findings sorted by position):
// counting resumes from the previous offset when it is on the same line, so a long paragraph
// (one line) with many findings is walked once instead of once per finding.
class PositionCursor {
 public:
  PositionCursor(const LineIndex& lines, ColumnUnit unit) : lines_(lines), unit_(unit) {}
  LineColumn to_position(std::size_t byte);

 private:
  const LineIndex& lines_;
  ColumnUnit unit_;
  std::size_t line_ = static_cast<std::size_t>(-1);
  std::size_t at_ = 0;      // a character boundary on line_, reached by whole characters
  std::size_t column_ = 0;  // units before at_
};

// Number of units the UTF-8 text occupies in the given unit.
std::size_t count_units(std::string_view utf8, ColumnUnit unit);

}  // namespace sayso
