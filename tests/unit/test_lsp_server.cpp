// The language server end to end over string streams: lifecycle, JSON-RPC errors, text sync,
// diagnostics and hover, with the project's real rules.
#include <algorithm>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>
#include <sstream>

#include "lsp/jsonrpc.h"
#include "lsp/lsp.h"
#include "lsp/transport.h"
#include "test_lsp_client.h"

using sayso::lsp::json;
using namespace sayso::lsp_test;

namespace {

int error_code(const json* reply) {
  REQUIRE(reply != nullptr);
  REQUIRE(reply->contains("error"));
  return (*reply)["error"]["code"].get<int>();
}

// The diagnostics in `published` with this exact range and a rule id starting with `prefix`.
std::vector<json> matching(const json& published, const json& where, std::string_view prefix) {
  std::vector<json> found;
  if (published.is_null()) return found;
  for (const json& d : published["diagnostics"])
    if (d["range"] == where && d["code"].get<std::string>().rfind(prefix, 0) == 0)
      found.push_back(d);
  return found;
}

bool has_category(const json& published, std::string_view category, std::string_view prefix) {
  if (published.is_null()) return false;
  for (const json& d : published["diagnostics"])
    if (d["data"]["category"] == category && d["code"].get<std::string>().rfind(prefix, 0) == 0)
      return true;
  return false;
}

// "Café 😀 中文: we will " is 20 UTF-16 units, 27 bytes, 19 code points long.
const std::string kUtiliseLine = "Café 😀 中文: we will utilise the data.";

}  // namespace

TEST_CASE("lsp: initialize announces the server's capabilities", "[lsp][server]") {
  const Session s = Client().initialize().shutdown_and_exit().run();
  const json* reply = s.response(0);
  REQUIRE(reply != nullptr);
  const json& caps = (*reply)["result"]["capabilities"];
  CHECK(caps["textDocumentSync"]["openClose"] == true);
  CHECK(caps["textDocumentSync"]["change"] == 2);
  CHECK(caps["hoverProvider"] == true);
  CHECK(caps["positionEncoding"] == "utf-16");
  CHECK((*reply)["result"]["serverInfo"]["name"] == "sayso");
  CHECK((*reply)["result"]["serverInfo"]["version"].is_string());
  const json* bye = s.response("bye");
  REQUIRE(bye != nullptr);
  CHECK((*bye)["result"].is_null());
  CHECK(s.exit_code == 0);
}

TEST_CASE("lsp: exit status depends on shutdown", "[lsp][server]") {
  CHECK(Client().initialize().notify("exit").run().exit_code == 1);
  CHECK(Client().initialize().run().exit_code == 1);  // input ends without exit
  CHECK(Client().initialize().request(1, "shutdown").run().exit_code == 0);
  CHECK(Client().run().exit_code == 1);
  // Messages after exit are not read.
  const Session s = Client().initialize().shutdown_and_exit().request(5, "shutdown").run();
  CHECK(s.response(5) == nullptr);
}

TEST_CASE("lsp: requests after shutdown are invalid", "[lsp][server]") {
  const Session s = Client()
                        .initialize()
                        .request(1, "shutdown")
                        .hover(2, kFolder + "a.md", 0, 0)
                        .notify("exit")
                        .run();
  CHECK(error_code(s.response(2)) == -32600);
  CHECK(s.exit_code == 0);
}

TEST_CASE("lsp: requests before initialize are refused", "[lsp][server]") {
  const std::string uri = kFolder + "summary.md";
  const Session s = Client()
                        .hover(1, uri, 0, 0)
                        .open(uri, kUtiliseLine)  // dropped: not initialized yet
                        .initialize()
                        .request(2, "initialize", {{"capabilities", json::object()}})
                        .shutdown_and_exit()
                        .run();
  CHECK(error_code(s.response(1)) == -32002);
  CHECK(error_code(s.response(2)) == -32600);  // a second initialize
  CHECK(s.notifications("textDocument/publishDiagnostics").empty());
  CHECK(s.exit_code == 0);
}

TEST_CASE("lsp: invalid JSON gets a parse error and the server keeps serving", "[lsp][server]") {
  const Session s = Client()
                        .initialize()
                        .raw("{this is not json")
                        .raw("[1,2]")
                        .request(7, "shutdown")
                        .notify("exit")
                        .run();
  REQUIRE(s.messages.size() >= 4);
  CHECK(s.messages[1]["error"]["code"] == -32700);
  CHECK(s.messages[1]["id"].is_null());
  CHECK(s.messages[2]["error"]["code"] == -32600);
  REQUIRE(s.response(7) != nullptr);
  CHECK(s.response(7)->contains("result"));
  CHECK(s.exit_code == 0);
}

TEST_CASE("lsp: unknown methods", "[lsp][server]") {
  const Session s = Client()
                        .initialize()
                        .request(3, "textDocument/definition")
                        .notify("workspace/didChangeConfiguration", {{"settings", nullptr}})
                        .notify("$/cancelRequest", {{"id", 3}})
                        .notify("no/such/notification")
                        .shutdown_and_exit()
                        .run();
  CHECK(error_code(s.response(3)) == -32601);
  // One reply each for initialize, the unknown request and shutdown; nothing for notifications.
  CHECK(s.messages.size() == 3);
}

TEST_CASE("lsp: wrong parameter types give InvalidParams", "[lsp][server]") {
  const std::string uri = kFolder + "summary.md";
  const Session s =
      Client()
          .request(1, "initialize", json::array())
          .initialize()
          .request(
              2, "textDocument/hover",
              {{"textDocument", {{"uri", uri}}}, {"position", {{"line", "x"}, {"character", 0}}}})
          .request(3, "textDocument/hover", {{"textDocument", {{"uri", 5}}}})
          .request(4, "textDocument/hover", "not an object")
          .request(
              5, "textDocument/hover",
              {{"textDocument", {{"uri", uri}}}, {"position", {{"line", -3}, {"character", 0}}}})
          .shutdown_and_exit()
          .run();
  CHECK(error_code(s.response(1)) == -32602);
  for (int id : {2, 3, 4, 5}) {
    INFO("request " << id);
    CHECK(error_code(s.response(id)) == -32602);
  }
  CHECK(s.exit_code == 0);
}

TEST_CASE("lsp: bad notifications are logged and ignored", "[lsp][server]") {
  const std::string uri = kFolder + "summary.md";
  const Session s =
      Client()
          .initialize()
          .change(kFolder + "never-opened.md", 2, json::array({{{"text", "x"}}}))
          .notify("textDocument/didOpen", nullptr)
          .notify("textDocument/didOpen", {{"textDocument", "x"}})
          .notify("textDocument/didOpen",
                  {{"textDocument", {{"uri", uri}, {"version", "1"}, {"text", "hi"}}}})
          .open(uri, "We will use it.")
          .change(uri, 2, "not a list")
          .change(uri, 3,
                  json::array({range_change(0, 0, 0, 0, "x"), {{"range", 1}, {"text", "y"}}}))
          .notify("textDocument/didChange",
                  {{"textDocument", {{"uri", uri}}}, {"contentChanges", json::array()}})
          .notify("textDocument/didClose", {{"textDocument", {{"uri", 9}}}})
          .hover(9, uri, 0, 0)
          .shutdown_and_exit()
          .run();
  CHECK(s.logged("not open"));
  // Only the valid didOpen published diagnostics; the malformed changes left it at version 1.
  const auto published = s.notifications("textDocument/publishDiagnostics");
  REQUIRE(published.size() == 1);
  CHECK(published[0]["version"] == 1);
  REQUIRE(s.response(9) != nullptr);
  CHECK(s.exit_code == 0);
}

TEST_CASE("lsp: after initialize the server's notes go to the client's log, not stderr",
          "[lsp][server]") {
  // Neovim files everything a server writes to stderr as [ERROR]; window/logMessage is the
  // channel LSP gives servers for their notes.
  const Session s = Client()
                        .request(1, "textDocument/hover", nullptr)
                        .initialize()
                        .change(kFolder + "never-opened.md", 2, json::array({{{"text", "x"}}}))
                        .shutdown_and_exit()
                        .run();
  CHECK(s.log.find("before initialize") != std::string::npos);
  CHECK(s.log.find("not open") == std::string::npos);
  const auto& notes = s.client_log;
  REQUIRE(notes.size() == 1);
  CHECK(notes[0]["type"] == 4);
  CHECK(notes[0]["message"].get<std::string>().find("never-opened.md") != std::string::npos);
  CHECK(notes[0]["message"].get<std::string>().rfind("sayso: ", 0) == 0);
}

TEST_CASE("lsp: a settings reload that changes nothing publishes nothing again",
          "[lsp][diagnostics]") {
  // Eglot sends didChangeConfiguration and answers workspace/configuration with the same
  // settings; each copy of a long document's findings cost it seconds.
  const std::string uri = kFolder + "summary.md";
  const Session s = Client()
                        .initialize()
                        .open(uri, "We will utilise it.")
                        .notify("workspace/didChangeConfiguration", {{"settings", json::object()}})
                        .notify("workspace/didChangeConfiguration", {{"settings", json::object()}})
                        .change(uri, 2, json::array({{{"text", "We will utilise it now."}}}))
                        .shutdown_and_exit()
                        .run();
  const auto published = s.notifications("textDocument/publishDiagnostics");
  REQUIRE(published.size() == 2);
  CHECK(published[0]["version"] == 1);
  CHECK(published[1]["version"] == 2);
}

TEST_CASE("lsp: diagnostics are published on open with exact UTF-16 ranges", "[lsp][diagnostics]") {
  const std::string uri = kFolder + "summary.md";
  const Session s = Client().initialize().open(uri, kUtiliseLine, 4).shutdown_and_exit().run();
  const json published = s.diagnostics(uri);
  REQUIRE_FALSE(published.is_null());
  CHECK(published["version"] == 4);
  const auto found = matching(published, range(0, 20, 0, 27), "plain-english.");
  INFO(published.dump(2));
  REQUIRE(found.size() >= 1);
  const json& d = found[0];
  CHECK(d["source"] == "sayso");
  CHECK(d["data"]["category"] == "jargon");
  CHECK(d["severity"].get<int>() >= 1);
  CHECK(d["severity"].get<int>() <= 4);
  CHECK(d["data"]["suggestions"].is_array());
  CHECK(d["message"].get<std::string>().size() > 0);
}

TEST_CASE("lsp: the negotiated position encoding is used for ranges", "[lsp][diagnostics]") {
  const std::string uri = kFolder + "summary.md";
  auto run_with = [&](std::string encoding) {
    json caps = {{"general", {{"positionEncodings", json::array({encoding})}}}};
    return Client().initialize(caps).open(uri, kUtiliseLine).shutdown_and_exit().run();
  };
  const Session utf8 = run_with("utf-8");
  CHECK((*utf8.response(0))["result"]["capabilities"]["positionEncoding"] == "utf-8");
  CHECK(matching(utf8.diagnostics(uri), range(0, 27, 0, 34), "plain-english.").size() >= 1);
  const Session utf32 = run_with("utf-32");
  CHECK((*utf32.response(0))["result"]["capabilities"]["positionEncoding"] == "utf-32");
  CHECK(matching(utf32.diagnostics(uri), range(0, 19, 0, 26), "plain-english.").size() >= 1);
}

TEST_CASE("lsp: incremental edits re-lint with the right text", "[lsp][diagnostics]") {
  const std::string uri = kFolder + "lay-summary.md";
  const std::string clean = "Café 😀 中文: we will use the data.";
  const Session s = Client()
                        .initialize()
                        .open(uri, clean)
                        // "use" (UTF-16 columns 20-23) → "utilise"
                        .change(uri, 2, json::array({range_change(0, 20, 0, 23, "utilise")}))
                        // Two edits in one notification, applied in order: a new first line, then a
                        // word inserted before "the data" on what is now line 1.
                        .change(uri, 3,
                                json::array({range_change(0, 0, 0, 0, "Hello.\n"),
                                             range_change(1, 28, 1, 28, "all ")}))
                        .hover("on-word", uri, 1, 23)
                        .hover("off-word", uri, 1, 1)  // "Café": nothing flagged there
                        // Out-of-range positions clamp to the end of the document.
                        .change(uri, 4, json::array({range_change(40, 5, 99, 0, " The end.")}))
                        .shutdown_and_exit()
                        .run();
  const auto published = s.notifications("textDocument/publishDiagnostics");
  REQUIRE(published.size() == 4);
  CHECK(matching(published[0], range(0, 20, 0, 27), "plain-english.").empty());
  CHECK(matching(published[1], range(0, 20, 0, 27), "plain-english.").size() >= 1);
  CHECK(published[1]["version"] == 2);
  CHECK(matching(published[2], range(1, 20, 1, 27), "plain-english.").size() >= 1);
  CHECK(published[2]["version"] == 3);
  CHECK(matching(published[3], range(1, 20, 1, 27), "plain-english.").size() >= 1);

  const json* on_word = s.response("on-word");
  REQUIRE(on_word != nullptr);
  REQUIRE((*on_word)["result"].is_object());
  CHECK((*on_word)["result"]["range"] == range(1, 20, 1, 27));
  const std::string text = (*on_word)["result"]["contents"]["value"];
  CHECK((*on_word)["result"]["contents"]["kind"] == "markdown");
  const json d = matching(published[2], range(1, 20, 1, 27), "plain-english.")[0];
  CHECK(text.find(d["code"].get<std::string>()) != std::string::npos);
  CHECK(text.find(d["message"].get<std::string>()) != std::string::npos);
  // A short note: an example pair, and where the sources and the rule's history are.
  CHECK(text.find("**For example**") != std::string::npos);
  CHECK(text.find("More (sources, who shaped the rule): `sayso explain ") != std::string::npos);
  CHECK(text.find("**Sources**") == std::string::npos);
  const json* off_word = s.response("off-word");
  REQUIRE(off_word != nullptr);
  CHECK((*off_word)["result"].is_null());
}

TEST_CASE("lsp: a full-text change replaces the document", "[lsp][diagnostics]") {
  const std::string uri = kFolder + "summary.txt";
  const Session s = Client()
                        .initialize()
                        .open(uri, kUtiliseLine, 1, "plaintext")
                        .change(uri, 2, json::array({{{"text", "We will use the data."}}}))
                        .shutdown_and_exit()
                        .run();
  const auto published = s.notifications("textDocument/publishDiagnostics");
  REQUIRE(published.size() == 2);
  CHECK(matching(published[0], range(0, 20, 0, 27), "plain-english.").size() >= 1);
  CHECK(matching(published[1], range(0, 20, 0, 27), "plain-english.").empty());
}

TEST_CASE("lsp: a heading-less involvement fragment gets tokenism findings", "[lsp][diagnostics]") {
  const std::string uri = kFolder + "involvement.md";
  const Session s = Client()
                        .initialize()
                        .open(uri, "PPI will be sought where possible.\n")
                        .shutdown_and_exit()
                        .run();
  INFO(s.diagnostics(uri).dump(2));
  CHECK(has_category(s.diagnostics(uri), "tokenism", ""));
}

TEST_CASE("lsp: a whole application gets jargon and tokenism findings in their sections",
          "[lsp][diagnostics]") {
  const std::string uri = kFolder + "application.md";
  const std::string text =
      "# Plain English summary\n\nWe will utilise the data in order to find out.\n\n"
      "# Patient and public involvement\n\nPPI will be sought where possible.\n";
  const Session s = Client().initialize().open(uri, text).shutdown_and_exit().run();
  const json published = s.diagnostics(uri);
  INFO(published.dump(2));
  CHECK(matching(published, range(2, 8, 2, 15), "plain-english.").size() >= 1);
  CHECK(has_category(published, "tokenism", ""));
}

TEST_CASE("lsp: untitled buffers are linted, files that are not prose are not",
          "[lsp][diagnostics]") {
  const std::string untitled = "untitled:Untitled-1";
  const std::string yaml = kFolder + "settings.yml";
  const Session s = Client()
                        .initialize()
                        .open(untitled, "We will utilise it.", 1, "markdown")
                        .open(yaml, "utilise: true\n", 1, "yaml")
                        .shutdown_and_exit()
                        .run();
  CHECK(matching(s.diagnostics(untitled), range(0, 8, 0, 15), "plain-english.").size() >= 1);
  REQUIRE_FALSE(s.diagnostics(yaml).is_null());
  CHECK(s.diagnostics(yaml)["diagnostics"].empty());
}

TEST_CASE("lsp: a configuration change re-lints open documents", "[lsp][config]") {
  const std::string uri = kFolder + "summary.md";
  const Session s =
      Client()
          .initialize()
          .open(uri, kUtiliseLine)
          .notify(
              "workspace/didChangeConfiguration",
              {{"settings", {{"sayso", {{"severity", {{"plain-english.wordy-words", "off"}}}}}}}})
          .shutdown_and_exit()
          .run();
  const auto published = s.notifications("textDocument/publishDiagnostics");
  REQUIRE(published.size() == 2);
  const auto wordy = [](const json& diagnostics) {
    return std::count_if(diagnostics.begin(), diagnostics.end(), [](const json& d) {
      return d.value("code", "") == "plain-english.wordy-words";
    });
  };
  CHECK(wordy(published[0]["diagnostics"]) == 1);
  CHECK(wordy(published[1]["diagnostics"]) == 0);
}

TEST_CASE("lsp: closing a document clears its diagnostics", "[lsp][diagnostics]") {
  const std::string uri = kFolder + "summary.md";
  const Session s = Client()
                        .initialize()
                        .open(uri, kUtiliseLine)
                        .notify("textDocument/didClose", {{"textDocument", {{"uri", uri}}}})
                        .hover(1, uri, 0, 22)
                        .shutdown_and_exit()
                        .run();
  const auto published = s.notifications("textDocument/publishDiagnostics");
  REQUIRE(published.size() == 2);
  CHECK_FALSE(published[0]["diagnostics"].empty());
  CHECK(published[1]["diagnostics"].empty());
  CHECK((*s.response(1))["result"].is_null());
}

TEST_CASE("lsp: a broken .sayso.yml is shown to the user and defaults are used", "[lsp][config]") {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("sayso-lsp-config-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / ".sayso.yml") << "profile: [unclosed\n";
  const std::string uri = "file://" + (dir / "summary.md").string();
  const Session s = Client()
                        .initialize()
                        .open(uri, kUtiliseLine)
                        .open(uri, kUtiliseLine, 2)
                        .shutdown_and_exit()
                        .run();
  fs::remove_all(dir);
  const auto shown = s.notifications("window/showMessage");
  REQUIRE(shown.size() == 1);  // once, not on every lint
  CHECK(shown[0]["type"] == 1);
  CHECK(shown[0]["message"].get<std::string>().find(".sayso.yml") != std::string::npos);
  CHECK(matching(s.diagnostics(uri), range(0, 20, 0, 27), "plain-english.").size() >= 1);
}

TEST_CASE("lsp: the server survives corrupted input", "[lsp][robustness]") {
  const std::string uri = kFolder + "summary.md";
  const std::string good = Client()
                               .initialize()
                               .open(uri, kUtiliseLine)
                               .change(uri, 2, json::array({range_change(0, 3, 0, 9, "😀\r\n")}))
                               .hover(1, uri, 0, 4)
                               .shutdown_and_exit()
                               .input();
  std::mt19937 random(12345);
  for (int round = 0; round < 30; ++round) {
    std::string input = good;
    const int flips = 1 + static_cast<int>(random() % 8);
    for (int i = 0; i < flips; ++i)
      input[random() % input.size()] = static_cast<char>(random() % 256);
    const Session s = Client::run_input(input);
    CHECK((s.exit_code == 0 || s.exit_code == 1));
  }
}
