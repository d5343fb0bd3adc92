// Defences that keep the Tree-sitter Markdown grammars (tree-sitter-markdown 0.3.2) safe and
// close to linear on any input. Each makes a copy of the text for a grammar to parse: same length
// and same line breaks, so every offset in the resulting trees is an offset into the original.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

#include "formats/prose_mask.h"

namespace sayso {

// Both grammars take time quadratic in the length of a run of '*', '_', '~' or '`' (with the
// spaces between them): 20 KB of '*' takes seconds. Delimiters after the first kMaxDelimiterRun
// of a run become spaces, which keeps a thematic break or a code fence what it was.
constexpr std::size_t kMaxDelimiterRun = 64;
void limit_delimiter_runs(std::string& text);

// The text the block grammar parses, from the output of limit_delimiter_runs. It avoids two
// memory-safety bugs in the block scanner (upstream tree-sitter-markdown issues #243 and #252):
//  - serialize() copies the stack of open blocks into Tree-sitter's 1024-byte buffer unchecked:
//    about 250 nested quotes or list items overflow it. Each block on that stack takes at least
//    one column of some line's prefix, so a quote or list marker that starts beyond
//    kMaxPrefixColumns is turned into text.
//  - parse_ordered_list_marker() calls isdigit() on a whole code point, which reads outside the
//    ctype table. No block construct depends on non-ASCII characters: they are parsed as 'a'.
constexpr std::size_t kMaxPrefixColumns = 128;
std::string block_grammar_input(std::string_view text, std::vector<ByteRange>& altered);

// The inline parse of one long paragraph can overflow the stack (the runtime recurses once per
// unclosed "[a](", ~30,000 of them in 8 MB) or corrupt the heap (Tree-sitter 0.20.7 with more than
// about 21,000 unclosed "![a"). Each inline node is therefore parsed in chunks of at most
// kMaxInlineChunk bytes, cut at a line break or a space where possible: only a construct that
// spans a cut in a paragraph longer than that is misread. Measured safe with a 512 KB stack.
constexpr std::size_t kMaxInlineChunk = 16 * 1024;
std::vector<std::vector<TSRange>> inline_chunks(std::string_view text,
                                                const std::vector<TSRange>& ranges);

// The inline grammar is also quadratic in the number of unmatched emphasis delimiters times the
// length of the text they are in. When an inline node's text holds too many, its '*', '_' and '~'
// are parsed as letters (code spans, links and HTML are still found); the caller blanks them.
bool too_many_emphasis_delimiters(std::string_view text, std::size_t begin, std::size_t end);
void disable_emphasis(std::string& text, std::size_t begin, std::size_t end);

}  // namespace sayso
