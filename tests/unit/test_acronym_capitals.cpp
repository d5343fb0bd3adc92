// Words in capitals that are not acronyms: headings and form labels in capitals, authors'
// initials in a list of names, and codes with many digits. Acronyms next to them still count.
#include <catch2/catch.hpp>

#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

const std::string kRule = "acronyms.unexplained";

std::vector<std::string> acronyms_in(const std::string& text) {
  return lint_file(text, "proposal.txt", kRule).flagged();
}

}  // namespace

TEST_CASE("acronyms: run-in headings and form labels in capitals are words", "[rules][acronym]") {
  CHECK(acronyms_in("OVERVIEW. We will study how frogs share gut bacteria.\n"
                    "INTELLECTUAL MERIT. The work will test ideas about ecosystems.\n")
            .empty());
  CHECK(acronyms_in("Our project\nTYPE OF SUBMISSION\nNew application\nTITLE:\nFalls at home\n")
            .empty());
  // A word in capitals inside a sentence may be an acronym that reads as a word.
  CHECK(acronyms_in("Our STEM outreach reaches 40 schools each year.\n") ==
        std::vector<std::string>{"STEM"});
  // Acronyms on a label line still count.
  CHECK(acronyms_in("BACKGROUND AND AIMS\nThe RCT will recruit 200 people.\n") ==
        std::vector<std::string>{"RCT"});
}

TEST_CASE("acronyms: authors' initials in a list of names are not acronyms", "[rules][acronym]") {
  CHECK(acronyms_in("Chen Y, Dougherty ER, Bittner ML. Ratio-based decisions. J Biomed Opt. "
                    "1997.\n")
            .empty());
  // One name followed by capitals is not enough to call it a list.
  CHECK(acronyms_in("We will work with Leeds CCG, as before.\n") ==
        std::vector<std::string>{"CCG"});
}

TEST_CASE("acronyms: codes with four or more digits are not acronyms", "[rules][acronym]") {
  CHECK(acronyms_in("Funded by grant GM19147 and trial NCT01234567.\n").empty());
  CHECK(acronyms_in("People with T2D and BRCA1 changes.\n") ==
        std::vector<std::string>{"T2D", "BRCA1"});
}

TEST_CASE("acronyms: references that end in letters and digits are not acronyms",
          "[rules][acronym]") {
  // A form's reference field, an ethics approval number.
  CHECK(acronyms_in("Application reference: NIHR-APP1. Ethics: REC-22NW0031.\n").empty());
  // UK postcodes.
  CHECK(acronyms_in("We meet at LS2 9JT, EH16 4SA and SW1A 1AA.\n").empty());
  // A name that ends in a number alone may still need spelling out.
  CHECK(acronyms_in("Levels of IL-6 were measured.\n") == std::vector<std::string>{"IL-6"});
}

TEST_CASE("acronyms: dotted forms of allowed acronyms are allowed", "[rules][acronym]") {
  CHECK(acronyms_in("Studies in the U.S. and the UK.\n").empty());
}

TEST_CASE("acronyms: a label in capitals is an ordinary word in the project's spelling",
          "[rules][acronym]") {
  const std::string text = "COLOR: blue for each group.\n";
  CHECK(acronyms_in(text) == std::vector<std::string>{"COLOR"});  // not a UK word
  Config us;
  us.language = "en_US";
  CHECK(lint_file(text, "proposal.txt", kRule, us).flagged().empty());
}

TEST_CASE("acronyms: the DOI label of a reference goes with its DOI", "[rules][acronym]") {
  CHECK(acronyms_in("Smith A (2020), DOI: 10.1016/j.cell.2020.01.001, found it.\n").empty());
  CHECK(acronyms_in("Smith A (2020) doi 10.1136/bmj.m1234 found it.\n").empty());
  // In a sentence, DOI is an acronym like any other.
  CHECK(acronyms_in("Each paper has a DOI we will list.\n") == std::vector<std::string>{"DOI"});
}

TEST_CASE("acronyms: 'long form, or ABC,' defines the acronym", "[rules][acronym]") {
  CHECK(acronyms_in("Chronic obstructive pulmonary disease, or COPD, is a lung condition. "
                    "COPD makes it hard to breathe.\n")
            .empty());
  CHECK(acronyms_in("We or COPD teams will help.\n") == std::vector<std::string>{"COPD"});
}

TEST_CASE("acronyms: 'usually called ABC', 'known as', 'ABC for short' and 'stands for' define it",
          "[rules][acronym]") {
  CHECK(acronyms_in("Chronic obstructive pulmonary disease, usually called COPD, is a lung "
                    "condition. People known as GPs help.\n")
            .empty());
  CHECK(acronyms_in("We use the Patient Activation Measure, PAM for short.\n").empty());
  CHECK(acronyms_in("COPD stands for chronic obstructive pulmonary disease.\n").empty());
  CHECK(acronyms_in("COPD, which stands for chronic obstructive pulmonary disease, is common.\n")
            .empty());
  // Words that do not name it leave it unexplained.
  CHECK(acronyms_in("The COPD clinic opens daily.\n") == std::vector<std::string>{"COPD"});
}

TEST_CASE("acronyms: a definition in a heading counts for the text under it", "[rules][acronym]") {
  CHECK(lint_file("# Patient and Public Involvement (PPI)\n\nPPI will be part of every stage.\n",
                  "a.md", kRule)
            .findings.empty());
  // A heading that only uses it defines nothing.
  CHECK(lint_file("# PPI plan\n\nPPI will be part of every stage.\n", "a.md", kRule).flagged() ==
        std::vector<std::string>{"PPI"});
  // A heading whose words' initials are the acronym spells it out, small words left out.
  CHECK(lint_file("# Background\n\nWhy.\n\n# Patient and public involvement\n\nPPI will be part "
                  "of every stage.\n\n## Patient and Public Involvement and Engagement\n\nPPIE "
                  "too.\n",
                  "a.md", kRule)
            .findings.empty());
  // A form's number before the words and a note in brackets after them are not in the name.
  CHECK(lint_file("## 5. Patient and public involvement (max 1,500 characters)\n\nOur PPI lead is "
                  "Sam.\n",
                  "a.md", kRule)
            .findings.empty());
}

TEST_CASE("acronyms: a name in capitals that opens the title is the study's name",
          "[rules][acronym]") {
  const std::string text =
      "# PHARM-STOP: a pharmacist-led review of medicines\n\n## Plain English summary\n\nWe "
      "will test PHARM-STOP in 60 practices. We will run an RCT.\n";
  CHECK(lint_file(text, "a.md", "acronyms.unexplained").flagged() ==
        std::vector<std::string>{"RCT"});
  // No "use the words in full" for a name (and "RCT" is left to the rule above).
  CHECK(lint_file(text, "a.md", "acronyms.avoid-in-summary").findings.empty());
  // Not a name when it does not open the title, or is not followed by a colon or dash.
  CHECK(lint_file("# A review of medicines\n\nWe test PHARM-STOP.\n", "a.md", kRule).flagged() ==
        std::vector<std::string>{"PHARM-STOP"});
  CHECK(lint_file("# HERMES trial plan\n\nWe test HERMES.\n\n# Methods\n\nHERMES again.\n", "a.md",
                  kRule)
            .flagged() == std::vector<std::string>{"HERMES"});
}

TEST_CASE("acronyms: a study name of ordinary words in capitals is a name", "[rules][acronym]") {
  CHECK(acronyms_in("We will test the SEPSIS-EARLY score in two hospitals.\n").empty());
  CHECK(acronyms_in("We will run the SPLINT-OA trial.\n") == std::vector<std::string>{"SPLINT-OA"});
  // One ordinary word in capitals before "study", "trial" and the like names the study.
  CHECK(acronyms_in("Back to work after stroke (the BRIDGE study).\n").empty());
  CHECK(acronyms_in("The HEARTH trial starts in May.\n").empty());
  // Not before another word, and not letters that are no word.
  CHECK(acronyms_in("The CARE of people.\n") == std::vector<std::string>{"CARE"});
  CHECK(acronyms_in("The COPD study starts in May.\n") == std::vector<std::string>{"COPD"});
}

TEST_CASE("swaps: a form's label in capitals is the funder's wording", "[rules][substitution]") {
  const std::string rule = "plain-english.wordy-words";
  CHECK(lint_file("AMOUNT REQUESTED: £187,430\n", "form.txt", rule).findings.empty());
  CHECK(lint_file("We REQUESTED it: now.\n", "form.txt", rule).flagged() ==
        std::vector<std::string>{"REQUESTED"});
  CHECK(lint_file("AMOUNT REQUESTED: £10\n\nWe requested £10.\n", "form.md", rule).flagged() ==
        std::vector<std::string>{"requested"});
}

TEST_CASE("acronyms: a paragraph's label spells out its initials as a heading does",
          "[rules][acronym]") {
  const std::string summary =
      "We want to find out if a short exercise class helps older people at home.\n\n"
      "Patient and public involvement: PPI members chose the question and are paid for their "
      "time.\n";
  CHECK(lint_summary(summary, kRule).findings.empty());
  // Words that are not the label do not spell it out.
  const std::string unlabelled =
      "We want to find out if a short exercise class helps older people at home.\n\n"
      "PPI members chose the question. Patient and public involvement matters to us.\n";
  CHECK(lint_summary(unlabelled, kRule).flagged() == std::vector<std::string>{"PPI"});
}

TEST_CASE("acronyms: a bracket after the letters explains them only when it holds words",
          "[rules][acronym]") {
  CHECK(acronyms_in("We will measure HRQL (EQ-5D-5L) at six months.\n") ==
        std::vector<std::string>{"HRQL"});
  CHECK(
      acronyms_in("We will run an RCT (a randomised controlled trial) in 12 practices.\n").empty());
  CHECK(acronyms_in("We will measure HbA1c (average blood sugar) every three months.\n").empty());
}
