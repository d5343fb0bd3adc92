#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>

#include <filesystem>
#include <fstream>

#include "scratch_dir.h"
#include "test_helpers.h"

using namespace sayso;
using namespace sayso::testing;
namespace fs = std::filesystem;

namespace {
std::string data(const std::string& rel) { return std::string(SAYSO_TEST_DATA_DIR) + "/" + rel; }

// What loading the rules with the config file at `path` says is wrong ("" if nothing).
std::string settings_error(const std::string& path) {
  try {
    load_rules(test_rules_dir(), load_config_file(path));
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

std::string rule_error(const std::string& dir) {
  try {
    load_rules(data("bad-rules/" + dir), Config{});
  } catch (const RuleError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("malformed rule files say file:line, rule id and what is wrong", "[config]") {
  CHECK_THAT(rule_error("bad-yaml"),
             Catch::Contains("r.yml:") && Catch::Contains("not valid YAML"));
  CHECK_THAT(rule_error("unknown-kind"),
             Catch::Contains("r.yml:3: rule p.a: unknown kind 'magic'"));
  CHECK_THAT(rule_error("bad-regex"),
             Catch::Contains("r.yml:26: rule p.a: 'regex' is not a valid RE2 pattern"));
  CHECK_THAT(rule_error("empty-except"),
             Catch::Contains("r.yml:16: rule p.a: 'except' entries must be words"));
  CHECK_THAT(rule_error("missing-examples"), Catch::Contains("rule p.a: 'examples'"));
  CHECK_THAT(rule_error("unknown-field"),
             Catch::Contains("r.yml:9: rule p.a: unknown field 'phrase' for an existence "
                             "rule. Did you mean 'phrases'?"));
}

TEST_CASE("a misspelt examples list is named, with the name it was meant to be", "[config]") {
  const std::string dir =
      fs::temp_directory_path() / ("sayso-examples-" + std::to_string(getpid()));
  fs::create_directories(dir + "/p");
  std::ofstream(dir + "/p/pack.yml") << "name: p\nversion: 1\nlicence: CC-BY-4.0\n"
                                        "maintainers: [t]\ndescription: d\n";
  std::ofstream(dir + "/p/r.yml")
      << "rules:\n  - id: p.a\n    kind: existence\n    category: jargon\n    severity: info\n"
         "    message: m\n    explanation: e\n    sources: [s]\n    written_with: [t]\n"
         "    reviewed_by: [t]\n    status: draft\n    decisions: [d]\n    phrases: [x]\n"
         "    examples:\n      flag: [x, x x]\n      passes: [y, z]\n";
  std::string error;
  try {
    load_rules(dir, Config{});
  } catch (const RuleError& e) {
    error = e.what();
  }
  fs::remove_all(dir);
  CHECK_THAT(error, Catch::Contains("r.yml:16: rule p.a: 'examples' has 'flag' and 'pass' lists, "
                                    "not 'passes'. Did you mean 'pass'?"));
}

TEST_CASE("config: profile, rule settings, words, extends", "[config]") {
  Config c = load_config_file(data("configs/child.yml"));
  CHECK(c.profile == "strict");
  CHECK(c.language == "en_US");
  CHECK(c.rules.at("t.swap").enabled == false);
  CHECK(c.rules.at("t.spell").severity == "hint");
  CHECK(c.words == std::vector<std::string>{"zzyzx"});
  RuleSet set = load_rules(test_rules_dir(), load_config_file(data("configs/good.yml")));
  CHECK_FALSE(set.find("t.swap")->enabled);
  CHECK(set.find("t.spell")->severity == Severity::Hint);
}

TEST_CASE("YAML nested past the parser's depth is called that, not 'not valid'", "[config]") {
  ScratchDir dir;
  const std::string deep =
      "rules:\n  plain-english.wordy-words: " + std::string(3000, '[') + std::string(3000, ']');
  CHECK_THROWS_WITH(load_config_file(dir.write("deep.yml", deep)),
                    Catch::Contains("deep.yml:2: not valid YAML: lists or maps are nested too "
                                    "deeply"));
}

TEST_CASE("config errors say file:line and what is wrong", "[config]") {
  CHECK_THROWS_WITH(load_config_file(data("configs/unknown-key.yml")),
                    Catch::Contains("unknown-key.yml:2: unknown setting 'sevirity'"));
  CHECK_THROWS_WITH(load_config_file(data("configs/bad-yaml.yml")),
                    Catch::Contains("not valid YAML"));
  CHECK_THROWS_WITH(
      load_rules(test_rules_dir(), load_config_file(data("configs/bad-severity.yml"))),
      Catch::Contains("bad-severity.yml:2: rule t.swap: 'loud' is not a severity"));
  CHECK_THROWS_WITH(
      load_rules(test_rules_dir(), load_config_file(data("configs/unknown-rule.yml"))),
      Catch::Contains("unknown-rule.yml:2: unknown rule 't.nope'"));
  Config unknown_profile;
  unknown_profile.profile = "nope";
  CHECK_THROWS_WITH(load_rules(test_rules_dir(), unknown_profile),
                    Catch::Contains("unknown profile 'nope'"));
}

TEST_CASE("a config whose keys are lists or maps is an error, not a crash", "[config]") {
  const std::string dir =
      fs::temp_directory_path() / ("sayso-config-keys-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto error_of = [&](const std::string& text) {
    const std::string path = dir + "/c.yml";
    std::ofstream(path) << text;
    try {
      load_config_file(path);
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK_THAT(error_of("profile: nihr\n? t.spell: hint\n"),
             Catch::Contains("c.yml:2: a setting's name must be a single word"));
  CHECK_THAT(error_of("rules:\n  ? [a, b]\n  : off\n"),
             Catch::Contains("a setting's name must be a single word"));
  CHECK_THAT(error_of("rules:\n  t.spell: {enabled: maybe}\n"),
             Catch::Contains("c.yml:2: 'enabled' must be true or false"));
  CHECK(error_of("rules:\n  t.spell: {enabled: no}\n").empty());
  fs::remove_all(dir);
}

TEST_CASE("config is found by searching upward", "[config]") {
  CHECK(find_config_file(data("configs")).empty());  // .sayso.yml, not any yml
  CHECK_FALSE(find_config_file(data("project/sub/deeper")).empty());
}

TEST_CASE("a key written twice in a config or rule file is refused with its line", "[config]") {
  const fs::path dir = fs::temp_directory_path() / ("sayso-dup-" + std::to_string(getpid()));
  fs::create_directories(dir / "p");
  const fs::path config = dir / ".sayso.yml";
  std::ofstream(config) << "profile: nihr\nrules:\n  involvement.vague-plans: off\nrules:\n"
                           "  involvement.hedged-plans: off\n";
  try {
    load_config_file(config.string());
    FAIL("a config with 'rules:' twice loaded");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Catch::Contains(".sayso.yml:4: 'rules' is written twice here (first at "
                                         "line 2)"));
  }
  // Inside a rule: the second 'message' would have replaced the first without a word.
  std::ofstream(dir / "p" / "pack.yml") << "name: p\nversion: 1\nlicence: x\nmaintainers: [m]\n"
                                           "description: d\n";
  std::ofstream(dir / "p" / "r.yml") << "rules:\n  - id: p.a\n    message: one\n    message: two\n";
  try {
    load_rules(dir.string(), Config{});
    FAIL("a rule with 'message' twice loaded");
  } catch (const RuleError& e) {
    CHECK_THAT(e.what(), Catch::Contains("r.yml:4: 'message' is written twice here (first at "
                                         "line 3)"));
  }
  fs::remove_all(dir);
}

TEST_CASE("every mistake in a config's rules is named at once, in the order written", "[config]") {
  ScratchDir dir;
  const std::string path = dir.write("many.yml",
                                     "rules:\n"
                                     "  t.swap: loud\n"
                                     "  t.spell: hint\n"
                                     "  t.nope: off\n"
                                     "  t.acronym: whisper\n");
  const std::string error = settings_error(path);
  INFO(error);
  const std::size_t loud = error.find("many.yml:2: rule t.swap: 'loud' is not a severity");
  const std::size_t nope = error.find("many.yml:4: unknown rule 't.nope'");
  const std::size_t whisper = error.find("many.yml:5: rule t.acronym: 'whisper' is not a severity");
  REQUIRE(loud != std::string::npos);
  REQUIRE(nope != std::string::npos);
  REQUIRE(whisper != std::string::npos);
  CHECK(loud < nope);
  CHECK(nope < whisper);
  CHECK(error.find("many.yml:3") == std::string::npos);  // the good setting is not a mistake
  // One a line: each line starts with its own file:line.
  CHECK(std::count(error.begin(), error.end(), '\n') == 2);
  CHECK(error.find(", /") == std::string::npos);  // no mistake run into the one before
}

TEST_CASE("every mistake among a config's settings is named at once", "[config]") {
  ScratchDir dir;
  const std::string path = dir.write("keys.yml",
                                     "langauge: en_US\n"
                                     "document: essay\n"
                                     "severity_overrides: {}\n");
  const std::string error = settings_error(path);
  INFO(error);
  CHECK(error.find("keys.yml:1: unknown setting 'langauge'") != std::string::npos);
  CHECK(error.find("keys.yml:2:") != std::string::npos);
  CHECK(error.find("keys.yml:3: unknown setting 'severity_overrides'") != std::string::npos);
  CHECK(std::count(error.begin(), error.end(), '\n') == 2);
}

TEST_CASE("a bad profile and bad rule settings are named together", "[config]") {
  ScratchDir dir;
  const std::string path = dir.write("both.yml", "profile: nope\nrules:\n  t.swap: loud\n");
  const std::string error = settings_error(path);
  INFO(error);
  CHECK(error.find("both.yml:1: unknown profile 'nope'") != std::string::npos);
  CHECK(error.find("both.yml:3: rule t.swap: 'loud' is not a severity") != std::string::npos);
}

TEST_CASE("mistakes among a config's keys and its rule settings are named together, in order",
          "[config]") {
  ScratchDir dir;
  const std::string path = dir.write("mixed.yml",
                                     "profil: nihr\n"
                                     "rules:\n"
                                     "  t.nope: off\n"
                                     "langauge: en_US\n"
                                     "  \n");
  std::string error;
  try {
    load_config_file(path);
  } catch (const ConfigError& e) {
    REQUIRE(e.usable() != nullptr);  // the rest of the file, for the rules to judge
    error = all_settings_mistakes(e, test_rules_dir());
  }
  INFO(error);
  const std::size_t profil = error.find("mixed.yml:1: unknown setting 'profil'");
  const std::size_t nope = error.find("mixed.yml:3: unknown rule 't.nope'");
  const std::size_t langauge = error.find("mixed.yml:4: unknown setting 'langauge'");
  REQUIRE(profil != std::string::npos);
  REQUIRE(nope != std::string::npos);
  REQUIRE(langauge != std::string::npos);
  CHECK(profil < nope);
  CHECK(nope < langauge);
  CHECK(std::count(error.begin(), error.end(), '\n') == 2);
}
