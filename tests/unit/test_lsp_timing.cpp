// The language server in real time, over pipes: debounced lints, stale work dropped when a newer
// edit arrives, $/cancelRequest, and rule files that change (and break) while it runs. Bad input
// of every kind: an error reply where there is a request, a log line, and the server serves on.
#include <catch2/catch.hpp>

#include "test_lsp_client.h"

using sayso::lsp::json;
using namespace sayso::lsp_test;

namespace {

json initialize(json capabilities = json::object(), json extra = json::object()) {
  return message(0, "initialize", initialize_params(std::move(capabilities), std::move(extra)));
}

bool is_publish(const json& m, const std::string& uri) {
  return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri;
}

std::size_t count_code(const json& diagnostics, std::string_view prefix) {
  std::size_t n = 0;
  for (const json& d : diagnostics)
    if (d["code"].get<std::string>().rfind(prefix, 0) == 0) ++n;
  return n;
}

}  // namespace

TEST_CASE("lsp: edits are linted after the debounce, stale ones dropped", "[lsp][timing]") {
  PipeSession server(/*debounce_ms=*/120);
  const std::string uri = kFolder + "summary.md";
  server.send_all({initialize(), message(nullptr, "initialized", json::object()),
                   message(nullptr, "textDocument/didOpen",
                           open_params(uri, "We will use the data.", 1, "markdown"))});
  REQUIRE_FALSE(server.wait_for_response(0).is_null());
  const json opened = server.wait_for([&](const json& m) { return is_publish(m, uri); });
  REQUIRE_FALSE(opened.is_null());
  CHECK(opened["params"]["version"] == 1);  // no debounce on open

  // Two edits 30 ms apart: only the second is linted, a debounce after it.
  server.send(message(nullptr, "textDocument/didChange",
                      change_params(uri, 2, json::array({range_change(0, 8, 0, 11, "utilise")}))));
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  const auto last_edit = std::chrono::steady_clock::now();
  server.send(message(nullptr, "textDocument/didChange",
                      change_params(uri, 3, json::array({range_change(0, 0, 0, 0, "So ")}))));
  const json published = server.wait_for([&](const json& m) { return is_publish(m, uri); });
  const auto waited = std::chrono::steady_clock::now() - last_edit;
  REQUIRE_FALSE(published.is_null());
  CHECK(published["params"]["version"] == 3);
  CHECK(waited >= std::chrono::milliseconds(100));
  CHECK(count_code(published["params"]["diagnostics"], "plain-english.wordy-words") == 1);

  // A request on a document with a pending lint lints it first.
  server.send_all({message(nullptr, "textDocument/didChange",
                           change_params(uri, 4, json::array({{{"text", "We will use it."}}}))),
                   message(7, "textDocument/diagnostic", document_params(uri))});
  const json pulled = server.wait_for_response(7);
  REQUIRE_FALSE(pulled.is_null());
  CHECK(count_code(pulled["result"]["items"], "plain-english.wordy-words") == 0);

  server.send_all({message("bye", "shutdown", nullptr), message(nullptr, "exit", nullptr)});
  std::string log;
  CHECK(server.finish(&log) == 0);
  for (const json& m : server.seen())
    if (is_publish(m, uri)) CHECK(m["params"]["version"] != 2);  // the stale edit was dropped
}

TEST_CASE("lsp: initializationOptions.debounceMs sets the debounce", "[lsp][timing]") {
  PipeSession server(/*debounce_ms=*/2000);
  const std::string uri = kFolder + "summary.md";
  server.send_all(
      {initialize(json::object(), {{"initializationOptions", {{"debounceMs", 0}}}}),
       message(nullptr, "initialized", json::object()),
       message(nullptr, "textDocument/didOpen", open_params(uri, "Hello.", 1, "markdown"))});
  REQUIRE_FALSE(server.wait_for([&](const json& m) { return is_publish(m, uri); }).is_null());
  const auto start = std::chrono::steady_clock::now();
  server.send(message(nullptr, "textDocument/didChange",
                      change_params(uri, 2, json::array({{{"text", "We will utilise it."}}}))));
  REQUIRE_FALSE(server.wait_for([&](const json& m) { return is_publish(m, uri); }).is_null());
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(1500));
  server.send_all({message("bye", "shutdown", nullptr), message(nullptr, "exit", nullptr)});
  CHECK(server.finish() == 0);
}

TEST_CASE("lsp: a cancelled request gets RequestCancelled", "[lsp][timing]") {
  PipeSession server(/*debounce_ms=*/0);
  server.send_all({initialize(), message(nullptr, "initialized", json::object())});
  REQUIRE_FALSE(server.wait_for_response(0).is_null());
  // The request and its cancellation arrive together: the request is never served.
  server.send_all(
      {message(5, "workspace/executeCommand",
               {{"command", "sayso.explainRule"}, {"arguments", {"involvement.vague-plans"}}}),
       message(nullptr, "$/cancelRequest", {{"id", 5}}),
       message(6, "workspace/executeCommand",
               {{"command", "sayso.explainRule"}, {"arguments", {"involvement.vague-plans"}}}),
       message(nullptr, "$/cancelRequest", {{"id", "not-waiting"}})});
  const json cancelled = server.wait_for_response(5);
  REQUIRE_FALSE(cancelled.is_null());
  CHECK(cancelled["error"]["code"] == -32800);
  const json served = server.wait_for_response(6);
  REQUIRE_FALSE(served.is_null());
  CHECK(served["result"].is_string());
  server.send_all({message("bye", "shutdown", nullptr), message(nullptr, "exit", nullptr)});
  CHECK(server.finish() == 0);
}

TEST_CASE("lsp: a broken rule file keeps the last good rules and is shown",
          "[lsp][timing][config]") {
  TempFolder folder("broken-rules");
  folder.write(".sayso.yml", "packs: [local]\n");
  folder.write("local/pack.yml",
               "name: local\nversion: 0.1.0\nlicence: CC-BY-4.0\nmaintainers: [tests]\n"
               "description: Test pack.\n");
  const std::string good_rules =
      "rules:\n"
      "  - id: local.zorblat\n"
      "    kind: existence\n"
      "    category: style\n"
      "    severity: warning\n"
      "    phrases: [zorblat]\n"
      "    message: \"Avoid '{match}'.\"\n"
      "    explanation: A test rule.\n"
      "    sources: [tests]\n"
      "    examples: {flag: [\"a zorblat\", \"two zorblat\"], pass: [\"a cat\", \"a dog\"]}\n"
      "    written_with: [tests]\n"
      "    reviewed_by: [tests]\n"
      "    status: draft\n"
      "    decisions: [for tests]\n";
  folder.write("local/rules.yml", good_rules);
  const std::string uri = folder.uri("summary.md");
  PipeSession server(/*debounce_ms=*/0);
  server.send_all({initialize(json::object(), {{"rootUri", folder.uri()}}),
                   message(nullptr, "initialized", json::object()),
                   message(nullptr, "textDocument/didOpen",
                           open_params(uri, "A zorblat is here.\n", 1, "markdown"))});
  const json first = server.wait_for([&](const json& m) { return is_publish(m, uri); });
  REQUIRE_FALSE(first.is_null());
  std::string shown_before;
  for (const json& m : server.seen())
    if (m.value("method", "") == "window/showMessage") shown_before += m.dump() + "\n";
  INFO(shown_before << first.dump(2));
  REQUIRE(count_code(first["params"]["diagnostics"], "local.zorblat") == 1);

  // Break the rule file (an unknown severity on line 5), tell the server, then fix it again.
  std::string broken = good_rules;
  broken.replace(broken.find("severity: warning"), 17, "severity: loud");
  folder.write("local/rules.yml", broken);
  const json changed = {{"changes", {{{"uri", folder.uri("local/rules.yml")}, {"type", 2}}}}};
  server.send(message(nullptr, "workspace/didChangeWatchedFiles", changed));
  const json shown = server.wait_for_method("window/showMessage");
  REQUIRE_FALSE(shown.is_null());
  CHECK(shown["params"]["type"] == 1);
  CHECK(shown["params"]["message"].get<std::string>().find("rules.yml") != std::string::npos);
  const json problem =
      server.wait_for([&](const json& m) { return is_publish(m, folder.uri("local/rules.yml")); });
  REQUIRE_FALSE(problem.is_null());
  INFO(problem.dump(2));
  REQUIRE(problem["params"]["diagnostics"].size() == 1);
  const int line = problem["params"]["diagnostics"][0]["range"]["start"]["line"];
  CHECK((line == 1 || line == 4));  // the rule's line or its severity's
  // The document, linted with the last good rules, has the same findings (so none are sent
  // again); an edit shows the rule still applies.
  server.send(
      message(nullptr, "textDocument/didChange",
              change_params(uri, 2, json::array({{{"text", "A zorblat is here now.\n"}}}))));
  const json relinted = server.wait_for([&](const json& m) { return is_publish(m, uri); });
  REQUIRE_FALSE(relinted.is_null());
  CHECK(relinted["params"]["version"] == 2);
  CHECK(count_code(relinted["params"]["diagnostics"], "local.zorblat") == 1);  // last good rules

  folder.write("local/rules.yml", good_rules);
  server.send(message(nullptr, "workspace/didChangeWatchedFiles", changed));
  const json cleared =
      server.wait_for([&](const json& m) { return is_publish(m, folder.uri("local/rules.yml")); });
  REQUIRE_FALSE(cleared.is_null());
  CHECK(cleared["params"]["diagnostics"].empty());
  server.send_all({message("bye", "shutdown", nullptr), message(nullptr, "exit", nullptr)});
  CHECK(server.finish() == 0);
}

TEST_CASE("lsp: a deleted .sayso.yml leaves no last good settings behind",
          "[lsp][timing][config]") {
  // Emacs review: after .sayso.yml was deleted, a broken one saved later brought the deleted
  // file's rules back ("last good") and its old error with them.
  TempFolder folder("deleted-settings");
  folder.write(".sayso.yml", "rules:\n  plain-english.wordy-words: off\n");
  const std::string uri = folder.uri("summary.md");
  const std::string settings = folder.uri(".sayso.yml");
  PipeSession server(/*debounce_ms=*/0);
  server.send_all({initialize(json::object(), {{"rootUri", folder.uri()}}),
                   message(nullptr, "initialized", json::object()),
                   message(nullptr, "textDocument/didOpen",
                           open_params(uri, "We will utilise it.\n", 1, "markdown"))});
  const json first = server.wait_for([&](const json& m) { return is_publish(m, uri); });
  REQUIRE_FALSE(first.is_null());
  CHECK(count_code(first["params"]["diagnostics"], "plain-english.wordy-words") == 0);

  const auto watched = [&](int type) {
    return message(nullptr, "workspace/didChangeWatchedFiles",
                   {{"changes", {{{"uri", settings}, {"type", type}}}}});
  };
  std::filesystem::remove(folder.path() / ".sayso.yml");
  server.send(watched(3));
  const json without = server.wait_for([&](const json& m) { return is_publish(m, uri); });
  REQUIRE_FALSE(without.is_null());
  CHECK(count_code(without["params"]["diagnostics"], "plain-english.wordy-words") == 1);

  folder.write(".sayso.yml", "rules: [unclosed\n");
  server.send(watched(1));
  const json shown = server.wait_for_method("window/showMessage");
  REQUIRE_FALSE(shown.is_null());
  // The findings are those of no settings file (unchanged, so not sent again); an edit shows it.
  server.send(
      message(nullptr, "textDocument/didChange",
              change_params(uri, 2, json::array({{{"text", "We will utilise it now.\n"}}}))));
  const json after = server.wait_for([&](const json& m) { return is_publish(m, uri); });
  REQUIRE_FALSE(after.is_null());
  CHECK(count_code(after["params"]["diagnostics"], "plain-english.wordy-words") == 1);
  server.send_all({message("bye", "shutdown", nullptr), message(nullptr, "exit", nullptr)});
  CHECK(server.finish() == 0);
}

TEST_CASE("lsp bad input: an oversized message is answered, logged and skipped",
          "[lsp][robustness]") {
  const std::string big(600, 'x');
  const Session s = Client()
                        .initialize()
                        .request(1, "textDocument/hover", {{"padding", big}})
                        .notify("textDocument/didOpen", {{"padding", big}})
                        .request(2, "shutdown")
                        .notify("exit")
                        .run(/*max_message_bytes=*/400);
  CHECK(error_code(s, 1) == -32600);
  CHECK(s.logged("over the limit"));
  CHECK(s.logged("could not be read"));
  REQUIRE(s.response(2) != nullptr);
  CHECK(s.exit_code == 0);
}

TEST_CASE("lsp bad input: a document lost in an unreadable message is dropped and named",
          "[lsp][robustness]") {
  const std::string uri = kFolder + "summary.md";
  const Session s = Client()
                        .initialize()
                        .open(uri, "We will utilise it.\n")
                        .change(uri, 2, json::array({{{"text", std::string(600, 'x')}}}))
                        .request(2, "shutdown")
                        .notify("exit")
                        .run(/*max_message_bytes=*/400);
  const auto shown = s.notifications("window/showMessage");
  REQUIRE(shown.size() == 1);
  CHECK_THAT(shown[0]["message"].get<std::string>(),
             Catch::Contains("stopped checking summary.md") && Catch::Contains("reopen"));
  CHECK(s.diagnostics(uri)["diagnostics"]
            .empty());  // its old findings would point at text it no longer has
  REQUIRE(s.response(2) != nullptr);
}

TEST_CASE("lsp bad input: each kind is logged and the server serves on", "[lsp][robustness]") {
  const std::string uri = kFolder + "summary.md";
  struct Case {
    std::string name;
    Client client;
    std::string log_says;
    int code;  // of the reply to request 1 (0: no request)
  };
  std::vector<Case> cases;
  cases.push_back({"request before initialize", Client().hover(1, uri, 0, 0).initialize(),
                   "before initialize", -32002});
  cases.push_back(
      {"invalid JSON", Client().initialize().raw("{\"id\": 1, oops"), "Parse error", -32700});
  cases.push_back({"wrong parameter types",
                   Client().initialize().request(
                       1, "textDocument/hover",
                       {{"textDocument", {{"uri", uri}}}, {"position", {{"line", "two"}}}}),
                   "must be", -32602});
  cases.push_back(
      {"didChange for an unknown document",
       Client().initialize().change(kFolder + "never.md", 2, json::array({{{"text", "x"}}})),
       "not open", 0});
  cases.push_back({"out-of-range edit positions",
                   Client()
                       .initialize()
                       .open(uri, "We will use it.")
                       .change(uri, 2, json::array({range_change(9, 0, 12, 4, " The end.")})),
                   "outside the document", 0});
  for (Case& c : cases) {
    INFO(c.name);
    const std::string after = kFolder + "after.md";
    const Session s = c.client.open(after, "We will utilise it.")
                          .hover("still", after, 0, 9)
                          .shutdown_and_exit()
                          .run();
    INFO(s.log);
    CHECK(s.logged(c.log_says));
    if (c.code != 0) {
      // Invalid JSON cannot be matched to its request: the reply has a null id.
      const json* reply = c.code == -32700 ? &s.messages[1] : s.response(1);
      REQUIRE(reply != nullptr);
      CHECK((*reply)["error"]["code"] == c.code);
    }
    // Served on: the next document is linted and hovered.
    const json* hover = s.response("still");
    REQUIRE(hover != nullptr);
    CHECK((*hover)["result"].is_object());
    CHECK(s.exit_code == 0);
  }
}

TEST_CASE("lsp bad input: out-of-range edits clamp to the end of the document",
          "[lsp][robustness]") {
  const std::string uri = kFolder + "summary.md";
  const Session s =
      Client()
          .initialize()
          .open(uri, "We will use it.")
          .change(uri, 2, json::array({range_change(9, 0, 12, 4, " We will utilise it.")}))
          .hover(1, uri, 0, 25)
          .shutdown_and_exit()
          .run();
  const json* hover = s.response(1);
  REQUIRE(hover != nullptr);
  INFO(hover->dump(2));
  CHECK((*hover)["result"]["range"] == range(0, 24, 0, 31));
}

TEST_CASE("lsp: a change to a team's .sayso.yml above the workspace applies at the next edit",
          "[lsp][config]") {
  // The editor watches .sayso.yml files in the workspace only; the team's file is one folder up.
  TempFolder team("team-config");
  team.write(".sayso.yml", "rules:\n  plain-english.passive-voice: off\n");
  team.write("project/.sayso.yml", "words: [telecare]\n");
  const std::string uri = team.uri("project/summary.md");
  PipeSession server(/*debounce_ms=*/0);
  server.send_all({initialize(json::object(), {{"rootUri", team.uri("project")}}),
                   message(nullptr, "initialized", json::object()),
                   message(nullptr, "textDocument/didOpen",
                           open_params(uri, "We will utilise it.", 1, "markdown"))});
  const json before = server.wait_for([&](const json& m) { return is_publish(m, uri); });
  REQUIRE_FALSE(before.is_null());
  CHECK(count_code(before["params"]["diagnostics"], "plain-english.wordy-words") == 1);

  team.write(".sayso.yml", "rules:\n  plain-english.wordy-words: off\n");
  // A time the file system tells apart from the first write's, however coarse its clock.
  const auto path = team.path() / ".sayso.yml";
  std::filesystem::last_write_time(
      path, std::filesystem::last_write_time(path) + std::chrono::seconds(2));
  server.send(message(nullptr, "textDocument/didChange",
                      change_params(uri, 2, json::array({range_change(0, 0, 0, 0, "So ")}))));
  const json after = server.wait_for(
      [&](const json& m) { return is_publish(m, uri) && m["params"]["version"] == 2; });
  REQUIRE_FALSE(after.is_null());
  CHECK(count_code(after["params"]["diagnostics"], "plain-english.wordy-words") == 0);
  server.send_all({message("bye", "shutdown", nullptr), message(nullptr, "exit", nullptr)});
  CHECK(server.finish() == 0);
}
