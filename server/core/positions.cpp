#include "core/positions.h"

#include <algorithm>

namespace sayso {
namespace {

// Byte length of the UTF-8 sequence led by `c` (1 for stray continuation bytes).
std::size_t lead_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

std::size_t units_of(std::size_t seq_len, ColumnUnit unit) {
  switch (unit) {
    case ColumnUnit::Utf8Bytes:
      return seq_len;
    case ColumnUnit::Utf16Units:
      return seq_len == 4 ? 2 : 1;
    case ColumnUnit::CodePoints:
      return 1;
  }
  return 1;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      line_starts_.push_back(i + 1);
    } else if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      line_starts_.push_back(i + 1);
    }
  }
}

std::size_t LineIndex::line_end(std::size_t line) const {
  std::size_t end = line + 1 < line_starts_.size() ? line_starts_[line + 1] : text_.size();
  while (end > line_starts_[line] && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return end;
}

std::size_t LineIndex::line_of(std::size_t byte) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte);
  return static_cast<std::size_t>(it - line_starts_.begin()) - 1;
}

LineColumn LineIndex::to_position(std::size_t byte, ColumnUnit unit) const {
  byte = std::min(byte, text_.size());
  std::size_t line = line_of(byte);
  std::size_t column = 0;
  std::size_t stop = std::min(byte, std::max(line_end(line), line_starts_[line]));
  for (std::size_t i = line_starts_[line]; i < stop;) {
    std::size_t len = std::min(lead_length(static_cast<unsigned char>(text_[i])), stop - i);
    column += units_of(len, unit);
    i += len;
  }
  if (byte > stop) column += byte - stop;  // inside a line terminator: count its bytes
  return {static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column)};
}

std::size_t LineIndex::to_offset(LineColumn pos, ColumnUnit unit) const {
  if (pos.line >= line_starts_.size()) return text_.size();
  std::size_t i = line_starts_[pos.line];
  const std::size_t end = line_end(pos.line);
  std::size_t column = 0;
  while (i < end && column < pos.column) {
    std::size_t len = std::min(lead_length(static_cast<unsigned char>(text_[i])), end - i);
    std::size_t units = units_of(len, unit);
    if (column + units > pos.column) break;  // a position inside a character: keep its start
    column += units;
    i += len;
  }
  return i;
}

LineColumn PositionCursor::to_position(std::size_t byte) {
  const std::string_view text = lines_.text();
  byte = std::min(byte, text.size());
  const std::size_t line = lines_.line_of(byte);
  const std::size_t start = lines_.line_start(line);
  const std::size_t stop = std::min(byte, std::max(lines_.line_end(line), start));
  if (line != line_ || at_ > stop) {
    line_ = line;
    at_ = start;
    column_ = 0;
  }
  while (at_ < stop) {
    const std::size_t len = lead_length(static_cast<unsigned char>(text[at_]));
    if (len > stop - at_) break;  // a character cut by `stop`: counted below, not stepped over
    column_ += units_of(len, unit_);
    at_ += len;
  }
  std::size_t column = column_;
  if (at_ < stop) column += units_of(stop - at_, unit_);
  if (byte > stop) column += byte - stop;  // inside a line terminator: count its bytes
  return {static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column)};
}

std::size_t count_units(std::string_view utf8, ColumnUnit unit) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    std::size_t len = std::min(lead_length(static_cast<unsigned char>(utf8[i])), utf8.size() - i);
    count += units_of(len, unit);
    i += len;
  }
  return count;
}

}  // namespace sayso
