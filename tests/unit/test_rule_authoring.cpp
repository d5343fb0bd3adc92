// What a rule author (a public contributor, a maintainer) is told when a rule file has mistakes:
// every mistake in one run, each at its own line, in plain words (the fifth blind review).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/rule_lookup.h"
#include "engine/suppressions.h"
#include "test_helpers.h"

using namespace sayso;
using namespace sayso::testing;
namespace fs = std::filesystem;

namespace {

// A rules folder of its own, with packs written by the test.
struct RulesFolder {
  fs::path root;
  RulesFolder() {
    root = fs::temp_directory_path() / ("sayso-authoring-" + std::to_string(getpid()) + "-" +
                                        std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(root);
  }
  ~RulesFolder() { fs::remove_all(root); }
  RulesFolder(const RulesFolder&) = delete;
  RulesFolder& operator=(const RulesFolder&) = delete;

  void pack(const std::string& name) const {
    fs::create_directories(root / name);
    write(name + "/pack.yml", "name: " + name +
                                  "\nversion: 1\nlicence: CC-BY-4.0\nmaintainers: [t]\n"
                                  "description: d\n");
  }
  std::string write(const std::string& rel, const std::string& bytes) const {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel, std::ios::binary) << bytes;
    return (root / rel).string();
  }
  std::string dir() const { return root.string(); }
};

// A good existence rule, its fields one a line from line 2 of its file. `extra` goes after the
// id line; `message` replaces the message.
std::string rule_text(const std::string& id, const std::string& message = "Say who '{match}' is.",
                      const std::string& extra = "") {
  return "rules:\n  - id: " + id + "\n" + extra +
         "    kind: existence\n    category: tokenism\n    severity: info\n"
         "    phrases: [hard to reach]\n    message: \"" +
         message +
         "\"\n    explanation: e\n    sources: [s]\n"
         "    examples:\n      flag:\n        - We will ask hard to reach groups.\n"
         "        - Hard to reach people.\n      pass:\n        - We will ask carers.\n"
         "        - Easy to reach.\n"
         "    written_with: [w]\n    reviewed_by: [r]\n    status: draft\n    decisions: [d]\n";
}

// `text` with its first `from` replaced by `to`: one field of a good rule changed.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string load_error(const std::string& dir, const Config& config = Config{}) {
  try {
    load_rules(dir, config);
  } catch (const RuleError& e) {
    return e.what();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("every mistake in a rule file is reported in one run, in line order",
          "[rules][authoring]") {
  RulesFolder f;
  f.pack("p");
  f.write("p/a.yml",
          "rules:\n  - id: p.a\n    kind: existence\n    category: inclusion\n    severity: high\n"
          "    phrases: [x y]\n    mesage: m\n");
  f.write("p/b.yml", "rules:\n  - id: p.b\n    kind: existance\n");
  const std::string error = load_error(f.dir());
  INFO(error);
  const std::size_t category = error.find("a.yml:4: rule p.a: unknown category 'inclusion'");
  const std::size_t severity = error.find(
      "a.yml:5: rule p.a: severity must be error, warning, "
      "info or hint, not 'high'");
  const std::size_t field = error.find("a.yml:7: rule p.a: unknown field 'mesage'");
  REQUIRE(category != std::string::npos);
  REQUIRE(severity != std::string::npos);
  REQUIRE(field != std::string::npos);
  CHECK(category < severity);
  CHECK(severity < field);
  // The second file's mistake is there too.
  CHECK_THAT(error, Catch::Contains("b.yml:3: rule p.b: unknown kind 'existance'. Did you mean "
                                    "'existence'?"));
}

TEST_CASE("a loader that only shows rules leaves a broken file out and reads the rest",
          "[rules][authoring]") {
  RulesFolder f;
  f.pack("p");
  f.pack("q");
  f.write("p/good.yml", rule_text("p.good"));
  f.write("q/broken.yml", "rules:\n  - id: q.broken\n    kind: magic\n");
  const RuleSet set = load_rules_leniently(f.dir(), Config{});
  CHECK(set.find("p.good") != nullptr);
  CHECK(set.find("q.broken") == nullptr);
  std::string left_out;
  for (const RuleProblem& p : set.left_out) left_out += p.text + "\n";
  CHECK_THAT(left_out, Catch::Contains("broken.yml:3: rule q.broken: unknown kind 'magic'"));
}

TEST_CASE("a duplicate id blames the newer file and names both places", "[rules][authoring]") {
  RulesFolder f;
  f.pack("p");
  // The established rule is in z-old.yml, read after the new a-new.yml: the age decides.
  const std::string old_file = f.write("p/z-old.yml", "\n\n\n" + rule_text("p.same"));
  const std::string new_file = f.write("p/a-new.yml", rule_text("p.same"));
  fs::last_write_time(old_file, fs::last_write_time(new_file) - std::chrono::hours(24));
  const std::string error = load_error(f.dir());
  INFO(error);
  CHECK_THAT(error, Catch::Contains("a-new.yml:2: rule p.same: another rule has this id already, "
                                    "at " +
                                    old_file + ":5."));
  CHECK(error.find("z-old.yml:5: rule") == std::string::npos);
  // `rules test FILE` blames the file it tests, whatever its age.
  const RuleSet set = load_rules_leniently(f.dir(), Config{}, {fs::weakly_canonical(old_file)});
  REQUIRE(set.left_out.size() == 1);
  CHECK_THAT(set.left_out.front().text, Catch::Contains("z-old.yml:5: rule p.same"));
  CHECK(set.find("p.same") != nullptr);
}

TEST_CASE("a rule or config file not saved as UTF-8 is refused at its line", "[rules][authoring]") {
  RulesFolder f;
  f.pack("p");
  // Windows-1252: curly quotes (0x91, 0x92) round the match, on line 9.
  f.write("p/a.yml", rule_text("p.a", "\x91{match}\x92 blames people."));
  const std::string error = load_error(f.dir());
  CHECK_THAT(error, Catch::Contains("a.yml:7: this file is not saved as UTF-8") &&
                        Catch::Contains("after 'message: \"'") &&
                        Catch::Contains("Save it as UTF-8 (in Notepad"));
  const std::string config = f.write(".sayso.yml",
                                     "words: [\xa3"
                                     "50]\n");
  CHECK_THROWS_WITH(load_config_file(config),
                    Catch::Contains(".sayso.yml:1: this file is not saved as UTF-8"));
}

TEST_CASE("a tab and a missing colon are named at their own line, in plain words",
          "[rules][authoring]") {
  RulesFolder f;
  f.pack("p");
  std::string tab = rule_text("p.a");
  tab.replace(tab.find("    severity"), 4, "\t");
  f.write("p/a.yml", tab);
  CHECK_THAT(load_error(f.dir()), Catch::Contains("a.yml:5: this line starts with a tab"));
  std::string colon = rule_text("p.a");
  colon.replace(colon.find("severity: info"), 14, "severity info");
  f.write("p/a.yml", colon);
  CHECK_THAT(load_error(f.dir()), Catch::Contains("a.yml:5: there is no ':' after 'severity'") &&
                                      Catch::Contains("like this: severity: info"));
  const std::string config = f.write(".sayso.yml", "profile: nihr\nlanguage en_GB\nwords: [a]\n");
  CHECK_THROWS_WITH(load_config_file(config),
                    Catch::Contains(".sayso.yml:2: there is no ':' after 'language'"));
  // A quote left open is named where it opens, not where the parser notices it.
  f.write("p/a.yml", replaced(rule_text("p.a"), "is.\"\n", "is.\n"));
  CHECK_THAT(load_error(f.dir()),
             Catch::Contains("a.yml:7: a quote mark opened on this line is not closed"));
  const std::string quoted = f.write(".sayso.yml", "language: en_GB\nprofile: 'nihr\nwords: [a]\n");
  CHECK_THROWS_WITH(load_config_file(quoted),
                    Catch::Contains(".sayso.yml:2: a quote mark opened on this line"));
  // Closed by a quote mark lines later, with text after it that the parser cannot read.
  f.write("p/a.yml", replaced(rule_text("p.a"), "explanation: e\n", "explanation: \"e\n") +
                         "    more: \"x\" y\n");
  CHECK_THAT(load_error(f.dir()),
             Catch::Contains("a.yml:8: a quote mark opened on this line is not closed"));
  // A quote mark in a block of text is a letter, not an opening.
  f.write("p/a.yml",
          replaced(replaced(rule_text("p.a"), "explanation: e\n",
                            "explanation: >-\n      Say it plainly: 'the care\n      they get.\n"),
                   "sources: [s]\n", "sources: [\"s]\n"));
  CHECK_THAT(load_error(f.dir()),
             Catch::Contains("a.yml:11: a quote mark opened on this line is not closed"));
  // Parser words are put plainly.
  f.write("p/a.yml", rule_text("p.a", "Note: this is {match}") + "  - [unclosed\n");
  CHECK(load_error(f.dir()).find("end of") == std::string::npos);
}

TEST_CASE("a placeholder the kind does not fill, or the template's, is refused",
          "[rules][authoring]") {
  RulesFolder f;
  f.pack("p");
  f.write("p/a.yml", rule_text("p.a", "'{matched}' blames people."));
  CHECK_THAT(load_error(f.dir()),
             Catch::Contains("a.yml:7: rule p.a: 'message' has {matched}, which an existence "
                             "rule does not fill in") &&
                 Catch::Contains("Did you mean {match}?"));
  f.write("p/a.yml", rule_text("p.a", "Try '{suggestion}'."));
  CHECK_THAT(load_error(f.dir()), Catch::Contains("'message' has {suggestion}"));
  // Template leftovers in phrases and examples, each at its line.
  std::string leftovers = rule_text("p.a");
  leftovers.replace(leftovers.find("[hard to reach]"), 15, "[hard to reach, \"<another phrase>\"]");
  leftovers.replace(leftovers.find("Easy to reach."), 14, "\"<another text it must not flag>\"");
  f.write("p/a.yml", leftovers);
  const std::string error = load_error(f.dir());
  CHECK_THAT(error, Catch::Contains("a.yml:6: rule p.a: 'phrases' still has the template's "
                                    "placeholder '<another phrase>'"));
  CHECK_THAT(error, Catch::Contains("a.yml:16: rule p.a: 'examples' still has the template's "
                                    "placeholder '<another text it must not flag>'"));
}

TEST_CASE("the placeholders of the shipped rules are all ones their kinds fill",
          "[rules][authoring]") {
  CHECK_NOTHROW(load_rules(default_rules_dir(), Config{}));
}

TEST_CASE("an id with capitals, spaces or underscores is refused", "[rules][authoring]") {
  for (const char* id : {"p.Hard To Reach", "p.hard_to_reach", "p.", "p.a.b"}) {
    INFO(id);
    CHECK_FALSE(rule_id_problem(id).empty());
  }
  CHECK(rule_id_problem("p.hard-to-reach2").empty());
  RulesFolder f;
  f.pack("p");
  f.write("p/a.yml", rule_text("p.Hard To Reach"));
  CHECK_THAT(load_error(f.dir()),
             Catch::Contains("a.yml:2: rule p.Hard To Reach: the id 'p.Hard To Reach' must be"));
}

TEST_CASE("a regex RE2 cannot run, or an empty one, is explained in plain words",
          "[rules][authoring]") {
  RulesFolder f;
  f.pack("p");
  const auto with_regex = [&](const std::string& regex) {
    std::string text = rule_text("p.a");
    text.replace(text.find("    phrases: [hard to reach]\n"), 29, "    regex: '" + regex + "'\n");
    f.write("p/a.yml", text);
    return load_error(f.dir());
  };
  CHECK_THAT(with_regex("hard (?=to)"),
             Catch::Contains("a.yml:6: rule p.a: 'regex' looks ahead ('(?=')") &&
                 Catch::Contains("use 'unless_nearby'") && Catch::Contains("use 'except'"));
  CHECK_THAT(with_regex("(?<!not )hard"), Catch::Contains("'regex' looks behind ('(?<!')"));
  CHECK_THAT(with_regex("(hard) \\1"), Catch::Contains("'regex' refers back to a group"));
  CHECK_THAT(with_regex(""), Catch::Contains("a.yml:6: rule p.a: 'regex' is empty"));
  CHECK(with_regex("hard \\(to\\) reach").find("regex") == std::string::npos);
}

TEST_CASE("a bad phrase is named at its own line", "[rules][authoring]") {
  RulesFolder f;
  f.pack("p");
  std::string text = rule_text("p.a");
  text.replace(text.find("    phrases: [hard to reach]\n"), 29,
               "    phrases:\n      - hard to reach\n      - \"\"\n");
  f.write("p/a.yml", text);
  CHECK_THAT(load_error(f.dir()), Catch::Contains("a.yml:8: rule p.a: '' is"));
}

TEST_CASE("a phrase written like a pattern is refused with what to write instead",
          "[rules][authoring]") {
  for (const std::string phrase : {"consult|consulted", "involv.*", "\\bsought", "[Pp]atients"}) {
    RulesFolder f;
    f.pack("p");
    std::string text = rule_text("p.a");
    text.replace(text.find("    phrases: [hard to reach]\n"), 29,
                 "    phrases:\n      - hard to reach\n      - '" + phrase + "'\n");
    f.write("p/a.yml", text);
    const std::string error = load_error(f.dir());
    CHECK_THAT(error,
               Catch::Contains("a.yml:8: rule p.a: '" + phrase + "' is written like a pattern"));
    CHECK_THAT(error, Catch::Contains("use 'regex' for a pattern"));
  }
  RulesFolder f;  // a word ending in '*' and a dotted abbreviation are phrases, not patterns
  f.pack("p");
  std::string text = rule_text("p.a");
  text.replace(text.find("    phrases: [hard to reach]\n"), 29,
               "    phrases: [hard to reach, consult*, e.g.]\n");
  f.write("p/a.yml", text);
  CHECK_NOTHROW(load_rules(f.dir(), Config{}));
}

// A substitution rule swapping `phrases`, each pair on its own line from line 8 of its file.
std::string swap_rule(const std::string& id, const std::vector<std::string>& phrases,
                      const std::string& scope = "") {
  std::string text = "rules:\n  - id: " + id +
                     "\n    kind: substitution\n    category: jargon\n    severity: info\n" +
                     scope + "    message: \"Say '{suggestion}'.\"\n    swap:\n";
  for (const auto& phrase : phrases)
    text += "      - {instead_of: [" + phrase + "], use: [plain], source: s}\n";
  return text + "    explanation: e\n    sources: [s]\n    examples:\n      flag: [" +
         phrases.front() + " here, and " + phrases.front() +
         " there]\n      pass: [plain words, more plain words]\n"
         "    written_with: [w]\n    reviewed_by: [r]\n    status: draft\n    decisions: [d]\n";
}

std::string notes_of(const RuleSet& set) {
  std::string notes;
  for (const auto& note : set.notes) notes += note + "\n";
  return notes;
}

TEST_CASE("a phrase two swap rules share, or one rule lists twice, gets a note naming both places",
          "[rules][authoring]") {
  RulesFolder f;
  f.pack("p");
  f.write("p/a.yml", swap_rule("p.a", {"utilise", "commence"}));
  f.write("p/b.yml", swap_rule("p.b", {"Utilise", "terminate", "terminate"}));
  f.write("p/c.yml", swap_rule("p.c", {"commence"}, "    scope: [plain-english-summary]\n"));
  f.write("p/d.yml", swap_rule("p.d", {"facilitate"}, "    scope: [involvement]\n"));
  f.write("p/e.yml", swap_rule("p.e", {"facilitate"}, "    scope: [plain-english-summary]\n"));
  const std::string notes = notes_of(load_rules(f.dir(), Config{}));
  CHECK_THAT(notes, Catch::Contains("b.yml:8: rule p.b: 'Utilise' is swapped by rule p.a too"));
  CHECK_THAT(notes, Catch::Contains("a.yml:8)"));
  CHECK_THAT(notes, Catch::Contains("c.yml:9: rule p.c: 'commence' is swapped by rule p.a too"));
  CHECK_THAT(notes, Catch::Contains("rule p.b: 'terminate' is in two of its swap pairs"));
  CHECK(notes.find("facilitate") == std::string::npos);  // never in the same section
}

TEST_CASE("each example remembers its line, for rules test", "[rules][authoring]") {
  RulesFolder f;
  f.pack("p");
  f.write("p/a.yml", rule_text("p.a"));
  const RuleSet set = load_rules(f.dir(), Config{});
  const Rule* rule = set.find("p.a");
  REQUIRE(rule);
  CHECK(rule->examples.flag_lines == std::vector<int>{12, 13});
  CHECK(rule->examples.pass_lines == std::vector<int>{15, 16});
}

TEST_CASE("a .yaml rule file is read, and a folder with no pack.yml is named, not skipped",
          "[rules][authoring]") {
  RulesFolder f;
  f.pack("p");
  f.write("p/a.yaml", rule_text("p.a"));
  f.write("carers/b.yml", rule_text("carers.b"));
  f.write("stray.yml", rule_text("p.stray"));
  const RuleSet set = load_rules(f.dir(), Config{});
  CHECK(set.find("p.a") != nullptr);
  std::string notes;
  for (const auto& note : set.notes) notes += note + "\n";
  CHECK_THAT(notes, Catch::Contains("carers: this folder has rule files but no pack.yml"));
  CHECK_THAT(notes, Catch::Contains("stray.yml: a rule file at the top of the rules folder"));
}

TEST_CASE("a link loop or a broken link in the rules folder is named, and the packs still load",
          "[rules][authoring]") {
  RulesFolder f;
  f.pack("p");
  f.write("p/a.yml", rule_text("p.a"));
  const fs::path root = f.dir();
  fs::create_directory_symlink(root / "loop", root / "loop");  // points at itself
  fs::create_directory_symlink(root / "gone", root / "broken");
  fs::create_symlink(root / "p" / "loop.yml", root / "p" / "loop.yml");  // a rule file too
  const RuleSet set = load_rules(f.dir(), Config{});
  CHECK(set.find("p.a") != nullptr);
  std::string notes;
  for (const auto& note : set.notes) notes += note + "\n";
  CHECK_THAT(notes, Catch::Contains("loop: this link leads nowhere"));
  CHECK_THAT(notes, Catch::Contains("broken: this link leads nowhere"));
}

TEST_CASE("config: README's pack:./folder in packs, disable_packs and rule names checked",
          "[rules][authoring][config]") {
  RulesFolder f;
  f.pack("p");
  f.write("p/wordy.yml", rule_text("p.wordy-words"));
  f.write("proj/carers/pack.yml",
          "name: carers\nversion: 1\nlicence: CC-BY-4.0\nmaintainers: [t]\ndescription: d\n");
  f.write("proj/carers/a.yml", rule_text("carers.a"));
  const Config packs = load_config_file(f.write("proj/.sayso.yml", "packs: [pack:./carers]\n"));
  CHECK(load_rules(f.dir(), packs).find("carers.a") != nullptr);

  const Config disabled = load_config_file(f.write("proj/off.yml", "disable_packs: [q, pp]\n"));
  CHECK_THAT(load_error(f.dir(), disabled),
             Catch::Contains("off.yml:1: disable_packs names 'q', which is not a pack.") &&
                 Catch::Contains("Did you mean 'p'?"));

  // Checked against every pack there is, not only the ones `pack:NAME` chose.
  f.pack("q");
  const Config chosen =
      load_config_file(f.write("proj/chosen.yml", "packs: [pack:p]\ndisable_packs: [q]\n"));
  CHECK(load_error(f.dir(), chosen).empty());

  const Config short_name =
      load_config_file(f.write("proj/short.yml", "rules:\n  wordy-words: off\n"));
  const RuleSet set = load_rules(f.dir(), short_name);
  REQUIRE(set.find("p.wordy-words"));
  CHECK_FALSE(set.find("p.wordy-words")->enabled);
  const Config slip = load_config_file(f.write("proj/slip.yml", "rules:\n  p.wordy-word: off\n"));
  CHECK_THAT(load_error(f.dir(), slip),
             Catch::Contains("slip.yml:2: unknown rule 'p.wordy-word'. Did you mean "
                             "'p.wordy-words'?"));
}

TEST_CASE("an inline sayso-disable takes a rule's name without its pack", "[rules][authoring]") {
  Suppression s;
  s.rules = {"wordy-words"};
  CHECK(s.covers("plain-english.wordy-words"));
  CHECK_FALSE(s.covers("plain-english.wordy"));
  s.rules = {"plain-english"};
  CHECK(s.covers("plain-english.wordy-words"));
}

TEST_CASE("a text in curly quote marks, as Word writes them, is refused at its line",
          "[rules][authoring]") {
  RulesFolder f;
  f.pack("p");
  f.write("p/a.yml", replaced(rule_text("p.a"), "- Hard to reach people.",
                              "- \xE2\x80\x9CHard to reach people.\xE2\x80\x9D"));
  CHECK_THAT(load_error(f.dir()),
             Catch::Contains("a.yml:13: rule p.a: the text in 'examples' starts and ends with "
                             "curly quote marks") &&
                 Catch::Contains("Put straight quote marks"));
  // Curly quotes inside a text, and round a decision, are fine.
  f.write("p/a.yml", replaced(replaced(rule_text("p.a"), "- Hard to reach people.",
                                       "- The \xE2\x80\x98hard to reach\xE2\x80\x99 people."),
                              "decisions: [d]",
                              "decisions: [\"\xE2\x80\x9CSay who\xE2\x80\x9D, a carer said.\"]"));
  CHECK(load_error(f.dir()).empty());
}

TEST_CASE("a regex in double quotes, where a word edge becomes a backspace, is refused",
          "[rules][authoring]") {
  RulesFolder f;
  f.pack("p");
  const auto with_regex_line = [&](const std::string& line) {
    f.write("p/a.yml", replaced(rule_text("p.a"), "    phrases: [hard to reach]\n", line));
    return load_error(f.dir());
  };
  // "\\b" in double quotes is a word edge; "\b" is a backspace.
  CHECK(with_regex_line("    regex: \"\\\\bhard to reach\\\\b\"\n").empty());
  CHECK_THAT(with_regex_line("    regex: \"\\bhard to reach\\b\"\n"),
             Catch::Contains("a.yml:6: rule p.a: 'regex' has a control character") &&
                 Catch::Contains("single quotes"));
}

TEST_CASE("a missing status or message says what to write", "[rules][authoring]") {
  RulesFolder f;
  f.pack("p");
  f.write("p/a.yml", replaced(rule_text("p.a"), "    status: draft\n", ""));
  CHECK_THAT(load_error(f.dir()), Catch::Contains("'status' is missing: write 'status: draft'"));
  f.write("p/a.yml", replaced(rule_text("p.a"), "status: draft", "status: drafted"));
  CHECK_THAT(load_error(f.dir()),
             Catch::Contains("'status' must be draft or reviewed, not 'drafted'"));
}
