#include "formats/latex_guard.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "formats/format.h"

namespace sayso {
namespace {

bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::size_t latex_group_depth(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  const auto open = [&] { deepest = std::max(deepest, ++depth); };
  const auto close = [&] { depth -= depth > 0 ? 1 : 0; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {  // a comment, to the end of the line
      const std::size_t end = text.find('\n', i);
      if (end == std::string_view::npos) break;
      i = end;
    } else if (c == '\\') {
      std::size_t end = i + 1;
      while (end < text.size() && is_letter(text[end])) ++end;
      const std::string_view name = text.substr(i + 1, end - i - 1);
      if (name == "begin") open();
      if (name == "end") close();
      if (name.empty()) {
        i = end;  // an escaped character ("\{", "\%") is text
        continue;
      }
      if (end < text.size() && text[end] == '[') {
        open();
        i = end;
        continue;
      }
      i = end - 1;
    } else if (c == '{') {
      open();
    } else if (c == '}' || c == ']') {
      close();
    }
  }
  return deepest;
}

void refuse_too_deep_latex(std::string_view text) {
  const std::size_t depth = latex_group_depth(text);
  if (depth > kMaxLatexGroupDepth)
    throw UnreadableFile(fmt::format(
        "the LaTeX file has {} groups open at once ('{{', '\\begin' or '[' never closed); sayso "
        "reads at most {}. Check for missing closing braces",
        depth, kMaxLatexGroupDepth));
}

}  // namespace sayso
