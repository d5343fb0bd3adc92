// Input that once brought the language server down or was silently lost: JSON nested tens of
// thousands deep, lone UTF-16 surrogate escapes, NUL characters in a document. And the JSON
// nesting limit shared with the batch and web fronts.
#include <catch2/catch.hpp>

#include "batch/form_rows.h"
#include "core/json_limits.h"
#include "core/user_json.h"
#include "lsp/jsonrpc.h"
#include "lsp/server.h"
#include "test_lsp_client.h"
#include "web/api_error.h"
#include "web/check_service.h"

using sayso::lsp::json;
using namespace sayso::lsp_test;

namespace {

std::string nested_objects(std::size_t depth) {
  std::string text;
  for (std::size_t i = 0; i < depth; ++i) text += "{\"a\":";
  text += "1";
  text += std::string(depth, '}');
  return text;
}

}  // namespace

TEST_CASE("json limits: nesting is counted outside strings", "[lsp][json-limits]") {
  using sayso::json_nesting_depth;
  using sayso::json_nesting_problem;
  CHECK(json_nesting_depth("") == 0);
  CHECK(json_nesting_depth("1") == 0);
  CHECK(json_nesting_depth("[[1], {\"a\": [2]}]") == 3);
  CHECK(json_nesting_depth(R"({"text": "[[[[{{{{"})") == 1);
  CHECK(json_nesting_depth(R"({"text": "a \"[[[ quoted", "b": [1]})") == 2);
  CHECK(json_nesting_depth(R"(["\\", [1]])") == 2);  // an escaped backslash ends the string
  CHECK(json_nesting_depth("]]]][") == 1);
  CHECK(json_nesting_depth(std::string(100000, '['), 512) == 513);  // stops early
  CHECK(!json_nesting_problem(nested_objects(512)));
  REQUIRE(json_nesting_problem(nested_objects(513)));
  CHECK(*json_nesting_problem(nested_objects(513)) == "JSON nested more than 512 levels deep");
}

TEST_CASE("lsp: a message nested 100000 deep is refused and the server carries on",
          "[lsp][hostile]") {
  const std::string deep_object = nested_objects(100000);
  const std::string deep_array = std::string(100000, '[') + std::string(100000, ']');
  const Session s =
      Client()
          .initialize()
          .raw(R"({"jsonrpc":"2.0","method":"$/x","params":)" + deep_object + "}")
          .raw(R"({"jsonrpc":"2.0","id":99,"method":"foo/x","params":{"a":)" + deep_array + "}}")
          .raw(deep_array)
          .request(5, "shutdown")
          .notify("exit")
          .run();
  INFO(s.log);
  CHECK(s.exit_code == 0);
  REQUIRE(s.response(99) != nullptr);
  CHECK((*s.response(99))["error"]["code"] == -32600);
  CHECK((*s.response(99))["error"]["message"] ==
        "Message not read: JSON nested more than 512 levels deep");
  std::size_t refused_without_id = 0;
  for (const json& m : s.messages)
    if (m.contains("error") && m["id"].is_null()) ++refused_without_id;
  CHECK(refused_without_id == 2);
  CHECK(result_of(s, 5).is_null());
}

TEST_CASE("lsp: lone surrogate escapes are read as U+FFFD", "[lsp][hostile]") {
  using sayso::with_lone_surrogates_replaced;
  CHECK(with_lone_surrogates_replaced(R"({"t":"a\ud800b"})") == R"({"t":"a\uFFFDb"})");
  CHECK(with_lone_surrogates_replaced(R"({"t":"\uDC00\ud83d"})") == R"({"t":"\uFFFD\uFFFD"})");
  // A pair, an escaped backslash before "u", and other escapes stay as written.
  CHECK(with_lone_surrogates_replaced(R"({"t":"\ud83d\ude00 \\ud800 \u00e9 \""})") ==
        R"({"t":"\ud83d\ude00 \\ud800 \u00e9 \""})");

  const std::string uri = kFolder + "surrogate.md";
  const std::string open =
      R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":")" +
      uri +
      R"(","languageId":"markdown","version":1,"text":"We will utilise \ud800 the data.\n"}}})";
  const Session s = Client().initialize().raw(open).hover(1, uri, 0, 10).shutdown_and_exit().run();
  INFO(s.log);
  const json published = s.diagnostics(uri);
  REQUIRE(published.is_object());
  bool wordy = false;
  for (const json& d : published["diagnostics"])
    wordy = wordy || d["code"] == "plain-english.wordy-words";
  CHECK(wordy);
  CHECK(s.response(1) != nullptr);
  CHECK(!s.response(1)->contains("error"));
}

TEST_CASE("lsp: a NUL in a document is read as a space, and a document that cannot be read says so",
          "[lsp][hostile]") {
  const std::string uri = kFolder + "nul.md";
  const std::string text = std::string("We will utilise the data.\0 More text.\n", 39);
  REQUIRE(text.find('\0') != std::string::npos);
  const Session s = Client().initialize().open(uri, text).shutdown_and_exit().run();
  INFO(s.log);
  const json published = s.diagnostics(uri);
  REQUIRE(published.is_object());
  bool wordy = false;
  for (const json& d : published["diagnostics"])
    if (d["code"] == "plain-english.wordy-words") {
      wordy = true;
      CHECK(d["range"] == range(0, 8, 0, 15));
    }
  CHECK(wordy);

  // Mostly control bytes: not text, and the editor is told rather than shown a clean document.
  const std::string binary(200, '\x01');
  const Session b = Client().initialize().open(uri, binary).shutdown_and_exit().run();
  const json not_read = b.diagnostics(uri);
  REQUIRE(not_read["diagnostics"].size() == 1);
  CHECK(not_read["diagnostics"][0]["code"] == "sayso.not-checked");
  CHECK(not_read["diagnostics"][0]["message"].get<std::string>().find("binary file") !=
        std::string::npos);
  CHECK(not_read["diagnostics"][0]["range"] == range(0, 0, 0, 0));
}

TEST_CASE("json limits: the web API and batch JSON Lines refuse deep nesting with a message",
          "[lsp][json-limits]") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  try {
    sayso::web::parse_check_request(R"({"text": "Hello", "kind": )" + deep + "}");
    FAIL("a deeply nested request body was accepted");
  } catch (const sayso::web::ApiError& e) {
    CHECK(e.status() == 400);
    CHECK(std::string(e.what()).find("nested more than 512 levels") != std::string::npos);
  }
  const sayso::FormRow row =
      sayso::jsonl_form_row(R"({"id": "a", "text": )" + deep + "}", nullptr, 3, "stdin:3");
  CHECK(row.error == "line is not read: JSON nested more than 512 levels deep");
  CHECK(row.row == std::size_t{3});
}
