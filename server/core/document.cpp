#include "core/document.h"

#include <algorithm>
#include <iterator>

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
  // Words joined by a slash ("and/or", "2024/25") are one word, as word processors and
  // funders' forms count them: a limit checked here must not be broken by a word more.
  std::size_t joined = 0;
  for (auto t = first; t != last && std::next(t) != last; ++t)
    if (std::next(t)->begin == t->end + 1 && t->end < source.bytes.size() &&
        source.bytes[t->end] == '/')
      ++joined;
  return static_cast<std::size_t>(last - first) - joined;
}

}  // namespace sayso
