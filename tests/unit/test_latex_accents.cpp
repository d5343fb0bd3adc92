// LaTeX accent commands ("\'e", "\c{c}") and letter commands ("\ss", "\o") are the letters they
// make, inside their words, and findings point at the commands as written.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

const std::string kSpelling = "spelling.unknown-word";

// `body` as the text of a LaTeX document.
std::string tex(const std::string& body) {
  return "\\documentclass{article}\n\\begin{document}\n" + body + "\n\\end{document}\n";
}

}  // namespace

TEST_CASE("latex accents: accent and letter commands are the letters they make",
          "[format][latex][accents]") {
  const std::string source =
      tex("Caf\\'e caf\\'{e} voil\\`a r\\^ole na\\\"ive ma\\~nana fa\\c{c}ade fa\\c cade "
          "Ha\\v{s}ek \\=a \\.z Erdo\\u{g}an Erd\\H{o}s M{\\\"u}ller na\\\"{\\i}ve \\'\\i\n\n"
          "Stra\\ss e Stra\\ss{}e Gro{\\ss} S{\\o}ren S\\o{}ren encyclop\\ae dia man\\oe uvre "
          "\\AA ngstr\\\"om \\L{}\\'od\\'z {\\l}");
  Document doc = load(source, "a.tex");
  CHECK(doc.prose.size() == source.size());
  // Words are case-folded: "ß" is "ss".
  CHECK(words_of(doc) ==
        std::vector<std::string>{
            "café",         "café",     "voilà",    "rôle",    "naïve",   "mañana", "façade",
            "façade",       "hašek",    "ā",        "ż",       "erdoğan", "erdős",  "müller",
            "naïve",        "í",        "strasse",  "strasse", "gross",   "søren",  "søren",
            "encyclopædia", "manœuvre", "ångström", "łódź",    "ł"});
  // The word covers the command as written.
  const Token& cafe = doc.tokens[0];
  CHECK(source.substr(cafe.begin, cafe.end - cafe.begin) == "Caf\\'e");
  // Commands that make no letter are still not prose.
  Document other = load(tex("We \\'{ab} and \\c{} here \\foo{x}."), "a.tex");
  CHECK(words_of(other) == std::vector<std::string>{"we", "and", "here"});
  // Commands cut off at the end of the file.
  for (const std::string cut :
       {"\\'", "x\\'", "\\'{", "\\'{e", "\\c", "\\c ", "\\ss", "{\\\"u", "\\'\\i", "a\\o"}) {
    INFO(cut);
    Document at_end = load(cut, "a.tex");
    CHECK(at_end.prose.size() == cut.size());
  }
}

TEST_CASE("latex accents: no spelling findings on letters made by commands",
          "[format][latex][accents][spelling]") {
  Found found =
      lint_file(tex("\\section{Plain English summary}\n"
                    "We met at the caf\\'e to write a na\\\"ive r\\'esum\\'e of the fa\\c{c}ade's "
                    "r\\^{o}le. Then blorf\\'e again."),
                "a.tex", kSpelling);
  CHECK(found.flagged() == std::vector<std::string>{"blorf\\'e"});
}
