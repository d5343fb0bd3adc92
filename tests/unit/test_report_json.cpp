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

TEST_CASE("the streamed JSON report writes a path's bytes that are not UTF-8 as hex escapes",
          "[report]") {
  FileOutcome outcome;
  outcome.path = "bad\xFF\xC3(.md";
  outcome.error = "no such file";
  const std::string json = streamed({outcome});
  CHECK(json.find("\"bad\\\\xFF\\\\xC3(.md\"") != std::string::npos);
  CHECK(nlohmann::json::parse(json)["files"][0]["path"] == "bad\\xFF\\xC3(.md");
  CHECK(nlohmann::json::parse(json)["files"][0]["status"] == "error");
}

TEST_CASE("JsonWriter writes what nlohmann's dump() and dump(2) write", "[report]") {
  // Keys in sorted order, as nlohmann's std::map-backed objects hold them.
  const nlohmann::json tree = {
      {"a", "plain"},
      {"b", "quote \" backslash \\ controls \b\f\n\r\t\x01 unicode \xC3\xA9\xF0\x9F\x98\x80"},
      {"c", nlohmann::json::array()},
      {"d", nlohmann::json::object()},
      {"e", {{"n", 42}}},
      {"z", nullptr},
  };
  auto write = [](JsonWriter& w) {
    w.begin_object();
    w.key("a");
    w.value("plain");
    w.key("b");
    w.value("quote \" backslash \\ controls \b\f\n\r\t\x01 unicode \xC3\xA9\xF0\x9F\x98\x80");
    w.key("c");
    w.begin_array();
    w.end_array();
    w.key("d");
    w.begin_object();
    w.end_object();
    w.key("e");
    w.counts({{"n", 42}});
    w.key("z");  // a key after a nested object
    w.null();
    w.end_object();
  };
  const nlohmann::json& expected = tree;

  std::string compact;
  {
    JsonWriter w(compact, JsonWriter::Layout::compact);
    write(w);
  }
  CHECK(compact == expected.dump());

  std::ostringstream sink;
  {
    JsonWriter w(sink, JsonWriter::Layout::indented);
    write(w);
  }
  CHECK(sink.str() == expected.dump(2));

  std::string invalid;
  {
    JsonWriter w(invalid, JsonWriter::Layout::compact);
    w.strings({"ok \xFF bad \xED\xA0\x80 surrogate"});
  }
  CHECK(invalid == nlohmann::json::array({"ok \xFF bad \xED\xA0\x80 surrogate"})
                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}
