// Scripted incremental edits (typing, deleting, joining and splitting lines, non-ASCII text, a
// multi-change message) give the same diagnostics as opening the final text afresh.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <random>

#include "lsp/server.h"
#include "test_lsp_client.h"

using sayso::lsp::json;
using namespace sayso::lsp_test;

namespace {

std::string read_corpus(const std::string& name) {
  std::ifstream in(std::string(SAYSO_CORPUS_DIR) + "/applications/" + name, std::ios::binary);
  REQUIRE(in);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The text's lines (without their newlines) and the UTF-16 length of one of them.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines(1);
  for (char c : text) {
    if (c == '\n')
      lines.emplace_back();
    else
      lines.back() += c;
  }
  return lines;
}

int utf16_length(const std::string& line) {
  int units = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto byte = static_cast<unsigned char>(line[i]);
    if ((byte & 0xC0) == 0x80) continue;  // continuation byte
    units += byte >= 0xF0 ? 2 : 1;
  }
  return units;
}

}  // namespace

TEST_CASE("lsp: incremental edits give the diagnostics of a fresh open of the same text",
          "[lsp][diagnostics]") {
  const std::string original = read_corpus("good-stroke-home-exercise-application.md");
  const std::string edited_uri = kFolder + "edited/application.md";
  const std::string fresh_uri = kFolder + "fresh/application.md";
  Client client;
  client.initialize().open(edited_uri, original, 1);

  // A reproducible script of edits at random places; `text` follows them as the client would.
  std::string text = original;
  std::mt19937 random(20261122);
  const std::vector<std::string> inserts = {
      "e", " utilise", "\n", "Café 😀 ", "\n\n# Methods\n", "PPI will be sought where possible. "};
  int version = 1;
  for (int step = 0; step < 40; ++step) {
    const std::vector<std::string> lines = lines_of(text);
    const int line = static_cast<int>(random() % lines.size());
    const int length = utf16_length(lines[line]);
    const int column = length == 0 ? 0 : static_cast<int>(random() % (length + 1));
    json changes = json::array();
    if (step % 3 == 2 && length > 0) {
      // Delete to the end of the line, joining it with the next (when there is one).
      const bool join = line + 1 < static_cast<int>(lines.size());
      changes.push_back(join ? range_change(line, 0, line + 1, 0, "")
                             : range_change(line, 0, line, length, ""));
    } else {
      changes.push_back(range_change(line, column, line, column, inserts[step % inserts.size()]));
      // Sometimes a second change in the same message, applied after the first.
      if (step % 4 == 0) changes.push_back(range_change(0, 0, 0, 0, "x"));
    }
    client.change(edited_uri, ++version, changes);
    text = apply_edits(
        text, json::array({{{"range", changes[0]["range"]}, {"newText", changes[0]["text"]}}}));
    if (changes.size() > 1)
      text = apply_edits(
          text, json::array({{{"range", changes[1]["range"]}, {"newText", changes[1]["text"]}}}));
  }
  client.open(fresh_uri, text, 1).shutdown_and_exit();
  const Session s = client.run();
  const json edited = s.diagnostics(edited_uri);
  const json fresh = s.diagnostics(fresh_uri);
  REQUIRE(edited.is_object());
  REQUIRE(fresh.is_object());
  CHECK(edited["version"] == version);
  REQUIRE(fresh["diagnostics"].size() > 5);
  CHECK(edited["diagnostics"] == fresh["diagnostics"]);
}
