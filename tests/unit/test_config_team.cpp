// .sayso.yml as a team sets it up (the seventeenth blind review): a project's file adds to its
// team's, shared overrides, globs as people write them, the values people type, and errors that
// name the line at fault.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/config.h"
#include "engine/ruleset.h"
#include "scratch_dir.h"
#include "test_helpers.h"

using namespace sayso;
namespace fs = std::filesystem;
using sayso::testing::ScratchDir;

namespace {

std::string error_of(const std::string& file) {
  try {
    load_config_file(file);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

TEST_CASE("a project's .sayso.yml adds to the team's above it, up to root: true", "[config]") {
  ScratchDir team;
  team.write(".sayso.yml", "root: true\nprofile: nihr\nwords: [Brumfield]\n");
  const std::string project = team.write("app-c/.sayso.yml", "words: [telecarer]\n");
  const Config config = load_found_config(find_config_file(team.at("app-c")));
  CHECK(config.profile == "nihr");
  CHECK(has(config.words, "Brumfield"));
  CHECK(has(config.words, "telecarer"));
  CHECK(config.file == project);
  REQUIRE(config.sources.size() == 2);
  CHECK(config.sources.front() == project);

  // The project's own word is the last; a project that says root: true stands alone.
  team.write("app-d/.sayso.yml", "root: true\nprofile: generic\n");
  const Config alone = load_found_config(find_config_file(team.at("app-d")));
  CHECK(alone.profile == "generic");
  CHECK_FALSE(has(alone.words, "Brumfield"));
  // --config reads only the file it names.
  CHECK(load_config_file(project).profile.empty());
}

TEST_CASE("a shared file's overrides are about the projects that extend it", "[config]") {
  ScratchDir team;
  team.write("shared/team.yml",
             "overrides:\n  - files: [\"summaries/*.md\"]\n    rules: {wordy-words: error}\n");
  const std::string project = team.write("projA/.sayso.yml", "extends: ../shared/team.yml\n");
  const Config config = load_config_file(project);
  const Config summary = config_for_path(config, team.at("projA/summaries/pes.md"));
  REQUIRE(summary.rules.count("wordy-words") == 1);
  CHECK(*summary.rules.at("wordy-words").severity == "error");
  CHECK(config_for_path(config, team.at("shared/summaries/pes.md")).rules.empty());
}

TEST_CASE("a config named without a folder, with overrides, is read from here", "[config]") {
  ScratchDir team;
  team.write("ov.yml", "overrides:\n  - files: [\"*.md\"]\n    rules: {wordy-words: error}\n");
  const fs::path before = fs::current_path();
  fs::current_path(team.path);
  Config config;
  CHECK_NOTHROW(config = load_config_file("ov.yml"));
  fs::current_path(before);
  CHECK(config_for_path(config, team.at("summary.md")).rules.count("wordy-words") == 1);
}

TEST_CASE("globs as people write them: folders, ./, **, braces", "[config][overrides]") {
  for (const std::string glob : {"drafts", "drafts/", "drafts/**", "./drafts/**", "**/drafts/**"})
    CHECK(glob_matches(glob, "drafts/a/b/summary.md"));
  CHECK(glob_matches("drafts/**", "drafts/summary.md"));
  CHECK_FALSE(glob_matches("drafts/**", "final/summary.md"));
  CHECK(glob_matches("summaries/*.{md,txt}", "summaries/pes.txt"));
  CHECK(glob_matches("summaries/*.{md,txt}", "summaries/pes.md"));
  CHECK_FALSE(glob_matches("summaries/*.{md,txt}", "summaries/pes.tex"));
  CHECK(glob_matches("{apps,summaries}/*.{md,txt}", "apps/a.txt"));

  ScratchDir team;
  const std::string bad = team.write(
      "bad.yml", "overrides:\n  - files:\n      - \"*.md\"\n      - \"[*.md\"\n    rules: {}\n");
  CHECK_THAT(error_of(bad), Catch::Contains("bad.yml:4: 'files' glob '[*.md' has a '[' with no"));
}

TEST_CASE("rule switches in any usual spelling, and a severity in any case", "[config]") {
  ScratchDir team;
  const Config config =
      load_config_file(team.write("s.yml",
                                  "rules:\n  a: no\n  b: None\n  c: {severity: off}\n  d: Warning\n"
                                  "  e: warn\n  f: OFF\n"));
  CHECK(config.rules.at("a").enabled == false);
  CHECK(config.rules.at("b").enabled == false);
  CHECK(config.rules.at("c").enabled == false);
  CHECK(config.rules.at("d").severity == "warning");
  CHECK(config.rules.at("e").severity == "warning");
  CHECK(config.rules.at("f").enabled == false);
}

TEST_CASE(
    "a setting for one rule turns it back on in a pack that is off, and raises every "
    "finding of the rule",
    "[config]") {
  ScratchDir team;
  const Config config = load_config_file(
      team.write("s.yml",
                 "rules:\n  plain-english: off\n  plain-english.wordy-words: error\n"
                 "  spelling.unknown-word: error\n"));
  const RuleSet set = load_rules(std::string(SAYSO_TEST_DATA_DIR) + "/../../rules", config);
  const Rule* wordy = set.find("plain-english.wordy-words");
  REQUIRE(wordy != nullptr);
  CHECK(wordy->enabled);
  CHECK(wordy->severity == Severity::Error);
  CHECK_FALSE(set.find("plain-english.latin-words")->enabled);
  const Rule* spelling = set.find("spelling.unknown-word");
  REQUIRE(spelling != nullptr);
  CHECK(spelling->node["variant_severity"].value() == "error");
  CHECK(spelling->node["term_severity"].value() == "error");
}

TEST_CASE("config mistakes name the line at fault and what to write", "[config]") {
  ScratchDir team;
  CHECK_THAT(error_of(team.write("w.yml", "profile: nihr\nwords: carerlink, telecarer\n")),
             Catch::Contains("w.yml:2: 'carerlink, telecarer' is not one word. Write each word "
                             "as an item of a list: words: [carerlink, telecarer]"));
  CHECK_THAT(error_of(team.write("n.yml", "words: 5\n")),
             Catch::Contains("n.yml:1: '5' is not a word: 'words' lists words for the spelling"));
  CHECK_THAT(error_of(team.write("n2.yml", "dictionary: [carerlink, '--']\n")),
             Catch::Contains("n2.yml:1: '--' is not a word"));
  CHECK_THAT(error_of(team.write("e.yml", "profile: nihr\nextends: ../nope.yml\n")),
             Catch::Contains("e.yml:2: 'extends' names '../nope.yml', which does not exist"));
  fs::create_directories(team.path / "carers");
  CHECK_THAT(error_of(team.write("f.yml", "extends: carers\n")),
             Catch::Contains("f.yml:1: 'extends' names the folder 'carers'"));
  team.write("loop2.yml", "extends: loop1.yml\n");
  CHECK_THAT(error_of(team.write("loop1.yml", "words: [a]\nextends: loop2.yml\n")),
             Catch::Contains("'extends' makes a loop: loop1.yml extends loop2.yml extends "
                             "loop1.yml"));
  CHECK_THAT(error_of(team.write("k.yml", "profil: nihr\n")),
             Catch::Contains("k.yml:1: unknown setting 'profil'. Did you mean 'profile'?"));
  CHECK(load_config_file(team.write("l.yml", "language: en-US\n")).language == "en_US");
}

TEST_CASE("a profile, a pack folder and a later severity, as people get them wrong", "[config]") {
  ScratchDir team;
  const Config typo = load_config_file(team.write("p.yml", "words: [a]\nprofile: nhir\n"));
  try {
    load_rules(std::string(SAYSO_TEST_DATA_DIR) + "/../../rules", typo);
    FAIL("an unknown profile loaded");
  } catch (const RuleError& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::Contains("p.yml:2: unknown profile 'nhir'. Did you mean 'nihr'?"));
  }
  CHECK_THAT(error_of(team.write("q.yml", "packs: [plain-english]\n")),
             Catch::Contains("q.yml:1: there is no pack folder 'plain-english' here") &&
                 Catch::Contains("write pack:plain-english"));
  // `off` in the editor's settings, `error` in .sayso.yml (merged on top): an error.
  Config editor, file;
  editor.rules["wordy-words"].enabled = false;
  file.rules["wordy-words"].severity = "error";
  const RuleSetting merged = merge_configs(editor, file).rules.at("wordy-words");
  CHECK_FALSE(merged.enabled.has_value());
  CHECK(merged.severity == "error");
}
