// "Did you mean …?": the known name a mistyped one was most likely meant to be.
#pragma once
#include <string>
#include <vector>

namespace sayso {

// The name in `names` nearest to `typed` by edit distance, when a third of its letters (at
// least 2) or fewer are wrong; "" when none is that close.
std::string closest_name(const std::string& typed, const std::vector<std::string>& names);

}  // namespace sayso
