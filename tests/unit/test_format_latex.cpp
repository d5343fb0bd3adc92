// LaTeX front end: sections from the Tree-sitter LaTeX grammar, prose without commands, math,
// comments and citations, lists and tables, positions into the .tex file.
#include <catch2/catch.hpp>

#include <string>

#include "test_helpers.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

std::string text_of(const Document& doc, const Block& block) {
  return doc.source.bytes.substr(block.begin, block.end - block.begin);
}

std::string prose_of(const Document& doc, const Block& block) {
  return doc.prose.substr(block.begin, block.end - block.begin);
}

// Runs of white space as one space.
std::string squeezed(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

const std::string kApplication =
    "\\documentclass{article}\n"
    "\\usepackage{hyperref}\n"
    "\\title{Preamble text}\n"
    "\\begin{document}\n"
    "\\section{Plain English summary}\n"
    "We will \\emph{utilise} data~\\cite{smith} as in \\ref{fig:a} and $x^2$.\n"
    "% a comment about utilise\n"
    "It costs 50\\% less.\\footnote{A note.}\n"
    "\n"
    "Second paragraph with \\url{http://example.org} and \\unknown{argument}.\n"
    "\\subsection*{Patient and public involvement}\n"
    "\\begin{itemize}\n"
    "  \\item First item.\n"
    "  \\item Second item.\n"
    "\\end{itemize}\n"
    "\\begin{tabular}{ll}\n"
    "Cell one & cell two \\\\\n"
    "\\end{tabular}\n"
    "\\begin{equation} a = utilise \\end{equation}\n"
    "\\begin{verbatim}\nutilise\n\\end{verbatim}\n"
    "\\begin{quote}Quoted words.\\end{quote}\n"
    "\\end{document}\n";

}  // namespace

TEST_CASE("latex: sections, paragraphs, lists and tables", "[format][latex]") {
  Document doc = load(kApplication, "app.tex");
  CHECK(doc.format == "latex");
  CHECK(doc.source.bytes == kApplication);
  REQUIRE(doc.prose.size() == kApplication.size());
  std::vector<std::string> blocks;
  for (const Block& b : doc.blocks) blocks.push_back(text_of(doc, b));
  CHECK(blocks == std::vector<std::string>{
                      "Plain English summary",
                      "We will \\emph{utilise} data~\\cite{smith} as in \\ref{fig:a} and $x^2$.\n"
                      "% a comment about utilise\nIt costs 50\\% less.\\footnote{A note.",
                      "Second paragraph with \\url{http://example.org} and \\unknown{argument}.",
                      "Patient and public involvement", "First item.", "Second item.", "Cell one",
                      "cell two", "Quoted words."});
  REQUIRE(doc.blocks.size() == 9);
  CHECK(doc.blocks[0].kind == BlockKind::Heading);
  CHECK(doc.blocks[0].heading_level == 1);
  CHECK(doc.blocks[3].kind == BlockKind::Heading);
  CHECK(doc.blocks[3].heading_level == 2);
  CHECK(doc.blocks[4].kind == BlockKind::ListItem);
  CHECK(doc.blocks[6].kind == BlockKind::TableCell);
  CHECK(doc.blocks[8].kind == BlockKind::Quote);
  CHECK(squeezed(prose_of(doc, doc.blocks[1])) ==
        "We will utilise data as in and . It costs 50 % less. A note.");
  CHECK(squeezed(prose_of(doc, doc.blocks[2])) == "Second paragraph with and .");
  REQUIRE(doc.sections.size() == 2);
  CHECK(doc.sections[0].kind == "plain-english-summary");
  CHECK(doc.sections[1].kind == "involvement");
  // Only the prose "utilise" is found: not in the comment, the equation or verbatim.
  const auto found = lint(doc, "t.swap");
  REQUIRE(found.size() == 1);
  CHECK(found[0].begin == kApplication.find("utilise"));
  const LineColumn at = doc.lines.to_position(found[0].begin, ColumnUnit::CodePoints);
  CHECK(at.line == 5);
  CHECK(at.column == 14);
}

TEST_CASE("latex: brackets, hyphens, slashes and other marks in the text stay in the prose",
          "[format][latex]") {
  // The grammar makes "(", ")", "-", "/", ":" and the like tokens of their own; a reader sees
  // them, and rules need them: "Action Research Arm Test (ARAT)" defines ARAT, "co-production"
  // is one word.
  const std::string tex =
      "\\begin{document}\n"
      "We use co-production (CP) and a 50/50 split: yes! Isn't it $a-b$ and \\emph{(x)}?\n"
      "\\end{document}\n";
  Document doc = load(tex, "marks.tex");
  REQUIRE(doc.blocks.size() == 1);
  CHECK(squeezed(prose_of(doc, doc.blocks[0])) ==
        "We use co-production (CP) and a 50/50 split: yes! Isn't it and (x) ?");
}

TEST_CASE("latex: a file with no begin-document command is all body", "[format][latex]") {
  Document doc = load("\\section{Lay summary}\nWe utilise it.\n", "part.tex");
  REQUIRE(doc.blocks.size() == 2);
  CHECK(doc.sections.back().kind == "plain-english-summary");
  CHECK(lint(doc, "t.swap").size() == 1);
}

TEST_CASE("latex: broken input never crashes", "[format][latex][bad-input]") {
  for (const std::string& tex :
       {std::string("\\section{Unclosed"), std::string("\\begin{itemize}\\item a"),
        std::string("$$ unclosed math"), std::string("}}}{{{\\\\"), std::string(20000, '{'),
        std::string("\\begin{document}\\end{itemize}")}) {
    Document doc = load(tex, "bad.tex");
    CHECK(doc.prose.size() == tex.size());
  }
}

TEST_CASE("latex: a parse that ends inside an error is read at once, not after the time budget",
          "[format][latex][bad-input]") {
  // Tree-sitter's error recovery used to go round until the 2 s budget ran out on these (found
  // by fuzz_latex): a command with required arguments, a bad character, an open group, "$" at
  // the end.
  for (const std::string& tex : {std::string("\\usepackage1{e}{\\item{}$"),
                                 std::string("\\documentclass\xc3\xa9{e}{\\item{}$"),
                                 std::string("\\documentclass!{e}{\\item{} $"),
                                 std::string("\\section{Plain} Patients were consulted.\n"
                                             "\\usepackage\"{e}{\\item{}$$")}) {
    INFO(tex);
    // Refused as "took too long to parse" when the recovery goes round.
    const LoadResult r = load_document("bad.tex", tex, test_rules().sections, LoadOptions{});
    CHECK(r.ok);
    CHECK(r.error.empty());
    CHECK(r.doc.prose.size() == tex.size());
    for (const Block& block : r.doc.blocks) CHECK(block.end <= tex.size());
  }
  // The text before the trouble is still read.
  Document doc = load("Patients were consulted.\n\n\\usepackage1{e}{\\item{}$", "bad.tex");
  REQUIRE_FALSE(doc.blocks.empty());
  CHECK(prose_of(doc, doc.blocks.front()) == "Patients were consulted.");
}

TEST_CASE("latex: a section command after text on its line starts its section there",
          "[format][latex]") {
  const std::string tex =
      "\\begin{document}\n\\section{Plain English summary} We will ask carers what helps. "
      "\\section{Methods} A survey of 200 carers.\n\\end{document}\n";
  Document doc = load(tex, "a.tex");
  REQUIRE(doc.sections.size() == 2);
  CHECK(doc.sections[0].kind == "plain-english-summary");
  CHECK(doc.sections[1].kind == "methods");
  // The summary keeps its own words and nothing of the methods, and the reverse.
  const std::string summary = squeezed(
      doc.prose.substr(doc.sections[0].begin, doc.sections[0].end - doc.sections[0].begin));
  CHECK(summary.find("We will ask carers what helps.") != std::string::npos);
  CHECK(summary.find("survey") == std::string::npos);
  CHECK(doc.sections[1].begin > tex.find("helps."));
  CHECK(doc.sections[0].end == doc.sections[1].begin);
}
