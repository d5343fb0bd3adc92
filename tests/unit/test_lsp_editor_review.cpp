// The language server after a blind review through a generic LSP client: the documented settings
// work from any client and unknown ones are named; two project edits before a save make one
// `rules:` map; explainRule takes short names and shows the rule; hovers are short; the section
// figures count what the checklist finding counts; spelling fixes are the finding's own; and
// diagnostics link to the rule catalogue.
#include <catch2/catch.hpp>

#include "lsp/rule_catalogue.h"
#include "lsp/server.h"
#include "test_lsp_client.h"

using sayso::lsp::json;
using namespace sayso::lsp_test;

namespace {

const std::string kWordy = "We will utilise the data.\n";
const std::string kWordyRule = "plain-english.wordy-words";

// The diagnostics last published for `uri` (none when nothing was).
json published_diagnostics(const Session& s, const std::string& uri) {
  const json published = s.diagnostics(uri);
  return published.is_null() ? json::array() : published["diagnostics"];
}

// The severities of a rule's findings in the diagnostics last published for `uri`.
std::vector<int> severities(const Session& s, const std::string& uri, const std::string& rule) {
  std::vector<int> out;
  for (const json& d : published_diagnostics(s, uri))
    if (d["code"] == rule) out.push_back(d["severity"]);
  return out;
}

std::vector<std::string> messages_shown(const Session& s) {
  std::vector<std::string> out;
  for (const json& p : s.notifications("window/showMessage")) out.push_back(p["message"]);
  return out;
}

bool any_contains(const std::vector<std::string>& texts, const std::string& part) {
  return std::any_of(texts.begin(), texts.end(),
                     [&](const std::string& t) { return t.find(part) != std::string::npos; });
}

// A client that answers workspace/configuration (the server's request 1) with `answer`.
Session with_pulled_settings(const json& answer, const std::string& uri) {
  return Client()
      .initialize({{"workspace", {{"configuration", true}}}})
      .open(uri, kWordy)
      .reply(1, json::array({answer}))
      .shutdown_and_exit()
      .run();
}

// A client that pushes settings only (workspace/didChangeConfiguration).
Session with_pushed_settings(const json& settings, const std::string& uri) {
  return Client()
      .initialize()
      .open(uri, kWordy)
      .notify("workspace/didChangeConfiguration", {{"settings", settings}})
      .shutdown_and_exit()
      .run();
}

json execute(const std::string& command, json arguments) {
  return {{"command", command}, {"arguments", std::move(arguments)}};
}

const std::string kApplication =
    "# Plain English summary\n\n"
    "We will utilise the data in order to find out what helps people sleep.\n\n"
    "# Patient and public involvement\n\n"
    "PPI will be sought where possible. Patients were consulted about the design of the study "
    "and were sent the questionnaire to comment on. We will ask a group of patients what they "
    "think of the leaflets, and we will tell them about the results at the end.\n";

}  // namespace

TEST_CASE("lsp settings: severityOverrides, severity and rules change a rule alike",
          "[lsp][settings][review3]") {
  const std::string uri = kFolder + "summary.md";
  const json to_error = {{kWordyRule, "error"}};
  for (const char* key : {"severityOverrides", "severity", "rules"}) {
    INFO(key);
    CHECK(severities(with_pulled_settings({{key, to_error}}, uri), uri, kWordyRule) ==
          std::vector<int>{1});
    CHECK(severities(with_pushed_settings({{"sayso", {{key, to_error}}}}, uri), uri, kWordyRule) ==
          std::vector<int>{1});
  }
  // A client answering with all its settings rather than the section; one pushing them flat.
  CHECK(severities(with_pulled_settings({{"sayso", {{"severityOverrides", to_error}}}}, uri), uri,
                   kWordyRule) == std::vector<int>{1});
  CHECK(severities(with_pushed_settings({{"severityOverrides", to_error}}, uri), uri, kWordyRule) ==
        std::vector<int>{1});
  CHECK(severities(with_pulled_settings({{"severityOverrides", {{kWordyRule, "off"}}}}, uri), uri,
                   kWordyRule)
            .empty());
  // Another server's settings pushed alongside are not read as sayso's.
  const Session other = with_pushed_settings({{"ltex", {{"language", "de"}}}}, uri);
  CHECK(severities(other, uri, kWordyRule) == std::vector<int>{2});
  CHECK(messages_shown(other).empty());
}

TEST_CASE("lsp settings: pushed settings stay when the client then answers the pull with null",
          "[lsp][settings]") {
  const std::string uri = kFolder + "summary.md";
  const json to_error = {{"severityOverrides", {{kWordyRule, "error"}}}};
  const Session s =
      Client()
          .initialize({{"workspace", {{"configuration", true}}}})
          .open(uri, kWordy)
          .reply(1, json::array({nullptr}))
          .notify("workspace/didChangeConfiguration", {{"settings", {{"sayso", to_error}}}})
          .reply(2, json::array({nullptr}))
          .shutdown_and_exit()
          .run();
  CHECK(severities(s, uri, kWordyRule) == std::vector<int>{1});
}

TEST_CASE("lsp settings: an unknown key is named, with the key it is most like",
          "[lsp][settings][review3]") {
  const std::string uri = kFolder + "summary.md";
  const Session s = with_pulled_settings(
      {{"severity_overrides", {{kWordyRule, "error"}}}, {"bogusKey", 1}, {"profile", "nihr"}}, uri);
  const std::vector<std::string> shown = messages_shown(s);
  INFO(json(shown).dump(2));
  CHECK(any_contains(shown,
                     "unknown setting 'severity_overrides' (did you mean "
                     "'severityOverrides'?)"));
  CHECK(any_contains(shown, "unknown setting 'bogusKey'"));
  CHECK(!any_contains(shown, "'profile'"));
  // Bad values of the new key are reported as those of `rules` are.
  const Session bad = with_pulled_settings({{"severityOverrides", {{kWordyRule, 1}}}}, uri);
  CHECK(any_contains(messages_shown(bad), "severityOverrides." + kWordyRule));
  // The VS Code extension's own keys, passed on with the rest, are no surprise.
  const Session vscode = with_pulled_settings(
      {{"rulePacks", json::array()}, {"server", {{"path", ""}}}, {"trace", {{"server", "off"}}}},
      uri);
  CHECK(messages_shown(vscode).empty());
}

TEST_CASE("lsp config edits: two rules turned off before a save go into one rules map",
          "[lsp][config-edit][review3]") {
  const std::string config =
      "# project settings — keep this comment\n"
      "profile: nihr\n"
      "words: [telecare]   # our words\n";
  TempFolder folder("two-disables");
  folder.write(".sayso.yml", config);
  const std::string uri = folder.uri("involvement.txt");
  // The editor applies each edit to a buffer the server never sees (no didOpen of .sayso.yml):
  // both commands come before it answers the first applyEdit, and nothing is saved.
  const Session s =
      Client()
          .initialize({{"workspace", {{"applyEdit", true}}}}, {{"rootUri", folder.uri()}})
          .open(uri, "PPI will be sought where possible.\n", 1, "plaintext")
          .request(10, "workspace/executeCommand",
                   execute("sayso.disableRule", {"involvement.vague-plans", uri}))
          .request(11, "workspace/executeCommand",
                   execute("sayso.disableRule", {"involvement.hedged-plans", uri}))
          .request(12, "workspace/executeCommand", execute("sayso.addWord", {"Brumfield", uri}))
          .reply(1, {{"applied", true}})
          .reply(2, {{"applied", true}})
          .reply(3, {{"applied", true}})
          .shutdown_and_exit()
          .run();
  INFO(s.log);
  const std::vector<json> requests = s.server_requests("workspace/applyEdit");
  REQUIRE(requests.size() == 3);
  std::string buffer = config;
  for (const json& request : requests)
    buffer = apply_edits(buffer, request["params"]["edit"]["changes"][folder.uri(".sayso.yml")]);
  CHECK(buffer ==
        "# project settings — keep this comment\n"
        "profile: nihr\n"
        "words: [telecare, Brumfield]   # our words\n"
        "rules:\n"
        "  involvement.hedged-plans: off\n"
        "  involvement.vague-plans: off\n");
  CHECK(folder.read(".sayso.yml") == config);  // left to the editor to save
  // Both rules are off meanwhile, as the buffer says (they flagged the text before).
  const std::vector<json> published = s.notifications("textDocument/publishDiagnostics");
  REQUIRE(!published.empty());
  CHECK(published.front()["diagnostics"].dump().find("involvement.vague-plans") !=
        std::string::npos);
  CHECK(published_diagnostics(s, uri).dump().find("\"involvement.") == std::string::npos);
}

TEST_CASE("lsp config edits: a refused edit is not built on", "[lsp][config-edit][review3]") {
  TempFolder folder("refused-edit");
  folder.write(".sayso.yml", "profile: nihr\n");
  const std::string uri = folder.uri("app.md");
  const Session s =
      Client()
          .initialize({{"workspace", {{"applyEdit", true}}}}, {{"rootUri", folder.uri()}})
          .open(uri, "We will utilise the data.\n")
          .request(10, "workspace/executeCommand",
                   execute("sayso.disableRule", {"involvement.vague-plans", uri}))
          .reply(1, {{"applied", false}, {"failureReason", "read-only"}})
          .request(11, "workspace/executeCommand",
                   execute("sayso.disableRule", {"involvement.hedged-plans", uri}))
          .reply(2, {{"applied", true}})
          .shutdown_and_exit()
          .run();
  const std::vector<json> requests = s.server_requests("workspace/applyEdit");
  REQUIRE(requests.size() == 2);
  CHECK(apply_edits("profile: nihr\n",
                    requests[1]["params"]["edit"]["changes"][folder.uri(".sayso.yml")]) ==
        "profile: nihr\nrules:\n  involvement.hedged-plans: off\n");
}

TEST_CASE("lsp explainRule: a rule's name without its pack is enough, as for sayso explain",
          "[lsp][commands][review3]") {
  const Session s =
      Client()
          .initialize()
          .request(1, "workspace/executeCommand", execute("sayso.explainRule", {"vague-plans"}))
          .request(2, "workspace/executeCommand", execute("sayso.explainRule", {"vauge-plans"}))
          .request(3, "workspace/executeCommand",
                   execute("sayso.explainRule", {"involvement.vague-plans", {{"show", false}}}))
          .shutdown_and_exit()
          .run();
  const std::string text = result_of(s, 1);
  CHECK(text.rfind("### `involvement.vague-plans`", 0) == 0);
  CHECK(error_code(s, 2) == -32602);
  const json* refused = s.response(2);
  REQUIRE(refused != nullptr);
  CHECK((*refused)["error"]["message"].get<std::string>().find(
            "Did you mean 'involvement.vague-plans'?") != std::string::npos);
  // A client with no showDocument gets the rule as a message, once: not for request 3, which
  // shows the result itself.
  const std::vector<std::string> shown = messages_shown(s);
  REQUIRE(shown.size() == 1);
  CHECK(shown[0].rfind("involvement.vague-plans: ", 0) == 0);
  CHECK(shown[0].find("More: sayso explain vague-plans") != std::string::npos);
  CHECK(shown[0].find("**") == std::string::npos);
}

TEST_CASE("lsp explainRule: a client that can show documents is shown the catalogue entry",
          "[lsp][commands][review3]") {
  const sayso::lsp::RuleCatalogue catalogue(SAYSO_SOURCE_RULES_DIR);
  REQUIRE(!catalogue.uri().empty());
  const json caps = {{"window", {{"showDocument", {{"support", true}}}}}};
  const Session s =
      Client()
          .initialize(caps)
          .request(1, "workspace/executeCommand", execute("sayso.explainRule", {"vague-plans"}))
          .reply(1, {{"success", true}})
          .request(2, "workspace/executeCommand", execute("sayso.explainRule", {"hedged-plans"}))
          .reply(2, {{"success", false}})
          .shutdown_and_exit()
          .run();
  const std::vector<json> opened = s.server_requests("window/showDocument");
  REQUIRE(opened.size() == 2);
  CHECK(opened[0]["params"]["uri"] == catalogue.uri());
  const auto line = catalogue.line_of("involvement.vague-plans");
  REQUIRE(line);
  CHECK(opened[0]["params"]["selection"]["start"]["line"] == *line);
  // The editor could not open the second: the rule is shown as a message instead.
  const std::vector<std::string> shown = messages_shown(s);
  REQUIRE(shown.size() == 1);
  CHECK(shown[0].rfind("involvement.hedged-plans: ", 0) == 0);
}

TEST_CASE("lsp hover: short, with one example pair and where to read more",
          "[lsp][hover][review3]") {
  const std::string uri = kFolder + "application.md";
  const Session s = Client()
                        .initialize()
                        .open(uri, kApplication)
                        .hover(1, uri, 2, 10)  // utilise
                        .hover(2, uri, 4, 3)   // the involvement heading
                        .hover(3, uri, 6, 10)  // will be sought
                        .shutdown_and_exit()
                        .run();
  for (int id : {1, 2, 3}) {
    const std::string text = result_of(s, id)["contents"]["value"];
    INFO(text);
    CHECK(text.size() < 1300);  // the checklist's message lists up to 12 missing items
    CHECK(text.find("Decisions") == std::string::npos);
    CHECK(text.find("**Sources**") == std::string::npos);
    CHECK(text.find("blind review") == std::string::npos);
    CHECK(text.find("More (sources, who shaped the rule): `sayso explain ") != std::string::npos);
  }
  // The example pair, where the message leaves room for it (the checklist's is long).
  for (int id : {1, 3})
    CHECK(result_of(s, id)["contents"]["value"].get<std::string>().find("- Flagged: ") !=
          std::string::npos);
  const std::string utilise = result_of(s, 1)["contents"]["value"];
  CHECK(utilise.find("**Try:** use") != std::string::npos);
  CHECK(utilise.find("- Fine: ") != std::string::npos);
  CHECK(utilise.find("`sayso explain wordy-words`") != std::string::npos);
  CHECK(utilise.find("[rule catalogue](file://") != std::string::npos);
}

TEST_CASE("lsp hover: an explanation is cut at a sentence, a long sentence at a word",
          "[lsp][hover][review3]") {
  using sayso::lsp::first_sentences;
  CHECK(first_sentences("One. Two.", 100) == "One. Two.");
  CHECK(first_sentences("One two. Three four five.", 12) == "One two.");
  CHECK(first_sentences("A rather long first sentence", 10) == "A rather …");
}

TEST_CASE("lsp figures: the evidence count is the checklist finding's, in plain words",
          "[lsp][figures][review3]") {
  const std::string uri = kFolder + "application.md";
  const Session s = Client()
                        .initialize()
                        .open(uri, kApplication)
                        .request(1, "textDocument/codeLens", document_params(uri))
                        .request(2, "sayso/documentSummary", document_params(uri))
                        .shutdown_and_exit()
                        .run();
  std::string checklist_message;
  for (const json& d : published_diagnostics(s, uri))
    if (d["code"] == "co-production.involvement-checklist") checklist_message = d["message"];
  INFO(checklist_message);
  REQUIRE(!checklist_message.empty());
  const json summary = result_of(s, 2)["sections"].back();
  const std::string covers = "covers " + std::to_string(summary["evidencePresent"].get<int>()) +
                             " of " + std::to_string(summary["evidenceTotal"].get<int>());
  CHECK(checklist_message.find(covers) != std::string::npos);
  std::string label;
  for (const json& lens : result_of(s, 1))
    if (lens["range"]["start"]["line"] == 4) label = lens["command"]["title"];
  INFO(label);
  CHECK(label.find("evidence " + std::to_string(summary["evidencePresent"].get<int>()) + " of " +
                   std::to_string(summary["evidenceTotal"].get<int>())) != std::string::npos);
  CHECK(label.find("involvement: ") == std::string::npos);
  // The level in plain words, its usual name after them: "working with people (involve)".
  const std::string level = summary["involvementLevel"];
  const std::string level_words = summary["involvementLevelWords"];
  CHECK(level_words == sayso::lsp::involvement_level_words(level));
  CHECK(level_words.ends_with(" (" + level + ")"));
  CHECK(label.find("involvement level: " + level_words) != std::string::npos);
  if (summary["otherPointsTotal"].get<int>() > 0)
    CHECK(label.find("other points ") != std::string::npos);
}

TEST_CASE("lsp figures: involvement levels in plain words", "[lsp][figures][review3]") {
  using sayso::lsp::involvement_level_words;
  CHECK(involvement_level_words("inform") == "telling people (inform)");
  CHECK(involvement_level_words("collaborate") == "sharing decisions (collaborate)");
  CHECK(involvement_level_words("something-new") == "something-new");
}

TEST_CASE("lsp spelling: the quick fixes are the finding's own suggestions",
          "[lsp][actions][spelling][review3]") {
  const std::string uri = kFolder + "summary.md";
  const Session s =
      Client()
          .initialize()
          .open(uri, "# Plain English summary\n\nWe will ask teh people.\n")
          .request(1, "textDocument/codeAction",
                   document_params(uri, {{"range", range(2, 12, 2, 15)},
                                         {"context", {{"diagnostics", json::array()}}}}))
          .hover(2, uri, 2, 13)
          .shutdown_and_exit()
          .run();
  json suggestions;
  for (const json& d : published_diagnostics(s, uri))
    if (d["code"] == "spelling.unknown-word") suggestions = d["data"]["suggestions"];
  INFO(suggestions.dump());
  REQUIRE(suggestions.is_array());
  REQUIRE(!suggestions.empty());
  CHECK(suggestions.size() <= 3);
  std::vector<std::string> replacements;
  for (const json& action : result_of(s, 1))
    if (action["title"].get<std::string>().rfind("Replace with '", 0) == 0)
      replacements.push_back(action["edit"]["changes"][uri][0]["newText"]);
  CHECK(json(replacements) == suggestions);
}

TEST_CASE("lsp diagnostics: the rule id links to its catalogue entry when there is one",
          "[lsp][diagnostics][review3]") {
  const sayso::lsp::RuleCatalogue catalogue(SAYSO_SOURCE_RULES_DIR);
  const auto line = catalogue.line_of(kWordyRule);
  REQUIRE(line);
  CHECK(catalogue.link(kWordyRule) == catalogue.uri() + "#L" + std::to_string(*line + 1));
  CHECK(catalogue.link("no.such-rule").empty());
  CHECK(catalogue.uri().rfind("file:///", 0) == 0);
  CHECK(catalogue.uri().ends_with("/docs/rules.md"));

  const std::string uri = kFolder + "summary.md";
  const Session s = Client()
                        .initialize()
                        .open(uri, "# Plain English summary\n\n" + kWordy)
                        .shutdown_and_exit()
                        .run();
  bool linked = false;
  for (const json& d : published_diagnostics(s, uri))
    if (d["code"] == kWordyRule)
      linked = d["codeDescription"]["href"] == catalogue.link(kWordyRule);
  CHECK(linked);

  // No catalogue beside the rules: no link.
  TempFolder folder("no-catalogue");
  folder.write("rules/sections.yml", "");
  const sayso::lsp::RuleCatalogue none((folder.path() / "rules").string());
  CHECK(none.uri().empty());
  CHECK(none.link(kWordyRule).empty());
}

TEST_CASE("lsp figures: a title gets no '0 words' lens or hint above it", "[lsp][figures]") {
  const std::string uri = kFolder + "titled.md";
  const std::string text =
      "# Sleep well: a study of night-time routines\n\n## Plain English summary\n\n"
      "We want to help people sleep better at home.\n";
  const Session s = Client()
                        .initialize()
                        .open(uri, text)
                        .request(1, "textDocument/codeLens", document_params(uri))
                        .request(2, "textDocument/inlayHint",
                                 {{"textDocument", {{"uri", uri}}},
                                  {"range",
                                   {{"start", {{"line", 0}, {"character", 0}}},
                                    {"end", {{"line", 9}, {"character", 0}}}}}})
                        .shutdown_and_exit()
                        .run();
  std::vector<int> lens_lines;
  for (const json& lens : result_of(s, 1)) lens_lines.push_back(lens["range"]["start"]["line"]);
  CHECK(lens_lines == std::vector<int>{2});  // the summary's, not the title's
  for (const json& hint : result_of(s, 2)) CHECK(hint["position"]["line"] != 0);
}
