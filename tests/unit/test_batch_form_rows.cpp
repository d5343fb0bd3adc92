// Form exports: map files, rows as documents, ragged rows and bad JSON lines.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "batch/form_rows.h"
#include "core/config.h"
#include "core/sections.h"
#include "engine/ruleset.h"

using namespace sayso;
namespace fs = std::filesystem;

namespace {

std::vector<FormRow> csv_rows(std::string_view text, const FormMap* map = nullptr) {
  std::vector<FormRow> rows;
  read_csv_rows(text, map, "apps.csv", [&](FormRow r) { rows.push_back(std::move(r)); });
  return rows;
}

std::string write_temp(const std::string& name, const std::string& text) {
  fs::path p = fs::temp_directory_path() / name;
  std::ofstream(p) << text;
  return p.string();
}

FormMap summary_map() {
  FormMap map;
  map.id_column = "ref";
  map.sections = {{"pes", "plain-english-summary"}, {"ppi", "involvement"}};
  return map;
}

}  // namespace

TEST_CASE("Every canonical kind's heading classifies back to that kind", "[batch][form]") {
  // Only the section aliases matter here: load them with the smallest pack.
  const std::string rules_dir = SAYSO_SOURCE_RULES_DIR;
  const RuleSet rules = load_rules_from(rules_dir, {rules_dir + "/structure"}, Config{});
  for (const auto& kind : canonical_section_kinds())
    CHECK(rules.sections.classify(section_kind_heading(kind)) == kind);
}

TEST_CASE("A CSV row becomes a Markdown document with one heading per mapped column",
          "[batch][form]") {
  FormMap map = summary_map();
  auto rows = csv_rows("ref,pes,ppi\nA-1,We will ask people.,\"Patients, carers\"\n", &map);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].id == "A-1");
  CHECK(rows[0].row == 1u);
  CHECK(rows[0].error.empty());
  CHECK(rows[0].text ==
        "# Plain English summary\n\nWe will ask people.\n\n"
        "# Patient and public involvement\n\nPatients, carers\n\n");
}

TEST_CASE("Ragged CSV rows are error rows, the others are fine", "[batch][form]") {
  auto rows = csv_rows("id,text\na,one\nb\nc,three,extra\nd,four\n");
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].error.empty());
  CHECK(rows[1].error.find("has 1 fields; the header has 2") != std::string::npos);
  CHECK(rows[1].id == "apps.csv#2");
  CHECK(rows[2].error.find("has 3 fields") != std::string::npos);
  CHECK(rows[3].error.empty());
  CHECK(rows[3].row == 4u);
}

TEST_CASE("Without a map a CSV needs a text column", "[batch][form]") {
  auto rows = csv_rows("id,summary\na,one\n");
  REQUIRE(rows.size() == 1);
  CHECK_FALSE(rows[0].row.has_value());
  CHECK(rows[0].error.find("no 'text' column") != std::string::npos);
}

TEST_CASE("A CSV saved with semicolons or tabs, or with a column twice, says so", "[batch][form]") {
  // Excel writes semicolons where the decimal mark is a comma: one column, named "id;text".
  auto semicolons = csv_rows("id;text\na;We will utilise it.\n");
  REQUIRE(semicolons.size() == 1);
  CHECK(semicolons[0].error ==
        "the columns are separated by semicolons, not commas; save the file as CSV with commas "
        "(in Excel: CSV UTF-8)");
  auto tabs = csv_rows("id\ttext\na\tWe will utilise it.\n");
  REQUIRE(tabs.size() == 1);
  CHECK(tabs[0].error.find("separated by tabs") != std::string::npos);
  // Two "text" columns: reading the first would lose the second without a word.
  auto twice = csv_rows("id,text,notes,text\na,one,x,two\n");
  REQUIRE(twice.size() == 1);
  CHECK(twice[0].error == "the file has 2 columns named 'text' (columns 2, 4); rename all but one");
  FormMap map = summary_map();
  auto mapped_twice = csv_rows("ref,pes,ppi,pes\nA,x,y,z\n", &map);
  REQUIRE(mapped_twice.size() == 1);
  CHECK(mapped_twice[0].error.find("2 columns named 'pes' (columns 2, 4)") != std::string::npos);
  // A lone column that is not "text" keeps the usual advice.
  CHECK(csv_rows("summary\nx\n")[0].error.find("no 'text' column") != std::string::npos);
}

TEST_CASE("A map naming a missing column is one error for the file", "[batch][form]") {
  FormMap map = summary_map();
  auto rows = csv_rows("ref,pes\nA,x\nB,y\n", &map);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].error.find("column 'ppi'") != std::string::npos);
}

TEST_CASE("An empty CSV and a header with no rows are reported", "[batch][form]") {
  REQUIRE(csv_rows("").size() == 1);
  auto rows = csv_rows("id,text\n");
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].error.find("no rows") != std::string::npos);
}

TEST_CASE("JSON Lines: a line that is not JSON is an error row, the rest are fine",
          "[batch][form]") {
  std::vector<FormRow> rows;
  read_jsonl_rows(
      "{\"id\":\"a\",\"text\":\"Hello.\"}\n\nnot json\n[1]\n{\"id\":7,\"text\":\"x\"}\n", nullptr,
      "in.jsonl", [&](FormRow r) { rows.push_back(std::move(r)); });
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].id == "a");
  CHECK(rows[0].text == "Hello.");
  CHECK(rows[1].error ==
        "line is not valid JSON: column 2: syntax error while parsing value - invalid literal; "
        "last read: 'no'");
  CHECK(rows[1].row == 3u);
  CHECK(rows[1].id == "in.jsonl#3");
  CHECK(rows[2].error == "line is not a JSON object");
  CHECK(rows[3].id == "7");

  // A lone half of a surrogate pair (JavaScript's JSON.stringify writes one) is read as U+FFFD,
  // as the LSP reads it, not refused.
  rows.clear();
  read_jsonl_rows("{\"id\":\"b\",\"text\":\"Care \\ud800 homes.\"}\n", nullptr, "in.jsonl",
                  [&](FormRow r) { rows.push_back(std::move(r)); });
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].error.empty());
  CHECK(rows[0].text == "Care \xEF\xBF\xBD homes.");
}

TEST_CASE("JSON Lines with a map: missing fields are empty sections, objects are errors",
          "[batch][form]") {
  FormMap map = summary_map();
  FormRow row = jsonl_form_row("{\"ref\":\"R1\",\"pes\":\"Short.\"}", &map, 1, "x#1");
  CHECK(row.error.empty());
  CHECK(row.text.find("# Patient and public involvement\n\n\n") != std::string::npos);
  FormRow bad = jsonl_form_row("{\"ref\":\"R2\",\"pes\":{\"a\":1}}", &map, 2, "x#2");
  CHECK(bad.error == "field 'pes' is not text");
  FormRow extra = jsonl_form_row("{\"ref\":\"R3\",\"pes\":\"x\",\"tags\":[1,2]}", &map, 3, "x#3");
  CHECK(extra.error.empty());  // fields the map does not use may hold anything
}

TEST_CASE("Map files are checked, with file:line in errors", "[batch][form]") {
  const std::string good = write_temp(
      "sayso-map-good.yml",
      "id: ref\ntitle: name\nsections:\n  pes: plain-english-summary\n  ppi: involvement\n");
  FormMap map = load_form_map(good);
  CHECK(map.id_column == "ref");
  CHECK(map.title_column == "name");
  REQUIRE(map.sections.size() == 2);
  CHECK(map.sections[0] ==
        std::make_pair(std::string("pes"), std::string("plain-english-summary")));

  const std::string bad_kind =
      write_temp("sayso-map-bad.yml", "id: ref\nsections:\n  pes: lay-summary\n");
  try {
    load_form_map(bad_kind);
    FAIL("an unknown kind must be an error");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find("sayso-map-bad.yml:3:") != std::string::npos);
    CHECK(std::string(e.what()).find("unknown section kind 'lay-summary'") != std::string::npos);
  }
  CHECK_THROWS_AS(load_form_map(write_temp("sayso-map-none.yml", "id: ref\n")), ConfigError);
  CHECK_THROWS_AS(load_form_map("/nonexistent/map.yml"), ConfigError);
}

TEST_CASE("Row counts for the progress bar", "[batch][form]") {
  CHECK(count_csv_rows("id,text\na,\"x\ny\"\nb,z\n") == 2);
  CHECK(count_jsonl_rows("{}\n\n{}\n") == 2);
}

TEST_CASE("Row counts match the records emitted for files with no rows", "[batch][form]") {
  // Found by fuzz_jsonl_rows: an empty JSON Lines file gave a total of 0 but one error record.
  for (const std::string text : {"", "\n \t\r\n", "\xEF\xBB\xBF"}) {
    std::size_t emitted = 0;
    read_jsonl_rows(text, nullptr, "empty.jsonl", [&](FormRow) { ++emitted; });
    CHECK(emitted == 1);
    CHECK(count_jsonl_rows(text) == emitted);
  }
  std::size_t emitted = 0;
  read_csv_rows("", nullptr, "empty.csv", [&](FormRow) { ++emitted; });
  CHECK(emitted == 1);
  CHECK(count_csv_rows("") == emitted);
}
