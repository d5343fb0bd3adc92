// Language server features beyond sync and push diagnostics: pull diagnostics, code actions,
// document symbols, inlay hints, the document summary, commands, settings and workspace folders.
#include <catch2/catch.hpp>

#include "lsp/server.h"
#include "test_lsp_client.h"

using sayso::lsp::json;
using namespace sayso::lsp_test;

namespace {

const std::string kApplication =
    "# Plain English summary\n\n"
    "We will utilise the data in order to find out what helps people sleep.\n\n"
    "## Why it matters\n\n"
    "Many people sleep badly. We will ask them what helps.\n\n"
    "# Patient and public involvement\n\n"
    "PPI will be sought where possible.\n";

std::vector<json> with_code(const json& diagnostics, std::string_view prefix) {
  std::vector<json> out;
  for (const json& d : diagnostics)
    if (d["code"].get<std::string>().rfind(prefix, 0) == 0) out.push_back(d);
  return out;
}

json code_actions(Client& client, json id, const std::string& uri, json where,
                  json only = nullptr) {
  json context = {{"diagnostics", json::array()}};
  if (!only.is_null()) context["only"] = std::move(only);
  client.request(id, "textDocument/codeAction",
                 document_params(uri, {{"range", std::move(where)}, {"context", context}}));
  return id;
}

const json* action_titled(const json& actions, std::string_view prefix) {
  for (const json& a : actions)
    if (a["title"].get<std::string>().rfind(prefix, 0) == 0) return &a;
  return nullptr;
}

json edits_of(const json& action, const std::string& uri) { return action["edit"]["changes"][uri]; }

}  // namespace

TEST_CASE("lsp: initialize advertises every feature", "[lsp][features]") {
  const Session s = Client().initialize().shutdown_and_exit().run();
  const json& caps = result_of(s, 0)["capabilities"];
  CHECK(caps["diagnosticProvider"]["interFileDependencies"] == false);
  CHECK(caps["diagnosticProvider"]["workspaceDiagnostics"] == true);
  CHECK(caps["codeActionProvider"]["codeActionKinds"] ==
        json::array({"quickfix", "source.sayso.fixAll"}));
  CHECK(caps["documentSymbolProvider"] == true);
  CHECK(caps["inlayHintProvider"] == true);
  CHECK(caps["executeCommandProvider"]["commands"] ==
        json::array({"sayso.lintWorkspace", "sayso.explainRule", "sayso.addWord",
                     "sayso.setLanguage", "sayso.showSection", "sayso.disableRule"}));
  CHECK(caps["codeLensProvider"]["resolveProvider"] == false);
  CHECK(caps["workspace"]["workspaceFolders"]["changeNotifications"] == true);
}

TEST_CASE("lsp: pull diagnostics for a document, unchanged when nothing changed",
          "[lsp][diagnostics][pull]") {
  const std::string uri = kFolder + "application.md";
  const json pull_caps = {{"textDocument", {{"diagnostic", {{"dynamicRegistration", false}}}}}};
  Client client;
  client.initialize(pull_caps).open(uri, kApplication);
  client.request(1, "textDocument/diagnostic", document_params(uri));
  const Session first = client.shutdown_and_exit().run();
  const json& report = result_of(first, 1);
  CHECK(report["kind"] == "full");
  CHECK(with_code(report["items"], "plain-english.").size() >= 2);
  // A client that pulls gets nothing pushed (it would show everything twice).
  CHECK(first.notifications("textDocument/publishDiagnostics").empty());

  const std::string id = report["resultId"];
  const Session second =
      Client()
          .initialize(pull_caps)
          .open(uri, kApplication)
          .request(1, "textDocument/diagnostic", document_params(uri))
          .request(2, "textDocument/diagnostic", document_params(uri, {{"previousResultId", id}}))
          .change(uri, 2, json::array({range_change(2, 8, 2, 15, "use")}))
          .request(3, "textDocument/diagnostic", document_params(uri, {{"previousResultId", id}}))
          .shutdown_and_exit()
          .run();
  CHECK(result_of(second, 2)["kind"] == "unchanged");
  CHECK(result_of(second, 3)["kind"] == "full");
  CHECK(with_code(result_of(second, 3)["items"], "plain-english.").size() <
        with_code(result_of(second, 1)["items"], "plain-english.").size());
}

TEST_CASE("lsp: workspace diagnostics cover open and unopened files in every folder",
          "[lsp][diagnostics][pull]") {
  TempFolder one("ws-one"), two("ws-two");
  one.write("summary.md", "We will utilise the data.\n");
  one.write("notes/ignored.json", "{}");
  two.write("involvement.txt", "PPI will be sought where possible.\n");
  const json folders =
      json::array({{{"uri", one.uri()}, {"name", "one"}}, {{"uri", two.uri()}, {"name", "two"}}});
  const Session s = Client()
                        .initialize(json::object(), {{"workspaceFolders", folders}})
                        .open(kFolder + "open.md", "We will utilise it.")
                        .request(1, "workspace/diagnostic", {{"previousResultIds", json::array()}})
                        .shutdown_and_exit()
                        .run();
  const json& items = result_of(s, 1)["items"];
  std::map<std::string, json> by_uri;
  for (const json& item : items) by_uri[item["uri"]] = item;
  REQUIRE(by_uri.size() == 3);
  CHECK(by_uri[kFolder + "open.md"]["version"] == 1);
  CHECK(with_code(by_uri[one.uri("summary.md")]["items"], "plain-english.").size() >= 1);
  CHECK(by_uri[one.uri("summary.md")]["version"].is_null());
  CHECK(by_uri.count(two.uri("involvement.txt")) == 1);
}

TEST_CASE("lsp: code actions replace with a suggestion and turn a rule off", "[lsp][actions]") {
  const std::string uri = kFolder + "application.md";
  Client client;
  client.initialize().open(uri, kApplication);
  code_actions(client, 1, uri, range(2, 10, 2, 10));  // inside "utilise"
  const Session s = client.shutdown_and_exit().run();
  const json& actions = result_of(s, 1);
  INFO(actions.dump(2));

  const json* replace = action_titled(actions, "Replace with 'use'");
  REQUIRE(replace != nullptr);
  CHECK((*replace)["kind"] == "quickfix");
  CHECK((*replace)["isPreferred"] == true);
  CHECK((*replace)["diagnostics"][0]["code"].get<std::string>().rfind("plain-english.", 0) == 0);
  const std::string fixed = apply_edits(kApplication, edits_of(*replace, uri));
  CHECK(fixed.find("We will use the data") != std::string::npos);

  const json* line_off = action_titled(actions, "Turn off plain-english.wordy-words for this line");
  REQUIRE(line_off != nullptr);
  const std::string with_comment = apply_edits(kApplication, edits_of(*line_off, uri));
  CHECK(with_comment.find("\n<!-- sayso-disable-next-line plain-english.wordy-words -->\n"
                          "We will utilise") != std::string::npos);
  const json* file_off = action_titled(actions, "Turn off plain-english.wordy-words in this file");
  REQUIRE(file_off != nullptr);
  CHECK(apply_edits(kApplication, edits_of(*file_off, uri))
            .rfind("<!-- sayso-disable plain-english.wordy-words -->\n# Plain", 0) == 0);

  // Linted again: the fix leaves only "in order to"; the comment silences the rule on its line.
  const Session after_fix = Client().initialize().open(uri, fixed).shutdown_and_exit().run();
  CHECK(with_code(after_fix.diagnostics(uri)["diagnostics"], "plain-english.wordy-words").size() ==
        1);
  const Session after_comment =
      Client().initialize().open(uri, with_comment).shutdown_and_exit().run();
  CHECK(with_code(after_comment.diagnostics(uri)["diagnostics"], "plain-english.wordy-words")
            .empty());
}

TEST_CASE("lsp: LaTeX files get LaTeX comments to turn a rule off", "[lsp][actions]") {
  const std::string uri = kFolder + "summary.tex";
  const std::string text = "We will utilise the data.\n";
  Client client;
  client.initialize().open(uri, text, 1, "latex");
  code_actions(client, 1, uri, range(0, 9, 0, 9), json::array({"quickfix"}));
  const Session s = client.shutdown_and_exit().run();
  const json& actions = result_of(s, 1);
  INFO(actions.dump(2) << s.log);
  const json* line_off = action_titled(actions, "Turn off plain-english.wordy-words for this line");
  REQUIRE(line_off != nullptr);
  CHECK(edits_of(*line_off, uri)[0]["newText"] ==
        "% sayso-disable-next-line plain-english.wordy-words\n");
  CHECK(action_titled(actions, "Fix all") == nullptr);  // not asked for
}

namespace {

// The one "Fix all" action the server offers for `text`.
json fix_all_action(const std::string& uri, const std::string& text) {
  Client client;
  client.initialize().open(uri, text);
  code_actions(client, 1, uri, range(0, 0, 0, 0), json::array({"source.sayso.fixAll"}));
  const Session s = client.shutdown_and_exit().run();
  const json& actions = result_of(s, 1);
  INFO(actions.dump(2));
  REQUIRE(actions.size() == 1);
  return actions[0];
}

}  // namespace

TEST_CASE("lsp: fix all plain-English substitutions in one action", "[lsp][actions]") {
  const std::string uri = kFolder + "summary.md";
  const std::string text =
      "We will utilise the data in order to find out more.\n\nWe will utilise it again.\n";
  const json action = fix_all_action(uri, text);
  CHECK(action["kind"] == "source.sayso.fixAll");
  const std::string fixed = apply_edits(text, edits_of(action, uri));
  CHECK(fixed == "We will use the data to find out more.\n\nWe will use it again.\n");
  const Session again = Client().initialize().open(uri, fixed).shutdown_and_exit().run();
  INFO(again.diagnostics(uri).dump(2));
  CHECK(with_code(again.diagnostics(uri)["diagnostics"], "plain-english.wordy").empty());
}

TEST_CASE("lsp: fix all leaves swaps that stand side by side to the writer", "[lsp][actions]") {
  // Each swap fits the words as written; together "prior to commencement" once became "before
  // start" (now one phrase): two swaps side by side are left to the writer.
  const std::string uri = kFolder + "summary.md";
  const std::string text = "We will utilise calls in order to ascertain the cost.\n";
  const json action = fix_all_action(uri, text);
  CHECK(apply_edits(text, edits_of(action, uri)) ==
        "We will use calls in order to ascertain the cost.\n");
  // The title says what is left, so the file is not taken for clean.
  CHECK(action["title"] ==
        "Fix all plain-English substitutions (1; 2 swaps stand next to "
        "another: fix those one by one)");
}

TEST_CASE("lsp: a swap across a hard-wrapped line keeps the writer's line break",
          "[lsp][actions]") {
  const std::string uri = kFolder + "summary.md";
  const std::string wrapped = "We will facilitate the\ndevelopment of new services.\n";
  CHECK(apply_edits(wrapped, edits_of(fix_all_action(uri, wrapped), uri)) ==
        "We will help\ndevelop new services.\n");
  // In a list item the line's indent stays too; CRLF stays CRLF.
  const std::string listed = "- We will facilitate the\r\n  development of new services.\r\n";
  CHECK(apply_edits(listed, edits_of(fix_all_action(uri, listed), uri)) ==
        "- We will help\r\n  develop new services.\r\n");
}

TEST_CASE("lsp: a finding's fixes come before the actions that turn rules off", "[lsp][actions]") {
  // Neovim 0.7 ignores isPreferred and lists actions as sent.
  const std::string uri = kFolder + "summary.md";
  std::string text = "We will utilise";
  for (int i = 0; i < 30; ++i) text += " many";
  text += " words in one long sentence.\n";
  Client client;
  client.initialize().open(uri, text);
  code_actions(client, 1, uri, range(0, 9, 0, 9), json::array({"quickfix"}));
  const Session s = client.shutdown_and_exit().run();
  const json& actions = result_of(s, 1);
  INFO(actions.dump(2));
  REQUIRE(actions.size() > 2);
  CHECK(actions[0]["title"] == "Replace with 'use'");
  bool turning_off = false;
  for (const json& action : actions) {
    const bool off = action["title"].get<std::string>().rfind("Turn off", 0) == 0;
    CHECK((off || !turning_off));  // nothing but "turn off" once they start
    turning_off = turning_off || off;
  }
  CHECK(turning_off);
}

TEST_CASE("lsp: spelling actions suggest words and add one to the workspace dictionary",
          "[lsp][actions][spelling]") {
  TempFolder folder("dictionary");
  folder.write(".sayso.yml", "# our settings\nprofile: nihr\nwords:\n  - Brumfield\n");
  const std::string uri = folder.uri("summary.md");
  const std::string text = "We will recieve the zorblat data.\n";
  Client client;
  client.initialize(json::object(), {{"rootUri", folder.uri()}}).open(uri, text);
  code_actions(client, 1, uri, range(0, 10, 0, 10));  // "recieve"
  code_actions(client, 2, uri, range(0, 22, 0, 22));  // "zorblat"
  client.request(3, "workspace/executeCommand",
                 {{"command", "sayso.addWord"}, {"arguments", {"zorblat", uri}}});
  const Session s = client.shutdown_and_exit().run();
  INFO(s.log);
  const json& misspelt = result_of(s, 1);
  INFO(misspelt.dump(2));
  CHECK(action_titled(misspelt, "Replace with 'receive'") != nullptr);
  const json* add = action_titled(result_of(s, 2), "Add 'zorblat' to the workspace dictionary");
  REQUIRE(add != nullptr);
  CHECK((*add)["command"]["command"] == "sayso.addWord");
  CHECK((*add)["command"]["arguments"] == json::array({"zorblat", uri}));

  CHECK(result_of(s, 3)["file"] == (folder.path() / ".sayso.yml").string());
  CHECK(folder.read(".sayso.yml") ==
        "# our settings\nprofile: nihr\nwords:\n  - Brumfield\n  - zorblat\n");
  // Re-linted with the new word: zorblat is no longer flagged, recieve still is.
  const json last = s.diagnostics(uri);
  const auto spelling = with_code(last["diagnostics"], "spelling.");
  REQUIRE(spelling.size() == 1);
  CHECK(spelling[0]["range"] == range(0, 8, 0, 15));
}

TEST_CASE("lsp: adding a word creates .sayso.yml when there is none", "[lsp][actions][spelling]") {
  TempFolder folder("new-dictionary");
  const std::string uri = folder.uri("drafts/summary.md");
  const Session s =
      Client()
          .initialize(json::object(),
                      {{"workspaceFolders", {{{"uri", folder.uri()}, {"name", "w"}}}}})
          .open(uri, "The Zorblat study.\n")
          .request(1, "workspace/executeCommand",
                   {{"command", "sayso.addWord"}, {"arguments", {"Zorblat", uri}}})
          .request(2, "workspace/executeCommand",
                   {{"command", "sayso.addWord"}, {"arguments", {"two\nlines"}}})
          .shutdown_and_exit()
          .run();
  CHECK(result_of(s, 1)["file"] == (folder.path() / ".sayso.yml").string());
  CHECK(folder.read(".sayso.yml") == "words:\n  - Zorblat\n");
  CHECK(error_code(s, 2) == -32602);
}

TEST_CASE("lsp: words are added to .sayso.yml keeping what is there", "[lsp][actions][spelling]") {
  using sayso::lsp::add_word_to_config_text;
  CHECK(add_word_to_config_text("", "telecare") == "words:\n  - telecare\n");
  CHECK(add_word_to_config_text("# only a comment", "telecare") ==
        "# only a comment\nwords:\n  - telecare\n");
  CHECK(add_word_to_config_text("profile: nihr  # funder\n", "telecare") ==
        "profile: nihr  # funder\nwords:\n  - telecare\n");
  CHECK(add_word_to_config_text("words:\n- a\n- b\nlanguage: en_GB\n", "c") ==
        "words:\n- a\n- b\n- c\nlanguage: en_GB\n");
  CHECK(add_word_to_config_text("words:\n    - a  # first\n", "b") ==
        "words:\n    - a  # first\n    - b\n");
  CHECK(add_word_to_config_text("words:\n  - a\n", "a") == "words:\n  - a\n");
  CHECK(add_word_to_config_text("dictionary:\n  - a\n", "b") == "dictionary:\n  - a\n  - b\n");
  // A flow list keeps its style: the word goes after the last item.
  CHECK(add_word_to_config_text("profile: nihr\nwords: [a, b]\n", "c") ==
        "profile: nihr\nwords: [a, b, c]\n");
  // Words that YAML would misread are quoted.
  CHECK(YAML::Load(add_word_to_config_text("", "yes"))["words"][0].as<std::string>() == "yes");
  CHECK_THROWS(add_word_to_config_text("words: [unclosed\n", "x"));
  CHECK_THROWS(add_word_to_config_text("- a list\n", "x"));
}

TEST_CASE("lsp: hover says where to read who shaped the rule", "[lsp][hover]") {
  const std::string uri = kFolder + "application.md";
  const Session s =
      Client().initialize().open(uri, kApplication).hover(1, uri, 2, 10).shutdown_and_exit().run();
  const std::string text = result_of(s, 1)["contents"]["value"];
  INFO(text);
  // The sources, who shaped the rule and its decisions are in `sayso explain`, not the hover.
  CHECK(text.find("`sayso explain wordy-words`") != std::string::npos);
  CHECK(text.find("who shaped the rule") != std::string::npos);
  CHECK(text.find("**Decisions**") == std::string::npos);
}

TEST_CASE("lsp: document symbols are the section outline", "[lsp][symbols]") {
  const std::string uri = kFolder + "application.md";
  const Session s = Client()
                        .initialize()
                        .open(uri, kApplication)
                        .request(1, "textDocument/documentSymbol", document_params(uri))
                        .shutdown_and_exit()
                        .run();
  const json& symbols = result_of(s, 1);
  INFO(symbols.dump(2));
  REQUIRE(symbols.size() == 2);
  CHECK(symbols[0]["name"] == "Plain English summary");
  CHECK(symbols[0]["selectionRange"] == range(0, 2, 0, 23));
  CHECK(symbols[0]["range"]["start"] == position(0, 0));
  const std::string summary_detail = symbols[0]["detail"];
  CHECK(summary_detail.rfind("plain-english-summary · ", 0) == 0);
  CHECK(summary_detail.find(" / 300 words") != std::string::npos);
  REQUIRE(symbols[0]["children"].size() == 1);
  CHECK(symbols[0]["children"][0]["name"] == "Why it matters");
  // A subsection belongs to its parent's kind.
  CHECK(symbols[0]["children"][0]["detail"].get<std::string>().rfind(
            "plain-english-summary · 10 / 300 words", 0) == 0);
  CHECK(symbols[1]["name"] == "Patient and public involvement");
  const std::string involvement_detail = symbols[1]["detail"];
  CHECK(involvement_detail.rfind("involvement · 6 words", 0) == 0);
  CHECK(involvement_detail.find("evidence ") != std::string::npos);
}

TEST_CASE("lsp: text before the first heading is a symbol beside the sections, not over them",
          "[lsp][symbols]") {
  const std::string uri = kFolder + "intro.md";
  const Session s = Client()
                        .initialize()
                        .open(uri, "Application for the spring round.\n\n" + kApplication)
                        .request(1, "textDocument/documentSymbol", document_params(uri))
                        .shutdown_and_exit()
                        .run();
  const json& symbols = result_of(s, 1);
  INFO(symbols.dump(2));
  REQUIRE(symbols.size() == 3);
  CHECK(symbols[0]["name"] == "Before the first heading");
  CHECK(symbols[0]["children"].empty());
  CHECK(symbols[1]["name"] == "Plain English summary");
}

TEST_CASE("lsp: inlay hints and the document summary give each section's figures",
          "[lsp][symbols]") {
  const std::string uri = kFolder + "application.md";
  const Session s =
      Client()
          .initialize(json::object(),
                      {{"initializationOptions", {{"sayso", {{"inlayHints", true}}}}}})
          .open(uri, kApplication)
          .request(1, "textDocument/inlayHint",
                   document_params(uri, {{"range", range(0, 0, 99, 0)}}))
          .request(2, "textDocument/inlayHint",
                   document_params(uri, {{"range", range(3, 0, 5, 0)}}))
          .request(3, "sayso/documentSummary", document_params(uri))
          .request(4, "sayso/documentSummary", document_params(kFolder + "not-open.md"))
          .shutdown_and_exit()
          .run();
  const json& hints = result_of(s, 1);
  INFO(hints.dump(2));
  REQUIRE(hints.size() == 3);
  CHECK(hints[0]["position"] == position(0, 23));  // end of the heading line
  const std::string label = hints[0]["label"];
  // The summary's figures include its subsection "Why it matters" (14 + 10 words).
  CHECK(label.rfind("24 / 300 words · reading age ", 0) == 0);
  CHECK(hints[2]["label"].get<std::string>().find("evidence ") != std::string::npos);
  REQUIRE(result_of(s, 2).size() == 1);  // only the heading on line 4
  CHECK(result_of(s, 2)[0]["position"]["line"] == 4);

  const json& summary = result_of(s, 3);
  INFO(summary.dump(2));
  REQUIRE(summary["sections"].size() == 3);
  const json& pes = summary["sections"][0];
  CHECK(pes["title"] == "Plain English summary");
  CHECK(pes["kind"] == "plain-english-summary");
  CHECK(pes["words"] == 24);
  CHECK(pes["wordLimit"] == 300);
  CHECK(pes["readingAge"].is_number());
  const json& ppi = summary["sections"][2];
  CHECK(ppi["kind"] == "involvement");
  CHECK(ppi["evidenceTotal"].get<int>() > 0);
  CHECK(ppi["evidencePresent"].get<int>() < ppi["evidenceTotal"].get<int>());
  CHECK(ppi.contains("involvementLevel"));
  int total = 0;
  for (const char* severity : {"error", "warning", "info", "hint"})
    total += summary["counts"][severity].get<int>();
  CHECK(total == static_cast<int>(s.diagnostics(uri)["diagnostics"].size()));
  CHECK(error_code(s, 4) == -32602);
  CHECK(pes["characterLimit"].is_null());  // the form states none
}

TEST_CASE("lsp: a form's character limit is in the section's figures", "[lsp][symbols]") {
  const std::string uri = kFolder + "form.md";
  const Session s =
      Client()
          .initialize()
          .open(uri,
                "# Plain English summary (max 60 characters)\n\nWe will help people with asthma "
                "breathe better at school.\n")
          .request(1, "sayso/documentSummary", document_params(uri))
          .request(2, "textDocument/codeLens", document_params(uri))
          .shutdown_and_exit()
          .run();
  const json& pes = result_of(s, 1)["sections"][0];
  INFO(pes.dump(2));
  CHECK(pes["characterLimit"] == 60);
  CHECK(pes["characters"] == 57);  // the sentence, not the line break after it
  const std::string lens = result_of(s, 2)[0]["command"]["title"];
  CHECK(lens.find("57 / 60 characters") != std::string::npos);
}

TEST_CASE("lsp: sayso.explainRule returns the rule in Markdown", "[lsp][commands]") {
  const Session s =
      Client()
          .initialize()
          .request(1, "workspace/executeCommand",
                   {{"command", "sayso.explainRule"}, {"arguments", {"involvement.vague-plans"}}})
          .request(2, "workspace/executeCommand",
                   {{"command", "sayso.explainRule"}, {"arguments", {"no.such"}}})
          .request(3, "workspace/executeCommand",
                   {{"command", "sayso.explainRule"}, {"arguments", {42}}})
          .request(4, "workspace/executeCommand", {{"command", "sayso.nothing"}})
          .shutdown_and_exit()
          .run();
  const std::string text = result_of(s, 1);
  CHECK(text.rfind("### `involvement.vague-plans`", 0) == 0);
  CHECK(text.find("**Who shaped it**") != std::string::npos);
  for (int id : {2, 3, 4}) CHECK(error_code(s, id) == -32602);
}

TEST_CASE("lsp: sayso.lintWorkspace reports progress and publishes every file", "[lsp][commands]") {
  TempFolder folder("lint-workspace");
  folder.write("a/summary.md", "We will utilise the data.\n");
  folder.write("b/involvement.txt", "PPI will be sought where possible.\n");
  folder.write(".hidden/skip.md", "We will utilise it.\n");
  folder.write("image.png", "not text");
  const json caps = {{"window", {{"workDoneProgress", true}}}};
  const Session s =
      Client()
          .initialize(caps, {{"rootUri", folder.uri()}})
          .request(1, "workspace/executeCommand", {{"command", "sayso.lintWorkspace"}})
          .shutdown_and_exit()
          .run();
  CHECK(result_of(s, 1)["files"] == 2);
  CHECK(result_of(s, 1)["diagnostics"].get<int>() >= 2);
  const auto created = s.server_requests("window/workDoneProgress/create");
  REQUIRE(created.size() == 1);
  const json token = created[0]["params"]["token"];
  std::vector<std::string> kinds;
  for (const json& p : s.notifications("$/progress")) {
    CHECK(p["token"] == token);
    kinds.push_back(p["value"]["kind"]);
  }
  CHECK(kinds == std::vector<std::string>{"begin", "report", "report", "end"});
  CHECK(with_code(s.diagnostics(folder.uri("a/summary.md"))["diagnostics"], "plain-english.")
            .size() >= 1);
  CHECK_FALSE(s.diagnostics(folder.uri("b/involvement.txt")).is_null());
  CHECK(s.diagnostics(folder.uri(".hidden/skip.md")).is_null());
}

TEST_CASE("lsp: workspace folders can be added and removed", "[lsp][commands]") {
  TempFolder one("folder-one"), two("folder-two");
  one.write("one.md", "We will utilise it.\n");
  two.write("two.md", "We will utilise it.\n");
  const json lint = {{"command", "sayso.lintWorkspace"}};
  const Session s =
      Client()
          .initialize(json::object(), {{"workspaceFolders", {{{"uri", one.uri()}, {"name", "1"}}}}})
          .request(1, "workspace/executeCommand", lint)
          .notify("workspace/didChangeWorkspaceFolders",
                  {{"event",
                    {{"added", {{{"uri", two.uri()}, {"name", "2"}}}},
                     {"removed", {{{"uri", one.uri()}, {"name", "1"}}}}}}})
          .request(2, "workspace/executeCommand", lint)
          .notify("workspace/didChangeWorkspaceFolders", {{"event", "wrong"}})
          .request(3, "workspace/executeCommand", lint)
          .shutdown_and_exit()
          .run();
  CHECK(result_of(s, 1)["files"] == 1);
  CHECK(result_of(s, 2)["files"] == 1);
  CHECK(result_of(s, 3)["files"] == 1);
  CHECK_FALSE(s.diagnostics(two.uri("two.md")).is_null());
  CHECK(s.logged("didChangeWorkspaceFolders ignored"));
}

TEST_CASE("lsp: settings from the editor turn rules off and change severities", "[lsp][config]") {
  const std::string uri = kFolder + "summary.md";
  const std::string text = "We will utilise the data.\n";
  const json off = {{"rules", {{"plain-english.wordy-words", "off"}}}};
  const json hint = {{"severity", {{"plain-english.wordy-words", "hint"}}}};
  const json pull_settings = {{"workspace", {{"configuration", true}}}};
  const Session s =
      Client()
          .initialize(json::object(), {{"initializationOptions", {{"settings", off}}}})
          .open(uri, text)
          .notify("workspace/didChangeConfiguration", {{"settings", {{"sayso", hint}}}})
          .shutdown_and_exit()
          .run();
  const auto published = s.notifications("textDocument/publishDiagnostics");
  REQUIRE(published.size() == 2);
  CHECK(with_code(published[0]["diagnostics"], "plain-english.wordy-words").empty());
  const auto found = with_code(published[1]["diagnostics"], "plain-english.wordy-words");
  REQUIRE(found.size() == 1);
  CHECK(found[0]["severity"] == 4);

  // workspace/configuration: the server asks, the client answers (request id 1).
  const Session pulled = Client()
                             .initialize(pull_settings)
                             .open(uri, text)
                             .reply(1, json::array({off}))
                             .shutdown_and_exit()
                             .run();
  const auto asked = pulled.server_requests("workspace/configuration");
  REQUIRE(asked.size() == 1);
  CHECK(asked[0]["params"]["items"][0]["section"] == "sayso");
  CHECK(with_code(pulled.diagnostics(uri)["diagnostics"], "plain-english.wordy-words").empty());

  // Settings of the wrong type are reported and ignored.
  const Session wrong =
      Client()
          .initialize(json::object(),
                      {{"initializationOptions", {{"settings", {{"words", "not a list"}}}}}})
          .open(uri, text)
          .shutdown_and_exit()
          .run();
  REQUIRE(wrong.notifications("window/showMessage").size() == 1);
  CHECK(with_code(wrong.diagnostics(uri)["diagnostics"], "plain-english.wordy-words").size() == 1);
}

TEST_CASE("lsp: the same settings sent twice are warned about once", "[lsp][config]") {
  // Neovim's sayso.lua sends them as initializationOptions and again with
  // didChangeConfiguration, so that every Neovim version gets them.
  const std::string uri = kFolder + "summary.md";
  const json settings = {{"sayso", {{"words", "not a list"}}}};
  const Session s = Client()
                        .initialize(json::object(), {{"initializationOptions", settings}})
                        .notify("workspace/didChangeConfiguration", {{"settings", settings}})
                        .open(uri, "We will utilise the data.\n")
                        .shutdown_and_exit()
                        .run();
  INFO(s.log);
  CHECK(s.notifications("window/showMessage").size() == 1);
  // Different settings with the same mistake are new settings: said again.
  const json other = {{"sayso", {{"words", "still not a list"}}}};
  const Session twice = Client()
                            .initialize(json::object(), {{"initializationOptions", settings}})
                            .notify("workspace/didChangeConfiguration", {{"settings", other}})
                            .open(uri, "We will utilise the data.\n")
                            .shutdown_and_exit()
                            .run();
  CHECK(twice.notifications("window/showMessage").size() == 2);
}

TEST_CASE("lsp: file watchers are registered when the client can take them", "[lsp][config]") {
  const json caps = {{"workspace", {{"didChangeWatchedFiles", {{"dynamicRegistration", true}}}}}};
  const Session s = Client().initialize(caps).shutdown_and_exit().run();
  const auto registered = s.server_requests("client/registerCapability");
  REQUIRE(registered.size() == 1);
  const json& registration = registered[0]["params"]["registrations"][0];
  CHECK(registration["method"] == "workspace/didChangeWatchedFiles");
  const json& watchers = registration["registerOptions"]["watchers"];
  REQUIRE(watchers.size() == 3);
  CHECK(watchers[0]["globPattern"] == "**/.sayso.yml");
  CHECK(Client()
            .initialize()
            .shutdown_and_exit()
            .run()
            .server_requests("client/registerCapability")
            .empty());
}

TEST_CASE("lsp: LaTeX documents are linted", "[lsp][diagnostics]") {
  const std::string uri = kFolder + "application.tex";
  const std::string text = "\\section{Plain English summary}\nWe will utilise the data.\n";
  const Session s = Client().initialize().open(uri, text, 1, "latex").shutdown_and_exit().run();
  INFO(s.log << s.diagnostics(uri).dump(2));
  CHECK(with_code(s.diagnostics(uri)["diagnostics"], "plain-english.wordy-words").size() == 1);
}

TEST_CASE("lsp: file problems name their file and line", "[lsp][config]") {
  using sayso::lsp::parse_file_problem;
  const auto problem = parse_file_problem("/tmp/p/rules.yml:12: rule a.b: bad severity");
  REQUIRE(problem);
  CHECK(problem->path == "/tmp/p/rules.yml");
  CHECK(problem->line == 11);
  CHECK(problem->message == "rule a.b: bad severity");
  CHECK_FALSE(parse_file_problem("no location here"));
  CHECK_FALSE(parse_file_problem("/x/y.yml: cannot read this config file"));
}

TEST_CASE("lsp: a US spelling's quick fix is its UK form", "[lsp][actions][spelling]") {
  const std::string uri = kFolder + "summary.md";
  Client client;
  client.initialize().open(uri, "We like the color.\n");
  code_actions(client, 1, uri, range(0, 13, 0, 13));  // "color"
  const Session s = client.shutdown_and_exit().run();
  const json& actions = result_of(s, 1);
  INFO(actions.dump(2));
  const json* fix = action_titled(actions, "Replace with 'colour'");
  REQUIRE(fix != nullptr);
  CHECK((*fix)["isPreferred"] == true);
  CHECK(edits_of(*fix, uri)[0]["newText"] == "colour");
}

TEST_CASE("lsp: a US spelling offers to make US spelling the project's, and doing so re-lints",
          "[lsp][actions][spelling]") {
  TempFolder folder("set-language");
  folder.write(".sayso.yml", "profile: nihr\nlanguage: en_GB  # UK funders\n");
  const std::string uri = folder.uri("summary.md");
  Client client;
  client.initialize(json::object(), {{"rootUri", folder.uri()}}).open(uri, "We like the color.\n");
  code_actions(client, 1, uri, range(0, 13, 0, 13));  // "color"
  client.request(2, "workspace/executeCommand",
                 {{"command", "sayso.setLanguage"}, {"arguments", {"en_US", uri}}});
  client.request(3, "workspace/executeCommand",
                 {{"command", "sayso.setLanguage"}, {"arguments", {"fr_FR", uri}}});
  const Session s = client.shutdown_and_exit().run();
  INFO(s.log);
  const json* use_us = action_titled(
      result_of(s, 1), "Use US spelling in this project (.sayso.yml: language: en_US)");
  REQUIRE(use_us != nullptr);
  CHECK((*use_us)["command"]["arguments"] == json::array({"en_US", uri}));
  CHECK(result_of(s, 2)["file"] == (folder.path() / ".sayso.yml").string());
  CHECK(folder.read(".sayso.yml") == "profile: nihr\nlanguage: en_US  # UK funders\n");
  CHECK(error_code(s, 3) == -32602);
  // Re-linted under en_US: "color" is right now.
  CHECK(with_code(s.diagnostics(uri)["diagnostics"], "spelling.").empty());
}

TEST_CASE("lsp: the language is set in .sayso.yml keeping what is there", "[lsp][spelling]") {
  using sayso::lsp::set_language_in_config_text;
  CHECK(set_language_in_config_text("", "en_US") == "language: en_US\n");
  CHECK(set_language_in_config_text("# mine", "en_US") == "# mine\nlanguage: en_US\n");
  CHECK(set_language_in_config_text("profile: nihr\n", "en_US") ==
        "profile: nihr\nlanguage: en_US\n");
  CHECK(set_language_in_config_text("language: en_GB # x\nwords: [a]\n", "en_US") ==
        "language: en_US # x\nwords: [a]\n");
  CHECK(set_language_in_config_text("language: en_US\n", "en_US") == "language: en_US\n");
  CHECK(set_language_in_config_text("language: 'en_GB'\n", "en_US") == "language: en_US\n");
  CHECK_THROWS(set_language_in_config_text("- a\n- b\n", "en_US"));
  CHECK_THROWS(set_language_in_config_text("language: [\n", "en_US"));
}

TEST_CASE("lsp: a Markdown disable comment goes around the paragraph or list, not inside it",
          "[lsp][actions]") {
  const std::string paragraph_uri = kFolder + "paragraph.md";
  const std::string paragraph =
      "# Plain English summary\n\nWe asked people.\nWe will utilise the data.\n\nThe end.\n";
  const std::string list_uri = kFolder + "list.md";
  const std::string list = "Our plans:\n\n- first item\n- We will utilise it.\n\n  More.\n";
  const std::string crlf_uri = kFolder + "crlf.md";
  const std::string crlf = "# Plain English summary\r\n\r\nWe will utilise the data.\r\n";
  Client client;
  client.initialize().open(paragraph_uri, paragraph).open(list_uri, list).open(crlf_uri, crlf);
  code_actions(client, 1, paragraph_uri, range(3, 10, 3, 10), json::array({"quickfix"}));
  code_actions(client, 2, list_uri, range(3, 12, 3, 12), json::array({"quickfix"}));
  code_actions(client, 3, crlf_uri, range(2, 10, 2, 10), json::array({"quickfix"}));
  const Session s = client.shutdown_and_exit().run();
  INFO(s.log);

  const json* around_paragraph =
      action_titled(result_of(s, 1), "Turn off plain-english.wordy-words for this paragraph");
  REQUIRE(around_paragraph != nullptr);
  const std::string fixed_paragraph =
      apply_edits(paragraph, edits_of(*around_paragraph, paragraph_uri));
  CHECK(fixed_paragraph ==
        "# Plain English summary\n\n<!-- sayso-disable plain-english.wordy-words -->\n"
        "We asked people.\nWe will utilise the data.\n"
        "<!-- sayso-enable plain-english.wordy-words -->\n\nThe end.\n");

  const json* around_list =
      action_titled(result_of(s, 2), "Turn off plain-english.wordy-words for this list");
  REQUIRE(around_list != nullptr);
  CHECK(apply_edits(list, edits_of(*around_list, list_uri)) ==
        "Our plans:\n\n<!-- sayso-disable plain-english.wordy-words -->\n"
        "- first item\n- We will utilise it.\n\n  More.\n"
        "<!-- sayso-enable plain-english.wordy-words -->\n");

  // The document's own line ending: no LF lines in a CRLF file.
  for (const json& action : result_of(s, 3))
    if (action.contains("edit"))
      for (const json& edit : edits_of(action, crlf_uri)) {
        const std::string inserted = edit["newText"];
        if (inserted.find("sayso-") != std::string::npos) CHECK(inserted.ends_with("\r\n"));
      }

  // The comments do what they say: the finding is gone, and nothing else changed.
  const Session again =
      Client().initialize().open(paragraph_uri, fixed_paragraph).shutdown_and_exit().run();
  CHECK(with_code(again.diagnostics(paragraph_uri)["diagnostics"], "plain-english.wordy-words")
            .empty());
}

TEST_CASE("lsp: plain text gets no inline comment, but the project setting", "[lsp][actions]") {
  const std::string uri = kFolder + "summary.txt";
  // Eglot 1.9 sends one language id for all of a server's files: a .txt may come as "markdown".
  const std::string language = GENERATE(as<std::string>{}, "plaintext", "markdown");
  Client client;
  client.initialize().open(uri, "We will utilise the data.\n", 1, language);
  code_actions(client, 1, uri, range(0, 10, 0, 10), json::array({"quickfix"}));
  const Session s = client.shutdown_and_exit().run();
  const json& actions = result_of(s, 1);
  INFO(actions.dump(2));
  for (const json& action : actions)
    if (action.contains("edit"))
      for (const json& edit : edits_of(action, uri))
        CHECK(edit["newText"].get<std::string>().find("<!--") == std::string::npos);
  const json* project =
      action_titled(actions, "Turn off plain-english.wordy-words in this project (.sayso.yml)");
  REQUIRE(project != nullptr);
  CHECK((*project)["command"]["command"] == "sayso.disableRule");
  CHECK((*project)["command"]["arguments"] == json::array({"plain-english.wordy-words", uri}));
}

TEST_CASE("lsp: fix all is computed only when asked for, or when the client resolves it",
          "[lsp][actions]") {
  const std::string uri = kFolder + "summary.md";
  const std::string text = "We will utilise the data.\n\nWe will utilise it again.\n";
  const json resolves = {
      {"textDocument", {{"codeAction", {{"resolveSupport", {{"properties", {"edit"}}}}}}}}};
  Client client;
  client.initialize(resolves).open(uri, text);
  code_actions(client, 1, uri, range(0, 10, 0, 10));  // the lightbulb: no `only`
  code_actions(client, 2, uri, range(0, 0, 0, 0), json::array({"source.fixAll"}));  // on save
  client.request(3, "codeAction/resolve",
                 {{"title", "Fix all plain-English substitutions (2)"},
                  {"kind", "source.sayso.fixAll"},
                  {"data", {{"uri", uri}}}});
  const Session s = client.shutdown_and_exit().run();
  INFO(s.log);
  const json* lazy = action_titled(result_of(s, 1), "Fix all plain-English substitutions (2)");
  REQUIRE(lazy != nullptr);
  CHECK((*lazy)["kind"] == "source.sayso.fixAll");
  CHECK(!lazy->contains("edit"));
  CHECK(result_of(s, 2).empty());  // not a sub-kind of source.fixAll
  const json& resolved = result_of(s, 3);
  CHECK(apply_edits(text, edits_of(resolved, uri)) ==
        "We will use the data.\n\nWe will use it again.\n");
}
