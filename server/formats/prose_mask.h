// Helpers the front ends share to build a Document's prose mask and its blocks.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace sayso {

inline bool is_blank_byte(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// `length` bytes of characters a word is read through, to fill the rest of what a reader turned
// into a shorter letter ("&eacute;", "\'e") so that positions stay where they are: soft hyphens,
// two bytes each, and a word joiner, three. Empty for a length of 1, which no such character fills.
std::string invisible_filler(std::size_t length);

// Replaces prose[begin, end) with spaces, keeping '\n' and '\r' so lines stay where they were.
void blank_range(std::string& prose, std::size_t begin, std::size_t end);

// A copy of `bytes` with every byte blanked: the starting point of a mask built by copying prose
// in.
std::string blank_copy(std::string_view bytes);

// Narrows [begin, end) so it neither starts nor ends with whitespace (empty if all whitespace).
struct ByteRange {
  std::size_t begin = 0, end = 0;
  bool empty() const { return end <= begin; }
};
ByteRange trim_range(std::string_view text, std::size_t begin, std::size_t end);

// True when text[begin, end) holds anything but whitespace.
bool has_visible_text(std::string_view text, std::size_t begin, std::size_t end);

// Blanks bare URLs ("https://…", "http://…", "ftp://…", "www.…") and e-mail addresses in
// prose[begin, end). Trailing sentence punctuation and an unbalanced ')' stay prose, as in GFM.
void blank_bare_urls(std::string& prose, std::size_t begin, std::size_t end);

// Blanks footnote marks ("[^1]", "[^note]") in prose[begin, end), and the "[^1]:" that starts a
// footnote's own text (the text stays prose). A mark is no word of the sentence it is in. Marks
// are found in `source` (the file's bytes, of which prose is the mask): a reader may have blanked
// the brackets already, taking the mark for a link.
void blank_footnote_marks(std::string& prose, std::string_view source, std::size_t begin,
                          std::size_t end);

// Blanks every complete HTML comment "<!-- … -->" in prose[begin, end). An unterminated one is
// left alone: better to lint a stray "<!--" than to silence the rest of the file.
void blank_html_comments(std::string& prose, std::size_t begin, std::size_t end);

}  // namespace sayso
