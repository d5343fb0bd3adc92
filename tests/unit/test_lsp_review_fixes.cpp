// The language server after its blind review (findings 8, 9, 13, 15, 16, 17): quick fixes that
// make no new finding, disable comments that keep deferring rules quiet, workspace lints for a
// client that pulls, rule explanations in words, inlay hints on demand, hovers where findings
// overlap.
#include <catch2/catch.hpp>

#include "engine/rule.h"
#include "lsp/server.h"
#include "test_lsp_client.h"

using sayso::lsp::json;
using namespace sayso::lsp_test;

namespace {

const std::string kSummary = "# Plain English summary\n\n";

// The diagnostics of `text`, opened as a Markdown document.
json diagnostics_of(const std::string& text) {
  const std::string uri = kFolder + "summary.md";
  const Session s = Client().initialize().open(uri, text).shutdown_and_exit().run();
  return s.diagnostics(uri)["diagnostics"];
}

// The code actions at one place of `text`.
json actions_at(const std::string& text, int line, int from, int to) {
  const std::string uri = kFolder + "summary.md";
  const Session s =
      Client()
          .initialize()
          .open(uri, text)
          .request(1, "textDocument/codeAction",
                   document_params(uri, {{"range", range(line, from, line, to)},
                                         {"context", {{"diagnostics", json::array()}}}}))
          .shutdown_and_exit()
          .run();
  return result_of(s, 1);
}

std::vector<std::string> titles(const json& actions) {
  std::vector<std::string> out;
  for (const json& a : actions) out.push_back(a["title"]);
  return out;
}

bool has(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

std::vector<std::string> codes(const json& diagnostics) {
  std::vector<std::string> out;
  for (const json& d : diagnostics) out.push_back(d["code"]);
  return out;
}

}  // namespace

TEST_CASE("lsp: a word in capitals inside normal text is fixed without capitals",
          "[lsp][actions][review]") {
  const std::string text = kSummary + "We will UTILISE the data.\n";
  const json actions = actions_at(text, 2, 8, 15);
  const std::vector<std::string> offered = titles(actions);
  INFO(json(offered).dump(2));
  CHECK(has(offered, "Replace with 'use'"));
  CHECK_FALSE(has(offered, "Replace with 'USE'"));

  // Applied, the fix makes no new finding (the acronym rules would read 'USE' as an acronym).
  const json* fix = nullptr;
  for (const json& a : actions)
    if (a["title"] == "Replace with 'use'") fix = &a;
  REQUIRE(fix != nullptr);
  const std::string fixed = apply_edits(text, (*fix)["edit"]["changes"][kFolder + "summary.md"]);
  CHECK(fixed == kSummary + "We will use the data.\n");
  for (const std::string& code : codes(diagnostics_of(fixed)))
    CHECK(code.rfind("acronyms.", 0) != 0);

  // At the start of a sentence, the fix is Capitalised, as the sentence is written.
  CHECK(has(titles(actions_at(kSummary + "UTILISE the data we have.\n", 2, 0, 7)),
            "Replace with 'Use'"));
}

TEST_CASE("lsp: a longer suggestion is not a quick fix before a word it would need inside it",
          "[lsp][actions][review]") {
  // "make easier them to talk" does not read: "help" does.
  const std::vector<std::string> before_object =
      titles(actions_at(kSummary + "We will facilitate them to talk.\n", 2, 8, 18));
  INFO(json(before_object).dump(2));
  CHECK(has(before_object, "Replace with 'help'"));
  CHECK_FALSE(has(before_object, "Replace with 'make easier'"));
  // With no word after it, every suggestion reads well and is offered.
  const std::vector<std::string> at_end =
      titles(actions_at(kSummary + "A good chair will facilitate.\n", 2, 18, 28));
  INFO(json(at_end).dump(2));
  CHECK(has(at_end, "Replace with 'help'"));
  CHECK(has(at_end, "Replace with 'make easier'"));
}

TEST_CASE("lsp: a finding turned off by a comment keeps the rules that defer to it quiet",
          "[lsp][diagnostics][review]") {
  const std::string sentence = "We will run an RCT in three towns.\n";
  // Reported once, by the rule the other defers to.
  const std::vector<std::string> plain = codes(diagnostics_of(kSummary + sentence));
  INFO(json(plain).dump(2));
  REQUIRE(has(plain, "acronyms.unexplained"));
  REQUIRE_FALSE(has(plain, "acronyms.avoid-in-summary"));
  // Turned off for the line: neither speaks.
  const std::vector<std::string> turned_off = codes(diagnostics_of(
      kSummary + "<!-- sayso-disable-next-line acronyms.unexplained -->\n" + sentence));
  INFO(json(turned_off).dump(2));
  CHECK_FALSE(has(turned_off, "acronyms.unexplained"));
  CHECK_FALSE(has(turned_off, "acronyms.avoid-in-summary"));
}

TEST_CASE("lsp: sayso.lintWorkspace asks a client that pulls to pull again, and pushes nothing",
          "[lsp][commands][review]") {
  TempFolder folder("lint-workspace-pull");
  folder.write("a/summary.md", "We will utilise the data.\n");
  folder.write("b/involvement.txt", "PPI will be sought where possible.\n");
  const json caps = {{"textDocument", {{"diagnostic", {{"dynamicRegistration", false}}}}},
                     {"workspace", {{"diagnostics", {{"refreshSupport", true}}}}}};
  const Session s =
      Client()
          .initialize(caps, {{"rootUri", folder.uri()}})
          .open(folder.uri("a/summary.md"), "We will utilise the data.\n")
          .request(1, "workspace/executeCommand", {{"command", "sayso.lintWorkspace"}})
          .request(2, "workspace/diagnostic", {{"previousResultIds", json::array()}})
          .shutdown_and_exit()
          .run();
  CHECK(result_of(s, 1)["files"] == 2);
  CHECK(s.notifications("textDocument/publishDiagnostics").empty());
  CHECK(s.server_requests("workspace/diagnostic/refresh").size() == 1);
  CHECK(result_of(s, 2)["items"].size() == 2);
}

TEST_CASE("lsp: sayso.explainRule fills the message with an example's words",
          "[lsp][commands][review]") {
  const Session s =
      Client()
          .initialize()
          .request(1, "workspace/executeCommand",
                   {{"command", "sayso.explainRule"}, {"arguments", {"plain-english.wordy-words"}}})
          .shutdown_and_exit()
          .run();
  const std::string text = result_of(s, 1);
  const std::string first_lines = text.substr(0, text.find("\n\n", text.find("\n\n") + 2));
  INFO(first_lines);
  CHECK(first_lines.find("{suggestion}") == std::string::npos);
  CHECK(first_lines.find("{match}") == std::string::npos);
  CHECK(first_lines.find("Try '") != std::string::npos);
}

TEST_CASE("lsp: a rule message with no example to fill it reads in plain words",
          "[lsp][commands][review]") {
  sayso::Rule rule;
  rule.message = "Try '{suggestion}' instead of '{match}' ({count} times, {odd}).";
  CHECK(sayso::lsp::rule_message_in_words(rule) ==
        "Try 'a plainer word' instead of 'the words flagged' (several times, …).");
  CHECK(sayso::lsp::rule_message_in_words(rule, "Try 'use' instead of 'utilise'.") ==
        "Try 'use' instead of 'utilise'.");
}

TEST_CASE("lsp: inlay hints are off unless the inlayHints setting turns them on",
          "[lsp][symbols][review]") {
  const std::string uri = kFolder + "application.md";
  const std::string text = kSummary + "We will find out what helps people sleep.\n";
  const json hints = document_params(uri, {{"range", range(0, 0, 99, 0)}});
  const Session plain = Client()
                            .initialize()
                            .open(uri, text)
                            .request(1, "textDocument/inlayHint", hints)
                            .request(2, "textDocument/codeLens", document_params(uri))
                            .shutdown_and_exit()
                            .run();
  CHECK(result_of(plain, 1).empty());
  CHECK(result_of(plain, 2).size() == 1);  // the code lens shows the figures by default

  const Session on =
      Client()
          .initialize(json::object(),
                      {{"initializationOptions", {{"sayso", {{"inlayHints", true}}}}}})
          .open(uri, text)
          .request(1, "textDocument/inlayHint", hints)
          .notify("workspace/didChangeConfiguration",
                  {{"settings", {{"sayso", {{"inlayHints", false}}}}}})
          .request(2, "textDocument/inlayHint", hints)
          .shutdown_and_exit()
          .run();
  CHECK(result_of(on, 1).size() == 1);
  CHECK(result_of(on, 2).empty());
}

TEST_CASE("lsp: hover where findings overlap takes the innermost finding", "[lsp][hover][review]") {
  const std::string uri = kFolder + "summary.md";
  // A long sentence (one finding over it all) with an acronym in it (one over three letters).
  const std::string sentence =
      "We will run an RCT in three towns with many people who sleep badly and their families "
      "and carers, and we will ask each of them what helps them sleep and what makes it worse "
      "over a whole year.\n";
  const Session s = Client()
                        .initialize()
                        .open(uri, kSummary + sentence)
                        .hover(1, uri, 2, 16)
                        .shutdown_and_exit()
                        .run();
  const std::vector<std::string> found = codes(s.diagnostics(uri)["diagnostics"]);
  INFO(json(found).dump(2));
  REQUIRE(has(found, "plain-english.long-sentence"));
  const json& hover = result_of(s, 1);
  CHECK(hover["range"] == range(2, 15, 2, 18));  // "RCT", not the sentence
  const std::string text = hover["contents"]["value"];
  INFO(text);
  CHECK(text.find("`acronyms.unexplained`") < text.find("plain-english.long-sentence"));
  // The others are a line each: the long sentence's explanation is not repeated in full.
  CHECK(text.find("**Also here**") != std::string::npos);
  CHECK(text.find("Long sentences are hard to follow") == std::string::npos);
}

TEST_CASE("lsp: maxProblems keeps the most serious findings and says how many were left out",
          "[lsp][review]") {
  const std::string uri = kFolder + "summary.md";
  // Each line has an unexplained acronym (info) and the last a misspelt word (warning).
  std::string text = kSummary;
  for (int i = 0; i < 12; ++i) text += "The QXR" + std::to_string(i) + " team met.\n\n";
  text += "We will recieve the results.\n";
  const auto with_limit = [&](const json& limit) {
    const Session s =
        Client()
            .initialize(json::object(),
                        {{"initializationOptions", {{"sayso", {{"maxProblems", limit}}}}}})
            .open(uri, text)
            .shutdown_and_exit()
            .run();
    return s;
  };
  const json all = with_limit(0).diagnostics(uri)["diagnostics"];
  REQUIRE(all.size() > 6);
  CHECK_FALSE(has(codes(all), "sayso.findings-left-out"));

  const json five = with_limit(5).diagnostics(uri)["diagnostics"];
  INFO(five.dump(2));
  REQUIRE(five.size() == 6);  // five findings and the note
  CHECK(five[0]["code"] == "sayso.findings-left-out");
  const std::string note = five[0]["message"];
  CHECK(note.find("has " + std::to_string(all.size()) + " findings") != std::string::npos);
  CHECK(note.find("maxProblems") != std::string::npos);
  // The misspelt word (a warning) is kept, though it is the last in the text.
  int warnings = 0;
  for (const json& d : five) warnings += d["severity"] == 2 ? 1 : 0;
  CHECK(warnings >= 1);

  const Session wrong = with_limit("many");
  CHECK(wrong.diagnostics(uri)["diagnostics"].size() == all.size());  // 1000 is used
  bool said = false;
  for (const json& p : wrong.notifications("window/showMessage"))
    said = said || p["message"].get<std::string>().find("maxProblems must be") != std::string::npos;
  CHECK(said);
}

TEST_CASE("lsp: a debounceMs that is not a number is named, not ignored", "[lsp][review]") {
  const std::string uri = kFolder + "summary.md";
  const Session s =
      Client()
          .initialize(json::object(),
                      {{"initializationOptions", {{"sayso", {{"debounceMs", "soon"}}}}}})
          .open(uri, kSummary + "We will utilise the data.\n")
          .shutdown_and_exit()
          .run();
  bool said = false;
  for (const json& p : s.notifications("window/showMessage"))
    said = said || p["message"].get<std::string>().find("debounceMs must be a whole number") !=
                       std::string::npos;
  CHECK(said);
  CHECK(has(codes(s.diagnostics(uri)["diagnostics"]), "plain-english.wordy-words"));
}
