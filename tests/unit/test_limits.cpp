// Limits that keep hostile or huge input from hanging sayso: the document size limit (.sayso.yml
// and --max-bytes), the lint time budget, and the size limit on rule regexes.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>

#include "app/linting_session.h"
#include "engine/kinds/kind.h"
#include "engine/suppressions.h"
#include "shipped_rules_fixture.h"
#include "test_helpers.h"

using namespace sayso;
using namespace sayso::testing;
namespace fs = std::filesystem;

namespace {

// A folder of its own for one test case, removed at the end.
struct ScratchFolder {
  fs::path path;
  explicit ScratchFolder(const std::string& name)
      : path(fs::temp_directory_path() /
             ("sayso-limits-" + name + "-" + std::to_string(getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~ScratchFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
};

std::size_t count_rule(const std::vector<Diagnostic>& diagnostics, const std::string& rule_id) {
  std::size_t n = 0;
  for (const auto& d : diagnostics) n += d.rule_id == rule_id;
  return n;
}

const char* const kJargon =
    "# Plain English summary\n\nWe will utilise the data to facilitate care.\n";

}  // namespace

TEST_CASE("max_document_bytes and lint_time_budget_ms are read from .sayso.yml",
          "[limits][config]") {
  ScratchFolder folder("config");
  Config config = load_config_file(
      folder.write("good.yml", "max_document_bytes: 1000\nlint_time_budget_ms: 0\n"));
  REQUIRE(config.max_document_bytes);
  CHECK(*config.max_document_bytes == 1000);
  REQUIRE(config.lint_time_budget_ms);
  CHECK(*config.lint_time_budget_ms == 0);
  CHECK_FALSE(load_config_file(folder.write("none.yml", "profile: nihr\n")).max_document_bytes);

  CHECK_THROWS_WITH(load_config_file(folder.write("zero.yml", "\nmax_document_bytes: 0\n")),
                    Catch::Contains("zero.yml:2: 'max_document_bytes' must be more than 0"));
  CHECK_THROWS_WITH(load_config_file(folder.write("words.yml", "max_document_bytes: 10 MB\n")),
                    Catch::Contains("words.yml:1: 'max_document_bytes' must be a whole number"));
  CHECK_THROWS_WITH(load_config_file(folder.write("neg.yml", "lint_time_budget_ms: -5\n")),
                    Catch::Contains("neg.yml:1: 'lint_time_budget_ms' must be a whole number"));
  CHECK_THROWS_WITH(
      load_config_file(folder.write("huge.yml", "max_document_bytes: 99999999999999999999999\n")),
      Catch::Contains("must be a whole number"));

  // A child config inherits the limits, and its own win.
  folder.write("base.yml", "max_document_bytes: 500\nlint_time_budget_ms: 7\n");
  Config child =
      load_config_file(folder.write("child.yml", "extends: base.yml\nlint_time_budget_ms: 9\n"));
  CHECK(child.max_document_bytes == std::optional<std::size_t>(500));
  CHECK(child.lint_time_budget_ms == std::optional<std::uint64_t>(9));
}

TEST_CASE("a document over the size limit is reported, not linted", "[limits]") {
  ScratchFolder folder("size");
  folder.write(".sayso.yml", "max_document_bytes: 40\n");
  const std::string big = folder.write("big.md", kJargon);  // 70 bytes
  const std::string small = folder.write("small.md", "# Aims\n\nShort.\n");

  SessionOptions options;
  options.rules_dir = test_rules_dir();
  LintingSession session(options);
  FileOutcome outcome = session.lint_file(big);
  CHECK_FALSE(outcome.ok);
  CHECK_THAT(outcome.error, Catch::Contains("file too large: 70 bytes (the limit is 40 bytes"));
  CHECK_THAT(outcome.error, Catch::Contains("max_document_bytes"));
  CHECK(session.lint_file(small).ok);
  FileOutcome bytes =
      session.lint_bytes(big, kJargon);  // an editor buffer or stdin: the same limit
  CHECK_FALSE(bytes.ok);
  CHECK_THAT(bytes.error, Catch::Contains("file too large"));

  // --max-bytes wins over the config file.
  SessionOptions command_line = options;
  command_line.max_bytes = 1000;
  command_line.max_bytes_from_command_line = true;
  LintingSession raised(command_line);
  CHECK(raised.lint_file(big).ok);
  command_line.max_bytes = 10;
  LintingSession lowered(command_line);
  CHECK_THAT(lowered.lint_file(small).error, Catch::Contains("the limit is 10 bytes"));
}

TEST_CASE("a lint past its deadline stops with one sayso.time-limit finding", "[limits][engine]") {
  const Document doc = load(kJargon);
  const Linter linter(test_rules(), Config{});
  const std::vector<Diagnostic> complete = linter.lint(doc, std::nullopt).diagnostics;
  REQUIRE_FALSE(complete.empty());
  CHECK(count_rule(complete, "sayso.time-limit") == 0);
  CHECK(linter.lint(doc).diagnostics.size() == complete.size());  // the default budget is ample

  const auto past = LintClock::now() - std::chrono::seconds(1);
  const std::vector<Diagnostic> cut = linter.lint(doc, past).diagnostics;
  REQUIRE(cut.size() == 1);
  CHECK(cut[0].rule_id == "sayso.time-limit");
  CHECK(cut[0].severity == Severity::Info);
  CHECK(cut[0].begin == doc.sections.front().heading_begin);
  CHECK_THAT(cut[0].message, Catch::Contains("some findings may be missing"));

  // Even a suppression of every rule keeps it: the findings are incomplete whatever they were.
  const Document suppressed = load(std::string("<!-- sayso-disable -->\n") + kJargon);
  CHECK(count_rule(linter.lint(suppressed, past).diagnostics, "sayso.time-limit") == 1);

  // lint_time_budget_ms: 0 means no limit at all.
  Config unlimited;
  unlimited.lint_time_budget_ms = 0;
  CHECK(Linter(test_rules(), unlimited).lint(doc).diagnostics.size() == complete.size());
}

TEST_CASE("the spelling check stops part-way once the deadline has passed", "[limits][spelling]") {
  // Spelling is the one slow check (about 1 ms for each unknown word: 80,000 of them took 76 s),
  // so it asks the deadline as it goes instead of only before it starts.
  const Rule* spelling = nullptr;
  for (const Rule& rule : shipped_rules().rules)
    if (rule.id == "spelling.unknown-word") spelling = &rule;
  REQUIRE(spelling != nullptr);
  const Document doc =
      load_document("aims.md", "# Aims\n\nWe will studdy the recieved data. Then we analise it.\n",
                    shipped_rules().sections, LoadOptions{})
          .doc;
  std::vector<std::size_t> sections(doc.sections.size());
  std::iota(sections.begin(), sections.end(), 0);
  const std::vector<PhraseMatch> no_matches;
  const std::vector<Suppression> no_suppressions;

  const CheckContext open_ended{doc, *spelling, no_matches, sections, false, no_suppressions};
  std::vector<Diagnostic> found;
  spelling->check->check(open_ended, found);
  CHECK(found.size() == 3);

  const auto future = LintClock::now() + std::chrono::hours(1);
  const CheckContext in_time{doc,     *spelling, no_matches, sections, false, no_suppressions,
                             nullptr, nullptr,   nullptr,    &future};
  found.clear();
  spelling->check->check(in_time, found);
  CHECK(found.size() == 3);

  const auto past = LintClock::now() - std::chrono::seconds(1);
  const CheckContext too_late{doc,     *spelling, no_matches, sections, false, no_suppressions,
                              nullptr, nullptr,   nullptr,    &past};
  found.clear();
  spelling->check->check(too_late, found);
  CHECK(found.empty());
}

TEST_CASE("a rule regex that compiles to a big program is refused with file:line",
          "[limits][rules]") {
  try {
    load_rules(std::string(SAYSO_TEST_DATA_DIR) + "/bad-rules/huge-regex", Config{});
    FAIL("the huge regex was accepted");
  } catch (const RuleError& e) {
    CHECK_THAT(e.what(), Catch::Contains("r.yml:13: rule p.huge: 'regex' compiles to") &&
                             Catch::Contains("the limit is 5000"));
  }
}

TEST_CASE("a config that extends a device is refused, not read forever", "[limits][config]") {
  ScratchFolder folder("device");
  CHECK_THROWS_WITH(load_config_file(folder.write("endless.yml", "extends: /dev/zero\n")),
                    Catch::Contains("/dev/zero: not a regular file"));
}
