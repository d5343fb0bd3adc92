// Where each rule is in the rule catalogue (docs/rules.md, made by `sayso rules catalogue`), when
// that file is found next to the rules: the link a diagnostic's codeDescription gives, and the
// place sayso.explainRule opens.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace sayso::lsp {

class RuleCatalogue {
 public:
  RuleCatalogue() = default;
  // Looks for the catalogue beside `rules_dir`: <rules>/../docs/rules.md (the source tree),
  // <rules>/rules.md, or <rules>/../../doc/sayso/rules.md (a package's documentation folder).
  explicit RuleCatalogue(const std::string& rules_dir);

  // The catalogue's file: URI, "" when none was found.
  const std::string& uri() const { return uri_; }
  // The 0-based line of the rule's heading ("### involvement.vague-plans"), if it has one.
  std::optional<std::uint32_t> line_of(std::string_view rule_id) const;
  // "file:///…/docs/rules.md#L531": the catalogue at the rule's heading (editors open a file:
  // link at the line its #L fragment names); "" when the catalogue has no such rule.
  std::string link(std::string_view rule_id) const;

 private:
  std::string uri_;
  std::map<std::string, std::uint32_t, std::less<>> heading_lines_;
};

}  // namespace sayso::lsp
