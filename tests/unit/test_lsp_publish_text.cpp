// The findings of each edit are written to publishDiagnostics as JSON text directly (without a
// JSON tree): that text must mean exactly what the general to_lsp_diagnostic path gives.
#include <catch2/catch.hpp>

#include "lsp/server.h"
#include "test_lsp_client.h"

using sayso::lsp::json;
using namespace sayso::lsp_test;

namespace {

sayso::Diagnostic finding(std::string rule, std::size_t begin, std::size_t end, std::string message,
                          std::vector<std::string> suggestions = {}) {
  sayso::Diagnostic d;
  d.rule_id = std::move(rule);
  d.category = "jargon";
  d.severity = sayso::Severity::Hint;
  d.message = std::move(message);
  d.begin = begin;
  d.end = end;
  d.section_kind = "plain-english-summary";
  d.suggestions = std::move(suggestions);
  return d;
}

}  // namespace

TEST_CASE("lsp: diagnostics written as text equal the JSON tree", "[lsp][diagnostics]") {
  // Non-ASCII before and inside ranges, a last line with no newline, quotes, control characters
  // and invalid UTF-8 in strings, empty and document-level ranges.
  const std::string text = "Café 😀 utilise\n\n“Quoted” line\tthree\nlast";
  std::vector<sayso::Diagnostic> found = {
      finding("plain-english.wordy-words", 11, 18, "'utilise': say \"use\"", {"use", "employ"}),
      finding("a.b", 20, 33, "tab\there, newline\nthere, bell\x07, bad \xff byte"),
      finding("c.d", 0, 0, "document-level", {}),
      finding("e.f", text.size() - 4, text.size(), "ünïcödé ✓", {"😀"}),
  };
  found[2].severity = sayso::Severity::Error;
  const sayso::LineIndex lines(text);
  for (const sayso::ColumnUnit unit : {sayso::ColumnUnit::Utf16Units, sayso::ColumnUnit::Utf8Bytes,
                                       sayso::ColumnUnit::CodePoints}) {
    json expected = json::array();
    for (const sayso::Diagnostic& d : found)
      expected.push_back(sayso::lsp::to_lsp_diagnostic(d, lines, unit));
    const json written = json::parse(sayso::lsp::lsp_diagnostics_text(found, text, unit));
    // What the client reads of the tree (serialise replaces invalid UTF-8, as the text does).
    CHECK(written == json::parse(sayso::lsp::serialise(expected)));
  }
  CHECK(sayso::lsp::lsp_diagnostics_text({}, text, sayso::ColumnUnit::Utf16Units) == "[]");
}

TEST_CASE("lsp: pushed diagnostics equal pulled ones for the same text", "[lsp][diagnostics]") {
  const std::string uri = kFolder + "application.md";
  const std::string text =
      "# Plain English summary\n\nCafé 😀 We will utilise the data in order to learn.\n\n"
      "# Patient and public involvement\n\nPPI will be sought where possible.\n";
  const Session s = Client()
                        .initialize()
                        .open(uri, text, 7)
                        .request(1, "textDocument/diagnostic", document_params(uri))
                        .shutdown_and_exit()
                        .run();
  const json published = s.diagnostics(uri);
  REQUIRE(published.is_object());
  CHECK(published["version"] == 7);
  const json* pulled = s.response(1);
  REQUIRE(pulled != nullptr);
  REQUIRE((*pulled)["result"]["items"].size() >= 3);
  CHECK(published["diagnostics"] == (*pulled)["result"]["items"]);
}
