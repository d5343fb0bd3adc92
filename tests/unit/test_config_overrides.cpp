// .sayso.yml: per-glob overrides, dictionaries, `extends: [pack:NAME]`, and file:line errors.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "app/linting_session.h"
#include "scratch_dir.h"
#include "test_helpers.h"

using namespace sayso;
namespace fs = std::filesystem;
using sayso::testing::ScratchDir;

namespace {

// A fresh folder under the system temp folder, removed at the end of the test.

std::string config_error(const std::string& file) {
  try {
    load_config_file(file);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("globs match like fnmatch, with ** for any folders and bare names anywhere",
          "[config][overrides]") {
  CHECK(glob_matches("summaries/*.md", "summaries/heart.md"));
  CHECK_FALSE(glob_matches("summaries/*.md", "summaries/old/heart.md"));
  CHECK_FALSE(glob_matches("summaries/*.md", "apps/heart.md"));
  CHECK(glob_matches("**/*-summary.txt", "a/b/c/x-summary.txt"));
  CHECK(glob_matches("**/*-summary.txt", "x-summary.txt"));
  CHECK(glob_matches("*.tex", "deep/folder/app.tex"));
  CHECK_FALSE(glob_matches("*.tex", "deep/folder/app.md"));
}

TEST_CASE("per-glob overrides apply to matching files only", "[config][overrides]") {
  ScratchDir dir;
  const std::string config_file = dir.write(".sayso.yml",
                                            "profile: generic\n"
                                            "overrides:\n"
                                            "  - files: [\"summaries/*.md\"]\n"
                                            "    document_kind: plain-english-summary\n"
                                            "    rules:\n"
                                            "      plain-english.passive-voice: off\n"
                                            "      acronyms: hint\n"
                                            "  - files: [\"**/ppi-*.txt\"]\n"
                                            "    document_kind: involvement\n"
                                            "    profile: nihr\n");
  const Config config = load_config_file(config_file);
  REQUIRE(config.overrides.size() == 2);

  const Config summary = config_for_path(config, (dir.path / "summaries/heart.md").string());
  CHECK(summary.document_kind == "plain-english-summary");
  CHECK(summary.profile == "generic");
  CHECK(summary.rules.at("plain-english.passive-voice").enabled == false);
  CHECK(summary.rules.at("acronyms").severity == "hint");
  CHECK(summary.variant == "#override-1");

  const Config ppi = config_for_path(config, (dir.path / "drafts/2025/ppi-plan.txt").string());
  CHECK(ppi.document_kind == "involvement");
  CHECK(ppi.profile == "nihr");
  CHECK(ppi.rules.empty());

  const Config other = config_for_path(config, (dir.path / "apps/full.md").string());
  CHECK(other.document_kind.empty());
  CHECK(other.variant.empty());
}

TEST_CASE("a session lints each file with its override's settings", "[config][overrides]") {
  ScratchDir dir;
  dir.write(".sayso.yml",
            "overrides:\n"
            "  - files: [\"summaries/*.md\"]\n"
            "    document_kind: plain-english-summary\n"
            "    rules: {plain-english.wordy-words: off}\n");
  const std::string text = "We will utilise a short survey to find out what people think.\n";
  const std::string summary = dir.write("summaries/a.md", text);
  const std::string plain = dir.write("notes/plain-summary.md", text);
  LintingSession session(SessionOptions{});
  auto rules_of = [](const FileOutcome& outcome) {
    std::set<std::string> ids;
    for (const auto& d : outcome.diagnostics) ids.insert(d.rule_id);
    return ids;
  };
  CHECK(rules_of(session.lint_file(summary)).count("plain-english.wordy-words") == 0);
  CHECK(rules_of(session.lint_file(plain)).count("plain-english.wordy-words") == 1);
}

TEST_CASE("dictionaries are word lists beside the config, extends pack: picks packs",
          "[config][dictionaries]") {
  ScratchDir dir;
  dir.write("words/project.dic", "3\n# names in our study\nBrumfield\nTelecarer/S\n\n");
  const Config config =
      load_config_file(dir.write(".sayso.yml",
                                 "dictionaries: [words/project.dic]\n"
                                 "extends: [\"pack:spelling\", \"pack:structure\"]\n"));
  CHECK(config.words == std::vector<std::string>{"Brumfield", "Telecarer"});
  CHECK(config.only_packs == std::vector<std::string>{"spelling", "structure"});
  RuleSet set = load_rules(default_rules_dir(), config);
  REQUIRE(set.packs.size() == 2);
  for (const auto& rule : set.rules)
    CHECK((rule.id.rfind("spelling.", 0) == 0 || rule.id.rfind("structure.", 0) == 0));
}

TEST_CASE("the user dictionary comes from XDG_CONFIG_HOME", "[config][dictionaries]") {
  ScratchDir dir;
  dir.write("sayso/words.dic", "Zebrafinch\n");
  const char* old = std::getenv("XDG_CONFIG_HOME");
  const std::string saved = old ? old : "";
  setenv("XDG_CONFIG_HOME", dir.path.c_str(), 1);
  CHECK(user_dictionary_path() == (dir.path / "sayso/words.dic").string());
  RuleSet set = load_rules(default_rules_dir(), Config{});
  const Rule* spelling = set.find("spelling.unknown-word");
  REQUIRE(spelling);
  bool has_word = false;
  for (const DataNode& w : spelling->node["words"].children())
    has_word = has_word || w.value() == "Zebrafinch";
  CHECK(has_word);
  if (old)
    setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
  else
    unsetenv("XDG_CONFIG_HOME");
}

TEST_CASE("bad overrides, dictionaries and packs say file:line", "[config][overrides]") {
  ScratchDir dir;
  CHECK_THAT(config_error(dir.write("a.yml", "overrides:\n  - document_kind: involvement\n")),
             Catch::Contains("a.yml:2: an override needs 'files'"));
  CHECK_THAT(
      config_error(dir.write("b.yml", "overrides:\n  - files: [\"*.md\"]\n    colour: red\n")),
      Catch::Contains("b.yml:3: unknown setting 'colour' in an override"));
  CHECK_THAT(config_error(dir.write("c.yml", "overrides: {files: x}\n")),
             Catch::Contains("c.yml:1: 'overrides' must be a list"));
  dir.write("here.dic", "word\n");
  CHECK_THAT(config_error(
                 dir.write("d.yml", "words: [a]\ndictionaries:\n  - here.dic\n  - missing.dic\n")),
             Catch::Contains("d.yml:4: dictionary 'missing.dic' not found"));
  CHECK_THAT(config_error(dir.write("here.dic", "word\n")), Catch::Contains("must be a map"));
  CHECK_THAT(config_error(dir.write("e.yml", "overrides:\n  - files: [\"../elsewhere/*.md\"]\n")),
             Catch::Contains("e.yml:2: 'files' glob '../elsewhere/*.md' must be relative"));
  std::string rule_error;
  try {
    load_rules(default_rules_dir(),
               load_config_file(
                   dir.write("f.yml", "extends:\n  - pack:plain-english\n  - pack:nonsense\n")));
  } catch (const RuleError& e) {
    rule_error = e.what();
  }
  CHECK_THAT(rule_error, Catch::Contains("f.yml:3: no built-in pack 'nonsense'"));
}
