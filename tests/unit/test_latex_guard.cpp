// The Tree-sitter LaTeX grammar aborts the process on 32,767 groups open at once: such a file is
// refused with a message before it is parsed (formats/latex_guard.h), whatever opens the groups.
#include <catch2/catch.hpp>

#include <string>

#include "formats/format.h"
#include "formats/latex_guard.h"
#include "test_helpers.h"

using namespace sayso;

namespace {

std::string repeated(const std::string& piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace

TEST_CASE("latex guard: groups open at once are counted, closed ones are not", "[latex][guard]") {
  CHECK(latex_group_depth("\\textbf{a} \\emph{b}") == 1);
  CHECK(latex_group_depth("\\begin{itemize}\\item {a}\\end{itemize}") == 2);
  CHECK(latex_group_depth(repeated("{", 5) + repeated("}", 5)) == 5);
  CHECK(latex_group_depth("\\cite[p.~3]{x} [1, 2)") == 1);  // a bracket in prose opens nothing
  CHECK(latex_group_depth("\\{ \\[ % { { {\nplain") == 0);  // escaped, and a comment
}

TEST_CASE("latex guard: a file nested past the limit is refused, not parsed", "[latex][guard]") {
  const SectionClassifier& sections = testing::test_rules().sections;
  for (const std::string& opener :
       {std::string("\\textbf{"), std::string("\\begin{itemize}\\item "), std::string("\\cite["),
        std::string("{")}) {
    INFO(opener);
    const std::string text =
        "\\section{Plain English summary}\n" + repeated(opener, 40000) + "We utilise it.\n";
    const LoadResult loaded = load_document("deep.tex", text, sections, LoadOptions{});
    CHECK_FALSE(loaded.ok);
    CHECK(loaded.error.find("groups open at once") != std::string::npos);
  }
  // Deep but closed, and at the limit: read as usual.
  const std::string closed = "\\section{Summary}\n" + repeated("{", kMaxLatexGroupDepth) + "We" +
                             repeated("}", kMaxLatexGroupDepth) + "\n";
  CHECK(load_document("closed.tex", closed, sections, LoadOptions{}).ok);
}
