// The text a binary format's Document is made of: the front end appends the text of each block
// in reading order; blocks are separated by a blank line, and a block's own line breaks are kept.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace sayso {

class ExtractedText {
 public:
  // More extracted text than this is refused (UnreadableFile): it would not be a grant document.
  static constexpr std::size_t kMaxBytes = 64u << 20;

  // Starts a block; text appended until end_block() belongs to it. An open block is ended first.
  void begin_block(BlockKind kind, int heading_level = 0);
  // Appends text to the open block (opening a paragraph if none is). Control bytes become spaces;
  // whitespace at the start of a block is dropped.
  void append(std::string_view text);
  // A line break inside the block (dropped at the start of a block).
  void line_break();
  // Ends the open block: trailing whitespace is trimmed, and a block with no visible text is
  // removed with its separator.
  void end_block();
  bool in_block() const { return open_; }
  // Bytes so far: where the next appended text will begin (once a block is open).
  std::size_t size() const { return text_.size(); }
  // The last byte appended, or '\0'.
  char last_byte() const { return text_.empty() ? '\0' : text_.back(); }
  // Removes the last `count` bytes of the open block's text.
  void drop_last(std::size_t count);
  std::string_view open_block_text() const;

  // Moves the text into doc.source (decoded: invalid UTF-8 is replaced and recorded), doc.prose
  // (the text with bare URLs and e-mail addresses blanked) and doc.blocks.
  void finish(Document& doc);

 private:
  std::string text_;
  std::vector<Block> blocks_;
  bool open_ = false;
  BlockKind kind_ = BlockKind::Paragraph;
  int level_ = 0;
  std::size_t separator_begin_ = 0;  // where the open block's separator (or the block) starts
  std::size_t block_begin_ = 0;
};

}  // namespace sayso
