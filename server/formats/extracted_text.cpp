// The text a binary format's Document is made of.
#include "formats/extracted_text.h"

#include <algorithm>
#include <utility>

#include "core/source.h"
#include "formats/format.h"
#include "formats/prose_mask.h"

namespace sayso {

void ExtractedText::begin_block(BlockKind kind, int heading_level) {
  if (open_) end_block();
  separator_begin_ = text_.size();
  if (!text_.empty()) text_ += "\n\n";
  block_begin_ = text_.size();
  kind_ = kind;
  level_ = kind == BlockKind::Heading ? std::clamp(heading_level, 1, 6) : 0;
  open_ = true;
}

void ExtractedText::append(std::string_view text) {
  if (!open_) begin_block(BlockKind::Paragraph);
  if (text_.size() + text.size() > kMaxBytes)
    throw UnreadableFile("the document's text is too large (over 64 MB)");
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) c = (c == '\n') ? '\n' : ' ';
    if (text_.size() == block_begin_ && is_blank_byte(c)) continue;
    text_ += c;
  }
}

void ExtractedText::line_break() {
  if (!open_ || text_.size() == block_begin_) return;
  while (text_.size() > block_begin_ && text_.back() == ' ') text_.pop_back();
  text_ += '\n';
}

void ExtractedText::drop_last(std::size_t count) {
  if (!open_) return;
  const std::size_t keep =
      text_.size() - block_begin_ > count ? text_.size() - count : block_begin_;
  text_.resize(keep);
}

std::string_view ExtractedText::open_block_text() const {
  if (!open_) return {};
  return std::string_view(text_).substr(block_begin_);
}

void ExtractedText::end_block() {
  if (!open_) return;
  open_ = false;
  while (text_.size() > block_begin_ && is_blank_byte(text_.back())) text_.pop_back();
  if (text_.size() == block_begin_) {
    text_.resize(separator_begin_);
    return;
  }
  blocks_.push_back({kind_, block_begin_, text_.size(), kind_ == BlockKind::Heading ? level_ : 0});
}

void ExtractedText::finish(Document& doc) {
  end_block();
  text_ += '\n';
  doc.source = decode_utf8(std::move(text_));
  doc.prose = doc.source.bytes;
  blank_bare_urls(doc.prose, 0, doc.prose.size());
  doc.blocks = std::move(blocks_);
  text_.clear();
  blocks_.clear();
}

}  // namespace sayso
