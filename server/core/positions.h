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

// Number of units the UTF-8 text occupies in the given unit.
std::size_t count_units(std::string_view utf8, ColumnUnit unit);

}  // namespace sayso
