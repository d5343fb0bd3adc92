#include "core/document.h"

#include <algorithm>

namespace sayso {

std::size_t Document::section_at(std::size_t byte) const {
  auto it = std::upper_bound(sections.begin(), sections.end(), byte,
                             [](std::size_t b, const Section& s) { return b < s.begin; });
  if (it == sections.begin()) return 0;
  return static_cast<std::size_t>(it - sections.begin()) - 1;
}

std::size_t Document::word_count(std::size_t begin, std::size_t end) const {
  auto first = std::lower_bound(tokens.begin(), tokens.end(), begin,
                                [](const Token& t, std::size_t b) { return t.begin < b; });
  auto last = std::lower_bound(first, tokens.end(), end,
                               [](const Token& t, std::size_t e) { return t.begin < e; });
  return static_cast<std::size_t>(last - first);
}

}  // namespace sayso
