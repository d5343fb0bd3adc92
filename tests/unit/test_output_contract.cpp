// The output contracts of design.md ("Contract: JSON output", and the batch records and SARIF that
// share its findings): byte offsets into the file's bytes however it was encoded, findings about a
// whole section at its heading's start with no text, only the contract's section kinds, file names
// that are not UTF-8 written losslessly as UTF-8, and counts of real findings only.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "batch/batch_run.h"
#include "core/source.h"
#include "report/csv.h"
#include "report/html_report.h"
#include "report/json.h"
#include "report/submission_record.h"
#include "scratch_dir.h"
#include "test_helpers.h"

using namespace sayso;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

FileOutcome linted(const std::string& bytes, const std::string& path,
                   const std::string& headless_kind = "document") {
  FileOutcome outcome;
  outcome.path = path;
  auto doc = std::make_shared<Document>(testing::load(bytes, path, headless_kind));
  outcome.diagnostics = testing::lint(*doc);
  outcome.doc = std::move(doc);
  outcome.ok = true;
  return outcome;
}

// check's JSON report of the outcomes, parsed.
json check_report(const std::vector<FileOutcome>& outcomes) {
  std::ostringstream out;
  write_report_json(out, outcomes);
  return json::parse(out.str());
}

// The batch record of one outcome, parsed, as the JSON Lines, CSV, HTML and SARIF reports read it.
json batch_record(const FileOutcome& outcome) {
  SubmissionRecord record;
  record.id = record.path = outcome.path;
  record.format = outcome.doc ? outcome.doc->format : "";
  record.outcome = outcome;
  seal_record(record);
  return json::parse(record.line);
}

// Both ways a file's findings are written: check's JSON and a batch record.
std::vector<json> written_findings(const FileOutcome& outcome) {
  return {check_report({outcome})["files"][0]["diagnostics"], batch_record(outcome)["diagnostics"]};
}

std::vector<json> findings_of(const json& diagnostics, const std::string& rule) {
  std::vector<json> out;
  for (const json& d : diagnostics)
    if (d["rule"] == rule) out.push_back(d);
  return out;
}

// UTF-16 without a byte order mark.
std::string utf16_of(std::u32string_view text, bool little) {
  std::string out;
  auto unit = [&](char32_t u) {
    const char high = static_cast<char>(u >> 8), low = static_cast<char>(u & 0xFF);
    out += little ? low : high;
    out += little ? high : low;
  };
  for (char32_t c : text) {
    if (c < 0x10000) {
      unit(c);
    } else {
      unit(0xD800 + ((c - 0x10000) >> 10));
      unit(0xDC00 + ((c - 0x10000) & 0x3FF));
    }
  }
  return out;
}

bool is_valid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = valid_utf8_sequence_length(p + i, text.size() - i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

// The bytes of a file.
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

BatchOptions batch_options(const std::vector<std::string>& inputs) {
  BatchOptions options;
  options.jobs = 1;
  options.inputs = inputs;
  options.session.rules_dir = testing::test_rules_dir();
  return options;
}

std::vector<json> records_of(const std::string& jsonl) {
  std::vector<json> records;
  std::istringstream lines(jsonl);
  for (std::string line; std::getline(lines, line);) records.push_back(json::parse(line));
  return records;
}

}  // namespace

TEST_CASE("A Windows-1252 file's byte offsets are offsets into the file", "[contract][encoding]") {
  // "Café naïve we will utilise a cohort." in Latin-1: é and ï are one byte each.
  const std::string file = "Caf\xE9 na\xEFve we will utilise a cohort.\n";
  const FileOutcome outcome = linted(file, "summary.txt");
  REQUIRE(outcome.doc->source.decoded_from == "windows-1252");
  for (const json& diagnostics : written_findings(outcome)) {
    const auto utilise = findings_of(diagnostics, "t.swap");
    REQUIRE(utilise.size() == 1);
    CHECK(utilise[0]["byte_start"] == 19);
    CHECK(utilise[0]["byte_end"] == 26);
    CHECK(file.substr(19, 7) == "utilise");
    CHECK(utilise[0]["text"] == "utilise");
    CHECK(utilise[0]["column"] == 20);  // code points, as before
    // The note that the file is not UTF-8 points at the é: byte 3 alone (its text is UTF-8).
    const auto note = findings_of(diagnostics, "sayso.invalid-text");
    REQUIRE(note.size() == 1);
    CHECK(note[0]["byte_start"] == 3);
    CHECK(note[0]["byte_end"] == 4);
    CHECK(note[0]["text"] == "\xC3\xA9");
  }
}

TEST_CASE("A UTF-16 file's byte offsets are offsets into the file, its byte order mark counted",
          "[contract][encoding]") {
  // Characters of one, two, three and four UTF-8 bytes, and a surrogate pair in UTF-16.
  const std::u32string text = U"We will utilise caf\u00E9 \u2603 \U0001F600 and utilise it.\n";
  for (const bool little : {true, false}) {
    const std::string file = std::string(little ? "\xFF\xFE" : "\xFE\xFF") + utf16_of(text, little);
    const FileOutcome outcome = linted(file, "summary.txt");
    REQUIRE(outcome.doc->source.decoded_from == (little ? "utf-16le" : "utf-16be"));
    for (const json& diagnostics : written_findings(outcome)) {
      const auto utilise = findings_of(diagnostics, "t.swap");
      REQUIRE(utilise.size() == 2);
      for (const json& d : utilise) {
        const std::size_t start = d["byte_start"], end = d["byte_end"];
        CHECK(file.substr(start, end - start) == utf16_of(U"utilise", little));
        CHECK(d["text"] == "utilise");
      }
      CHECK(utilise[0]["byte_start"] == 2 + 2 * 8);
      // "We will utilise café ☃ 😀 and ": 30 UTF-16 units before the second, the 😀 two of them.
      CHECK(utilise[1]["byte_start"] == 2 + 2 * 30);
    }
  }
}

TEST_CASE("FileOffsets maps a decoding to the file's bytes, and a UTF-8 file to itself",
          "[contract][encoding]") {
  SourceText utf8 = decode_utf8("caf\xC3\xA9 ok");
  const FileOffsets same(utf8);
  for (std::size_t at : {0, 3, 5, 8}) CHECK(same.file_offset(at) == at);

  std::string latin = "a\xE9\x80z";  // a é € z: the € is three bytes of the decoding
  const std::string from = decode_windows_1252_if_not_utf8(latin);
  SourceText decoded = decode_utf8(latin);
  decoded.decoded_from = from;
  REQUIRE(decoded.bytes == "a\xC3\xA9\xE2\x82\xACz");
  const FileOffsets offsets(decoded);
  CHECK(offsets.file_offset(0) == 0);
  CHECK(offsets.file_offset(1) == 1);
  CHECK(offsets.file_offset(3) == 2);
  CHECK(offsets.file_offset(6) == 3);
  CHECK(offsets.file_offset(7) == 4);  // the end

  std::string empty_utf16 = "\xFF\xFE";
  SourceText empty;
  empty.decoded_from = decode_utf16_with_bom(empty_utf16);
  REQUIRE(empty.decoded_from == "utf-16le");
  CHECK(FileOffsets(empty).file_offset(0) == 2);  // after the mark
}

TEST_CASE("A finding about a whole section points at its heading's start with no text",
          "[contract][sections]") {
  std::string summary = "# Plain English summary\n\nWe will utilise";
  for (int i = 0; i < 25; ++i) summary += " word";
  summary += ".\n\n# Patient and public involvement\n\nWe will talk to people.\n";
  const FileOutcome outcome = linted(summary, "app.md");
  const std::size_t heading = summary.find("Plain English summary");
  const std::size_t involvement = summary.find("Patient and public involvement");
  std::size_t whole_section_findings = 0;
  for (const Diagnostic& d : outcome.diagnostics) {
    if (!d.whole_section) continue;
    ++whole_section_findings;
    CHECK(d.end > d.begin);  // the engine (and so the LSP) keeps the heading to underline
  }
  CHECK(whole_section_findings >= 2);
  for (const json& diagnostics : written_findings(outcome)) {
    const auto length = findings_of(diagnostics, "t.length");
    REQUIRE(length.size() == 1);
    CHECK(length[0]["text"] == "");
    CHECK(length[0]["byte_start"] == heading);
    CHECK(length[0]["byte_end"] == heading);
    CHECK(length[0]["line"] == 1);
    CHECK(length[0]["column"] == 3);
    CHECK(length[0]["end_line"] == 1);
    CHECK(length[0]["end_column"] == 3);
    const auto checklist = findings_of(diagnostics, "t.checklist");
    REQUIRE(checklist.size() == 1);
    CHECK(checklist[0]["text"] == "");
    CHECK(checklist[0]["byte_start"] == involvement);
    CHECK(checklist[0]["byte_end"] == involvement);
    CHECK(checklist[0]["end_column"] == checklist[0]["column"]);
    // A finding about words keeps them.
    const auto utilise = findings_of(diagnostics, "t.swap");
    REQUIRE(utilise.size() == 1);
    CHECK(utilise[0]["text"] == "utilise");
  }
  // The web page keeps the heading: it names the section from `text`.
  for (const Diagnostic& d : outcome.diagnostics)
    if (d.rule_id == "t.length")
      CHECK(diagnostic_json(*outcome.doc, d)["text"] == "Plain English summary");
}

TEST_CASE("Section kinds outside the contract's list are written as other",
          "[contract][sections]") {
  CHECK(contract_section_kind("references") == "other");
  CHECK(contract_section_kind("document") == "document");
  CHECK(contract_section_kind("plain-english-summary") == "plain-english-summary");
  CHECK(contract_section_kind("other") == "other");

  FileOutcome outcome =
      linted("Text before any heading.\n\n# References\n\nSmith J. A study. 2020.\n", "app.md");
  REQUIRE(outcome.doc->sections.size() == 2);
  REQUIRE(outcome.doc->sections[1].kind == "references");  // inside, sayso still knows it
  Diagnostic in_references;
  in_references.rule_id = "t.made-up";
  in_references.category = "style";
  in_references.begin = outcome.doc->sections[1].begin;
  in_references.end = in_references.begin;
  in_references.section_kind = "references";
  outcome.diagnostics.push_back(in_references);
  const json file = check_report({outcome})["files"][0];
  const json record = batch_record(outcome);
  for (const json& written : {file, record}) {
    REQUIRE(written["sections"].size() == 2);
    CHECK(written["sections"][0]["kind"] == "document");
    CHECK(written["sections"][1]["kind"] == "other");
    CHECK(written["sections"][1]["title"] == "References");
    CHECK(findings_of(written["diagnostics"], "t.made-up").at(0)["section"] == "other");
  }
}

TEST_CASE("Names that are not UTF-8 are written with hex escapes in every report",
          "[contract][names]") {
  CHECK(escape_invalid_utf8("caf\xE9-summary.md") == "caf\\xE9-summary.md");
  CHECK(escape_invalid_utf8("bad\xFF\xC3(.md") == "bad\\xFF\\xC3(.md");
  CHECK(escape_invalid_utf8("Zo\xC3\xAB \xF0\x9F\x98\x80.md") == "Zo\xC3\xAB \xF0\x9F\x98\x80.md");
  CHECK(escape_invalid_utf8(escape_invalid_utf8("caf\xE9")) == escape_invalid_utf8("caf\xE9"));

  FileOutcome e9 = linted("We will utilise it.\n", "caf\xE9-summary.md");
  FileOutcome e8 = linted("We will utilise it.\n", "caf\xE8-summary.md");
  const json files = check_report({e9, e8})["files"];
  CHECK(files[0]["path"] == "caf\\xE9-summary.md");
  CHECK(files[1]["path"] == "caf\\xE8-summary.md");
  const json record = batch_record(e9);
  CHECK(record["id"] == "caf\\xE9-summary.md");
  CHECK(record["path"] == "caf\\xE9-summary.md");
  CHECK(csv_text_field("caf\xE9.md") == "caf\\xE9.md");
  CHECK(html_escape("caf\xE9 <b>") == "caf\\xE9 &lt;b&gt;");
  CHECK(html_text("Zo\xC3\xAB\xFF") == "Zo\xC3\xAB\\xFF");
}

TEST_CASE("A batch keeps two names that differ only in bytes that are not UTF-8 apart",
          "[contract][names][batch]") {
  testing::ScratchDir folder;
  const std::string e9 = folder.write("caf\xE9-summary.md", "We will utilise it.\n");
  const std::string e8 = folder.write("caf\xE8-summary.md", "We will utilise it too.\n");
  BatchOptions options = batch_options({e9, e8});
  options.out_jsonl = folder.at("out.jsonl");
  options.out_csv = folder.at("out.csv");
  options.out_html = folder.at("out.html");
  options.out_sarif = folder.at("out.sarif");
  std::ostringstream out, err;
  run_batch(options, out, err);
  for (const char* report : {"out.jsonl", "out.csv", "out.html", "out.sarif"}) {
    INFO(report);
    CHECK(is_valid_utf8(slurp(folder.at(report))));
  }
  const auto records = records_of(slurp(folder.at("out.jsonl")));
  REQUIRE(records.size() == 2);
  CHECK(records[0]["id"] == escape_invalid_utf8(e9));
  CHECK(records[1]["id"] == escape_invalid_utf8(e8));
  CHECK(records[0]["id"] != records[1]["id"]);
  CHECK_FALSE(records[1].contains("duplicate_id"));
  const std::string csv = slurp(folder.at("out.csv"));
  CHECK(csv.find(escape_invalid_utf8(e9)) != std::string::npos);
  CHECK(csv.find(escape_invalid_utf8(e8)) != std::string::npos);
  CHECK(slurp(folder.at("out.html")).find(escape_invalid_utf8(e8)) != std::string::npos);
}

TEST_CASE("The counts of a record that left findings out are of real findings, not the note",
          "[contract][batch]") {
  testing::ScratchDir folder;
  std::string text = "# Plain English summary\n\n";
  for (int i = 0; i < 12; ++i) text += "We utilise it. ";
  const std::string app = folder.write("app.md", text + "\n");
  BatchOptions all = batch_options({app});
  all.max_findings = 0;
  std::ostringstream all_out, err;
  run_batch(all, all_out, err);
  const json every = records_of(all_out.str()).at(0);
  const std::size_t found = every["diagnostics"].size();
  REQUIRE(found > 5);
  std::map<std::string, std::size_t> by_severity, by_category;
  for (const json& d : every["diagnostics"]) {
    ++by_severity[d["severity"].get<std::string>()];
    ++by_category[d["category"].get<std::string>()];
  }

  BatchOptions capped = batch_options({app});
  capped.max_findings = 5;
  capped.out_jsonl = folder.at("out.jsonl");
  capped.out_csv = folder.at("out.csv");
  std::ostringstream out;
  run_batch(capped, out, err);
  const json record = records_of(slurp(folder.at("out.jsonl"))).at(0);
  REQUIRE(record["diagnostics"].size() == 6);  // the five, and the note that says so
  CHECK(findings_of(record["diagnostics"], "sayso.findings-left-out").size() == 1);
  CHECK(record["findings_omitted"] == found - 5);
  CHECK(record["findings_total"]["diagnostics"] == found);
  CHECK(record["findings_total"]["by_severity"] == json(by_severity));
  CHECK(record["findings_total"]["by_category"] == json(by_category));
  // The CSV's diagnostics column (the 7th) says the same.
  std::istringstream csv(slurp(folder.at("out.csv")));
  std::string header, row;
  std::getline(csv, header);
  std::getline(csv, row);
  std::vector<std::string> cells;
  std::istringstream cells_in(row);
  for (std::string cell; std::getline(cells_in, cell, ',');) cells.push_back(cell);
  REQUIRE(cells.size() > 6);
  CHECK(cells[6] == std::to_string(found));
}

TEST_CASE("The CSV's formula guard is undone by taking one apostrophe off", "[contract][csv]") {
  for (const std::string id : {"-#3", "=1+2", "+SUM(A1)", "@x", "'A-1", "''", "A-1", "'"}) {
    const std::string cell = csv_text_field(id);
    const bool guarded = std::string_view("=+-@'").find(id.front()) != std::string_view::npos;
    CHECK(cell == (guarded ? "'" + id : id));
    CHECK((cell.front() == '\'' ? cell.substr(1) : cell) == id);
  }
}
