#include "lsp/rule_catalogue.h"

#include <filesystem>
#include <fstream>

#include "lsp/protocol.h"

namespace sayso::lsp {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kRuleHeading = "### ";

std::string find_catalogue(const std::string& rules_dir) {
  if (rules_dir.empty()) return "";
  const fs::path rules(rules_dir);
  for (const fs::path& candidate : {rules / ".." / "docs" / "rules.md", rules / "rules.md",
                                    rules / ".." / ".." / "doc" / "sayso" / "rules.md"}) {
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) {
      const fs::path absolute = fs::weakly_canonical(fs::absolute(candidate, ec), ec);
      return ec ? "" : absolute.string();
    }
  }
  return "";
}

// A rule heading's id: "### involvement.vague-plans" (a pack's heading has no dot in it).
std::string heading_rule_id(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (!line.starts_with(kRuleHeading)) return "";
  line.remove_prefix(kRuleHeading.size());
  if (line.find('.') == std::string_view::npos || line.find(' ') != std::string_view::npos)
    return "";
  return std::string(line);
}

}  // namespace

RuleCatalogue::RuleCatalogue(const std::string& rules_dir) {
  const std::string path = find_catalogue(rules_dir);
  if (path.empty()) return;
  std::ifstream in(path);
  std::string line;
  for (std::uint32_t number = 0; std::getline(in, line); ++number)
    if (std::string id = heading_rule_id(line); !id.empty())
      heading_lines_.emplace(std::move(id), number);
  if (!heading_lines_.empty()) uri_ = path_to_file_uri(path);
}

std::optional<std::uint32_t> RuleCatalogue::line_of(std::string_view rule_id) const {
  const auto found = heading_lines_.find(rule_id);
  if (found == heading_lines_.end()) return std::nullopt;
  return found->second;
}

std::string RuleCatalogue::link(std::string_view rule_id) const {
  const std::optional<std::uint32_t> line = line_of(rule_id);
  return line ? uri_ + "#L" + std::to_string(*line + 1) : "";
}

}  // namespace sayso::lsp
