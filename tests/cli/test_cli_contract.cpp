// check's JSON, CSV and SARIF against design.md's "Contract: JSON output", with the shipped rules:
// findings about a whole section point at its heading's start with no text, section kinds are
// the contract's, and file names that are not UTF-8 are written losslessly as valid UTF-8.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "shell_run.h"

namespace fs = std::filesystem;
using nlohmann::json;
using sayso::testing::Run;
using sayso::testing::run_shell;

namespace {

Run check(const std::string& args) {
  return run_shell(std::string(SAYSO_BINARY) + " check " + args + " </dev/null 2>/dev/null");
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("sayso-contract-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path / name, std::ios::binary) << bytes;
    return (path / name).string();
  }
};

std::string q(const std::string& s) { return "'" + s + "'"; }

// nlohmann's dump() refuses a string that is not UTF-8.
bool is_valid_utf8(const std::string& text) {
  try {
    (void)json(text).dump();
    return true;
  } catch (const json::type_error&) {
    return false;
  }
}

}  // namespace

TEST_CASE("check: a finding about a whole section has no text and points at the heading's start",
          "[cli][contract]") {
  TempDir dir;
  const std::string file = dir.write(
      "ppi.md",
      "# Patient and public involvement\n\nPPI will be sought where possible throughout the "
      "study. Patients were consulted about the design of the study and were shown the leaflet.\n");
  const Run r = check("--format json " + q(file));
  REQUIRE((r.status == 0 || r.status == 1));
  const json diagnostics = json::parse(r.out)["files"][0]["diagnostics"];
  bool saw_checklist = false;
  for (const json& d : diagnostics) {
    if (d["rule"] != "co-production.involvement-checklist") continue;
    saw_checklist = true;
    CHECK(d["text"] == "");
    CHECK(d["byte_start"] == 2);
    CHECK(d["byte_end"] == 2);
    CHECK(d["line"] == 1);
    CHECK(d["column"] == 3);
    CHECK(d["end_line"] == 1);
    CHECK(d["end_column"] == 3);
  }
  CHECK(saw_checklist);
  // No finding carries the heading as its text: those that judge the section have none.
  for (const json& d : diagnostics) CHECK(d["text"] != "Patient and public involvement");

  // SARIF: the same place, and an empty snippet.
  const json sarif = json::parse(check("--format sarif " + q(file)).out);
  for (const json& result : sarif["runs"][0]["results"]) {
    if (result["ruleId"] != "co-production.involvement-checklist") continue;
    const json& region = result["locations"][0]["physicalLocation"]["region"];
    CHECK(region["snippet"]["text"] == "");
    CHECK(region["startColumn"] == region["endColumn"]);
  }
}

TEST_CASE("check: sections and findings use only the contract's section kinds", "[cli][contract]") {
  TempDir dir;
  const std::string file = dir.write(
      "app.md",
      "Some words before any heading.\n\n# Plain English summary\n\nWe will utilise a cohort.\n\n"
      "# References\n\nSmith J. We will utilise the NHS data. 2020.\n");
  const Run r = check("--format json " + q(file));
  REQUIRE((r.status == 0 || r.status == 1));
  const json result = json::parse(r.out)["files"][0];
  const std::set<std::string> kinds = {
      "title",       "plain-english-summary", "abstract", "background", "aims", "methods",
      "involvement", "dissemination",         "ethics",   "finance",    "team", "other",
      "document"};
  REQUIRE(result["sections"].size() == 3);
  CHECK(result["sections"][0]["kind"] == "document");
  CHECK(result["sections"][2]["kind"] == "other");
  CHECK(result["sections"][2]["title"] == "References");
  for (const json& s : result["sections"]) CHECK(kinds.count(s["kind"].get<std::string>()));
  for (const json& d : result["diagnostics"]) CHECK(kinds.count(d["section"].get<std::string>()));
}

TEST_CASE("check: file names that are not UTF-8 stay apart and every output is UTF-8",
          "[cli][contract]") {
  TempDir dir;
  dir.write("caf\xE9-summary.md", "We will utilise a cohort.\n");
  dir.write("caf\xE8-summary.md", "We will utilise a cohort.\n");
  const std::string folder = dir.path.string();
  const json files = json::parse(check("--format json " + q(folder)).out)["files"];
  REQUIRE(files.size() == 2);
  std::set<std::string> paths;
  for (const json& f : files) paths.insert(f["path"].get<std::string>());
  CHECK(paths ==
        std::set<std::string>{folder + "/caf\\xE8-summary.md", folder + "/caf\\xE9-summary.md"});
  for (const char* format : {"json", "sarif", "csv", "text"}) {
    INFO(format);
    const std::string out = check(std::string("--format ") + format + " " + q(folder)).out;
    CHECK(is_valid_utf8(out));
    // A backslash in JSON is written twice.
    const bool is_json = format == std::string("json") || format == std::string("sarif");
    CHECK(out.find(is_json ? "caf\\\\xE9-summary.md" : "caf\\xE9-summary.md") != std::string::npos);
  }
}
