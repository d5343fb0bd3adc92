// The RFC 4180 CSV reader behind form exports.
#include <catch2/catch.hpp>

#include "batch/csv_reader.h"

using namespace sayso;

namespace {

std::vector<CsvRecord> read_all(std::string_view text) {
  CsvReader reader(text);
  std::vector<CsvRecord> records;
  CsvRecord record;
  while (reader.next(record)) records.push_back(record);
  return records;
}

}  // namespace

TEST_CASE("CSV: plain fields and both line endings", "[batch][csv]") {
  auto records = read_all("id,text\r\na,one\nb,two");
  REQUIRE(records.size() == 3);
  CHECK(records[1].fields == std::vector<std::string>{"a", "one"});
  CHECK(records[2].fields == std::vector<std::string>{"b", "two"});
  CHECK(records[2].line == 3);
}

TEST_CASE("CSV: quotes, doubled quotes, commas and line breaks inside quotes", "[batch][csv]") {
  auto records = read_all("id,text\n\"a,1\",\"He said \"\"hi\"\"\nand left\"\nb,x\n");
  REQUIRE(records.size() == 3);
  CHECK(records[1].fields[0] == "a,1");
  CHECK(records[1].fields[1] == "He said \"hi\"\nand left");
  CHECK(records[1].error.empty());
  CHECK(records[2].line == 4);  // the embedded line break counts
  CHECK(records[2].fields == std::vector<std::string>{"b", "x"});
}

TEST_CASE("CSV: a byte order mark and empty fields", "[batch][csv]") {
  auto records = read_all("\xEF\xBB\xBFid,text\n,\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].fields[0] == "id");
  CHECK(records[1].fields == std::vector<std::string>{"", ""});
}

TEST_CASE("CSV: malformed quoting is an error for that record only", "[batch][csv]") {
  auto records = read_all("id,text\n\"a\"b,x\nc,y\n");
  REQUIRE(records.size() == 3);
  CHECK_FALSE(records[1].error.empty());
  CHECK(records[2].error.empty());
  CHECK(records[2].fields == std::vector<std::string>{"c", "y"});

  auto open = read_all("id,text\nc,\"never closed\n");
  REQUIRE(open.size() == 2);
  CHECK(open[1].error.find("never closed") != std::string::npos);
}

TEST_CASE("CSV: a quote inside an unquoted field is kept", "[batch][csv]") {
  auto records = read_all("a,5\" screen\n");
  REQUIRE(records.size() == 1);
  CHECK(records[0].fields[1] == "5\" screen");
  CHECK(records[0].error.empty());
}
