// Batch records point at the source as its format allows (PDF page, DOCX/ODT paragraph, the line
// and field of a form export), and bad inputs of every kind become clear error records while the
// rest of the batch is linted. Runs whole batches in-process over files written by the fixtures.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "batch/batch_run.h"
#include "docx_fixture.h"
#include "pdf_fixture.h"
#include "zip_fixture.h"

using namespace sayso;
using namespace sayso::testing;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Folder {
  fs::path path;
  Folder() {
    path = fs::temp_directory_path() / ("sayso-records-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~Folder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& bytes) const {
    const fs::path p = path / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
};

std::vector<json> run_records(const std::vector<std::string>& inputs,
                              const std::string& map_file = "") {
  BatchOptions options;
  options.jobs = 2;
  options.inputs = inputs;
  options.map_file = map_file;
  options.session.rules_dir = std::string(SAYSO_CORPUS_DIR) + "/../rules";
  std::ostringstream out, err;
  run_batch(options, out, err);
  std::vector<json> records;
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);) records.push_back(json::parse(line));
  return records;
}

// The first finding whose flagged text is `text`.
json finding_for(const json& record, const std::string& text) {
  for (const json& d : record["diagnostics"])
    if (d["text"] == text) return d;
  FAIL("no finding for '" << text << "' in " << record.dump());
  return {};
}

}  // namespace

TEST_CASE("batch records: a PDF finding says its page", "[batch][records]") {
  Folder folder;
  const std::string pdf = folder.write(
      "app.pdf", make_pdf({{{72, 750, 16, "Plain English summary"},
                            {72, 720, 11, "We want to help people sleep better at home."}},
                           {{72, 720, 11, "We will utilise a survey of the families."}}}));
  auto records = run_records({pdf});
  REQUIRE(records.size() == 1);
  REQUIRE(records[0]["status"] == "ok");
  const json utilise = finding_for(records[0], "utilise");
  CHECK(utilise["page"] == 2);
  CHECK(utilise["line"] == 5);  // line of the extracted text, as the contract says
  for (const json& d : records[0]["diagnostics"]) {
    CHECK(d.contains("page"));
    CHECK_FALSE(d.contains("paragraph"));
  }
}

TEST_CASE("batch records: a DOCX finding says its paragraph", "[batch][records]") {
  Folder folder;
  const std::string docx =
      folder.write("app.docx", make_docx(docx_paragraph("Plain English summary", "Heading1") +
                                         docx_paragraph("We want to help people sleep.") +
                                         docx_paragraph("") +  // empty: not counted
                                         docx_paragraph("We will utilise a survey.")));
  auto records = run_records({docx});
  REQUIRE(records.size() == 1);
  REQUIRE(records[0]["status"] == "ok");
  const json utilise = finding_for(records[0], "utilise");
  CHECK(utilise["paragraph"] == 3);
  CHECK_FALSE(utilise.contains("page"));
}

TEST_CASE("batch records: a Markdown finding has no page or paragraph", "[batch][records]") {
  Folder folder;
  const std::string md =
      folder.write("app.md", "# Plain English summary\n\nWe will utilise data.\n");
  auto records = run_records({md});
  REQUIRE(records.size() == 1);
  const json utilise = finding_for(records[0], "utilise");
  CHECK_FALSE(utilise.contains("page"));
  CHECK_FALSE(utilise.contains("paragraph"));
  CHECK_FALSE(utilise.contains("source_line"));
}

TEST_CASE("batch records: a CSV finding says its line in the file and its column",
          "[batch][records]") {
  Folder folder;
  const std::string map = folder.write(
      "map.yml", "id: ref\nsections:\n  summary: plain-english-summary\n  ppi: involvement\n");
  const std::string csv =
      folder.write("forms.csv",
                   "ref,summary,ppi\r\n"                                            // line 1
                   "A-1,\"We want to help \"\"older\"\" people.\r\n"                // line 2
                   "\r\n"                                                           // line 3
                   "We will utilise a survey.\",\"People helped us plan it.\"\r\n"  // line 4
                   "A-2,We want to help children.,\"Parents shaped the\n"           // line 5
                   "questions and their views will be sought.\"\n");                // line 6
  auto records = run_records({csv}, map);
  REQUIRE(records.size() == 2);
  REQUIRE(records[0]["status"] == "ok");
  const json first = finding_for(records[0], "utilise");
  CHECK(first["source_line"] == 4);
  CHECK(first["field"] == "summary");
  CHECK(first["field_number"] == 2);
  CHECK(first["section"] == "plain-english-summary");
  const json second = finding_for(records[1], "will be sought");
  CHECK(second["source_line"] == 6);
  CHECK(second["field"] == "ppi");
  CHECK(second["field_number"] == 3);
  // Document-level findings of a field (at its generated heading) point at the cell's first line.
  for (const json& d : records[1]["diagnostics"]) {
    REQUIRE(d.contains("source_line"));
    CHECK(d["source_line"].get<int>() >= 5);
    CHECK(d["source_line"].get<int>() <= 6);
  }
}

TEST_CASE("batch records: a JSON Lines finding says its line and field", "[batch][records]") {
  Folder folder;
  const std::string map = folder.write(
      "map.yml", "id: ref\nsections:\n  summary: plain-english-summary\n  ppi: involvement\n");
  const std::string jsonl = folder.write(
      "forms.jsonl",
      "{\"ref\":\"J-1\",\"summary\":\"We want to help.\",\"ppi\":\"Parents helped.\"}\n\n"
      "{\"ref\":\"J-2\",\"summary\":\"Line one.\\n\\nWe will utilise data.\",\"ppi\":\"x\"}\n");
  auto records = run_records({jsonl}, map);
  REQUIRE(records.size() == 2);
  const json utilise = finding_for(records[1], "utilise");
  CHECK(utilise["source_line"] == 3);  // escaped line breaks do not move it
  CHECK(utilise["field"] == "summary");
  CHECK_FALSE(utilise.contains("field_number"));
}

TEST_CASE("batch records: bad inputs are clear error records, the rest are linted",
          "[batch][records][bad-input]") {
  Folder folder;
  const std::string good_text = "# Plain English summary\n\nWe will ask 40 carers what helps.\n";
  std::vector<std::pair<std::string, std::string>> files = {
      {"a-not-a-zip.docx", "PK\x03\x04 this is not really a zip"},
      {"b-no-document.docx", make_zip({{"hello.txt", "hi"}})},
      {"c-bad-xml.docx", make_zip({{"word/document.xml", "<w:document><w:body><w:p>"}})},
      {"d-encrypted.pdf",
       make_pdf({{{72, 750, 11, "Secret plans for the study."}}}, {.encrypted = true})},
      {"e-scanned.pdf", make_pdf({{}, {}})},
      {"f-good.md", good_text},
      {"g-not-a-pdf.pdf", "%PDF-1.4 and then nothing"},
  };
  std::vector<std::string> inputs;
  for (const auto& [name, bytes] : files) inputs.push_back(folder.write(name, bytes));
  const std::string bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaaaaaaaa\">"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
      "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
      "<w:document><w:body><w:p><w:r><w:t>&c;&c;&c;</w:t></w:r></w:p></w:body></w:document>";
  inputs.push_back(folder.write("h-entity-bomb.docx", make_zip({{"word/document.xml", bomb}})));
  inputs.push_back(folder.write("i-zip-bomb.docx",
                                make_zip({{"word/document.xml", std::string(20u << 20, ' ')}})));
  const std::string fifo = (folder.path / "j-pipe.md").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  inputs.push_back(fifo);
  fs::create_directories(folder.path / "k-folder.md" / "empty");
  inputs.push_back((folder.path / "k-folder.md" / "empty").string());
  inputs.push_back(folder.write("l-good.md", good_text));

  auto records = run_records(inputs);
  REQUIRE(records.size() == 12);
  auto error_of = [&](std::size_t i) {
    INFO(records[i].dump());
    CHECK(records[i]["status"] == "error");
    CHECK(records[i]["diagnostics"].empty());
    return records[i]["error"].is_string() ? records[i]["error"].get<std::string>() : "";
  };
  CHECK_THAT(error_of(0), Catch::Contains("not a valid zip archive"));
  CHECK(error_of(1) == "the DOCX file has no document text (word/document.xml is missing)");
  CHECK_THAT(error_of(2), Catch::Contains("not well-formed XML"));
  CHECK_THAT(error_of(3), Catch::StartsWith("the PDF is encrypted with a password"));
  CHECK(error_of(4) == "the PDF has no text layer (a scanned image?)");
  CHECK(records[5]["status"] == "ok");
  CHECK_THAT(error_of(6), Catch::Contains("PDF"));
  // The entity is never expanded: the document is read, tiny.
  CHECK(records[7]["status"] == "ok");
  CHECK(records[7]["scorecard"]["words"].get<int>() < 10);
  CHECK_THAT(error_of(8), Catch::Contains("zip bomb"));
  CHECK(error_of(9) == "a named pipe (FIFO), not a file");
  CHECK_THAT(error_of(10),
             Catch::Contains("holds no files sayso can read"));  // never a silent skip
  CHECK(records[11]["status"] == "ok");
}
