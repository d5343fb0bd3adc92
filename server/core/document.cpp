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
  // Words joined without a space ("and/or", "2022–23", "1:1", "A&E") are one word, as word
  // processors and funders' forms count them: a limit checked here must not be broken by a word
  // more.
  std::size_t joined = 0;
  for (auto t = first; t != last && std::next(t) != last; ++t) {
    const std::size_t gap_end = std::min<std::size_t>(std::next(t)->begin, prose.size());
    bool spaced = t->end >= gap_end;
    for (std::size_t i = t->end; i < gap_end && !spaced; ++i)
      spaced = prose[i] == ' ' || prose[i] == '\n' || prose[i] == '\t' || prose[i] == '\r';
    if (!spaced) ++joined;
  }
  return static_cast<std::size_t>(last - first) - joined;
}

}  // namespace sayso
