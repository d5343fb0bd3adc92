#include "core/closest_name.h"

#include <algorithm>

namespace sayso {
namespace {

// Edit distance, one row at a time: insertions, deletions and substitutions cost 1.
std::size_t edit_distance(const std::string& typed, const std::string& name) {
  std::vector<std::size_t> row(name.size() + 1);
  for (std::size_t j = 0; j <= name.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= typed.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= name.size(); ++j) {
      const std::size_t above = row[j];
      row[j] =
          std::min({row[j] + 1, row[j - 1] + 1, diagonal + (typed[i - 1] == name[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[name.size()];
}

}  // namespace

std::string closest_name(const std::string& typed, const std::vector<std::string>& names) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, typed.size() / 3) + 1;
  for (const std::string& name : names)
    if (const std::size_t distance = edit_distance(typed, name); distance < best_distance) {
      best_distance = distance;
      best = name;
    }
  return best;
}

}  // namespace sayso
