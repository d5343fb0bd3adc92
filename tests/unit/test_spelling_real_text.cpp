// Spelling on real proposals: US spellings in a UK text (and UK spellings in a US one) are told
// apart from typos, with the writer's own spelling as the fix; reference lists, authors' names
// in citations and DOIs are not spell-checked.
#include <catch2/catch.hpp>

#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

const std::string kRule = "spelling.unknown-word";

Config with_language(const std::string& language) {
  Config config;
  config.language = language;
  return config;
}

}  // namespace

TEST_CASE("spelling: a US spelling in a UK text says so and offers the UK form",
          "[rules][spelling]") {
  Found found = lint_file(
      "We measured the color of tumors in behavior centers and analyzed aging.\n", "a.md", kRule);
  REQUIRE(found.flagged() ==
          std::vector<std::string>{"color", "tumors", "behavior", "centers", "analyzed", "aging"});
  const std::vector<std::string> fixes = {"colour",  "tumours",  "behaviour",
                                          "centres", "analysed", "ageing"};
  for (std::size_t i = 0; i < fixes.size(); ++i) {
    INFO(found.findings[i].message);
    CHECK(found.findings[i].suggestions == std::vector<std::string>{fixes[i]});
  }
  CHECK(found.findings[0].message == "'color' is the US spelling. In UK English, write 'colour'.");
  // A matter of style, not a mistake: info, and once in the whole text.
  CHECK(found.findings[0].severity == Severity::Info);
  Found twice = lint_file(
      "# Background\n\nThe color of the sky.\n\n# Methods\n\nThe color "
      "of the sea. The colr of the sea.\n\n# Dissemination\n\nThe colr.\n",
      "a.md", kRule);
  CHECK(twice.flagged() == std::vector<std::string>{"color", "colr", "colr"});
  CHECK(twice.findings[1].severity == Severity::Warning);  // a typo is still a warning
  // A word a swap rule already offers a plain word for is left to it: "children's", not
  // "paediatric", is the fix for "pediatric" (defers_to).
  CHECK(lint_file("We run pediatric clinics.\n", "a.md", kRule).findings.empty());
  CHECK(lint_file("We run pediatric clinics.\n", "a.md", "plain-english.research-words")
            .findings.size() == 1);
}

TEST_CASE(
    "spelling: the fix keeps the writer's capitals, a typo is offered the words one slip away",
    "[rules][spelling]") {
  Found found = lint_file("Color matters. We will recieve it. Adress it.\n", "a.md", kRule);
  REQUIRE(found.findings.size() == 3);
  CHECK(found.findings[0].suggestions == std::vector<std::string>{"Colour"});
  CHECK(found.findings[0].note == "variant");
  // "recieve" is right in neither system: a typo, with the correct words one slip away as fixes,
  // the likeliest (two letters swapped) first.
  CHECK(found.findings[1].message ==
        "'recieve' may be misspelled. Did you mean 'receive'? If 'recieve' is right, add it to "
        "your word list.");
  REQUIRE_FALSE(found.findings[1].suggestions.empty());
  CHECK(found.findings[1].suggestions.front() == "receive");
  CHECK(found.findings[1].suggestions.size() <= 3);
  CHECK(found.findings[1].note.empty());
  CHECK(found.findings[1].severity == Severity::Warning);
  // A letter left out, and the writer's capital kept.
  CHECK(found.findings[2].suggestions.front() == "Address");
}

TEST_CASE("spelling: soft hyphens and word joiners inside a word are invisible",
          "[rules][spelling]") {
  // Text pasted from web pages and typeset documents carries soft hyphens nobody can see.
  CHECK(lint_file("Their in\u00ADvolve\u00ADment shaped the re\u00ADsults.\n", "a.md", kRule)
            .findings.empty());
  CHECK(lint_file("Their in\u2060volvement shaped it.\n", "a.md", kRule).findings.empty());
  // A slip is still one, soft hyphen or not.
  CHECK(lint_file("Their in\u00ADvolvment shaped it.\n", "a.md", kRule).findings.size() == 1);
  // And a tokenism phrase split by one is still found.
  CHECK(lint_file("# Patient and public involvement\n\nPPI will be sou\u00ADght.\n", "a.md",
                  "involvement.vague-plans")
            .findings.size() == 1);
}

TEST_CASE("spelling: with language en_US, UK spellings get the US form", "[rules][spelling]") {
  Found us = lint_file("We analysed the colour of tumours and behaviour in centres.\n", "a.md",
                       kRule, with_language("en_US"));
  REQUIRE(us.flagged() ==
          std::vector<std::string>{"analysed", "colour", "tumours", "behaviour", "centres"});
  CHECK(us.findings[1].message == "'colour' is the UK spelling. In US English, write 'color'.");
  CHECK(us.findings[4].suggestions == std::vector<std::string>{"centers"});
  CHECK(lint_file("We analyzed the color of tumors.\n", "a.md", kRule, with_language("en_US"))
            .findings.empty());
}

TEST_CASE("spelling: words both systems accept are not flagged", "[rules][spelling]") {
  CHECK(lint_file("The program used gray paper and a check.\n", "a.md", kRule).findings.empty());
}

TEST_CASE("spelling: variant settings are checked when the rule file loads", "[rules][spelling]") {
  const std::string head = minimal_rule("spelling", "spelling",
                                        "{flag: [recieve it, reserch it], pass: [a cat, a dog]}");
  CHECK(load_error(head) == "");
  CHECK_THAT(load_error(head + "    variants: [en_GB, en_US]\n"),
             Catch::Contains("'variants' must map languages to names"));
  CHECK_THAT(load_error(head + "    variants: {en_GB: UK, en_US: US}\n"),
             Catch::Contains("'variants' needs 'patterns'"));
  CHECK_THAT(load_error(head + "    variants: {en_GB: UK, en_US: US}\n"
                               "    patterns: [{en_GB: our, en_AU: or}]\n    variant_message: m\n"),
             Catch::Contains("pattern names 'en_AU', which is not in 'variants'"));
  CHECK_THAT(load_error(head + "    variants: {en_GB: UK, en_US: US}\n"
                               "    patterns: [{en_GB: our, en_US: or}]\n"),
             Catch::Contains("needs a 'variant_message'"));
}

TEST_CASE("references: a reference list is not spell-checked or searched for acronyms",
          "[rules][spelling][acronym]") {
  const std::string text =
      "# Background\n\nFalls are common in older people.\n\n"
      "# References\n\n"
      "1. Kleinmann ZX, Hasegawa TW. Thermalised hyperedges. Proc Natl Acad Sci. 2019.\n";
  CHECK(lint_file(text, "a.md", kRule).findings.empty());
  CHECK(lint_file(text, "a.md", "acronyms.unexplained").findings.empty());
  // The same words in Background are the writer's own.
  const std::string in_background = "# Background\n\nWe read Kleinmann on hyperedges and an RCT.\n";
  CHECK(lint_file(in_background, "a.md", kRule).flagged() ==
        std::vector<std::string>{"hyperedges"});
  CHECK(lint_file(in_background, "a.md", "acronyms.unexplained").flagged() ==
        std::vector<std::string>{"RCT"});
}

TEST_CASE("spelling: authors' names in citations are names, even first in a sentence",
          "[rules][spelling]") {
  CHECK(lint_file("Groffman et al. showed this. (Groffman 2012) agreed. Groffman, P. M. and "
                  "Bettez, N. D. 2012. Stormwater ponds. Chen YW, Smith A.\n",
                  "a.txt", kRule)
            .flagged() == std::vector<std::string>{"Stormwater"});
  // A misspelled first word followed by an ordinary word is still a misspelling.
  CHECK(lint_file("Recieve it, please. Reserch, 2 times.\n", "a.txt", kRule).flagged() ==
        std::vector<std::string>{"Recieve", "Reserch"});
}

TEST_CASE("spelling: DOIs are not words", "[rules][spelling]") {
  CHECK(lint_file("See 10.1016/j.landurbplan.2003.07.004 and doi:10.1073/pnas.1000080107 and "
                  "DOI: 10.1093/nar/gkz123.\n",
                  "a.txt", kRule)
            .findings.empty());
  // Not a DOI: too few digits after "10.".
  CHECK(lint_file("We saw 10.12/zorblat.\n", "a.txt", kRule).flagged() ==
        std::vector<std::string>{"zorblat"});
}

TEST_CASE("spelling: a first name and surname starting a sentence or cell are a name",
          "[rules][spelling]") {
  CHECK(lint_file("| Lead | Amara Okafor, Groundswell |\n|---|---|\n| Panel | ten people |\n",
                  "a.md", kRule)
            .findings.empty());
  // A typo before an ordinary word is still a typo.
  CHECK(lint_file("Recieve the letter.\n", "a.md", kRule).flagged() ==
        std::vector<std::string>{"Recieve"});
}

TEST_CASE("spelling: a word one slip from a real word is a typo, others are terms",
          "[rules][spelling]") {
  Found found = lint_file(
      "We will recieve samples of aeruginosa and test colistin on them. The "
      "comunity will adress it.\n",
      "a.md", kRule);
  REQUIRE(found.flagged() ==
          std::vector<std::string>{"recieve", "aeruginosa", "colistin", "comunity", "adress"});
  auto severity = [&](std::size_t i) { return found.findings[i].severity; };
  CHECK(severity(0) == Severity::Warning);  // two letters swapped
  CHECK(severity(3) == Severity::Warning);  // a letter left out
  CHECK(severity(4) == Severity::Warning);  // a letter left out
  CHECK(severity(1) == Severity::Info);
  CHECK(severity(2) == Severity::Info);
  CHECK_THAT(found.findings[1].message, Catch::StartsWith("'aeruginosa' is not in the dictionary"));
  CHECK_THAT(found.findings[0].message, Catch::StartsWith("'recieve' may be misspelled"));
  // A soft hyphen left by a PDF line break may stand for a hyphen.
  CHECK(lint_file("We study bacteria\xC2\xAD"
                  "dominated lakes.\n",
                  "a.md", kRule)
            .findings.empty());
}

TEST_CASE("spelling: term settings are checked when the rule file loads", "[rules][spelling]") {
  const std::string head = minimal_rule("spelling", "spelling",
                                        "{flag: [recieve it, reserch it], pass: [a cat, a dog]}");
  CHECK_THAT(load_error(head + "    term_severity: info\n"),
             Catch::Contains("'term_severity' needs a 'term_message'"));
  CHECK_THAT(load_error(head + "    term_message: m\n    term_severity: loud\n"),
             Catch::Contains("'term_severity' must be error, warning, info or hint"));
  CHECK(load_error(head + "    term_message: m\n    term_severity: hint\n").empty());
}

TEST_CASE("spelling: a sentence in another language and words in other scripts are not typos",
          "[rules][spelling]") {
  // A Welsh sentence on a Welsh funder's form: most of its words are unknown, so it is not
  // English, not a row of typos.
  Found welsh = lint_file(
      "Bydd yr holl ddeunyddiau ar gael yn Gymraeg ac yn Saesneg. We will recieve help.\n", "a.md",
      kRule);
  CHECK(welsh.flagged() == std::vector<std::string>{"recieve"});
  // Words in scripts an English dictionary cannot check.
  CHECK(lint_file(
            "We met the \xe4\xb8\xad\xe6\x96\x87 group and the \xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a "
            "group.\n",
            "a.md", kRule)
            .findings.empty());
  // One unknown word among many English ones is still reported.
  CHECK(lint_file("We will recieve the forms from the clinic in May.\n", "a.md", kRule).flagged() ==
        std::vector<std::string>{"recieve"});
}

TEST_CASE(
    "spelling: a name starting a sentence is a name when a person's verb follows it or the "
    "text names it elsewhere",
    "[rules][spelling]") {
  const std::string text =
      "# Patient and public involvement\n\nMorag cared for her husband. Eilidh is a former nurse. "
      "Our chair is Ffion. Ffion lives in Bangor.\n\nTeh study starts soon. Thier views matter.\n";
  CHECK(lint_file(text, "ppi.md", kRule).flagged() == std::vector<std::string>{"Teh", "Thier"});
}

TEST_CASE("spelling: a short heading in another language is not a list of typos",
          "[rules][spelling]") {
  const std::string text =
      "## Crynodeb lleyg\n\nMae llawer o bobl hŷn yn byw ymhell o'r ysbyty.\n\n## Our reserch "
      "plan\n\nWe will ask 40 carers.\n";
  CHECK(lint_file(text, "summary.md", kRule).flagged() == std::vector<std::string>{"reserch"});
  // A bilingual heading: the Welsh half is left alone, a slip in the English half is not.
  CHECK(lint_file("## Cynnwys y cyhoedd / Public involvment\n\nWe pay carers.\n", "a.md", kRule)
            .flagged() == std::vector<std::string>{"involvment"});
}

TEST_CASE("spelling: the second word of a species' Latin name is a term, not a slip",
          "[spelling]") {
  const Found found = lint_file(
      "# Background\n\nWe grow Haemophilus influenzae and B. longum subsp. infantis. The results "
      "recieve attention.\n",
      "a.md", "spelling.unknown-word");
  for (const Diagnostic& d : found.findings) {
    const std::string word = found.text.substr(d.begin, d.end - d.begin);
    INFO(word << ": " << d.message);
    if (word == "recieve") {
      CHECK(d.severity == Severity::Warning);
      CHECK_FALSE(d.suggestions.empty());
    } else {
      CHECK(d.suggestions.empty());  // no "infantas" for "infantis"
      CHECK(d.severity == Severity::Info);
    }
  }
  CHECK(found.flagged() == std::vector<std::string>{"influenzae", "longum", "infantis", "recieve"});
}
