// The real binary on DOCX, PDF, HTML and LaTeX files: findings with lines and columns in the
// extracted text (DOCX, PDF) or the file itself (HTML, LaTeX), and damaged files as error records.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "docx_fixture.h"
#include "pdf_fixture.h"
#include "shell_run.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace sayso::testing;

namespace {

struct FormatsDir {
  fs::path path = fs::temp_directory_path() / ("sayso-cli-formats-" + std::to_string(::getpid()));
  FormatsDir() { fs::create_directories(path); }
  ~FormatsDir() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path / name, std::ios::binary) << bytes;
    return (path / name).string();
  }
};

json check_json(const std::string& args) {
  const Run r =
      run_shell(std::string(SAYSO_BINARY) + " check --format json " + args + " </dev/null 2>&1");
  INFO(r.out.substr(0, 2000));
  REQUIRE((r.status == 0 || r.status == 1));
  return json::parse(r.out);
}

const json* finding(const json& file, const std::string& text) {
  for (const auto& d : file["diagnostics"])
    if (d["text"] == text) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("check reads DOCX, PDF, HTML and LaTeX, positions in the extracted text",
          "[cli][formats]") {
  FormatsDir dir;
  const std::string docx =
      dir.write("summary.docx", make_docx(docx_paragraph("Plain English summary", "Heading1") +
                                          docx_paragraph("We want to know how people get on.") +
                                          docx_paragraph("We will utilise the data.")));
  const std::string pdf =
      dir.write("summary.pdf", make_pdf({{{72, 750, 16, "Plain English summary"},
                                          {72, 720, 11, "We want to know how people"},
                                          {72, 706, 11, "get on."},
                                          {72, 680, 11, "We will utilise the data."}}}));
  const std::string html = dir.write(
      "summary.html", "<h1>Plain English summary</h1>\n<p>We will <b>utilise</b> the data.</p>\n");
  const std::string tex = dir.write(
      "summary.tex", "\\section{Plain English summary}\nWe will \\emph{utilise} the data.\n");
  const std::string broken = dir.write("broken.docx", "PK\x03\x04 not really");
  const json j =
      check_json("'" + docx + "' '" + pdf + "' '" + html + "' '" + tex + "' '" + broken + "'");
  REQUIRE(j["files"].size() == 5);
  for (int i = 0; i < 4; ++i) {
    INFO(j["files"][i]["path"]);
    REQUIRE(j["files"][i]["status"] == "ok");
    CHECK(j["files"][i]["sections"][0]["kind"] == "plain-english-summary");
  }
  // DOCX and PDF: line 5 of the extracted text (heading, blank, paragraph, blank, paragraph).
  for (int i = 0; i < 2; ++i) {
    const json* utilise = finding(j["files"][i], "utilise");
    REQUIRE(utilise);
    CHECK((*utilise)["line"] == 5);
    CHECK((*utilise)["column"] == 9);
    CHECK((*utilise)["byte_start"] == 67);
  }
  // HTML and LaTeX: positions in the file as written.
  const json* in_html = finding(j["files"][2], "utilise");
  REQUIRE(in_html);
  CHECK((*in_html)["line"] == 2);
  CHECK((*in_html)["column"] == 15);
  const json* in_tex = finding(j["files"][3], "utilise");
  REQUIRE(in_tex);
  CHECK((*in_tex)["line"] == 2);
  CHECK((*in_tex)["column"] == 15);
  CHECK(j["files"][4]["status"] == "error");
  CHECK_THAT(j["files"][4]["error"].get<std::string>(), Catch::Contains("not a valid zip archive"));
}

// PDF support is a module loaded on demand: without it a PDF is an error record, said plainly,
// and the other files of the run are still linted (exit status 1, as for any unreadable file).
TEST_CASE("pdf module missing: the PDF is a clear error, other files are still linted",
          "[cli][formats][pdf]") {
  FormatsDir dir;
  const fs::path alone = dir.path / "bin", empty = dir.path / "no-modules";
  fs::create_directories(alone);
  fs::create_directories(empty);
  // A copy of the binary, with no module beside it and none installed next to it.
  fs::copy_file(SAYSO_BINARY, alone / "sayso");
  const std::string pdf =
      dir.write("summary.pdf", make_pdf({{{72, 750, 16, "Plain English summary"},
                                          {72, 720, 11, "We will utilise the data."}}}));
  const std::string md =
      dir.write("summary.md", "# Plain English summary\n\nWe will utilise the data.\n");
  const std::string cmd = "SAYSO_MODULE_DIR='" + empty.string() + "' '" +
                          (alone / "sayso").string() + "' check --format json '" + pdf + "' '" +
                          md + "' </dev/null 2>&1";
  const Run r = run_shell(cmd);
  INFO(r.out.substr(0, 2000));
  CHECK(r.status == 1);
  const json j = json::parse(r.out);
  REQUIRE(j["files"].size() == 2);
  const json& pdf_file = j["files"][0]["path"] == pdf ? j["files"][0] : j["files"][1];
  const json& md_file = j["files"][0]["path"] == pdf ? j["files"][1] : j["files"][0];
  CHECK(pdf_file["status"] == "error");
  const std::string error = pdf_file["error"];
  CHECK(error.starts_with("PDF support is not installed: could not load " + empty.string() +
                          "/sayso_pdf_poppler.so: "));
  CHECK(md_file["status"] == "ok");
  CHECK(finding(md_file, "utilise") != nullptr);
}

namespace {

Run run_sayso(const std::string& args) {
  return run_shell(std::string(SAYSO_BINARY) + " " + args + " </dev/null 2>&1");
}

}  // namespace

TEST_CASE("check reads a Windows-1252 file as such, says so once, and keeps its columns",
          "[cli][formats][bad-input]") {
  FormatsDir dir;
  // Notepad's 'ANSI': "We will utilise £40 vouchers – “fair” pay." with a summary heading.
  const std::string file = dir.write("summary.txt",
                                     "Plain English summary\n\nPay: \xA3"
                                     "40 \x96 we will utilise \x93"
                                     "fair\x94 pay.\n");
  const json j = check_json("'" + file + "'");
  REQUIRE(j["files"][0]["status"] == "ok");
  CHECK(j["files"][0]["encoding"] == "windows-1252");
  std::size_t encoding_notes = 0;
  for (const auto& d : j["files"][0]["diagnostics"])
    if (d["rule"] == "sayso.invalid-text") {
      ++encoding_notes;
      CHECK(d["line"] == 3);
      CHECK(d["column"] == 6);  // the £, one character per byte of the file
    }
  CHECK(encoding_notes == 1);
  const json* utilise = finding(j["files"][0], "utilise");
  REQUIRE(utilise);
  CHECK((*utilise)["column"] == 20);
  // byte_* are offsets into the file's bytes (one per character here); text is UTF-8.
  const std::string before =
      "Plain English summary\n\nPay: \xA3"
      "40 \x96 we will ";
  CHECK((*utilise)["byte_start"] == before.size());
  CHECK((*utilise)["byte_end"] == before.size() + 7);
}

TEST_CASE("check refuses office files it cannot read, saying what to do",
          "[cli][formats][bad-input]") {
  FormatsDir dir;
  const std::string old_word = dir.write("old.doc", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest");
  const std::string sheet = dir.write("form.xlsx", "PK\x03\x04 rest");
  const Run r = run_sayso("check '" + old_word + "' '" + sheet + "'");
  CHECK_THAT(r.out, Catch::Contains("unsupported format (.doc): an old Word format"));
  CHECK_THAT(r.out, Catch::Contains("unsupported format (.xlsx): a spreadsheet"));
}

TEST_CASE("a swap pair's misspelt field is a rule error with its line and the field meant",
          "[cli][bad-input]") {
  FormatsDir dir;
  fs::create_directories(dir.path / "rules" / "p");
  dir.write("rules/p/pack.yml",
            "name: p\nversion: 1.0.0\nlicence: CC0-1.0\nmaintainers: [t]\ndescription: d\n");
  dir.write("rules/p/r.yml",
            "rules:\n  - id: p.swap\n    kind: substitution\n    category: jargon\n"
            "    severity: warning\n    message: \"Try '{suggestion}'.\"\n    explanation: e\n"
            "    sources: [s]\n    examples: {flag: [a, b], pass: [c, d]}\n    written_with: [t]\n"
            "    reviewed_by: [t]\n    status: draft\n    decisions: [d]\n    swap:\n"
            "      - instead_of: [utilise]\n        use: [use]\n        befor_noun: []\n"
            "        source: s\n");
  const std::string text = dir.write("summary.md", "We utilise it.\n");
  const Run r = run_sayso("check --rules '" + (dir.path / "rules").string() + "' '" + text + "'");
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains("r.yml:17") && Catch::Contains("'befor_noun'") &&
                        Catch::Contains("did you mean 'before_noun'?"));
}
