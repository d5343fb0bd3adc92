#include "core/json_limits.h"

namespace sayso {

std::size_t json_nesting_depth(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;  // the escaped character, perhaps a quote, is part of the string
      else if (c == '"')
        in_string = false;
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        if (++depth > deepest) {
          deepest = depth;
          if (deepest > limit) return limit + 1;
        }
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;  // an unmatched closer is the parser's to report
        break;
      default:
        break;
    }
  }
  return deepest;
}

std::optional<std::string> json_nesting_problem(std::string_view text, std::size_t limit) {
  if (json_nesting_depth(text, limit) <= limit) return std::nullopt;
  return "JSON nested more than " + std::to_string(limit) + " levels deep";
}

}  // namespace sayso
