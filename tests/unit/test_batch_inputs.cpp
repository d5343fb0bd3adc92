// Batch inputs: standard input read beside a writer thread, and sayso's own reports recognised.
#include <catch2/catch.hpp>

#include <sstream>
#include <streambuf>
#include <thread>

#include "batch/inputs.h"
#include "report/csv.h"
#include "report/own_reports.h"

using namespace sayso;

namespace {

// An output buffer that records whether it was ever flushed from a thread other than its owner.
class OwnedBuffer : public std::stringbuf {
 public:
  bool flushed_elsewhere = false;

 protected:
  int sync() override {
    if (std::this_thread::get_id() != owner_) flushed_elsewhere = true;
    return std::stringbuf::sync();
  }

 private:
  std::thread::id owner_ = std::this_thread::get_id();
};

}  // namespace

TEST_CASE("Reading standard input never flushes the output stream tied to it", "[batch][inputs]") {
  // std::cin is tied to std::cout: the producer thread reading it flushed standard output while
  // the writer thread wrote records (a data race that left blank lines in the stream).
  OwnedBuffer buffer;
  std::ostream output(&buffer);
  std::istringstream input("{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\"Two.\"}\n");
  input.tie(&output);
  SourceOptions options;
  options.standard_input = &input;
  SubmissionSource source({{"-", ""}}, std::move(options));
  std::vector<std::string> ids;
  std::thread producer([&] { source.produce([&](Submission s) { ids.push_back(s.id); }); });
  producer.join();
  CHECK(ids == std::vector<std::string>{"a", "b"});
  CHECK_FALSE(buffer.flushed_elsewhere);
}

TEST_CASE("Empty standard input gives no submissions", "[batch][inputs]") {
  std::istringstream input("\n   \n");
  SourceOptions options;
  options.standard_input = &input;
  SubmissionSource source({{"-", ""}}, std::move(options));
  std::size_t count = 0;
  source.produce([&](Submission) { ++count; });
  CHECK(count == 0);
}

TEST_CASE("sayso's own reports are recognised from their first bytes", "[batch][inputs]") {
  const std::string record =
      "{\"id\":\"a.md\",\"path\":\"a.md\",\"row\":null,\"format\":\"markdown\",\"status\":\"ok\","
      "\"error\":null,\"sections\":[],\"diagnostics\":[],\"scorecard\":null}\n";
  CHECK(looks_like_own_report(".jsonl", record));
  CHECK_FALSE(looks_like_own_report(".jsonl", "{\"id\":\"A-1\",\"text\":\"We will ask.\"}\n"));
  std::string header;
  for (const std::string& column : CsvReport::fixed_columns()) header += column + ",";
  CHECK(looks_like_own_report(".csv", header + "\r\n"));
  CHECK(looks_like_own_report(".csv", "\xEF\xBB\xBF" + header + "\r\n"));
  CHECK_FALSE(looks_like_own_report(".csv", "id,path,text\r\nA-1,x,We will ask.\r\n"));
  CHECK(looks_like_own_report(
      ".html", "<!DOCTYPE html>\n<html><head><meta name=\"generator\" content=\"sayso batch\">"));
  CHECK_FALSE(looks_like_own_report(".html", "<!DOCTYPE html>\n<html><head><title>Grant"));
  CHECK_FALSE(looks_like_own_report(".md", record));
}
