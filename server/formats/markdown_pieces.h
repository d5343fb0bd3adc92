// Where a Markdown text can be cut so that the block grammar can parse each piece on its own, in
// parallel, and give the same blocks as one parse of the whole text.
//
// A cut goes before a line that starts at column 0 with an ASCII letter, right after a blank line
// that itself follows such a line. In CommonMark such a line after a blank line closes every open
// container (lists, quotes: no lazy continuation after a blank line) and starts a new paragraph,
// unless a fenced code block, an HTML block of types 1 to 5 (which run to an end marker, across
// blank lines) or front matter is still open; the scan below tracks those and never cuts inside
// them. Where it could be wrong, the caller checks the parsed pieces (see markdown.cpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sayso {

struct MarkdownPiece {
  std::size_t begin = 0, end = 0;  // byte range in the text
  std::uint32_t row = 0;           // the line number (0-based) at `begin`
};

// Cuts `text` (the block grammar's input) into at most `count` pieces of about equal size, at the
// safe places nearest after each ideal cut. Always covers the whole text; one piece when no cut is
// safe.
std::vector<MarkdownPiece> cut_markdown(std::string_view text, std::size_t count);

}  // namespace sayso
