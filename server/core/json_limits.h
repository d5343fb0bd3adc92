// A limit on how deeply JSON from users may nest, checked on the text before it is parsed.
// nlohmann's parser and destructor do not recurse, but copying, comparing and dumping a value do,
// once per level: a value nested tens of thousands deep (a few hundred KB) overflows the stack.
// Nothing a user sends us legitimately nests more than a dozen levels.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sayso {

inline constexpr std::size_t kMaxJsonNesting = 512;

// How deeply the arrays and objects of `text` nest (brackets inside strings do not count). The
// scan stops as soon as the depth passes `limit`, and then returns limit + 1. The text need not
// be valid JSON: the parser reports what else is wrong with it.
std::size_t json_nesting_depth(std::string_view text, std::size_t limit = kMaxJsonNesting);

// A message for the user when `text` nests deeper than `limit`, else nullopt.
std::optional<std::string> json_nesting_problem(std::string_view text,
                                                std::size_t limit = kMaxJsonNesting);

}  // namespace sayso
