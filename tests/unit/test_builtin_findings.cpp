// The findings sayso gives itself are listed once, with what a reader needs to know of them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "engine/builtin_findings.h"
#include "engine/diagnostic.h"

using namespace sayso;

TEST_CASE("built-in findings: unique sayso ids, known categories and severities, said in words",
          "[builtin]") {
  std::set<std::string_view> ids;
  for (const BuiltinFinding& f : builtin_findings()) {
    INFO(f.id);
    CHECK(ids.insert(f.id).second);
    CHECK(f.id.starts_with("sayso."));
    const auto& categories = category_names();
    CHECK(std::find(categories.begin(), categories.end(), std::string(f.category)) !=
          categories.end());
    CHECK(parse_severity(f.severity).has_value());
    CHECK(f.meaning.size() > 40);
    CHECK_FALSE(f.given_by.empty());
  }
  for (std::string_view id :
       {builtin::kInvalidText, builtin::kTimeLimit, builtin::kNotChecked, builtin::kSettingsError,
        builtin::kEmptySubmission, builtin::kFindingsLeftOut})
    CHECK(ids.count(id) == 1);
}
