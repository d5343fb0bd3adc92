// Hostile and degenerate inputs go through load_document and a lint with the real rules in time
// linear in their size: each must finish, and its time per byte must stay within 10x that of a
// normal application of about the same size, measured in the same process (a ratio, so it holds
// on slow machines and under sanitizers). Only a case over 2 s can fail, to keep noise out.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "core/config.h"
#include "engine/linter.h"
#include "engine/ruleset.h"
#include "formats/format.h"

using namespace sayso;

namespace {

constexpr double kMaxSlowdown = 10.0;
constexpr double kNoiseFloorSeconds = 2.0;
constexpr std::size_t kOneMegabyte = std::size_t{1} << 20;

struct RealRules {
  Config config;
  RuleSet rules;
  std::unique_ptr<Linter> linter;
  RealRules() {
    config.lint_time_budget_ms = 0;  // these cases must finish, however slow the machine
    rules = load_rules(SAYSO_SOURCE_RULES_DIR, config);
    linter = std::make_unique<Linter>(rules, config);
  }
};

RealRules& real_rules() {
  static RealRules loaded;
  return loaded;
}

struct Timing {
  double seconds = 0;
  std::size_t bytes = 0;
  std::size_t findings = 0;
  double per_byte() const { return seconds / static_cast<double>(bytes); }
};

Timing time_lint(const std::string& path, const std::string& text) {
  RealRules& real = real_rules();
  const auto start = std::chrono::steady_clock::now();
  LoadOptions options;
  LoadResult loaded = load_document(path, text, real.rules.sections, options);
  REQUIRE(loaded.ok);
  loaded.doc.rebuild_index();
  const LintResult result = real.linter->lint(loaded.doc);
  const auto stop = std::chrono::steady_clock::now();
  for (const Diagnostic& d : result.diagnostics) {
    REQUIRE(d.rule_id != "sayso.time-limit");
    REQUIRE(d.end <= loaded.doc.source.bytes.size());
  }
  return {std::chrono::duration<double>(stop - start).count(), text.size(),
          result.diagnostics.size()};
}

std::string repeat_to(const std::string& unit, std::size_t size) {
  std::string out;
  out.reserve(size + unit.size());
  while (out.size() < size) out += unit;
  return out;
}

// A real application from corpus/, repeated to about the size of the case it is compared with.
const Timing& normal_document(std::size_t size) {
  static std::map<std::size_t, Timing> measured;
  auto found = measured.find(size);
  if (found != measured.end()) return found->second;
  std::ifstream in(std::string(SAYSO_CORPUS_DIR) +
                   "/applications/weak-copd-telemonitoring-application.md");
  std::stringstream buffer;
  buffer << in.rdbuf();
  REQUIRE(!buffer.str().empty());
  const std::string text = repeat_to(buffer.str() + "\n", size);
  time_lint("normal.md", text);  // warms the spelling caches and ICU's data
  return measured.emplace(size, time_lint("normal.md", text)).first->second;
}

void check_linear(const std::string& path, const std::string& text) {
  const Timing& normal = normal_document(text.size());
  const Timing hostile = time_lint(path, text);
  INFO(path << ": " << hostile.bytes << " bytes in " << hostile.seconds << " s ("
            << hostile.findings << " findings); a normal document of " << normal.bytes
            << " bytes took " << normal.seconds << " s");
  const double slowdown = hostile.per_byte() / normal.per_byte();
  CHECK((slowdown <= kMaxSlowdown || hostile.seconds <= kNoiseFloorSeconds));
}

}  // namespace

TEST_CASE("100 KB of '*' lints in linear time", "[pathological]") {
  check_linear("stars.md", std::string(100 * 1024, '*'));
  check_linear("stars.txt", std::string(100 * 1024, '*'));
}

TEST_CASE("10,000 headings lint in linear time", "[pathological]") {
  std::string text;
  const char* const titles[] = {"Plain English summary", "Methods",
                                "Patient and public involvement", "Background", "Something else"};
  for (int i = 0; i < 10000; ++i)
    text += std::string(1 + i % 6, '#') + " " + titles[i % 5] + "\n\nWe will utilise PPI.\n\n";
  check_linear("headings.md", text);
  std::string plain;
  for (int i = 0; i < 10000; ++i)
    plain += std::string(titles[i % 5]) + ":\n\nWe will utilise PPI.\n\n";
  check_linear("headings.txt", plain);
}

TEST_CASE("deeply nested lists and quotes lint in linear time", "[pathological]") {
  std::string quotes = repeat_to("> ", 20000) + "We will utilise a cohort.\n";
  for (int i = 0; i < 2000; ++i)
    quotes += std::string(static_cast<std::size_t>(i % 300), '>') + " PPI will be sought.\n";
  check_linear("quotes.md", quotes);
  std::string lists;
  for (int depth = 0; depth < 3000; ++depth)
    lists += std::string(static_cast<std::size_t>(depth % 1000) * 2, ' ') +
             (depth % 2 ? "- " : "1. ") + "item that will utilise a cohort\n";
  check_linear("lists.md", lists);
  check_linear("mixed.md", repeat_to("- > 1. > - ", 100 * 1024) + "text\n");
}

TEST_CASE("1 MB with no spaces lints in linear time", "[pathological]") {
  check_linear("nospace.md", repeat_to("utilise,PPI.cohort-facilitate;(NHS)", kOneMegabyte));
  check_linear("oneword.txt", std::string(kOneMegabyte, 'a'));
}

TEST_CASE("1 MB of a phrase every rule matches lints in linear time", "[pathological]") {
  const std::string phrase =
      "PPI will be sought where possible and patients were consulted, so we will utilise a cohort "
      "of "
      "NHS service users in order to facilitate co-production. ";
  const std::string half = repeat_to(phrase, kOneMegabyte / 2);
  check_linear("phrase.md", "# Plain English summary\n\n" + half +
                                "\n\n# Patient and public involvement\n\n" + half);
}

TEST_CASE("a 1 MB single sentence lints in linear time", "[pathological]") {
  check_linear(
      "sentence.md",
      "# Plain English summary\n\n" +
          repeat_to("data will be collected and we will utilise the cohort and ", kOneMegabyte) +
          ".\n");
}

TEST_CASE("thousands of subheadings in one section lint in linear time", "[pathological]") {
  // Checks judge a section with its subsections of the same kind: one unit of 20,000 parts.
  std::string plan = "# Patient and public involvement\n\n";
  for (int i = 0; i < 20000; ++i)
    plan += "## Part " + std::to_string(i) + "\n\nWe will pay carers. PPI will be sought.\n\n";
  check_linear("plan.md", plan);
  std::string summary = "# Plain English summary\n\n";
  for (int i = 0; i < 20000; ++i)
    summary += std::string(static_cast<std::size_t>(2 + i % 5), '#') + " Why\n\nWe test.\n\n";
  check_linear("summary.md", summary);
}
