// The language server's changes to a .sayso.yml (sayso.addWord, sayso.setLanguage,
// sayso.disableRule) touch only the bytes they must, through the editor when it can apply edits;
// and settings given at initialize reach the rules.
#include <catch2/catch.hpp>

#include "lsp/server.h"
#include "test_lsp_client.h"

using sayso::lsp::json;
using namespace sayso::lsp_test;

namespace {

// The reviewer's file: comments everywhere, a flow list, an anchor, a list of overrides.
const std::string kCommentedConfig =
    "# Project settings for our NIHR bid -- keep in sync with the team wiki\n"
    "profile: nihr   # funder\n"
    "rules:\n"
    "  plain-english.passive-voice: off  # we know\n"
    "words: [Brumfield, telecare]  # names\n"
    "overrides:\n"
    "  - files: [\"summaries/*.md\"]\n"
    "    document_kind: plain-english-summary\n";

std::vector<std::string> codes_of(const json& published) {
  std::vector<std::string> codes;
  for (const json& d : published["diagnostics"]) codes.push_back(d["code"].get<std::string>());
  return codes;
}

bool has_code(const json& published, const std::string& code) {
  const std::vector<std::string> codes = codes_of(published);
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

}  // namespace

TEST_CASE("lsp: adding a word keeps comments, flow lists, anchors and line endings",
          "[lsp][config-edit]") {
  using sayso::lsp::add_word_to_config_text;
  CHECK(add_word_to_config_text(kCommentedConfig, "Zorblax") ==
        "# Project settings for our NIHR bid -- keep in sync with the team wiki\n"
        "profile: nihr   # funder\n"
        "rules:\n"
        "  plain-english.passive-voice: off  # we know\n"
        "words: [Brumfield, telecare, Zorblax]  # names\n"
        "overrides:\n"
        "  - files: [\"summaries/*.md\"]\n"
        "    document_kind: plain-english-summary\n");
  CHECK(add_word_to_config_text("extends: base.yml\nwords: &w [A1]\n", "Zorblax") ==
        "extends: base.yml\nwords: &w [A1, Zorblax]\n");
  CHECK(add_word_to_config_text("words: [\n  a,\n  b,\n]\n", "c") == "words: [\n  a,\n  b, c\n]\n");
  CHECK(add_word_to_config_text("words: []\n", "c") == "words: [c]\n");
  CHECK(add_word_to_config_text("words: a # one\n", "b") == "words: [a, b] # one\n");
  CHECK(add_word_to_config_text("words: 'a b'\n", "c") == "words: ['a b', c]\n");
  CHECK(add_word_to_config_text("words:   # none yet\nprofile: nihr\n", "c") ==
        "words: [c]   # none yet\nprofile: nihr\n");
  CHECK(add_word_to_config_text("words: [a]\n", "x,y") == "words: [a, \"x,y\"]\n");
  // CRLF files get CRLF lines.
  CHECK(add_word_to_config_text("# mine\r\nwords:\r\n  - a\r\n", "b") ==
        "# mine\r\nwords:\r\n  - a\r\n  - b\r\n");
  CHECK(add_word_to_config_text("profile: nihr\r\n", "b") ==
        "profile: nihr\r\nwords:\r\n  - b\r\n");
  // An alias shares its list with another key; a map is not a list: both are refused.
  CHECK_THROWS_WITH(add_word_to_config_text("base: &w [a]\nwords: *w\n", "b"),
                    Catch::Contains("alias"));
  CHECK_THROWS_WITH(add_word_to_config_text("words: {a: b}\n", "b"), Catch::Contains("not a list"));
  CHECK_THROWS_WITH(add_word_to_config_text("words: [Brumfield, telecare\n# my notes\n", "b"),
                    Catch::Contains("not valid YAML"));
}

TEST_CASE("lsp: setting the language edits only its value", "[lsp][config-edit]") {
  using sayso::lsp::set_language_in_config_text;
  CHECK(set_language_in_config_text(kCommentedConfig + "language: en_GB  # UK funder\n", "en_US") ==
        kCommentedConfig + "language: en_US  # UK funder\n");
  CHECK(set_language_in_config_text(kCommentedConfig, "en_US") ==
        kCommentedConfig + "language: en_US\n");
  CHECK(set_language_in_config_text("language: \"en_GB\"\r\nwords: [a]\r\n", "en_US") ==
        "language: en_US\r\nwords: [a]\r\n");
  CHECK(set_language_in_config_text("language:\nwords: [a]\n", "en_US") ==
        "language: en_US\nwords: [a]\n");
}

TEST_CASE("lsp: turning a rule off in .sayso.yml edits only the rules map", "[lsp][config-edit]") {
  using sayso::lsp::disable_rule_in_config_text;
  CHECK(disable_rule_in_config_text(kCommentedConfig, "plain-english.wordy-words") ==
        "# Project settings for our NIHR bid -- keep in sync with the team wiki\n"
        "profile: nihr   # funder\n"
        "rules:\n"
        "  plain-english.wordy-words: off\n"
        "  plain-english.passive-voice: off  # we know\n"
        "words: [Brumfield, telecare]  # names\n"
        "overrides:\n"
        "  - files: [\"summaries/*.md\"]\n"
        "    document_kind: plain-english-summary\n");
  CHECK(disable_rule_in_config_text("", "acronyms.unexplained") ==
        "rules:\n  acronyms.unexplained: off\n");
  CHECK(disable_rule_in_config_text("rules: {a.b: info}\n", "c.d") ==
        "rules: {a.b: info, c.d: off}\n");
  CHECK(disable_rule_in_config_text("rules:\n  a.b: info  # why\n", "a.b") ==
        "rules:\n  a.b: off  # why\n");
  CHECK(disable_rule_in_config_text("rules:\n  a.b: off\n", "a.b") == "rules:\n  a.b: off\n");
  CHECK_THROWS_WITH(disable_rule_in_config_text("rules:\n  a.b:\n    max_words: 250\n", "a.b"),
                    Catch::Contains("settings of its own"));
}

TEST_CASE("lsp: addWord goes through workspace/applyEdit when the client can apply edits",
          "[lsp][config-edit]") {
  TempFolder folder("apply-edit");
  folder.write(".sayso.yml", kCommentedConfig);
  const std::string uri = folder.uri("summary.md");
  const Session s =
      Client()
          .initialize({{"workspace", {{"applyEdit", true}}}}, {{"rootUri", folder.uri()}})
          .open(uri, "The Zorblax study met Brumfield.\n")
          .request(1, "workspace/executeCommand",
                   {{"command", "sayso.addWord"}, {"arguments", {"Zorblax", uri}}})
          .reply(1, {{"applied", true}})  // the server's first request: applyEdit
          .shutdown_and_exit()
          .run();
  INFO(s.log);
  // The file is left to the editor, which applies one small edit to it.
  CHECK(folder.read(".sayso.yml") == kCommentedConfig);
  const std::vector<json> requests = s.server_requests("workspace/applyEdit");
  REQUIRE(requests.size() == 1);
  const json& params = requests[0]["params"];
  const json& edits = params["edit"]["changes"][folder.uri(".sayso.yml")];
  REQUIRE(edits.size() == 1);
  CHECK(edits[0]["newText"] == ", Zorblax");
  CHECK(edits[0]["range"] == range(4, 27, 4, 27));
  CHECK(apply_edits(kCommentedConfig, edits) ==
        sayso::lsp::add_word_to_config_text(kCommentedConfig, "Zorblax"));
  // Once the editor has applied it (perhaps not saved yet), the word is known.
  CHECK(!has_code(s.diagnostics(uri), "spelling.unknown-word"));
}

namespace {

// workspace/executeCommand's parameters to turn `rule` off for the project of `uri`.
json disable_rule(const std::string& rule, const std::string& uri) {
  return {{"command", "sayso.disableRule"}, {"arguments", {rule, uri}}};
}

}  // namespace

TEST_CASE("lsp: disableRule turns a rule off for the project", "[lsp][config-edit]") {
  TempFolder folder("disable-rule");
  folder.write(".sayso.yml", "profile: nihr  # funder\n");
  const std::string uri = folder.uri("summary.txt");
  Client client;
  client.initialize(json::object(), {{"rootUri", folder.uri()}})
      .open(uri, "We will utilise the data.\n", 1, "plaintext")
      .request(1, "workspace/executeCommand", disable_rule("plain-english.wordy-words", uri))
      .request(2, "workspace/executeCommand", disable_rule("a: b", uri))
      // A rule no pack has would make the file one `sayso check` refuses: refused, not written.
      .request(3, "workspace/executeCommand", disable_rule("plain-english.nope", uri))
      // A rule's name alone is written as its id.
      .request(4, "workspace/executeCommand", disable_rule("passive-voice", uri));
  const Session s = client.shutdown_and_exit().run();
  INFO(s.log);
  CHECK(folder.read(".sayso.yml") ==
        "profile: nihr  # funder\nrules:\n  plain-english.passive-voice: off\n"
        "  plain-english.wordy-words: off\n");
  CHECK(!has_code(s.diagnostics(uri), "plain-english.wordy-words"));
  CHECK(error_code(s, 2) == -32602);
  CHECK(error_code(s, 3) == -32602);
}

TEST_CASE("lsp: a settings file made to turn a rule off is announced", "[lsp][config-edit]") {
  // With no .sayso.yml there is no buffer to edit: the file is written to disk, and the writer
  // is told where, or the finding would just vanish.
  TempFolder folder("disable-rule-new-file");
  const std::string uri = folder.uri("summary.txt");
  Client client;
  client.initialize(json::object(), {{"rootUri", folder.uri()}})
      .open(uri, "We will utilise the data.\n", 1, "plaintext")
      .request(1, "workspace/executeCommand", disable_rule("plain-english.wordy-words", uri));
  const Session s = client.shutdown_and_exit().run();
  INFO(s.log);
  CHECK(folder.read(".sayso.yml") == "rules:\n  plain-english.wordy-words: off\n");
  bool announced = false;
  for (const json& p : s.notifications("window/showMessage"))
    announced =
        announced || p["message"].get<std::string>().find("new settings file") != std::string::npos;
  CHECK(announced);
}

TEST_CASE("lsp: settings in initializationOptions are the first settings", "[lsp][settings]") {
  const std::string uri = kFolder + "summary.md";
  const std::string text = "# Plain English summary\n\nWe will utilise the data.\n";
  const json sayso_shaped = {{"sayso", {{"severity", {{"plain-english.wordy-words", "off"}}}}}};
  const json flat = {{"severity", {{"plain-english.wordy-words", "off"}}}};
  for (const json& options : {sayso_shaped, flat}) {
    const Session s = Client()
                          .initialize(json::object(), {{"initializationOptions", options}})
                          .open(uri, text)
                          .shutdown_and_exit()
                          .run();
    INFO(options.dump() << s.log);
    CHECK(!has_code(s.diagnostics(uri), "plain-english.wordy-words"));
  }
  const Session plain = Client().initialize().open(uri, text).shutdown_and_exit().run();
  CHECK(has_code(plain.diagnostics(uri), "plain-english.wordy-words"));
}

TEST_CASE("lsp: each mistake in a settings file is shown at its own line", "[lsp][settings]") {
  TempFolder folder("settings-mistakes");
  folder.write(".sayso.yml",
               "rules:\n"
               "  plain-english.passive-voice: loud\n"
               "  plain-english.wordy-words: off\n"
               "  plain-english.long-sentence: whisper\n"
               "  acronyms.unexplained: warnin\n");
  const std::string uri = folder.uri("summary.txt");
  const Session s = Client()
                        .initialize(json::object(), {{"rootUri", folder.uri()}})
                        .open(uri, "We will utilise the data.\n", 1, "plaintext")
                        .shutdown_and_exit()
                        .run();
  INFO(s.log);
  const json problems = s.diagnostics(folder.uri(".sayso.yml"))["diagnostics"];
  INFO(problems.dump(2));
  REQUIRE(problems.size() == 3);
  CHECK(problems[0]["range"]["start"]["line"] == 1);
  CHECK(problems[0]["message"].get<std::string>().find("'loud'") != std::string::npos);
  CHECK(problems[1]["range"]["start"]["line"] == 3);
  CHECK(problems[1]["message"].get<std::string>().find("'whisper'") != std::string::npos);
  CHECK(problems[2]["range"]["start"]["line"] == 4);
  // Each says only its own mistake.
  for (const json& p : problems)
    CHECK(p["message"].get<std::string>().find(".sayso.yml:") == std::string::npos);
  CHECK(s.notifications("window/showMessage").size() == 1);  // one message names them all
}

TEST_CASE("lsp: a settings file saved again with the same mistake is not a new pop-up",
          "[lsp][settings]") {
  TempFolder folder("settings-mistake-saved");
  folder.write(".sayso.yml", "rules:\n  plain-english.passive-voice: loud\n");
  const std::string uri = folder.uri("summary.txt");
  const json saved = {{"textDocument", {{"uri", folder.uri(".sayso.yml")}}}};
  const json watched = {{"changes", {{{"uri", folder.uri(".sayso.yml")}, {"type", 2}}}}};
  const Session s = Client()
                        .initialize(json::object(), {{"rootUri", folder.uri()}})
                        .open(uri, "We will utilise the data.\n", 1, "plaintext")
                        .notify("textDocument/didSave", saved)
                        .notify("workspace/didChangeWatchedFiles", watched)
                        .notify("textDocument/didSave", saved)
                        .shutdown_and_exit()
                        .run();
  INFO(s.log);
  CHECK(s.notifications("window/showMessage").size() == 1);
  // The file still shows the mistake at its line.
  const json problems = s.diagnostics(folder.uri(".sayso.yml"))["diagnostics"];
  REQUIRE(problems.size() == 1);
  CHECK(problems[0]["range"]["start"]["line"] == 1);
}
