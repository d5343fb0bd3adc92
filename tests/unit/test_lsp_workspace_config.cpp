// The language server resolves each document's settings as `sayso check` does: per-glob
// `overrides:` from .sayso.yml by the document's path, and the editor's settings per workspace
// folder (workspace/configuration with a scopeUri). Also the code lens on section headings.
#include <catch2/catch.hpp>

#include "lsp/server.h"
#include "test_lsp_client.h"

using sayso::lsp::json;
using namespace sayso::lsp_test;

namespace {

const std::string kWordy = "We will utilise the data to find out what helps people sleep.\n";

const std::string kApplication =
    "# Plain English summary\n\n"
    "We will utilise the data in order to find out what helps people sleep.\n\n"
    "# Patient and public involvement\n\n"
    "PPI will be sought where possible.\n";

std::size_t count_code(const json& published, std::string_view code) {
  REQUIRE(published.is_object());
  std::size_t n = 0;
  for (const json& d : published["diagnostics"]) n += d["code"] == code ? 1 : 0;
  return n;
}

// The summary section's word limit in sayso/documentSummary's answer.
json word_limit(const Session& s, const json& id) {
  const json& sections = result_of(s, id)["sections"];
  REQUIRE_FALSE(sections.empty());
  return sections[0]["wordLimit"];
}

}  // namespace

TEST_CASE("lsp: per-glob overrides in .sayso.yml apply by the document's path", "[lsp][config]") {
  TempFolder folder("overrides");
  folder.write(".sayso.yml",
               "overrides:\n"
               "  - files: [\"summaries/*.md\"]\n"
               "    rules:\n"
               "      plain-english.wordy-words: off\n"
               "  - files: [\"notes/**/*.md\"]\n"
               "    rules:\n"
               "      plain-english.wordy-words: hint\n");
  const std::string summary = folder.uri("summaries/lay.md");
  const std::string other = folder.uri("methods/plan.md");
  const std::string note = folder.uri("notes/a/b.md");
  folder.write("summaries/on-disk.md", kWordy);
  const Session s = Client()
                        .initialize(json::object(), {{"rootUri", folder.uri()}})
                        .open(summary, kWordy)
                        .open(other, kWordy)
                        .open(note, kWordy)
                        .request(1, "textDocument/diagnostic",
                                 document_params(folder.uri("summaries/on-disk.md")))
                        .shutdown_and_exit()
                        .run();
  CHECK(count_code(s.diagnostics(summary), "plain-english.wordy-words") == 0);
  CHECK(count_code(s.diagnostics(other), "plain-english.wordy-words") == 1);
  REQUIRE(count_code(s.diagnostics(note), "plain-english.wordy-words") == 1);
  const json in_note = s.diagnostics(note);
  for (const json& d : in_note["diagnostics"])
    if (d["code"] == "plain-english.wordy-words") CHECK(d["severity"] == 4);
  // Files read from disk (pull diagnostics, workspace lint) resolve the same way.
  for (const json& d : result_of(s, 1)["items"]) CHECK(d["code"] != "plain-english.wordy-words");
}

TEST_CASE("lsp: an override that sets a profile changes that file's word limit", "[lsp][config]") {
  TempFolder folder("override-profile");
  folder.write(".sayso.yml",
               "profile: nihr\n"
               "overrides:\n"
               "  - files: [\"charity/*.md\"]\n"
               "    profile: generic\n");
  const std::string charity = folder.uri("charity/app.md");
  const std::string nihr = folder.uri("nihr/app.md");
  const Session s = Client()
                        .initialize(json::object(), {{"rootUri", folder.uri()}})
                        .open(charity, kApplication)
                        .open(nihr, kApplication)
                        .request(1, "sayso/documentSummary", document_params(charity))
                        .request(2, "sayso/documentSummary", document_params(nihr))
                        .shutdown_and_exit()
                        .run();
  CHECK(word_limit(s, 1) == 500);
  CHECK(word_limit(s, 2) == 300);
}

TEST_CASE("lsp: each workspace folder is linted with its own editor settings", "[lsp][config]") {
  TempFolder one("folder-settings-one"), two("folder-settings-two");
  const std::string in_one = one.uri("summary.md"), in_two = two.uri("summary.md");
  const json caps = {{"workspace", {{"configuration", true}}}};
  const json folders = {{{"uri", one.uri()}, {"name", "one"}},
                        {{"uri", two.uri()}, {"name", "two"}}};
  const json global = {{"profile", "nihr"}};
  const json generic_without_wordy = {{"profile", "generic"},
                                      {"rules", {{"plain-english.wordy-words", "off"}}}};
  const Session s = Client()
                        .initialize(caps, {{"workspaceFolders", folders}})
                        .open(in_one, kApplication)
                        .open(in_two, kApplication)
                        .reply(1, json::array({global, generic_without_wordy, global}))
                        .request(10, "sayso/documentSummary", document_params(in_one))
                        .request(11, "sayso/documentSummary", document_params(in_two))
                        // The settings change: the server asks again, folder by folder (request 2).
                        .notify("workspace/didChangeConfiguration", {{"settings", nullptr}})
                        .reply(2, json::array({global, global, generic_without_wordy}))
                        .request(12, "sayso/documentSummary", document_params(in_one))
                        .request(13, "sayso/documentSummary", document_params(in_two))
                        .shutdown_and_exit()
                        .run();
  const auto asked = s.server_requests("workspace/configuration");
  REQUIRE(asked.size() == 2);
  const json& items = asked[0]["params"]["items"];
  REQUIRE(items.size() == 3);
  CHECK_FALSE(items[0].contains("scopeUri"));
  CHECK(items[1]["scopeUri"] == one.uri());
  CHECK(items[2]["scopeUri"] == two.uri());
  for (const json& item : items) CHECK(item["section"] == "sayso");

  CHECK(word_limit(s, 10) == 500);
  CHECK(word_limit(s, 11) == 300);
  CHECK(word_limit(s, 12) == 300);
  CHECK(word_limit(s, 13) == 500);
  // The last diagnostics: folder two now has the wordy-words rule off, folder one has it on.
  CHECK(count_code(s.diagnostics(in_one), "plain-english.wordy-words") == 2);
  CHECK(count_code(s.diagnostics(in_two), "plain-english.wordy-words") == 0);
}

TEST_CASE("lsp: new workspace folders get their settings asked for", "[lsp][config]") {
  TempFolder one("added-folder");
  const json caps = {{"workspace", {{"configuration", true}}}};
  const Session s =
      Client()
          .initialize(caps)
          .reply(1, json::array({nullptr}))
          .notify(
              "workspace/didChangeWorkspaceFolders",
              {{"event",
                {{"added", {{{"uri", one.uri()}, {"name", "1"}}}}, {"removed", json::array()}}}})
          .shutdown_and_exit()
          .run();
  const auto asked = s.server_requests("workspace/configuration");
  REQUIRE(asked.size() == 2);
  REQUIRE(asked[1]["params"]["items"].size() == 2);
  CHECK(asked[1]["params"]["items"][1]["scopeUri"] == one.uri());
}

TEST_CASE("lsp: code lenses on section headings show their figures", "[lsp][symbols]") {
  const std::string uri = kFolder + "application.md";
  const Session s =
      Client()
          .initialize()
          .open(uri, kApplication)
          .request(1, "textDocument/codeLens", document_params(uri))
          .request(2, "workspace/executeCommand",
                   {{"command", "sayso.showSection"}, {"arguments", {uri, 4}}})
          .request(3, "workspace/executeCommand",
                   {{"command", "sayso.showSection"}, {"arguments", {uri, 2}}})
          .request(4, "workspace/executeCommand",
                   {{"command", "sayso.showSection"}, {"arguments", {uri}}})
          .request(5, "workspace/executeCommand",
                   {{"command", "sayso.showSection"}, {"arguments", {kFolder + "closed.md", 0}}})
          .request(6, "textDocument/codeLens", document_params(kFolder + "closed.md"))
          .shutdown_and_exit()
          .run();
  const json& lenses = result_of(s, 1);
  INFO(lenses.dump(2));
  REQUIRE(lenses.size() == 2);
  CHECK(lenses[0]["range"] == range(0, 0, 0, 23));
  const std::string label = lenses[0]["command"]["title"];
  CHECK(label.rfind("14 / 300 words · reading age ", 0) == 0);
  CHECK(lenses[0]["command"]["command"] == "sayso.showSection");
  CHECK(lenses[0]["command"]["arguments"] == json::array({uri, 0}));
  CHECK(lenses[1]["range"]["start"] == position(4, 0));
  CHECK(lenses[1]["command"]["title"].get<std::string>().find("evidence ") != std::string::npos);

  // The lens's command: the section's missing evidence, as Markdown and as a message.
  const std::string shown = result_of(s, 2);
  CHECK(shown.rfind("### Patient and public involvement (involvement)", 0) == 0);
  CHECK(shown.find("**Missing evidence**") != std::string::npos);
  const auto messages = s.notifications("window/showMessage");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0]["type"] == 3);
  CHECK(messages[0]["message"].get<std::string>().find("Missing evidence: ") != std::string::npos);
  for (int id : {3, 4, 5, 6}) CHECK(error_code(s, id) == -32602);
}

TEST_CASE("lsp: code lenses and inlay hints are refreshed when the settings change",
          "[lsp][symbols]") {
  const std::string uri = kFolder + "application.md";
  const json refresh = {{"codeLens", {{"refreshSupport", true}}},
                        {"inlayHint", {{"refreshSupport", true}}}};
  const Session s = Client()
                        .initialize({{"workspace", refresh}})
                        .open(uri, kApplication)
                        .notify("workspace/didChangeConfiguration",
                                {{"settings", {{"sayso", {{"profile", "generic"}}}}}})
                        .shutdown_and_exit()
                        .run();
  CHECK(s.server_requests("workspace/codeLens/refresh").size() == 1);
  CHECK(s.server_requests("workspace/inlayHint/refresh").size() == 1);
  // A client that cannot refresh is not asked to.
  const Session plain = Client()
                            .initialize()
                            .open(uri, kApplication)
                            .notify("workspace/didChangeConfiguration",
                                    {{"settings", {{"sayso", {{"profile", "generic"}}}}}})
                            .shutdown_and_exit()
                            .run();
  CHECK(plain.server_requests("workspace/codeLens/refresh").empty());
}

TEST_CASE("lsp: an unknown documentKind is ignored with a warning, not used", "[lsp][config]") {
  const Session s = Client()
                        .initialize()
                        .notify("workspace/didChangeConfiguration",
                                {{"settings", {{"sayso", {{"documentKind", "summary"}}}}}})
                        .shutdown_and_exit()
                        .run();
  const auto messages = s.notifications("window/showMessage");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0]["type"] == 2);
  CHECK(messages[0]["message"].get<std::string>().find(
            "documentKind must be a section kind (plain-english-summary, involvement, …) or "
            "document, not 'summary'") != std::string::npos);
}
