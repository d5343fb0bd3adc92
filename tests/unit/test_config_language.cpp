// .sayso.yml `language`: an explicit en_GB in a child config must win over an en_US parent, and a
// config that says nothing must keep what its parent said.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "scratch_dir.h"
#include "test_helpers.h"

using namespace sayso;
using namespace sayso::testing;
namespace fs = std::filesystem;
using sayso::testing::ScratchDir;

namespace {

std::string spelling_language_of(const RuleSet& set) {
  for (const auto& rule : set.rules)
    if (rule.kind == "spelling") return rule.node["language"].value();
  return "";
}

}  // namespace

TEST_CASE("merge_configs tells an explicit en_GB from the default", "[config]") {
  Config parent, child;
  parent.language = "en_US";
  child.language = "en_GB";
  CHECK(merge_configs(parent, child).spelling_language() == "en_GB");
  CHECK(merge_configs(parent, Config{}).spelling_language() == "en_US");
  CHECK(merge_configs(Config{}, Config{}).spelling_language() == "en_GB");
  CHECK_FALSE(merge_configs(Config{}, Config{}).language.has_value());
}

TEST_CASE("an extending config can set the language back to en_GB", "[config]") {
  ScratchDir folder;
  folder.write("us.yml", "language: en_US\n");
  const Config back_to_gb =
      load_config_file(folder.write("gb.yml", "extends: us.yml\nlanguage: en_GB\n"));
  CHECK(back_to_gb.spelling_language() == "en_GB");
  const Config silent = load_config_file(folder.write("silent.yml", "extends: us.yml\n"));
  CHECK(silent.spelling_language() == "en_US");
  const Config plain = load_config_file(folder.write("plain.yml", "document: fragment\n"));
  CHECK_FALSE(plain.language.has_value());

  // The spelling rule is given the merged language.
  CHECK(spelling_language_of(load_rules(test_rules_dir(), back_to_gb)) == "en_GB");
  CHECK(spelling_language_of(load_rules(test_rules_dir(), silent)) == "en_US");
  CHECK(spelling_language_of(load_rules(test_rules_dir(), plain)) == "en_GB");
}
