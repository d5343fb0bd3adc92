// Large documents are read in pieces on several threads (core/parallel.h): the Markdown block
// parse (formats/markdown_pieces.h) and the segmentation. The result must be exactly that of
// reading the whole text in one piece, for any text.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/linting_session.h"
#include "core/parallel.h"
#include "core/segmentation.h"
#include "engine/phrase_matcher.h"
#include "engine/ruleset.h"
#include "formats/format.h"
#include "formats/markdown_pieces.h"

using namespace sayso;

namespace {

Document read_in_pieces(const std::string& text, std::size_t pieces) {
  Document doc;
  doc.source = decode_utf8(text);
  read_markdown_in_pieces(doc, pieces);
  return doc;
}

void require_same_blocks(const Document& one, const Document& many) {
  REQUIRE(one.prose == many.prose);
  REQUIRE(one.blocks.size() == many.blocks.size());
  for (std::size_t i = 0; i < one.blocks.size(); ++i) {
    INFO("block " << i);
    CHECK(one.blocks[i].begin == many.blocks[i].begin);
    CHECK(one.blocks[i].end == many.blocks[i].end);
    CHECK(one.blocks[i].kind == many.blocks[i].kind);
    CHECK(one.blocks[i].heading_level == many.blocks[i].heading_level);
  }
}

void require_same_segments(const Document& one, const Document& many) {
  REQUIRE(one.tokens.size() == many.tokens.size());
  for (std::size_t i = 0; i < one.tokens.size(); ++i) {
    INFO("token " << i);
    CHECK(one.tokens[i].begin == many.tokens[i].begin);
    CHECK(one.tokens[i].end == many.tokens[i].end);
    CHECK(one.tokens[i].lower == many.tokens[i].lower);
    CHECK(one.tokens[i].is_number == many.tokens[i].is_number);
    CHECK(one.tokens[i].all_caps == many.tokens[i].all_caps);
    CHECK(one.tokens[i].capitalised == many.tokens[i].capitalised);
  }
  REQUIRE(one.sentences.size() == many.sentences.size());
  for (std::size_t i = 0; i < one.sentences.size(); ++i) {
    INFO("sentence " << i);
    CHECK(one.sentences[i].begin == many.sentences[i].begin);
    CHECK(one.sentences[i].end == many.sentences[i].end);
    CHECK(one.sentences[i].first_token == many.sentences[i].first_token);
    CHECK(one.sentences[i].last_token == many.sentences[i].last_token);
    CHECK(one.sentences[i].block == many.sentences[i].block);
  }
}

// Reads the text whole and in up to 2, 3, 7 and 64 pieces; all must agree.
void require_same_in_pieces(const std::string& text) {
  const Document whole = read_in_pieces(text, 1);
  for (std::size_t pieces : {2, 3, 7, 64}) {
    INFO(pieces << " pieces");
    const Document cut = read_in_pieces(text, pieces);
    require_same_blocks(whole, cut);
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Piece texts, each the text in [begin, end).
std::vector<std::string> piece_texts(const std::string& text,
                                     const std::vector<MarkdownPiece>& pieces) {
  std::vector<std::string> out;
  for (const MarkdownPiece& p : pieces) out.push_back(text.substr(p.begin, p.end - p.begin));
  return out;
}

// Markdown snippets that hold blank lines and lines starting with a letter inside constructs
// that run on across them, mixed with plain paragraphs, lists, quotes, tables and headings.
const std::vector<std::string> kSnippets = {
    "Plain paragraph with a [link](http://example.org) and *emphasis*.\n",
    "Another paragraph\nover two lines, with `code`.\n",
    "```\ncode\n\nLetters inside a fence\n```\n",
    "````md\n```\n\nStill fenced\n````\n",
    "~~~\n\nTilde fence\n~~~\n",
    "```\nUnclosed fence\n\nRuns to the end\n",
    "<!-- a comment\n\nLetters inside the comment\n-->\n",
    "<!-- sayso-disable plain-english -->\n",
    "<pre>\n\nPreformatted\n</pre>\n",
    "<div>\nBlock HTML\n</div>\n",
    "<?php\n\nProcessing\n?>\n",
    "- item one\n- item two\n\n  continued item\n\nAfter the list.\n",
    "1. first\n2. second\nlazy continuation\n",
    "> quoted text\nlazy quote line\n\n> second quote\n",
    "| Name | Role |\n| --- | --- |\n| Ann | lead |\n",
    "Heading text\n============\n",
    "## A heading\n",
    "    indented code\n\n    more code\n",
    "[ref]: http://example.org\n",
    "Text with a hard break  \nand more.\n",
    "- ```\n  fenced in a list\n\n  Still in it\n  ```\n",
    "Café, naïve, 😀 and ‘quotes’.\n",
};

}  // namespace

TEST_CASE("run_pieces calls every piece once and passes on the lowest piece's exception",
          "[parallel]") {
  std::vector<std::atomic<int>> calls(100);
  run_pieces(calls.size(), [&](std::size_t i) { ++calls[i]; });
  for (const auto& c : calls) CHECK(c == 1);

  CHECK_THROWS_WITH(run_pieces(10,
                               [](std::size_t i) {
                                 if (i == 7) throw std::runtime_error("piece 7");
                               }),
                    "piece 7");
  // With several failing pieces, every piece still runs and the lowest one's error comes back,
  // whichever thread finished first (a loader reports the first bad file in load order).
  for (int round = 0; round < 20; ++round) {
    std::vector<std::atomic<int>> ran(40);
    CHECK_THROWS_WITH(run_pieces(ran.size(),
                                 [&](std::size_t i) {
                                   ++ran[i];
                                   if (i % 10 == 3) throw std::runtime_error(std::to_string(i));
                                 }),
                      "3");
    for (const auto& r : ran) CHECK(r == 1);
  }

  // Several callers at once (the batch front lints documents on several threads).
  std::atomic<int> total{0};
  std::vector<std::thread> callers;
  for (int t = 0; t < 4; ++t)
    callers.emplace_back([&] {
      for (int round = 0; round < 50; ++round) run_pieces(5, [&](std::size_t) { ++total; });
    });
  for (std::thread& t : callers) t.join();
  CHECK(total == 4 * 50 * 5);
  CHECK(parallel_width() >= 1);
}

TEST_CASE("cut_markdown cuts only before a paragraph that follows a paragraph and a blank line",
          "[parallel][markdown]") {
  const std::string text =
      "# Title\n\nFirst paragraph.\n\nSecond paragraph.\n\n```\ncode\n\nFenced line\n```\n\n"
      "Third paragraph.\n\nFourth paragraph.\n";
  const std::vector<std::string> pieces = piece_texts(text, cut_markdown(text, 64));
  REQUIRE(pieces == std::vector<std::string>{"# Title\n\nFirst paragraph.\n\n",
                                             "Second paragraph.\n\n```\ncode\n\n"
                                             "Fenced line\n```\n\nThird paragraph.\n\n",
                                             "Fourth paragraph.\n"});
  CHECK(cut_markdown(text, 1).size() == 1);

  // Never inside a comment, front matter or raw HTML that runs across blank lines.
  for (const std::string& open : {std::string("<!--\n\n"), std::string("---\ntitle: x\n\n"),
                                  std::string("<script>\n\n"), std::string("~~~~\n\n")}) {
    const std::string unclosed = open + "Alpha.\n\nBeta.\n\nGamma.\n";
    CHECK(cut_markdown(unclosed, 64).size() == 1);
  }
  // About equal pieces, in order, covering the text.
  std::string prose;
  for (int i = 0; i < 400; ++i) prose += "Paragraph number " + std::to_string(i) + ".\n\n";
  const std::vector<MarkdownPiece> halves = cut_markdown(prose, 2);
  REQUIRE(halves.size() == 2);
  CHECK(halves[0].begin == 0);
  CHECK(halves[0].end == halves[1].begin);
  CHECK(halves[1].end == prose.size());
  CHECK(halves[0].end >= prose.size() / 2);
  CHECK(halves[0].end < prose.size() / 2 + 40);
  CHECK(halves[1].row == static_cast<std::uint32_t>(
                             std::count(prose.begin(), prose.begin() + halves[1].begin, '\n')));
}

TEST_CASE("Markdown read in pieces gives the blocks and prose of one read",
          "[parallel][markdown]") {
  SECTION("the project's corpus") {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(SAYSO_CORPUS_DIR)) {
      if (entry.path().extension() != ".md") continue;
      INFO(entry.path());
      require_same_in_pieces(read_file(entry.path()));
    }
  }
  SECTION("random mixes of constructs that run across blank lines") {
    std::mt19937 random(20261204);
    for (int round = 0; round < 300; ++round) {
      std::string text;
      const int parts = 3 + static_cast<int>(random() % 12);
      for (int i = 0; i < parts; ++i) {
        text += kSnippets[random() % kSnippets.size()];
        if (random() % 4 != 0) text += random() % 5 == 0 ? "\r\n" : "\n";
      }
      if (random() % 10 == 0) text = "---\ntitle: front matter\n\nStill front\n---\n" + text;
      INFO(text);
      require_same_in_pieces(text);
    }
  }
}

TEST_CASE("segmentation in pieces gives the tokens and sentences of one pass",
          "[parallel][segmentation]") {
  std::string text;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(SAYSO_CORPUS_DIR))
    if (entry.path().extension() == ".md") text += read_file(entry.path()) + "\n\n";
  Document one = read_in_pieces(text, 1);
  Document many = read_in_pieces(text, 1);
  segment_in_pieces(one, 1);
  REQUIRE(one.tokens.size() > 1000);
  for (std::size_t pieces : {2, 3, 16}) {
    INFO(pieces << " pieces");
    segment_in_pieces(many, pieces);
    require_same_segments(one, many);
  }
}

TEST_CASE("run_beside runs both tasks and passes on their exceptions", "[parallel]") {
  const std::thread::id caller = std::this_thread::get_id();
  std::thread::id here_ran_on;
  std::atomic<int> anywhere_runs{0};
  run_beside([&] { here_ran_on = std::this_thread::get_id(); }, [&] { ++anywhere_runs; });
  CHECK(here_ran_on == caller);  // the rules' caches and spellers stay on the calling thread
  CHECK(anywhere_runs == 1);

  std::atomic<bool> anywhere_finished{false};
  CHECK_THROWS_WITH(run_beside([] { throw std::runtime_error("here"); },
                               [&] {
                                 std::this_thread::sleep_for(std::chrono::milliseconds(20));
                                 anywhere_finished = true;
                               }),
                    "here");
  CHECK(anywhere_finished);  // waited for, even when `here` threw
  CHECK_THROWS_WITH(run_beside([] {}, [] { throw std::runtime_error("anywhere"); }), "anywhere");
}

TEST_CASE("the first file is read while the rules load, with the same findings and errors",
          "[parallel][session]") {
  const std::string text =
      "# Plain English summary\n\nWe will utilise a cohort. PPI will be sought where possible.\n\n"
      "# Patient and public involvement\n\nPatients were consulted.\n";
  SessionOptions options;
  options.rules_dir = std::string(SAYSO_TEST_DATA_DIR) + "/rules";
  options.use_cache = false;
  LintingSession first(options);
  const FileOutcome read_beside = first.lint_bytes("app.md", text);  // rules load meanwhile
  const FileOutcome read_after = first.lint_bytes("app.md", text);   // rules loaded already
  REQUIRE(read_beside.ok);
  REQUIRE(read_after.ok);
  REQUIRE(!read_beside.diagnostics.empty());
  REQUIRE(read_beside.diagnostics.size() == read_after.diagnostics.size());
  for (std::size_t i = 0; i < read_beside.diagnostics.size(); ++i) {
    CHECK(read_beside.diagnostics[i].rule_id == read_after.diagnostics[i].rule_id);
    CHECK(read_beside.diagnostics[i].begin == read_after.diagnostics[i].begin);
    CHECK(read_beside.diagnostics[i].section_kind == read_after.diagnostics[i].section_kind);
  }
  const SectionClassifier aliases = load_section_aliases(options.rules_dir);
  const RuleSet rules = load_rules(options.rules_dir, Config{});
  for (const char* heading : {"Plain English summary", "Lay summary", "PPI", "Methods", "Budget"})
    CHECK(aliases.classify(heading) == rules.sections.classify(heading));

  // A broken rules folder fails as it did before, with load_rules' message.
  for (const std::string& bad : {std::string("bad-rules/unknown-kind"), std::string("missing")}) {
    options.rules_dir = std::string(SAYSO_TEST_DATA_DIR) + "/" + bad;
    std::string expected;
    try {
      load_rules(options.rules_dir, Config{});
    } catch (const RuleError& e) {
      expected = e.what();
    }
    REQUIRE(!expected.empty());
    LintingSession broken(options);
    CHECK_THROWS_WITH(broken.lint_bytes("app.md", text), expected);
  }
}

TEST_CASE("a long document's rules and phrase matches run on every core, as one at a time would",
          "[parallel][session]") {
  // All of corpus/ six times over: thousands of sentences, so the matcher splits its runs.
  std::string text;
  for (int copy = 0; copy < 6; ++copy)
    for (const auto& entry : std::filesystem::recursive_directory_iterator(SAYSO_CORPUS_DIR)) {
      if (entry.path().extension() != ".md") continue;
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);)
        if (line.find("sayso-disable") == std::string::npos) text += line + "\n";  // all rules on
      text += "\n";
    }
  SessionOptions options;
  options.use_cache = false;
  LintingSession session(options);
  const FileOutcome everywhere = session.lint_bytes("application.md", text);
  FileOutcome one_by_one;
  {
    const OnePieceAtATime serial;
    one_by_one = session.lint_bytes("application.md", text);
  }
  REQUIRE(everywhere.ok);
  REQUIRE(one_by_one.ok);
  REQUIRE(everywhere.doc->sentences.size() >= 3000);
  REQUIRE(everywhere.diagnostics.size() > 500);
  REQUIRE(everywhere.diagnostics.size() == one_by_one.diagnostics.size());
  for (std::size_t i = 0; i < everywhere.diagnostics.size(); ++i) {
    const Diagnostic& a = everywhere.diagnostics[i];
    const Diagnostic& b = one_by_one.diagnostics[i];
    INFO("finding " << i << ": " << a.rule_id << " / " << b.rule_id);
    REQUIRE(a.rule_id == b.rule_id);
    REQUIRE(a.begin == b.begin);
    REQUIRE(a.end == b.end);
    REQUIRE(a.message == b.message);
  }
  // The matcher itself: every match, in the order of one pass.
  PhraseMatcher matcher;
  std::uint32_t item = 0;
  for (const char* phrase : {"the", "will be *", "patient*", "public involvement", "(", "of the"})
    REQUIRE(matcher.add(phrase, {0, 0, item++}).empty());
  const std::vector<PhraseMatch> matched = matcher.match(*everywhere.doc);
  std::vector<PhraseMatch> one_pass;
  {
    const OnePieceAtATime serial;
    one_pass = matcher.match(*everywhere.doc);
  }
  REQUIRE(matched.size() > 1000);
  REQUIRE(matched.size() == one_pass.size());
  for (std::size_t i = 0; i < matched.size(); ++i) {
    INFO("match " << i);
    REQUIRE(matched[i].begin == one_pass[i].begin);
    REQUIRE(matched[i].end == one_pass[i].end);
    REQUIRE(matched[i].ref.item == one_pass[i].ref.item);
  }
}
