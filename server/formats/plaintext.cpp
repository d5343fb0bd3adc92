// Plain-text front end: paragraphs are runs of non-blank lines. The first line of a paragraph is
// a heading when it is a known section name or written in capitals; lines that start with a
// bullet or a number begin list items.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/segmentation.h"
#include "formats/format.h"
#include "formats/prose_mask.h"

namespace sayso {
namespace {

struct Line {
  std::size_t begin = 0, end = 0;  // content, without the line break
};

// Lines end at "\n", "\r\n" or a lone "\r".
std::vector<Line> split_lines(std::string_view text, std::size_t begin) {
  std::vector<Line> lines;
  std::size_t start = begin;
  for (std::size_t i = begin; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back({start, i});
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) lines.push_back({start, text.size()});
  return lines;
}

constexpr std::size_t kMaxHeadingLength = 80;

// No lower-case letters, not too long, not ending like a sentence, and words rather than a
// code or a table cell: two words with letters, or one of four letters or more ("METHODS",
// "DATA SHARING", not "NIH", "WP2" or "GM 19147").
bool is_written_in_capitals(std::string_view line) {
  if (line.empty() || line.size() > kMaxHeadingLength || line.back() == '.') return false;
  int words_with_letters = 0, longest_run = 0, run = 0, digits = 0;
  bool word_has_letters = false;
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(line.size());) {
    UChar32 c;
    U8_NEXT(line.data(), i, static_cast<std::int32_t>(line.size()), c);
    if (c < 0) continue;
    if (u_islower(c)) return false;
    const bool letter = u_isUUppercase(c);
    run = letter ? run + 1 : 0;
    longest_run = std::max(longest_run, run);
    digits += (c >= '0' && c <= '9');
    if (letter && !word_has_letters) ++words_with_letters;
    word_has_letters = u_isspace(c) ? false : (word_has_letters || letter);
  }
  if (digits >= 4) return false;
  return words_with_letters >= 2 || longest_run >= 4;
}

// Length of a bullet ("- ", "* ", "• ", "✔ ") at the start of the line, or 0.
std::size_t bullet_length(std::string_view line) {
  for (std::string_view bullet :
       {"- ", "-\t", "* ", "*\t", "\u2022 ", "\u2022\t", "\u2013 ", "\u00b7 ", "\u25e6 "})
    if (line.starts_with(bullet)) return bullet.size();
  return picture_bullet_length(line);
}

// Length of a list marker (a bullet, "1. ", "12) ") at the start of the line, or 0.
std::size_t list_marker_length(std::string_view line) {
  if (const std::size_t bullet = bullet_length(line)) return bullet;
  std::size_t digits = 0;
  while (digits < line.size() && digits < 3 && line[digits] >= '0' && line[digits] <= '9') ++digits;
  if (digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
      (line[digits + 1] == ' ' || line[digits + 1] == '\t'))
    return digits + 2;
  return 0;
}

class PlainTextReader {
 public:
  PlainTextReader(Document& doc, const SectionClassifier& classifier)
      : doc_(doc), classifier_(classifier), bytes_(doc.source.bytes) {}

  void read() {
    const std::size_t begin = std::min(doc_.source.content_begin, bytes_.size());
    doc_.prose = doc_.source.bytes;
    blank_range(doc_.prose, 0, begin);  // the BOM
    blank_html_comments(doc_.prose, begin, doc_.prose.size());
    blank_bare_urls(doc_.prose, begin, doc_.prose.size());
    doc_.blocks.clear();
    const std::vector<Line> lines = split_lines(bytes_, begin);
    for (std::size_t i = 0; i < lines.size();) {
      std::size_t end = i;
      while (end < lines.size() && !is_blank_line(lines[end])) ++end;
      if (end > i) read_paragraph(lines.data() + i, lines.data() + end);
      i = end + 1;
    }
  }

 private:
  // Whitespace only, or nothing but a comment such as <!-- sayso-disable ... -->.
  bool is_blank_line(const Line& line) const {
    const ByteRange text = trim_range(bytes_, line.begin, line.end);
    if (text.empty()) return true;
    return bytes_.substr(text.begin, 4) == "<!--" &&
           !has_visible_text(doc_.prose, text.begin, text.end);
  }

  std::string_view text_of(const Line& line) const {
    const ByteRange r = trim_range(bytes_, line.begin, line.end);
    return bytes_.substr(r.begin, r.end - r.begin);
  }

  bool is_heading(const Line& line) const {
    const std::string_view text = text_of(line);
    // "1. INTRODUCTION" is a heading; "- NHS TRUSTS" is a list item.
    return classifier_.is_known_heading(text) ||
           (bullet_length(text) == 0 && is_written_in_capitals(text));
  }

  void read_paragraph(const Line* first, const Line* last) {
    if (is_heading(*first)) {
      add_block(BlockKind::Heading, first->begin, first->end, 1);
      ++first;
    }
    // Lines before the first list marker make a paragraph; each marker starts a list item that
    // runs on over the lines without a marker (wrapped text).
    const Line* block_start = first;
    BlockKind kind = BlockKind::Paragraph;
    std::size_t content_begin = first < last ? first->begin : 0;
    for (const Line* line = first; line < last; ++line) {
      const ByteRange text = trim_range(bytes_, line->begin, line->end);
      const std::size_t marker =
          list_marker_length(bytes_.substr(text.begin, text.end - text.begin));
      if (marker == 0) continue;
      if (line > block_start) add_block(kind, content_begin, (line - 1)->end, 0);
      blank_range(doc_.prose, text.begin, text.begin + marker);
      block_start = line;
      kind = BlockKind::ListItem;
      content_begin = text.begin + marker;
    }
    if (first < last) add_block(kind, content_begin, (last - 1)->end, 0);
  }

  void add_block(BlockKind kind, std::size_t begin, std::size_t end, int level) {
    const ByteRange range = trim_range(bytes_, begin, end);
    if (range.empty() || !has_visible_text(doc_.prose, range.begin, range.end)) return;
    doc_.blocks.push_back({kind, range.begin, range.end, level});
  }

  Document& doc_;
  const SectionClassifier& classifier_;
  std::string_view bytes_;
};

}  // namespace

void read_plaintext(Document& doc, const SectionClassifier& classifier) {
  PlainTextReader(doc, classifier).read();
}

}  // namespace sayso
