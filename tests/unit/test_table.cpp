// The table kind (a table in a plain-English summary, said once) and existence's skip_tables.
#include <catch2/catch.hpp>

#include "shipped_rules_fixture.h"

using namespace sayso;
using namespace sayso::testing;

namespace {

const std::string kTable =
    "| Result | New tablet | Dummy tablet |\n|---|---|---|\n"
    "| Went to hospital | 18.2% | 22.9% |\n| Died (p=0.26) | 10.0% | 11.5% |\n";

}  // namespace

TEST_CASE("table: a results table in a summary is one note, not one per figure", "[rules][table]") {
  const std::string text = "# Plain English summary\n\nWe gave people a new tablet.\n\n" + kTable +
                           "\nPeople were followed for 2.5 years.\n";
  Found table = lint_file(text, "a.md", "plain-english.table-in-summary");
  REQUIRE(table.flagged() == std::vector<std::string>{"Result"});
  // The figures inside the table are left to that note; a decimal in a sentence is not.
  CHECK(lint_file(text, "a.md", "plain-english.decimals").flagged() ==
        std::vector<std::string>{"2.5"});
  CHECK(lint_file(text, "a.md", "plain-english.statistics-terms").findings.empty());
  // The same table in the Methods is for the panel.
  const std::string methods = "# Methods\n\nWe will compare two groups.\n\n" + kTable;
  CHECK(lint_file(methods, "a.md", "plain-english.table-in-summary").findings.empty());
  // A one-line box is not a table of figures.
  CHECK(lint_file("# Plain English summary\n\nWe test.\n\n| Walking group |\n|---|\n| Tuesdays |\n",
                  "a.md", "plain-english.table-in-summary")
            .findings.empty());
}

TEST_CASE("table: min_cells is checked when the rule loads", "[rules][table]") {
  const std::string rule = minimal_rule("table", "readability");
  CHECK(load_error(rule).empty());
  CHECK_THAT(load_error(rule + "    min_cells: 0\n"),
             Catch::Contains("'min_cells' must be a whole number from 1 to 1000"));
  CHECK_THAT(load_error(rule + "    min_cells: 2.5\n"),
             Catch::Contains("'min_cells' must be a whole number from 1 to 1000"));
  CHECK_THAT(load_error(rule + "    min_rows: 2\n"), Catch::Contains("unknown field 'min_rows'"));
}
