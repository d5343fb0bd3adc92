// The loader insists on what makes a rule trustworthy: two examples of each sort, provenance,
// and a source and one to three alternatives for every swap pair.
#include <catch2/catch.hpp>

#include "test_helpers.h"

using namespace sayso;

namespace {
std::string data(const std::string& rel) { return std::string(SAYSO_TEST_DATA_DIR) + "/" + rel; }

std::string rule_error(const std::string& dir) {
  try {
    load_rules(data("bad-rules/" + dir), Config{});
  } catch (const RuleError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("a rule needs at least two flag and two pass examples", "[rules][provenance]") {
  CHECK_THAT(
      rule_error("one-pass-example"),
      Catch::Contains("r.yml:16: rule p.a: 'examples' needs at least 2 'pass' texts (it has 1)"));
}

TEST_CASE("a rule must say who wrote and reviewed it", "[rules][provenance]") {
  CHECK_THAT(rule_error("no-provenance"),
             Catch::Contains("r.yml:2: rule p.a: 'reviewed_by' is missing"));
}

TEST_CASE("every swap pair has a source and one to three alternatives", "[rules][provenance]") {
  CHECK_THAT(rule_error("swap-without-source"),
             Catch::Contains("r.yml:15: rule p.a: the swap for 'commence' needs a 'source'"));
  CHECK_THAT(rule_error("too-many-alternatives"),
             Catch::Contains(
                 "r.yml:14: rule p.a: the swap for 'determine' needs 1 to 3 plain alternatives"));
}

TEST_CASE("a pack manifest names its maintainers", "[rules][provenance]") {
  CHECK_THAT(rule_error("pack-without-maintainers"),
             Catch::Contains("pack.yml:1: 'maintainers' is missing"));
}

TEST_CASE("the shipped packs meet the provenance bar", "[rules][provenance]") {
  RuleSet set = load_rules(default_rules_dir(), Config{});
  REQUIRE(set.packs.size() >= 6);
  std::size_t swap_pairs = 0;
  for (const Pack& pack : set.packs) {
    INFO(pack.name);
    CHECK_FALSE(pack.description.empty());
    CHECK_FALSE(pack.licence.empty());
    CHECK_FALSE(pack.maintainers.empty());
  }
  for (const Rule& rule : set.rules) {
    INFO(rule.id);
    CHECK(rule.examples.flag.size() >= 2);
    CHECK(rule.examples.pass.size() >= 2);
    CHECK_FALSE(rule.provenance.written_with.empty());
    CHECK_FALSE(rule.provenance.reviewed_by.empty());
    CHECK_FALSE(rule.provenance.decisions.empty());
    if (rule.id.rfind("plain-english.", 0) == 0 && rule.kind == "substitution")
      swap_pairs += rule.node["swap"].size();
  }
  CHECK(swap_pairs >= 250);
}
