// A defence for the Tree-sitter LaTeX grammar: its parse of 32,767 or more groups open at once
// (unclosed '{', '\begin', '\cite[') corrupts the heap and aborts the process (a 16-bit depth).
// No real document comes near; such a file is refused with a message instead.
#pragma once
#include <cstddef>
#include <string_view>

namespace sayso {

constexpr std::size_t kMaxLatexGroupDepth = 10000;

// The most groups open at once: '{', '\begin' and a '[' right after a command open one; '}',
// '\end' and ']' close one. Escaped characters ('\{') and comments ('% ...') do not count.
std::size_t latex_group_depth(std::string_view text);

// Throws UnreadableFile when latex_group_depth(text) is over kMaxLatexGroupDepth.
void refuse_too_deep_latex(std::string_view text);

}  // namespace sayso
