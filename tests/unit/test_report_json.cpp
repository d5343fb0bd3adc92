#include <catch2/catch.hpp>

#include <sstream>

#include "report/json.h"
#include "test_helpers.h"

using namespace sayso;

namespace {

FileOutcome linted(const std::string& text, const std::string& path) {
  FileOutcome outcome;
  outcome.path = path;
  auto doc = std::make_shared<Document>(testing::load(text, path));
  outcome.diagnostics = testing::lint(*doc);
  outcome.doc = std::move(doc);
  outcome.ok = true;
  return outcome;
}

std::string streamed(const std::vector<FileOutcome>& outcomes) {
  std::ostringstream out;
  write_report_json(out, outcomes);
  return out.str();
}

}  // namespace

TEST_CASE("the streamed JSON report is the tree's dump(2), byte for byte", "[report]") {
  std::vector<FileOutcome> outcomes;
  outcomes.push_back(linted(
      "\xEF\xBB\xBF# Plain English summary\n\nWe will utilise a \"cohort\" of patients\\carers.\t"
      "Tabs\x01 and é😀 utilise.\r\nA second line, utilise.\n\n- item: utilise\n",
      "a/summary.md"));
  outcomes.push_back(linted("", "empty.txt"));
  outcomes.push_back(linted("No findings here at all.", "clean.txt"));
  FileOutcome missing;
  missing.path = "missing \"file\".md";
  missing.error = "no such file";
  outcomes.push_back(missing);
  REQUIRE(!outcomes[0].diagnostics.empty());
  CHECK(streamed(outcomes) == report_json(outcomes).dump(2));
  CHECK(streamed({}) == report_json({}).dump(2));
}

TEST_CASE("the streamed JSON report writes bytes that are not UTF-8 as U+FFFD", "[report]") {
  FileOutcome outcome;
  outcome.path = "bad\xFF\xC3(.md";
  outcome.error = "no such file";
  const std::string json = streamed({outcome});
  CHECK(json.find("\"bad\xEF\xBF\xBD\xEF\xBF\xBD(.md\"") != std::string::npos);
  CHECK(nlohmann::json::parse(json)["files"][0]["status"] == "error");
}
