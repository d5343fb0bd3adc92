// Runs `sayso batch` as a funder would and checks the batch contract (design.md): one record per
// submission in input order, the same bytes whatever --jobs, error records for bad input, the
// reports, --resume and the exit statuses.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "../../server/core/sanitized.h"
#include "compound_file_fixture.h"
#include "docx_fixture.h"
#include "shell_run.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace sayso::testing;

namespace {

// Standard output only.
Run run(const std::string& args, const std::string& stdin_file = "/dev/null") {
  return run_shell(std::string(SAYSO_BINARY) + " " + args + " <'" + stdin_file + "' 2>/dev/null");
}

// Runs a shell command line (for redirections and pipes of its own); standard output and
// standard error together in `out`.
Run shell(const std::string& command_line) {
  return run_shell("bash -c '" + command_line + "' 2>&1");
}

std::vector<json> records_of(const std::string& jsonl) {
  std::vector<json> records;
  std::istringstream in(jsonl);
  std::string line;
  while (std::getline(in, line)) records.push_back(json::parse(line));
  return records;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("sayso-batch-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::all, fs::perm_options::add, ec);
    for (auto& entry : fs::recursive_directory_iterator(path, ec))
      fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& bytes) const {
    fs::path p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

std::string q(const std::string& s) { return "'" + s + "'"; }
std::string corpus(const std::string& rel) { return std::string(SAYSO_CORPUS_DIR) + "/" + rel; }

constexpr const char* kMap =
    "id: ref\ntitle: project\nsections:\n  summary: plain-english-summary\n"
    "  involvement: involvement\n";

constexpr const char* kFormCsv =
    "ref,project,summary,involvement\n"
    "A-1,Falls at home,\"We will utilise a cohort of 400 people, \"\"older adults\"\", to see if "
    "exercise helps.\nThey will do it at home.\",\"PPI will be sought where possible.\"\n"
    "A-2,Sleep,\"We want to help children sleep better.\",\"Six parents helped us plan this "
    "study. We paid them for their time.\"\n"
    "A-3,Ragged row\n"
    "A-1,Repeat,\"Same id again.\",\"x\"\n";

}  // namespace

TEST_CASE("batch: help and usage errors", "[batch]") {
  CHECK(run("batch --help").status == 0);
  CHECK(run("batch").status == 2);
  CHECK(run("batch --jobs 0 x.md").status == 2);
  CHECK(run("batch --timeout -1 x.md").status == 2);
  CHECK(run("batch --bogus x.md").status == 2);
  CHECK(run("batch --map /nonexistent.yml x.md").status == 2);
  CHECK(run("batch --config /nonexistent.yml x.md").status == 2);
}

TEST_CASE("batch: one record per file with check's sections and diagnostics", "[batch]") {
  const std::string file = corpus("summaries/bad-copd-telemonitoring-summary.md");
  Run r = run("batch --jobs 2 " + q(corpus("summaries")));
  REQUIRE(r.status == 0);
  auto records = records_of(r.out);
  REQUIRE(records.size() == 4);
  const json& first = records[0];
  CHECK(first["id"] == file);
  CHECK(first["path"] == file);
  CHECK(first["row"].is_null());
  CHECK(first["format"] == "markdown");
  CHECK(first["status"] == "ok");
  CHECK(first["error"].is_null());
  CHECK(first["scorecard"]["plain_english_summary"]["present"] == true);
  CHECK(first["scorecard"]["plain_english_summary"]["words"].get<int>() > 0);

  Run check = run("check --format json " + q(file));
  json files = json::parse(check.out)["files"];
  CHECK(first["diagnostics"] == files[0]["diagnostics"]);
  CHECK(first["sections"] == files[0]["sections"]);
  CHECK_FALSE(first["diagnostics"].empty());
}

TEST_CASE("batch: output is byte-identical whatever --jobs", "[batch]") {
  TempDir dir;
  const std::string map = dir.write("map.yml", kMap);
  const std::string csv = dir.write("forms.csv", kFormCsv);
  const std::string inputs = q(corpus("")) + " " + q(csv);
  Run one = run("batch --jobs 1 --map " + q(map) + " " + inputs);
  Run four = run("batch --jobs 4 --map " + q(map) + " " + inputs);
  CHECK(one.status == 1);  // the ragged row
  CHECK(four.status == 1);
  CHECK(one.out.size() > 1000);
  CHECK(one.out == four.out);
}

TEST_CASE(
    "batch: a mapped CSV form export, with quotes, line breaks, ragged rows and a repeated id",
    "[batch]") {
  TempDir dir;
  const std::string map = dir.write("map.yml", kMap);
  const std::string csv = dir.write("forms.csv", kFormCsv);
  Run r = run("batch --map " + q(map) + " " + q(csv));
  CHECK(r.status == 1);
  auto records = records_of(r.out);
  REQUIRE(records.size() == 4);
  CHECK(records[0]["id"] == "A-1");
  CHECK(records[0]["row"] == 1);
  CHECK(records[0]["format"] == "csv");
  CHECK(records[0]["status"] == "ok");
  std::set<std::string> kinds;
  for (const auto& s : records[0]["sections"]) kinds.insert(s["kind"].get<std::string>());
  CHECK(kinds == std::set<std::string>{"title", "plain-english-summary", "involvement"});
  bool jargon_in_summary = false;
  for (const auto& d : records[0]["diagnostics"])
    jargon_in_summary |= d["category"] == "jargon" && d["section"] == "plain-english-summary";
  CHECK(jargon_in_summary);
  CHECK(records[0]["scorecard"]["involvement"]["tokenism"].get<int>() >= 1);

  CHECK(records[1]["id"] == "A-2");
  CHECK(records[1]["status"] == "ok");
  CHECK(records[2]["status"] == "error");
  CHECK(records[2]["row"] == 3);
  CHECK(records[2]["error"].get<std::string>().find("has 2 fields; the header has 4") !=
        std::string::npos);
  // The repeated id is checked too, under an id of its own.
  CHECK(records[3]["status"] == "ok");
  CHECK(records[3]["id"] == "A-1~2");
  CHECK(records[3]["duplicate_id"]["given"] == "A-1");
  CHECK(records[3]["duplicate_id"]["first_seen"] == "row 1 of " + csv);
}

TEST_CASE("batch: JSON Lines on stdin, a line that is not JSON is an error record", "[batch]") {
  TempDir dir;
  const std::string input = dir.write(
      "in.jsonl",
      "{\"id\":\"s1\",\"text\":\"# Plain English summary\\n\\nWe will utilise data.\\n\"}\n"
      "{this is not json\n"
      "{\"id\":\"s3\",\"text\":\"We will ask 40 carers what helps.\"}\n");
  Run r = run("batch -", input);
  CHECK(r.status == 1);
  auto records = records_of(r.out);
  REQUIRE(records.size() == 3);
  CHECK(records[0]["id"] == "s1");
  CHECK(records[0]["path"] == "-");
  CHECK(records[0]["row"] == 1);
  CHECK(records[0]["format"] == "jsonl");
  CHECK(records[0]["status"] == "ok");
  CHECK_FALSE(records[0]["diagnostics"].empty());
  CHECK(records[1]["id"] == "-#2");
  CHECK(records[1]["status"] == "error");
  CHECK(records[1]["error"].get<std::string>().starts_with("line is not valid JSON: column "));
  CHECK(records[2]["status"] == "ok");
  CHECK(run("batch --errors-exit-zero -", input).status == 0);
}

TEST_CASE("batch: too large, missing, unmatched and unreadable inputs are error records",
          "[batch]") {
  TempDir dir;
  const std::string big = dir.file("huge.md");
  std::ofstream(big).put('x');
  fs::resize_file(big, 200u << 20);  // sparse: 200 MB without writing them
  const std::string good = dir.write("good.md", "# Plain English summary\n\nWe will ask people.\n");
  const std::string locked = dir.write("locked.md", "# Title\n\nSecret.\n");
  fs::permissions(locked, fs::perms::none);
  Run r = run("batch " + q(big) + " " + q(dir.file("missing.md")) + " " +
              q(dir.file("nothing-*.docx")) + " " + q(locked) + " " + q(good));
  CHECK(r.status == 1);
  auto records = records_of(r.out);
  REQUIRE(records.size() == 5);
  CHECK(records[0]["error"].get<std::string>().find("file too large: 209715200 bytes") !=
        std::string::npos);
  CHECK(records[1]["error"] == "no such file");
  CHECK(records[2]["error"] == "no files match this pattern");
  if (::geteuid() == 0) {
    WARN(
        "running as root: chmod 000 does not stop reading, so the unreadable-file check is "
        "skipped");
  } else {
    CHECK(records[3]["status"] == "error");
    CHECK(records[3]["error"].get<std::string>().find("cannot open the file") != std::string::npos);
  }
  CHECK(records[4]["status"] == "ok");
}

TEST_CASE("batch: globs expand, sorted", "[batch]") {
  TempDir dir;
  dir.write("b.md", "# Aims\n\nTo help.\n");
  dir.write("a.md", "# Aims\n\nTo help more.\n");
  dir.write("c.txt", "Not matched.\n");
  Run r = run("batch " + q(dir.file("*.md")));
  CHECK(r.status == 0);
  auto records = records_of(r.out);
  REQUIRE(records.size() == 2);
  CHECK(records[0]["id"] == dir.file("a.md"));
  CHECK(records[1]["id"] == dir.file("b.md"));
}

TEST_CASE("batch: the time limit turns a slow submission into an error record", "[batch]") {
  Run r = run("batch --timeout 0.000001 " +
              q(corpus("applications/good-stroke-home-exercise-application.md")));
  CHECK(r.status == 1);
  auto records = records_of(r.out);
  REQUIRE(records.size() == 1);
  CHECK(records[0]["error"].get<std::string>().rfind("time limit exceeded", 0) == 0);
}

TEST_CASE("batch: several reports from one run", "[batch]") {
  TempDir dir;
  const std::string map = dir.write("map.yml", kMap);
  const std::string csv = dir.write("forms.csv", kFormCsv);
  const std::string out_jsonl = dir.file("out.jsonl"), out_csv = dir.file("out.csv"),
                    out_sarif = dir.file("out.sarif"), out_html = dir.file("out.html");
  Run r = run("batch --map " + q(map) + " --out-jsonl " + q(out_jsonl) + " --out-csv " +
              q(out_csv) + " --out-sarif " + q(out_sarif) + " --out-html " + q(out_html) + " " +
              q(corpus("applications")) + " " + q(csv));
  CHECK(r.status == 1);
  CHECK(r.out.empty());  // with --out-* nothing goes to stdout
  auto records = records_of(slurp(out_jsonl));
  REQUIRE(records.size() == 10);

  SECTION("CSV: a byte order mark, a header and one row per submission") {
    const std::string text = slurp(out_csv);
    CHECK(text.rfind("\xEF\xBB\xBFid,path,row,format,status,error,diagnostics,severity_error", 0) ==
          0);
    CHECK(text.find("summary_reading_age") != std::string::npos);
    CHECK(text.find("evidence: ") != std::string::npos);
    std::size_t lines = 0;
    for (std::size_t p = 0; (p = text.find("\r\n", p)) != std::string::npos; p += 2) ++lines;
    CHECK(lines == 11);
    CHECK(text.find("forms.csv#3") != std::string::npos);  // the ragged row, by its fallback id
  }
  SECTION("SARIF 2.1.0: rules, results with locations, error records as notifications") {
    json sarif = json::parse(slurp(out_sarif));
    CHECK(sarif["version"] == "2.1.0");
    const json& run0 = sarif["runs"][0];
    CHECK(run0["columnKind"] == "unicodeCodePoints");
    const json& rules = run0["tool"]["driver"]["rules"];
    REQUIRE_FALSE(rules.empty());
    CHECK(rules[0].contains("fullDescription"));
    CHECK(rules[0].contains("help"));
    REQUIRE_FALSE(run0["results"].empty());
    bool file_region = false;
    for (const auto& result : run0["results"]) {
      const std::size_t index = result["ruleIndex"];
      REQUIRE(index < rules.size());
      CHECK(rules[index]["id"] == result["ruleId"]);
      CHECK((result["level"] == "error" || result["level"] == "warning" ||
             result["level"] == "note"));
      const json& physical = result["locations"][0]["physicalLocation"];
      if (physical.contains("region"))
        file_region |= physical["region"]["startLine"].get<int>() >= 1;
    }
    CHECK(file_region);
    CHECK(run0["invocations"][0]["toolExecutionNotifications"].size() == 1);  // the ragged row
  }
  SECTION("HTML: self-contained, accessible structure, findings marked with their category") {
    const std::string html = slurp(out_html);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    for (const char* part : {"<main", "<nav", "<th scope=\"col\"", "<svg role=\"img\"", "<mark",
                             "class=\"tag\">jargon</span>", "@media print"})
      CHECK(html.find(part) != std::string::npos);
    for (const char* external : {"src=\"http", "href=\"http", "<link", "@import"})
      CHECK(html.find(external) == std::string::npos);
    CHECK(html.find("<script>") != std::string::npos);
  }
}

TEST_CASE("batch: --resume skips ids already done and appends to the same file", "[batch]") {
  TempDir dir;
  const std::string a = dir.write("a.md", "# Aims\n\nWe will utilise data.\n");
  const std::string b = dir.write("b.md", "# Aims\n\nWe will ask people.\n");
  const std::string c = dir.write("c.md", "# Aims\n\nWe will share results.\n");
  const std::string out = dir.file("out.jsonl");
  REQUIRE(run("batch --out-jsonl " + q(out) + " " + q(a) + " " + q(b)).status == 0);
  {
    std::ofstream(out, std::ios::app) << "{\"id\":\"" << c << "\",\"pa";  // cut off mid-line
  }
  Run r = run("batch --resume " + q(out) + " --out-jsonl " + q(out) + " " + q(a) + " " + q(b) +
              " " + q(c));
  CHECK(r.status == 0);
  auto records = records_of(slurp(out));
  REQUIRE(records.size() == 3);
  CHECK(records[0]["id"] == a);
  CHECK(records[1]["id"] == b);
  CHECK(records[2]["id"] == c);
  CHECK(records[2]["status"] == "ok");
}

TEST_CASE("batch: the reports of a resumed run cover every submission, as a whole run's do",
          "[batch][resume]") {
  TempDir dir;
  // Untitled texts: b has no finding at all, a and c one each.
  const std::string a = dir.write("a.md", "We will utilise data.\n");
  const std::string b = dir.write("b.md", "We will ask people.\n");
  const std::string c = dir.write("c.md", "We will utilise the results.\n");
  const std::string all = q(a) + " " + q(b) + " " + q(c);
  auto reports = [&](const std::string& stem) {
    return " --out-csv " + q(dir.file(stem + ".csv")) + " --out-sarif " +
           q(dir.file(stem + ".sarif")) + " --out-html " + q(dir.file(stem + ".html"));
  };
  REQUIRE(run("batch --out-jsonl " + q(dir.file("whole.jsonl")) + reports("whole") + " " + all)
              .status == 0);

  const std::string out = dir.file("out.jsonl");
  REQUIRE(run("batch --out-jsonl " + q(out) + " " + q(a) + " " + q(b)).status == 0);
  Run resumed =
      run("batch --resume " + q(out) + " --out-jsonl " + q(out) + reports("resumed") + " " + all);
  CHECK(resumed.status == 0);
  CHECK(slurp(out) == slurp(dir.file("whole.jsonl")));

  SECTION("CSV and SARIF are the same bytes as those of one whole run") {
    const std::string csv = slurp(dir.file("resumed.csv"));
    CHECK(csv == slurp(dir.file("whole.csv")));
    CHECK(csv.find(a) != std::string::npos);
    CHECK(csv.find(c) != std::string::npos);
    CHECK(slurp(dir.file("resumed.sarif")) == slurp(dir.file("whole.sarif")));
    json sarif = json::parse(slurp(dir.file("resumed.sarif")));
    std::set<std::string> submissions;
    for (const auto& result : sarif["runs"][0]["results"])
      submissions.insert(result["properties"]["submission"].get<std::string>());
    CHECK(submissions == std::set<std::string>{a, c});
  }
  SECTION("HTML lists all three, with the earlier ones' findings but not their text") {
    const std::string html = slurp(dir.file("resumed.html"));
    std::size_t sections = 0;
    for (std::size_t p = 0;
         (p = html.find("<section class=\"submission\"", p)) != std::string::npos; ++p)
      ++sections;
    CHECK(sections == 3);
    CHECK(html.find("<strong>3</strong> submissions") != std::string::npos);
    std::size_t earlier = 0;
    for (std::size_t p = 0; (p = html.find("linted in an earlier run", p)) != std::string::npos;
         ++p)
      ++earlier;
    CHECK(earlier == 2);
    CHECK(html.find("\xE2\x80\x9Cutilise\xE2\x80\x9D") != std::string::npos);  // a's finding
    CHECK(html.find("<mark") != std::string::npos);                            // c's text
  }
  SECTION("JSON Lines to another file also cover every submission") {
    const std::string other = dir.file("other.jsonl");
    CHECK(run("batch --resume " + q(out) + " --out-jsonl " + q(other) + " " + all).status == 0);
    CHECK(slurp(other) == slurp(dir.file("whole.jsonl")));
  }
}

TEST_CASE("batch: --resume checks earlier error records again and keeps repeated ids as they were",
          "[batch][resume]") {
  TempDir dir;
  const std::string map = dir.write("map.yml", kMap);
  const std::string csv = dir.write("forms.csv", kFormCsv);
  const std::string out = dir.file("out.jsonl");
  const std::string args = "--map " + q(map) + " --out-jsonl " + q(out) + " " + q(csv);
  REQUIRE(run("batch " + args).status == 1);
  const std::string first = slurp(out);
  const auto first_records = records_of(first);
  REQUIRE(first_records.size() == 4);
  REQUIRE(first_records[2]["status"] == "error");  // the ragged row
  // The repeated id is not checked again (it gets the same new id); the ragged row, an error
  // record, is: still ragged, it is an error again, now after the records kept, and the exit
  // status is 1.
  CHECK(run("batch --resume " + q(out) + " " + args).status == 1);
  const auto records = records_of(slurp(out));
  REQUIRE(records.size() == 4);
  CHECK(records[0] == first_records[0]);
  CHECK(records[1] == first_records[1]);
  CHECK(records[2] == first_records[3]);
  CHECK(records[3] == first_records[2]);
  const std::string csv_out = dir.file("out.csv");
  CHECK(run("batch --resume " + q(out) + " --out-csv " + q(csv_out) + " " + args).status == 1);
  const std::string table = slurp(csv_out);
  std::size_t rows = 0;
  for (std::size_t p = 0; (p = table.find("\r\n", p)) != std::string::npos; p += 2) ++rows;
  CHECK(rows == 5);  // the header and the four records
  CHECK(table.find("A-1~2,") != std::string::npos);
}

TEST_CASE("batch: an output that is also an input is refused before anything is written",
          "[batch][outputs]") {
  TempDir dir;
  const std::string app_text = "# Plain English summary\n\nWe will ask 40 carers what helps.\n";
  const std::string app = dir.write("subs/app.md", app_text);
  const std::string export_text = "id,text\nE1,We will ask people.\n";
  const std::string form = dir.write("subs/export.csv", export_text);
  const std::string map = dir.write("map.yml", kMap);
  const std::string bin = SAYSO_BINARY;

  Run same = shell(bin + " batch --out-jsonl " + app + " " + app);
  CHECK(same.status == 2);
  CHECK(same.out.find("is also a submission") != std::string::npos);
  CHECK(slurp(app) == app_text);
  // The export is found by walking the folder; writing the CSV report over it is refused too.
  Run inside = shell(bin + " batch --out-csv " + form + " " + dir.file("subs"));
  CHECK(inside.status == 2);
  CHECK(slurp(form) == export_text);
  // The same file by another name (a symbolic link) and the map file are inputs too.
  fs::create_symlink(app, dir.file("link.md"));
  CHECK(run("batch --out-html " + q(dir.file("link.md")) + " " + q(app)).status == 2);
  CHECK(slurp(app) == app_text);
  CHECK(run("batch --map " + q(map) + " --out-csv " + q(map) + " " + q(form)).status == 2);
  CHECK(slurp(map) == kMap);
  // Two reports in one file.
  Run twice = shell(bin + " batch --out-csv " + dir.file("r.out") + " --out-html " +
                    dir.file("r.out") + " " + app);
  CHECK(twice.status == 2);
  CHECK(twice.out.find("name the same file") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.file("r.out")));
}

TEST_CASE("batch: reports written into an input folder are not read back on the next run",
          "[batch][outputs]") {
  TempDir dir;
  dir.write("subs/a.md", "# Plain English summary\n\nWe will ask 40 carers what helps.\n");
  dir.write("subs/b.md", "# Plain English summary\n\nWe will share what we find.\n");
  const std::string subs = q(dir.file("subs"));
  const std::string reports = " --out-jsonl " + q(dir.file("subs/results.jsonl")) + " --out-csv " +
                              q(dir.file("subs/scores.csv")) + " --out-html " +
                              q(dir.file("subs/report.html"));
  REQUIRE(run("batch" + reports + " " + subs).status == 0);
  const std::string first = slurp(dir.file("subs/results.jsonl"));
  CHECK(records_of(first).size() == 2);
  Run again = run("batch" + reports + " " + subs);
  CHECK(again.status == 0);
  CHECK(slurp(dir.file("subs/results.jsonl")) == first);
  Run streamed = run("batch " + subs);
  CHECK(records_of(streamed.out).size() == 2);
}

TEST_CASE("batch: a folder walk gives every entry it cannot read an error record with the reason",
          "[batch][inputs]") {
  TempDir dir;
  dir.write("subs/a.md", "# Plain English summary\n\nWe will ask 40 carers what helps.\n");
  fs::create_symlink(dir.file("nowhere.md"), dir.file("subs/dangling.md"));
  fs::create_symlink("loop2.md", dir.file("subs/loop1.md"));
  fs::create_symlink("loop1.md", dir.file("subs/loop2.md"));
  REQUIRE(::mkfifo(dir.file("subs/pipe.md").c_str(), 0644) == 0);
  dir.write("subs/old.doc", "\xD0\xCF\x11\xE0 binary word file");
  dir.write("subs/letter.rtf", "{\\rtf1 We will ask people.}");
  dir.write("subs/locked/inner.md", "# Aims\n\nTo help.\n");
  dir.write("subs/.git/config.md", "# Not a submission\n");
  dir.write("subs/photo.png", "not a document");
  fs::permissions(dir.file("subs/locked"), fs::perms::none);
  // As root, a folder without permissions can still be read: run as nobody to see it refused.
  // (Only when nobody may run this build: a checkout in a private folder, such as one made by
  // mktemp -d, is closed to other users.)
  const bool as_nobody = ::geteuid() == 0 && fs::exists("/usr/bin/setpriv") &&
                         shell(std::string("setpriv --reuid=65534 --regid=65534 --clear-groups "
                                           "test -x ") +
                               SAYSO_BINARY)
                                 .status == 0;
  if (as_nobody)
    fs::permissions(dir.path, fs::perms::others_read | fs::perms::others_exec,
                    fs::perm_options::add);
  const std::string prefix =
      as_nobody ? "setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp " : "";
  Run r = shell(prefix + SAYSO_BINARY + " batch " + dir.file("subs") + " 2>/dev/null");
  CHECK(r.status == 1);
  std::map<std::string, std::string> error_of;
  for (const json& record : records_of(r.out))
    error_of[fs::path(record["path"].get<std::string>()).filename().string()] =
        record["status"] == "ok" ? "ok" : record["error"].get<std::string>();
  CHECK(error_of["a.md"] == "ok");
  CHECK(error_of["dangling.md"].find("broken symbolic link") != std::string::npos);
  CHECK(error_of["loop1.md"] == "symbolic link loop");
  CHECK(error_of["loop2.md"] == "symbolic link loop");
  CHECK(error_of["pipe.md"].find("named pipe") != std::string::npos);
  CHECK(error_of["old.doc"].find("unsupported format (.doc): an old Word format") !=
        std::string::npos);
  CHECK(error_of["letter.rtf"].find("unsupported format (.rtf)") != std::string::npos);
  if (::geteuid() != 0 || as_nobody)
    CHECK(error_of["locked"].find("cannot open the folder") != std::string::npos);
  CHECK_FALSE(error_of.count("config.md"));  // hidden folders are not searched
  CHECK_FALSE(error_of.count("photo.png"));  // not a document
  // A file named on the command line in a format sayso cannot read is not read as plain text.
  Run named = run("batch " + q(dir.file("subs/letter.rtf")));
  CHECK(named.status == 1);
  REQUIRE(records_of(named.out).size() == 1);
  CHECK(records_of(named.out)[0]["format"] == "rtf");
}

TEST_CASE("batch: empty standard input gives no records and exit 0", "[batch][stdin]") {
  TempDir dir;
  const std::string empty = dir.write("empty.jsonl", "");
  Run r = run("batch --jobs 1 -", empty);
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  Run blank = run("batch -", dir.write("blank.jsonl", "\n  \n"));
  CHECK(blank.status == 0);
  CHECK(blank.out.empty());
}

TEST_CASE("batch: streaming output has one record a line and no blank lines", "[batch][stdin]") {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 400; ++i)
    lines += "{\"id\":\"U" + std::to_string(i) +
             "\",\"text\":\"# Plain English summary\\n\\nWe will utilise a cohort.\"}\n";
  const std::string input = dir.write("in.jsonl", lines);
  for (const char* jobs : {"1", "2"}) {
    Run r = run(std::string("batch --jobs ") + jobs + " -", input);
    CHECK(r.status == 0);
    CHECK(r.out.find("\n\n") == std::string::npos);
    CHECK(r.out.front() != '\n');
    CHECK(records_of(r.out).size() == 400);
  }
}

TEST_CASE("batch: a failed write to standard output exits non-zero with a message",
          "[batch][outputs]") {
  TempDir dir;
  const std::string app =
      dir.write("app.md", "# Plain English summary\n\nWe will ask 40 carers what helps.\n");
  Run full = shell(std::string(SAYSO_BINARY) + " batch " + app + " >/dev/full");
  CHECK(full.status == 2);
  CHECK(full.out.find("cannot write standard output") != std::string::npos);
  std::string lines;
  for (int i = 0; i < 3000; ++i)
    lines += "{\"id\":\"U" + std::to_string(i) + "\",\"text\":\"We will utilise a cohort.\"}\n";
  const std::string input = dir.write("in.jsonl", lines);
  // A reader that stops after the first line closes the pipe.
  Run closed = shell(std::string(SAYSO_BINARY) + " batch --jobs 1 - <" + input + " 2>" +
                     dir.file("err") + " | head -c 10 >/dev/null; exit ${PIPESTATUS[0]}");
  CHECK(closed.status == 2);
  CHECK(slurp(dir.file("err")).find("cannot write standard output") != std::string::npos);
}

TEST_CASE("batch: --max-bytes applies to each row of a form export", "[batch][limits]") {
  TempDir dir;
  const std::string big(3000, 'a');
  const std::string csv = dir.write(
      "forms.csv", "id,text\nR1,We will ask people.\nR2," + big + "\nR3,We will share results.\n");
  Run r = run("batch --max-bytes 1000 " + q(csv));
  CHECK(r.status == 1);
  auto records = records_of(r.out);
  REQUIRE(records.size() == 3);
  CHECK(records[0]["id"] == "R1");
  CHECK(records[0]["status"] == "ok");
  CHECK(records[1]["id"] == "R2");
  CHECK(records[1]["error"].get<std::string>().find("too large") != std::string::npos);
  CHECK(records[2]["status"] == "ok");
}

TEST_CASE("batch: applicants' own .sayso.yml files are ignored unless --use-submission-configs",
          "[batch][config]") {
  TempDir dir;
  const std::string plan =
      "# Patient and public involvement\n\nPPI will be sought where possible. A lay member may "
      "be invited to the steering group.\n";
  dir.write("subs/applicant-1/app.md", plan);
  dir.write("subs/applicant-2/app.md", plan);
  dir.write("subs/applicant-3/app.md", plan);
  dir.write("subs/applicant-2/.sayso.yml",
            "rules:\n  involvement.vague-plans: off\n  involvement.hedged-plans: off\n");
  dir.write("subs/applicant-3/.sayso.yml",
            "profile: nihr\nrules:\n  involvement.vague-plans: offf\n");
  const std::string subs = q(dir.file("subs"));
  Run funder = run("batch " + subs);
  CHECK(funder.status == 0);
  auto records = records_of(funder.out);
  REQUIRE(records.size() == 3);
  CHECK(records[1]["diagnostics"] == records[0]["diagnostics"]);
  CHECK(records[2]["diagnostics"] == records[0]["diagnostics"]);

  Run theirs = run("batch --use-submission-configs " + subs);
  CHECK(theirs.status == 1);  // applicant-3's broken config is that submission's error record
  records = records_of(theirs.out);
  REQUIRE(records.size() == 3);
  CHECK(records[1]["status"] == "ok");
  CHECK(records[1]["diagnostics"].size() < records[0]["diagnostics"].size());
  CHECK(records[2]["status"] == "error");
  CHECK(records[2]["error"].get<std::string>().find("applicant-3/.sayso.yml:3:") !=
        std::string::npos);
  CHECK(run("batch --use-submission-configs --errors-exit-zero " + subs).status == 0);
}

namespace {

// A real application repeated to at least `bytes`: a submission too big to finish in a second.
std::string repeated_application(std::size_t bytes) {
  const std::string application =
      slurp(corpus("applications/good-stroke-home-exercise-application.md"));
  REQUIRE_FALSE(application.empty());
  std::string big;
  while (big.size() < bytes) big += application + "\n";
  return big;
}

}  // namespace

TEST_CASE("batch: a submission over its time limit frees its worker for the next one",
          "[batch][timeout]") {
  TempDir dir;
#ifndef SAYSO_SANITIZED
  // About 4 MB: linting it whole takes far longer than the limit.
  const std::string slow = dir.write("slow.md", repeated_application(4u << 20));
  const std::string limit = "1";
#else
  // A sanitizer build is many times slower, for the small one too, while the abandoned large
  // one still runs beside it on a busy machine: a longer limit, and a larger file to outrun it.
  const std::string slow = dir.write("slow.md", repeated_application(16u << 20));
  const std::string limit = "4";
#endif
  const std::string quick = dir.write("quick.md", "# Aims\n\nWe will ask 40 carers what helps.\n");
  const auto start = std::chrono::steady_clock::now();
  Run r = run("batch --jobs 1 --timeout " + limit + " " + q(slow) + " " + q(quick));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(r.status == 1);
  auto records = records_of(r.out);
  REQUIRE(records.size() == 2);
  CHECK(records[0]["error"].get<std::string>().rfind("time limit exceeded", 0) == 0);
  INFO(records[1].dump());
  CHECK(records[1]["status"] == "ok");
#ifndef SAYSO_SANITIZED  // a sanitizer build waits for every thread before its normal exit
  // The limit, the one-second grace and the small one: never the whole of the large one.
  CHECK(seconds < 15);
#else
  (void)seconds;
#endif
}

TEST_CASE("batch: the run and its reports do not wait for a submission stuck past its limit",
          "[batch][timeout]") {
  TempDir dir;
  // About 24 MB: reading it takes many times the limit, in a stage that cannot stop early.
  const std::string stuck = dir.write("stuck.md", repeated_application(24u << 20));
  const std::string quick = dir.write("quick.md", "# Aims\n\nWe will ask 40 carers what helps.\n");
  const std::string csv = (dir.path / "report.csv").string();
  const auto start = std::chrono::steady_clock::now();
  Run r = run("batch --jobs 1 --timeout 1 --out-csv " + q(csv) + " " + q(stuck) + " " + q(quick));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(r.status == 1);
  std::ifstream report(csv);
  std::string line;
  std::size_t rows = 0;
  while (std::getline(report, line))
    rows += line.find("time limit exceeded") != std::string::npos ||
            line.find("quick.md") != std::string::npos;
  CHECK(rows == 2);      // the report is whole: the stuck one and the quick one
#ifndef SAYSO_SANITIZED  // a sanitizer build waits for every thread before its normal exit
  // The limit, the one-second grace, the quick one: not the many seconds the stuck one takes.
  CHECK(seconds < 8);
#else
  (void)seconds;
#endif
}

TEST_CASE("batch: empty files and blank form rows never look clean", "[batch][empty]") {
  TempDir dir;
  const std::string empty = dir.write("empty.md", "");
  const std::string blank = dir.write("blank.md", "  \n\n\t\n");
  const std::string rows = dir.write("rows.csv", "id,text\nE1,\nE2,We will ask 40 carers.\n");
  const std::string map = dir.write("map.yml", kMap);
  const std::string mapped = dir.write("mapped.csv", "ref,project,summary,involvement\nM1,,,\n");
  Run r = run("batch " + q(empty) + " " + q(blank) + " " + q(rows));
  CHECK(r.status == 0);  // read, so not error records: findings say what is wrong
  auto records = records_of(r.out);
  REQUIRE(records.size() == 4);
  for (std::size_t i : {0u, 1u, 2u}) {
    INFO(records[i].dump());
    CHECK(records[i]["status"] == "ok");
    REQUIRE(records[i]["diagnostics"].size() >= 1);
    CHECK(records[i]["diagnostics"][0]["rule"] == "sayso.empty-submission");
    CHECK(records[i]["diagnostics"][0]["severity"] == "error");
    CHECK(records[i]["scorecard"]["structure"]["errors"].get<int>() >= 1);
  }
  for (const json& d : records[3]["diagnostics"]) CHECK(d["rule"] != "sayso.empty-submission");
  // A mapped row whose fields are all blank has only the headings made from the columns.
  Run m = run("batch --map " + q(map) + " " + q(mapped));
  REQUIRE(records_of(m.out).size() == 1);
  const json row = records_of(m.out)[0];
  bool flagged = false;
  for (const json& d : row["diagnostics"]) flagged |= d["rule"] == "sayso.empty-submission";
  CHECK(flagged);
  // An empty summary has no reading age (0 would rank it the easiest to read).
  CHECK(row["scorecard"]["plain_english_summary"]["present"] == true);
  CHECK(row["scorecard"]["plain_english_summary"]["reading_age"].is_null());
  // A row with a title and nothing else is empty too, and gets that one finding only.
  const std::string titled =
      dir.write("titled.csv", "ref,project,summary,involvement\nM2,Untitled draft,,\n");
  Run t = run("batch --map " + q(map) + " " + q(titled));
  REQUIRE(records_of(t.out).size() == 1);
  const json titled_row = records_of(t.out)[0];
  REQUIRE(titled_row["diagnostics"].size() == 1);
  CHECK(titled_row["diagnostics"][0]["rule"] == "sayso.empty-submission");
}

TEST_CASE("batch: --document application checks required sections of every submission",
          "[batch][empty]") {
  TempDir dir;
  const std::string summary_only =
      dir.write("pes.md",
                "# Plain English summary\n\nWe will help people with asthma breathe better at "
                "school. We will ask 300 families to try a new card.\n");
  Run automatic = run("batch --profile nihr " + q(summary_only));
  REQUIRE(records_of(automatic.out).size() == 1);
  CHECK(records_of(automatic.out)[0]["scorecard"]["structure"]["missing_sections"].empty());
  Run application = run("batch --profile nihr --document application " + q(summary_only));
  REQUIRE(records_of(application.out).size() == 1);
  const json missing = records_of(application.out)[0]["scorecard"]["structure"]["missing_sections"];
  CHECK(std::find(missing.begin(), missing.end(), "involvement") != missing.end());
  CHECK(run("batch --document essay " + q(summary_only)).status == 2);
}

TEST_CASE("batch: UTF-16 text files with a byte order mark are read and say their encoding",
          "[batch]") {
  TempDir dir;
  const std::string text = "# Plain English summary\n\nWe will utilise a cohort.\n";
  std::string le = "\xFF\xFE", be = "\xFE\xFF";
  for (char c : text) le += c, le += '\0', be += '\0', be += c;
  const std::string le_path = dir.write("le.md", le), be_path = dir.write("be.txt", be);
  const std::string utf8_path = dir.write("u8.md", text);
  Run r = run("batch " + q(le_path) + " " + q(be_path) + " " + q(utf8_path));
  REQUIRE(r.status == 0);
  auto records = records_of(r.out);
  REQUIRE(records.size() == 3);
  CHECK(records[0]["status"] == "ok");
  CHECK(records[0]["encoding"] == "utf-16le");
  CHECK(records[1]["status"] == "ok");
  CHECK(records[1]["encoding"] == "utf-16be");
  CHECK_FALSE(records[2].contains("encoding"));
  // Lines and code-point columns are those of the file: the same as for the UTF-8 copy.
  auto places = [](const json& record) {
    std::vector<std::pair<int, int>> out;
    for (const json& d : record["diagnostics"]) out.emplace_back(d["line"], d["column"]);
    return out;
  };
  CHECK_FALSE(records[0]["diagnostics"].empty());
  CHECK(places(records[0]) == places(records[2]));
  // byte_* are offsets into the file's bytes, the byte order mark counted; text is UTF-8.
  for (const bool little : {true, false}) {
    const std::string& file = little ? le : be;
    for (const json& d : records[little ? 0 : 1]["diagnostics"]) {
      const std::size_t start = d["byte_start"], end = d["byte_end"];
      std::string in_file;  // the UTF-16 slice, every other byte (the text is ASCII)
      for (std::size_t i = start + (little ? 0 : 1); i < end; i += 2) in_file += file[i];
      CHECK(in_file == d["text"].get<std::string>());
      CHECK((end - start) == 2 * d["text"].get<std::string>().size());
    }
  }

  Run check = run("check --format json " + q(le_path));
  json file = json::parse(check.out)["files"][0];
  CHECK(file["status"] == "ok");
  CHECK(file["encoding"] == "utf-16le");
}

TEST_CASE("batch: the map's title column is in the JSON Lines record, the CSV and the HTML report",
          "[batch][map]") {
  TempDir dir;
  const std::string map = dir.write("map.yml", kMap);
  const std::string csv = dir.write("forms.csv", kFormCsv);
  const std::string out_jsonl = dir.file("out.jsonl"), out_csv = dir.file("out.csv"),
                    out_html = dir.file("out.html");
  Run r = run("batch --map " + q(map) + " --out-jsonl " + q(out_jsonl) + " --out-csv " +
              q(out_csv) + " --out-html " + q(out_html) + " " + q(csv));
  CHECK(r.status == 1);  // the ragged row is an error record
  auto records = records_of(slurp(out_jsonl));
  REQUIRE(records.size() == 4);
  CHECK(records[0]["title"] == "Falls at home");
  CHECK(records[1]["title"] == "Sleep");
  CHECK_FALSE(records[2].contains("title"));  // a ragged row's fields are not read

  // The CSV's first columns are as before; "title" follows the scorecard's columns.
  const std::string text = slurp(out_csv);
  CHECK(text.rfind("\xEF\xBB\xBFid,path,row,format,status,error,diagnostics,severity_error", 0) ==
        0);
  CHECK(text.find(",missing_sections,title") != std::string::npos);
  CHECK(text.find(",Falls at home") != std::string::npos);
  CHECK(text.find(",Sleep") != std::string::npos);

  const std::string html = slurp(out_html);
  CHECK(html.find(">A-1: Falls at home</h3>") != std::string::npos);
  CHECK(html.find(">A-2: Sleep</a>") != std::string::npos);

  // Without a title column there is no "title" key, and the CSV cell is empty.
  Run plain = run("batch " + q(corpus("summaries")));
  for (const json& record : records_of(plain.out)) CHECK_FALSE(record.contains("title"));
}

TEST_CASE("batch: a rule setting the rule refuses is reported at the config's file and line",
          "[batch][config]") {
  TempDir dir;
  const std::string app = dir.write("app.md", "# Plain English summary\n\nWe will ask.\n");
  const std::string negative = dir.write(
      "negative.yml", "profile: nihr\nrules:\n  structure.pes-word-limit: {max_words: -5}\n");
  const std::string typo =
      dir.write("typo.yml",
                "profile: nihr\nrules:\n  structure.required-sections: {sections: [involvment]}\n");
  Run r = shell(std::string(SAYSO_BINARY) + " batch --config " + negative + " " + app);
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains(negative + ":3: rule structure.pes-word-limit:"));
  CHECK_THAT(r.out, !Catch::Contains("structure.yml"));
  r = shell(std::string(SAYSO_BINARY) + " batch --config " + typo + " " + app);
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains(typo + ":3: rule structure.required-sections:") &&
                        Catch::Contains("involvment"));
  CHECK_THAT(r.out, !Catch::Contains("structure.yml"));
}

namespace {

// Reads a JSON Lines file of records, `settings` dropped: as an older sayso wrote them.
std::string without_settings(const std::string& jsonl) {
  std::string out;
  for (json record : records_of(jsonl)) {
    record.erase("settings");
    out += record.dump() + "\n";
  }
  return out;
}

std::string utf16(const std::string& ascii_or_latin1, bool little_endian) {
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (unsigned char c : ascii_or_latin1) {
    const char unit[2] = {static_cast<char>(c), '\0'};
    out += little_endian ? std::string(unit, 2) : std::string{unit[1], unit[0]};
  }
  return out;
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t p = 0; (p = text.find(part, p)) != std::string::npos; p += part.size()) ++n;
  return n;
}

int severity_rank(const json& finding) {
  const std::string s = finding["severity"];
  return s == "error" ? 0 : s == "warning" ? 1 : s == "info" ? 2 : 3;
}

}  // namespace

TEST_CASE("batch: --resume refuses an output made with other settings, and writes nothing",
          "[batch][resume]") {
  TempDir dir;
  const std::string a = dir.write("a.md", "# Aims\n\nWe will utilise data.\n");
  const std::string b = dir.write("b.md", "# Aims\n\nWe will ask people.\n");
  const std::string config = dir.write("funder.yml", "profile: nihr\n");
  const std::string out = dir.file("out.jsonl");
  REQUIRE(run("batch --config " + q(config) + " --out-jsonl " + q(out) + " " + q(a)).status == 0);
  const std::string first = slurp(out);
  const std::string settings = records_of(first).at(0)["settings"];
  CHECK(settings.size() == 16);
  const std::string resume = " --resume " + q(out) + " --out-jsonl " + q(out) + " ";
  const std::string both = " " + q(a) + " " + q(b);

  for (const std::string& other :
       {"--config " + q(config) + " --profile generic",
        "--config " + q(config) +
            " --document "
            "application",
        "--config " + q(config) + " --max-findings 3",
        "--config " +
            q(dir.write("stricter.yml",
                        "profile: nihr\nrules:\n  plain-english.wordy-words: error\n"))}) {
    INFO(other);
    Run refused = shell(std::string(SAYSO_BINARY) + " batch " + other + resume + both);
    CHECK(refused.status == 2);
    CHECK_THAT(refused.out, Catch::Contains("cannot resume from " + out) &&
                                Catch::Contains("other settings") && Catch::Contains(settings));
    CHECK(slurp(out) == first);
  }
  // The same settings from a copy of the config elsewhere: resumed.
  const std::string moved = dir.write("elsewhere/funder.yml", "profile: nihr\n");
  CHECK(run("batch --config " + q(moved) + resume + both).status == 0);
  const auto records = records_of(slurp(out));
  REQUIRE(records.size() == 2);
  CHECK(records[1]["id"] == b);
  CHECK(records[1]["settings"] == settings);
}

TEST_CASE("batch: --resume keeps records of an older sayso that say no settings, with a warning",
          "[batch][resume]") {
  TempDir dir;
  const std::string a = dir.write("a.md", "# Aims\n\nWe will utilise data.\n");
  const std::string b = dir.write("b.md", "# Aims\n\nWe will ask people.\n");
  const std::string out = dir.file("out.jsonl");
  REQUIRE(run("batch --out-jsonl " + q(out) + " " + q(a)).status == 0);
  const std::string older = without_settings(slurp(out));
  std::ofstream(out, std::ios::binary) << older;
  Run r = shell(std::string(SAYSO_BINARY) + " batch --resume " + out + " --out-jsonl " + out + " " +
                a + " " + b);
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("1 record(s) in " + out + " do not say which settings"));
  CHECK(records_of(slurp(out)).size() == 2);
}

TEST_CASE("batch: --resume checks again the submissions that ran out of time, once each",
          "[batch][resume][timeout]") {
  TempDir dir;
  const std::string a = dir.write("a.md", "# Aims\n\nWe will utilise data.\n");
  const std::string b = dir.write("b.md", "# Aims\n\nWe will ask people.\n");
  const std::string out = dir.file("out.jsonl"), csv = dir.file("out.csv");
  const std::string inputs = " " + q(a) + " " + q(b);
  REQUIRE(run("batch --timeout 0.000001 --out-jsonl " + q(out) + inputs).status == 1);
  for (const json& record : records_of(slurp(out)))
    REQUIRE(record["error"].get<std::string>().rfind("time limit exceeded", 0) == 0);

  SECTION("appending to the same file replaces the timed-out records") {
    Run r = run("batch --resume " + q(out) + " --out-jsonl " + q(out) + " --out-csv " + q(csv) +
                inputs);
    CHECK(r.status == 0);  // the time-limit errors are gone, not kept as errors
    const auto records = records_of(slurp(out));
    REQUIRE(records.size() == 2);
    CHECK(records[0]["id"] == a);
    CHECK(records[0]["status"] == "ok");
    CHECK(records[1]["id"] == b);
    CHECK(records[1]["status"] == "ok");
    CHECK(count_of(slurp(csv), "\r\n") == 3);  // the header and one row each
    CHECK_FALSE(fs::exists(out + ".resume-tmp"));
  }
  SECTION("another output file has each submission once") {
    const std::string other = dir.file("other.jsonl");
    CHECK(run("batch --resume " + q(out) + " --out-jsonl " + q(other) + inputs).status == 0);
    const auto records = records_of(slurp(other));
    REQUIRE(records.size() == 2);
    CHECK(records[0]["status"] == "ok");
    CHECK(records[1]["status"] == "ok");
  }
}

TEST_CASE("batch: the CSV report starts with a UTF-8 byte order mark unless --no-csv-bom",
          "[batch][csv]") {
  TempDir dir;
  const std::string csv = dir.write("forms.csv", "id,text\nZo\xC3\xAB-1,We will ask people.\n");
  const std::string report = dir.file("report.csv");
  REQUIRE(run("batch --out-csv " + q(report) + " " + q(csv)).status == 0);
  const std::string with_mark = slurp(report);
  CHECK(with_mark.rfind("\xEF\xBB\xBFid,path,", 0) == 0);
  CHECK(with_mark.find("\r\nZo\xC3\xAB-1,") != std::string::npos);
  REQUIRE(run("batch --no-csv-bom --out-csv " + q(report) + " " + q(csv)).status == 0);
  CHECK(slurp(report) == with_mark.substr(3));
  // A report with the mark in an input folder is still known as a report, not a submission.
  fs::create_directories(dir.file("subs"));
  fs::rename(report, dir.file("subs/report.csv"));
  REQUIRE(run("batch --out-csv " + q(dir.file("subs/report.csv")) + " " + q(csv)).status == 0);
  dir.write("subs/app.md", "# Aims\n\nWe will ask people.\n");
  CHECK(records_of(run("batch " + q(dir.file("subs"))).out).size() == 1);
}

TEST_CASE("batch: --max-findings keeps the most serious findings and says how many were left out",
          "[batch][limits]") {
  TempDir dir;
  std::string text = "# Plain English summary\n\n";
  for (int i = 0; i < 40; ++i)
    text +=
        "We will utilise a randomised controlled trial to ascertain the efficacy of the "
        "intervention in a cohort. ";
  const std::string app = dir.write("app.md", text + "\n");
  const std::string all_out = run("batch --max-findings 0 " + q(app)).out;
  const json all = records_of(all_out).at(0);
  const std::size_t found = all["diagnostics"].size();
  REQUIRE(found > 20);
  CHECK_FALSE(all.contains("findings_omitted"));

  const std::string csv = dir.file("out.csv"), html = dir.file("out.html"),
                    jsonl = dir.file("out.jsonl");
  Run capped = run("batch --max-findings 10 --out-jsonl " + q(jsonl) + " --out-csv " + q(csv) +
                   " --out-html " + q(html) + " " + q(app));
  CHECK(capped.status == 0);
  const json record = records_of(slurp(jsonl)).at(0);
  const json& listed = record["diagnostics"];
  REQUIRE(listed.size() == 11);  // ten findings and the note
  std::vector<json> findings;
  std::size_t notes = 0;
  for (const json& d : listed) {
    if (d["rule"] == "sayso.findings-left-out") {
      ++notes;
      CHECK(d["severity"] == "info");
      CHECK_THAT(d["message"].get<std::string>(),
                 Catch::Contains(std::to_string(found) + " findings") &&
                     Catch::Contains(std::to_string(found - 10) + " more are left out"));
    } else {
      findings.push_back(d);
    }
  }
  CHECK(notes == 1);
  CHECK(record["findings_omitted"] == found - 10);
  // The counts are of real findings, as check's: the note is not one.
  CHECK(record["findings_total"]["diagnostics"] == found);
  CHECK_FALSE(record["findings_total"]["by_category"].contains("style"));
  // The ten listed are the most serious: none left out is more serious than any listed.
  std::vector<int> ranks;
  for (const json& d : all["diagnostics"]) ranks.push_back(severity_rank(d));
  std::sort(ranks.begin(), ranks.end());
  std::vector<int> listed_ranks;
  for (const json& d : findings) listed_ranks.push_back(severity_rank(d));
  std::sort(listed_ranks.begin(), listed_ranks.end());
  CHECK(listed_ranks == std::vector<int>(ranks.begin(), ranks.begin() + 10));
  // Still in the order of the text.
  for (std::size_t i = 1; i < findings.size(); ++i)
    CHECK(findings[i - 1]["byte_start"] <= findings[i]["byte_start"]);
  // The CSV counts every finding, and says how many the record leaves out.
  const std::string table = slurp(csv);
  CHECK(table.find("," + std::to_string(found) + ",") != std::string::npos);
  CHECK(table.find("," + std::to_string(found + 1) + ",") == std::string::npos);
  CHECK(table.find(",findings_omitted,") != std::string::npos);
  CHECK(table.find("," + std::to_string(found - 10) + ",") != std::string::npos);
  CHECK_THAT(slurp(html),
             Catch::Contains("<strong>" + std::to_string(found) + "</strong> findings"));
  CHECK(run("batch --max-findings many " + q(app)).status == 2);
}

TEST_CASE("batch: a repeated id is checked under a predictable new id and reported",
          "[batch][inputs]") {
  TempDir dir;
  const std::string one = dir.write("one.jsonl",
                                    "{\"id\":\"A-1\",\"text\":\"We will ask people.\"}\n"
                                    "{\"id\":\" A-1 \",\"text\":\"We will utilise data.\"}\n");
  const std::string two = dir.write("two.csv",
                                    "id,text\n"
                                    "A-1~2,A real id that looks like a new one.\n"
                                    "A-1,We will share results.\n"
                                    "B-1,Another.\n");
  Run r = shell(std::string(SAYSO_BINARY) + " batch " + one + " " + two + " 2>" + dir.file("err"));
  CHECK(r.status == 0);  // every submission is checked: none is an error record
  const auto records = records_of(r.out);
  REQUIRE(records.size() == 5);
  std::vector<std::string> ids;
  for (const json& record : records) {
    ids.push_back(record["id"]);
    CHECK(record["status"] == "ok");
  }
  CHECK(ids == std::vector<std::string>{"A-1", "A-1~2", "A-1~2~2", "A-1~3", "B-1"});
  CHECK(records[1]["duplicate_id"]["given"] == "A-1");
  CHECK(records[1]["duplicate_id"]["first_seen"] == "row 1 of " + one);
  CHECK(records[2]["duplicate_id"]["given"] == "A-1~2");
  CHECK(records[3]["duplicate_id"]["first_seen"] == "row 1 of " + one);
  CHECK_FALSE(records[4].contains("duplicate_id"));
  CHECK_THAT(slurp(dir.file("err")),
             Catch::Contains("3 submission(s) repeat an id") && Catch::Contains("'A-1~2'"));
  // The same input gives the same ids every time, so --resume finds them done.
  const std::string out = dir.file("out.jsonl");
  REQUIRE(run("batch --out-jsonl " + q(out) + " " + q(one) + " " + q(two)).status == 0);
  CHECK(run("batch --resume " + q(out) + " --out-jsonl " + q(out) + " " + q(one) + " " + q(two))
            .status == 0);
  CHECK(slurp(out) == r.out);
}

TEST_CASE("batch: UTF-16 CSV and JSON Lines exports with a byte order mark are read as UTF-8 is",
          "[batch][inputs]") {
  TempDir dir;
  // Latin-1 bytes become UTF-16 code units: "\xEB" is e with diaeresis.
  const std::string csv_text = "id,text\nZo\xEB-1,We will utilise data.\n";
  const std::string jsonl_text = "{\"id\":\"Zo\xEB-2\",\"text\":\"We will utilise data.\"}\n";
  const std::string le_csv = dir.write("le.csv", utf16(csv_text, true));
  const std::string be_jsonl = dir.write("be.jsonl", utf16(jsonl_text, false));
  const std::string stdin_file = dir.write("stdin.jsonl", utf16(jsonl_text, true));
  const std::string utf8_csv = dir.write("u8.csv", "id,text\nZo\xC3\xAB-1,We will utilise data.\n");
  Run r = run("batch " + q(le_csv) + " " + q(be_jsonl) + " " + q(utf8_csv));
  CHECK(r.status == 0);
  auto records = records_of(r.out);
  REQUIRE(records.size() == 3);
  CHECK(records[0]["id"] == "Zo\xC3\xAB-1");
  CHECK(records[0]["status"] == "ok");
  CHECK(records[1]["id"] == "Zo\xC3\xAB-2");
  CHECK(records[1]["status"] == "ok");
  CHECK_FALSE(records[0]["diagnostics"].empty());
  CHECK(records[0]["diagnostics"] == records[2]["diagnostics"]);
  Run piped = run("batch -", stdin_file);
  CHECK(piped.status == 0);
  REQUIRE(records_of(piped.out).size() == 1);
  CHECK(records_of(piped.out)[0]["id"] == "Zo\xC3\xAB-2");
  CHECK(records_of(piped.out)[0]["diagnostics"] == records[1]["diagnostics"]);
}

TEST_CASE("batch: the HTML report writes each finding's message once, not in its mark too",
          "[batch][html]") {
  TempDir dir;
  const std::string app =
      dir.write("app.md", "# Plain English summary\n\nWe will utilise data. It's ours.\n");
  const std::string html_path = dir.file("out.html");
  REQUIRE(run("batch --out-html " + q(html_path) + " " + q(app)).status == 0);
  const std::string html = slurp(html_path);
  CHECK(count_of(html, "instead of") == 1);  // "Try 'use' instead of 'utilise'."
  CHECK(html.find("<mark data-f=\"") != std::string::npos);
  CHECK(html.find("<mark title=") == std::string::npos);
  CHECK(html.find("It's ours.") != std::string::npos);  // text needs no &#39;
  CHECK(html.find("mark.title = item.textContent") != std::string::npos);
}

TEST_CASE("batch: a file given twice (a folder and a glob over it, a second path) is checked once",
          "[batch][inputs]") {
  TempDir dir;
  dir.write("subs/a.md", "# Plain English summary\n\nWe will ask carers what helps them.\n");
  dir.write("subs/b.md", "# Plain English summary\n\nWe will utilise data.\n");
  const std::string subs = dir.file("subs");
  Run r = shell(std::string(SAYSO_BINARY) + " batch " + q(subs) + " " + q(subs + "/*.md") + " " +
                q(subs + "/./a.md") + " 2>" + q(dir.file("err")));
  CHECK(r.status == 0);
  const auto records = records_of(r.out);
  REQUIRE(records.size() == 2);
  for (const json& record : records) CHECK_FALSE(record.contains("duplicate_id"));
  CHECK_THAT(slurp(dir.file("err")),
             Catch::Contains("3 file(s) given more than once") && Catch::Contains("checked once"));
}

TEST_CASE(
    "batch: the run ends with a line that accounts for every file, saying why any was passed "
    "over",
    "[batch][inputs]") {
  TempDir dir;
  dir.write("subs/a.md", "# Plain English summary\n\nWe will ask carers what helps them.\n");
  dir.write("subs/b.md", "# Plain English summary\n\nWe will utilise data.\n");
  dir.write("subs/old.doc", "\xD0\xCF\x11\xE0 binary word file");  // an error record
  dir.write("subs/scores.xlsx", "PK\x03\x04 a spreadsheet");
  dir.write("subs/notes", "A file with no extension.\n");
  dir.write("subs/photo.png", "not a document");
  dir.write("subs/.DS_Store", "hidden");
  const std::string subs = dir.file("subs"), err = dir.file("err");
  Run r = shell(std::string(SAYSO_BINARY) + " batch --out-csv " + dir.file("out.csv") + " " + subs +
                " 2>" + err);
  CHECK(r.status == 1);  // the .doc
  CHECK(r.out.empty());
  const std::string said = slurp(err);
  CHECK_THAT(
      said,
      Catch::EndsWith("sayso batch: 3 submissions: 2 checked, 1 could not be read; passed over: 1 "
                      "image, 1 spreadsheet (save it as CSV), 1 file with no extension (name it "
                      ".txt if it is text), 1 hidden file or folder (the name starts with '.')\n"));
  // Standard output keeps to the records in the streaming mode: the line is on standard error.
  Run streamed = shell(std::string(SAYSO_BINARY) + " batch " + subs + " 2>" + err);
  CHECK(records_of(streamed.out).size() == 3);
  CHECK_THAT(slurp(err), Catch::Contains("sayso batch: 3 submissions: 2 checked"));
  // A run with nothing passed over says so in fewer words.
  Run one = shell(std::string(SAYSO_BINARY) + " batch " + dir.file("subs/a.md") + " 2>" + err);
  CHECK(one.status == 0);
  CHECK(slurp(err) == "sayso batch: 1 submission: 1 checked\n");
}

TEST_CASE(
    "batch: a submission that could not be read has no counts in the CSV and dashes in the "
    "HTML table",
    "[batch][html][csv]") {
  TempDir dir;
  const std::string good = dir.write("good.md", "# Plain English summary\n\nWe will ask people.\n");
  const std::string csv = dir.file("out.csv"), html = dir.file("out.html");
  Run r = run("batch --no-csv-bom --out-csv " + q(csv) + " --out-html " + q(html) + " " + q(good) +
              " " + q(dir.file("missing.md")));
  CHECK(r.status == 1);

  // CSV: the unread row's count and figure cells are empty, as its tokenism cell always was.
  std::istringstream lines(slurp(csv));
  std::string header, good_row, missing_row;
  std::getline(lines, header);
  std::getline(lines, good_row);
  std::getline(lines, missing_row);
  auto cells_of = [](std::string line) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    std::istringstream in(line);
    for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.push_back("");
    return cells;
  };
  const auto columns = cells_of(header), ok = cells_of(good_row), unread = cells_of(missing_row);
  REQUIRE(unread.size() == columns.size());
  REQUIRE(ok.size() == columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    INFO(columns[i]);
    const std::string& column = columns[i];
    const bool count = column == "diagnostics" || column.rfind("severity_", 0) == 0 ||
                       column.rfind("category_", 0) == 0 || column == "tokenism" ||
                       column == "findings_omitted";
    if (count) {
      CHECK(unread[i].empty());
      CHECK_FALSE(ok[i].empty());
    }
  }
  CHECK(unread[4] == "error");

  // HTML: a dash for every figure of the unread row, never a 0, and the sort puts such cells last.
  const std::string page = slurp(html);
  const std::size_t row = page.find("<tr data-status=\"error\"");
  REQUIRE(row != std::string::npos);
  const std::string cells = page.substr(row, page.find("</tr>", row) - row);
  CHECK(count_of(cells, "data-none=\"\">\xE2\x80\x94</td>") == 8);
  CHECK(cells.find(">0<") == std::string::npos);
  CHECK(page.find("if (cell.hasAttribute('data-none')) return null;") != std::string::npos);
}

TEST_CASE("batch: --resume checks again a file that could not be read, and says what it reused",
          "[batch][resume]") {
  TempDir dir;
  const std::string a = dir.write("a.md", "# Aims\n\nWe will ask people.\n");
  const std::string b = dir.file("b.md");  // missing in the first run
  const std::string out = dir.file("out.jsonl"), err = dir.file("err");
  const std::string args = " --out-jsonl " + out + " " + a + " " + b;
  REQUIRE(run("batch" + args).status == 1);
  REQUIRE(records_of(slurp(out))[1]["error"] == "no such file");
  dir.write("b.md", "# Aims\n\nWe will share what we find.\n");  // fixed since

  Run r = shell(std::string(SAYSO_BINARY) + " batch --resume " + out + args + " 2>" + err);
  CHECK(r.status == 0);  // the error is gone, not kept
  const auto records = records_of(slurp(out));
  REQUIRE(records.size() == 2);
  CHECK(records[0]["id"] == a);
  CHECK(records[1]["id"] == b);
  CHECK(records[1]["status"] == "ok");
  const std::string said = slurp(err);
  CHECK_THAT(said, Catch::Contains("1 submission(s) could not be read in the earlier run: "
                                   "checking them again"));
  CHECK_THAT(said,
             Catch::EndsWith("sayso batch: 2 submissions: 1 reused from " + out + ", 1 checked\n"));
}

namespace {

// A record's value at `key`, by the file name of its path.
std::map<std::string, json> by_file_name(const std::vector<json>& records, const char* key) {
  std::map<std::string, json> values;
  for (const json& record : records)
    values[fs::path(record["path"].get<std::string>()).filename().string()] =
        record.contains(key) ? record[key] : json();
  return values;
}

}  // namespace

TEST_CASE("batch: a submission with the same text as an earlier one says so, in every report",
          "[batch][duplicates]") {
  TempDir dir;
  const std::string text = "# Plain English summary\n\nWe will ask carers what helps them.\n";
  const std::string a = dir.write("subs/a.md", text);
  // The same words: line endings and spacing aside.
  dir.write("subs/b-renamed.md",
            "# Plain English summary\r\n\r\nWe will ask   carers what helps them.  \r\n");
  dir.write("subs/c.md", "# Plain English summary\n\nWe will ask carers what helps THEM.\n");
  dir.write("subs/d.docx", make_docx(docx_paragraph("Plain English summary", "Heading1") +
                                     docx_paragraph("We will ask six parents.")));
  dir.write("subs/e.docx", make_docx(docx_paragraph("Plain English summary", "Heading1") +
                                     docx_paragraph("We will ask six parents.")));
  dir.write("subs/f.md", "");
  dir.write("subs/g.md", "\n\n");  // empty texts are not duplicates of each other
  const std::string csv = dir.file("out.csv"), html = dir.file("out.html"), err = dir.file("err");
  Run r = shell(std::string(SAYSO_BINARY) + " batch --out-jsonl " + dir.file("out.jsonl") +
                " --out-csv " + csv + " --out-html " + html + " " + dir.file("subs") + " 2>" + err);
  CHECK(r.status == 0);
  const auto records = records_of(slurp(dir.file("out.jsonl")));
  REQUIRE(records.size() == 7);  // every input is still accounted for
  const auto duplicate_of = by_file_name(records, "duplicate_of");
  const auto fingerprint = by_file_name(records, "text_fingerprint");
  CHECK(duplicate_of.at("a.md").is_null());
  CHECK(duplicate_of.at("b-renamed.md") == json({{"id", a}, {"path", a}, {"row", nullptr}}));
  CHECK(fingerprint.at("b-renamed.md") == fingerprint.at("a.md"));
  CHECK(duplicate_of.at("c.md").is_null());  // letter case counts
  CHECK(duplicate_of.at("d.docx").is_null());
  CHECK(duplicate_of.at("e.docx")["id"] == dir.file("subs/d.docx"));
  CHECK(duplicate_of.at("f.md").is_null());
  CHECK(duplicate_of.at("g.md").is_null());
  CHECK(fingerprint.at("g.md").is_null());
  for (const json& record : records) CHECK(record["status"] == "ok");

  const std::string said = slurp(err);
  CHECK_THAT(said, Catch::Contains("2 submission(s) have the same text as an earlier one") &&
                       Catch::Contains("'" + dir.file("subs/b-renamed.md") + "' has the text of '" +
                                       a + "'"));
  CHECK_THAT(said,
             Catch::EndsWith("sayso batch: 7 submissions: 7 checked; 2 with the same text as an "
                             "earlier one\n"));
  const std::string table = slurp(csv);
  CHECK_THAT(table, Catch::Contains(",duplicate_of\r\n") ||
                        Catch::Contains(",duplicate_of,"));  // before any evidence columns
  CHECK_THAT(table, Catch::Contains("," + a + "\r\n") || Catch::Contains("," + a + ","));
  const std::string page = slurp(html);
  CHECK_THAT(page, Catch::Contains("<strong>2</strong> with the same text as an earlier") &&
                       Catch::Contains("same text as <a href=\"#s1\">" + a + "</a>") &&
                       Catch::Contains("Same text as " + a));
}

TEST_CASE("batch: a new submission with the text of one in the --resume file is a duplicate",
          "[batch][duplicates][resume]") {
  TempDir dir;
  const std::string a = dir.write("a.md", "# Aims\n\nWe will ask people.\n");
  const std::string b = dir.write("b.md", "# Aims\n\nWe will ask people.\n");
  const std::string out = dir.file("out.jsonl");
  REQUIRE(run("batch --out-jsonl " + q(out) + " " + q(a)).status == 0);
  CHECK(
      run("batch --resume " + q(out) + " --out-jsonl " + q(out) + " " + q(a) + " " + q(b)).status ==
      0);
  const auto records = records_of(slurp(out));
  REQUIRE(records.size() == 2);
  CHECK_FALSE(records[0].contains("duplicate_of"));
  CHECK(records[1]["duplicate_of"]["id"] == a);
}

TEST_CASE("batch: password-protected and old Word files say what they are and what to do",
          "[batch][office]") {
  TempDir dir;
  dir.write("subs/locked.docx", encrypted_office_file());
  dir.write("subs/old-as-new.docx", word_97_file());
  dir.write("subs/old.doc", word_97_file());
  Run r = run("batch " + q(dir.file("subs")));
  CHECK(r.status == 1);
  const auto errors = by_file_name(records_of(r.out), "error");
  const std::string locked = errors.at("locked.docx");
  CHECK_THAT(locked, Catch::Contains("password-protected") &&
                         Catch::Contains("save a copy without a password"));
  CHECK_THAT(locked, !Catch::Contains("damaged"));
  CHECK_THAT(errors.at("old-as-new.docx").get<std::string>(),
             Catch::Contains("old Microsoft Office format") && Catch::Contains("save it as .docx"));
  CHECK_THAT(errors.at("old.doc").get<std::string>(),
             Catch::Contains("unsupported format (.doc)") &&
                 Catch::Contains("an old Word format") && Catch::Contains("save it as .docx"));
}

TEST_CASE("batch: a --resume refusal names the settings that differ and how to match them",
          "[batch][resume]") {
  TempDir dir;
  const std::string a = dir.write("a.md", "# Aims\n\nWe will utilise data.\n");
  const std::string config = dir.write("funder.yml", "profile: nihr\n");
  const std::string out = dir.file("out.jsonl");
  REQUIRE(run("batch --config " + q(config) + " --out-jsonl " + q(out) + " " + q(a)).status == 0);
  const std::string resume = " --resume " + q(out) + " --out-jsonl " + q(out) + " " + q(a);
  const std::string stricter =
      dir.write("stricter.yml", "profile: nihr\nrules:\n  plain-english.wordy-words: error\n");
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"--config " + q(config) + " --profile generic",
       "the profile (--profile, or the config's profile:) (earlier: nihr; now: generic)",
       "(--profile nihr)"},
      {"--config " + q(config) + " --document application",
       "--document (or the config's document:) (earlier: none; now: application)",
       "(leave out --document)"},
      {"--config " + q(config) + " --kind involvement",
       "the kind of text (--kind, or the config's document_kind:) (earlier: none; now: "
       "involvement)",
       "(leave out --kind)"},
      {"--config " + q(config) + " --max-findings 3", "--max-findings (earlier: 500; now: 3)",
       "(--max-findings 500)"},
      {"--config " + q(stricter), "What differs: the config (--config, or the .sayso.yml found)",
       "(the same config as the earlier run)"},
  };
  for (const auto& [other, what, how] : cases) {
    INFO(other);
    Run refused = shell(std::string(SAYSO_BINARY) + " batch " + other + resume);
    CHECK(refused.status == 2);
    CHECK_THAT(refused.out, Catch::Contains("cannot resume from " + out) && Catch::Contains(what) &&
                                Catch::Contains(how));
    CHECK_THAT(refused.out, !Catch::Contains("the rules ("));  // explained by the config
  }
  // The rule files themselves changed (a copy of the rules folder with one rule stricter).
  const fs::path rules = dir.path / "rules";
  fs::copy(std::string(SAYSO_SOURCE_DIR) + "/rules", rules, fs::copy_options::recursive);
  const std::string rules_out = dir.file("rules-out.jsonl");
  REQUIRE(run("batch --rules " + q(rules.string()) + " --config " + q(config) + " --out-jsonl " +
              q(rules_out) + " " + q(a))
              .status == 0);
  const fs::path wordy = rules / "plain-english" / "wordy-words.yml";
  std::string yaml = slurp(wordy.string());
  const std::size_t severity = yaml.find("severity: ");
  REQUIRE(severity != std::string::npos);
  const std::size_t end = yaml.find('\n', severity);
  yaml.replace(severity, end - severity,
               yaml.compare(severity, end - severity, "severity: error") == 0 ? "severity: hint"
                                                                              : "severity: error");
  std::ofstream(wordy, std::ios::binary | std::ios::trunc) << yaml;
  Run refused = shell(std::string(SAYSO_BINARY) + " batch --rules " + q(rules.string()) +
                      " --config " + q(config) + " --resume " + q(rules_out) + " " + q(a));
  CHECK(refused.status == 2);
  CHECK_THAT(refused.out,
             Catch::Contains("What differs: the rules (the --rules folder, or the rule files in "
                             "it)") &&
                 Catch::Contains("(the same rules as the earlier run)"));
}

TEST_CASE("batch: --kind says what every heading-less submission is, checked as check's is",
          "[batch][kind]") {
  TempDir dir;
  const std::string notes = dir.write("notes.txt", "We will utilise a cohort of older adults.\n");
  Run guessed = run("batch " + q(notes));
  REQUIRE(guessed.status == 0);
  CHECK(records_of(guessed.out).at(0)["scorecard"]["plain_english_summary"]["present"] == false);
  Run summary = run("batch --kind plain-english-summary " + q(notes));
  REQUIRE(summary.status == 0);
  CHECK(records_of(summary.out).at(0)["scorecard"]["plain_english_summary"]["present"] == true);
  CHECK(records_of(summary.out).at(0)["sections"].at(0)["kind"] == "plain-english-summary");

  Run typo = shell(std::string(SAYSO_BINARY) + " batch --kind involvment " + q(notes));
  CHECK(typo.status == 2);
  CHECK_THAT(typo.out, Catch::Contains("--kind must be a section kind") &&
                           Catch::Contains("Did you mean 'involvement'?"));
  Run application = shell(std::string(SAYSO_BINARY) + " batch --kind application " + q(notes));
  CHECK(application.status == 2);
  CHECK_THAT(application.out, Catch::Contains("use --document application"));
  Run document = shell(std::string(SAYSO_BINARY) + " batch --document whole " + q(notes));
  CHECK(document.status == 2);
  CHECK_THAT(document.out, Catch::Contains("--document must be application or fragment"));
  CHECK_THAT(run("batch --help").out,
             Catch::Contains("--kind KIND") && Catch::Contains("--document application|fragment"));
}

TEST_CASE("batch: the HTML report says which profile and settings made it", "[batch][report]") {
  TempDir dir;
  const std::string html = dir.file("out.html");
  REQUIRE(
      run("batch --profile nihr --out-html " + q(html) + " " + q(corpus("involvement"))).status ==
      0);
  CHECK_THAT(slurp(html), Catch::Contains("<p>Profile: nihr. Settings file: "));
  const std::string plain = dir.file("plain.html");
  REQUIRE(run("batch --out-html " + q(plain) + " " + q(corpus("involvement"))).status == 0);
  CHECK_THAT(slurp(plain), Catch::Contains("<p>Profile: none (general checks)."));
}

TEST_CASE("batch: the involvement level sorts by the IAP2 scale, not by name", "[batch][report]") {
  TempDir dir;
  const std::string html = dir.file("out.html"), csv = dir.file("out.csv");
  Run r =
      run("batch --out-html " + q(html) + " --out-csv " + q(csv) + " " + q(corpus("involvement")));
  REQUIRE(r.status == 0);
  const std::string page = slurp(html);
  CHECK_THAT(page,
             Catch::Contains("<th scope=\"col\" data-type=\"number\">Involvement level</th>"));
  CHECK_THAT(page, Catch::Contains("<td data-value=\"1\">consult</td>") &&
                       Catch::Contains("<td data-value=\"2\">involve</td>") &&
                       Catch::Contains("<td data-value=\"3\">collaborate</td>"));
  // The CSV's rank column: 1 inform ... 5 empower.
  std::istringstream rows(slurp(csv));
  std::string header, line;
  std::getline(rows, header);
  std::vector<std::string> columns;
  std::stringstream header_cells(header);
  for (std::string cell; std::getline(header_cells, cell, ',');) columns.push_back(cell);
  const auto level = std::find(columns.begin(), columns.end(), "involvement_level");
  const auto rank = std::find(columns.begin(), columns.end(), "involvement_level_rank");
  REQUIRE(level != columns.end());
  REQUIRE(rank != columns.end());
  const std::map<std::string, std::string> expected = {
      {"inform", "1"}, {"consult", "2"}, {"involve", "3"}, {"collaborate", "4"}, {"empower", "5"}};
  std::size_t seen = 0;
  while (std::getline(rows, line)) {
    std::vector<std::string> cells;
    std::stringstream row_cells(line);
    for (std::string cell; std::getline(row_cells, cell, ',');) cells.push_back(cell);
    const std::string given = cells.at(static_cast<std::size_t>(level - columns.begin()));
    std::string ranked = cells.at(static_cast<std::size_t>(rank - columns.begin()));
    if (!ranked.empty() && ranked.back() == '\r') ranked.pop_back();
    INFO(line);
    CHECK(ranked == (expected.count(given) ? expected.at(given) : ""));
    seen += !ranked.empty();
  }
  CHECK(seen == 4);
}

TEST_CASE("batch: the CSV says whether a blank involvement level had a section",
          "[batch][report]") {
  TempDir dir;
  const std::string csv = dir.file("out.csv");
  const std::string none = dir.write("none.md", "# Plain English summary\n\nWe test a leaflet.\n");
  const std::string wordless =
      dir.write("wordless.md",
                "# Plain English summary\n\nWe test a leaflet.\n\n"
                "# Patient and public involvement\n\nThis part of the form is still to come.\n");
  Run r = run("batch --out-csv " + q(csv) + " " + q(none) + " " + q(wordless));
  REQUIRE(r.status == 0);
  const auto cells_of = [](std::string line) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    std::stringstream in(line);
    for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
    return cells;
  };
  std::istringstream rows(slurp(csv));
  std::string line;
  std::getline(rows, line);
  const std::vector<std::string> columns = cells_of(line);
  const auto column = [&](const char* name) {
    const auto it = std::find(columns.begin(), columns.end(), name);
    REQUIRE(it != columns.end());
    return static_cast<std::size_t>(it - columns.begin());
  };
  const std::size_t level = column("involvement_level"), section = column("involvement_section");
  std::vector<std::string> seen;
  while (std::getline(rows, line)) {
    INFO(line);
    const std::vector<std::string> cells = cells_of(line);
    REQUIRE(cells.size() > section);
    CHECK(cells[level].empty());
    seen.push_back(cells[section]);
  }
  // In input order: no section, then a section with no level words.
  CHECK(seen == std::vector<std::string>{"absent", "present"});
}

TEST_CASE("batch: a summary's character limit is in the scorecard and the HTML table",
          "[batch][limits]") {
  // Twenty-second blind review: a summary over its 1,000-character limit showed as "268" words
  // with no limit in the funder's table; the breach was only in the record.
  TempDir dir;
  std::string summary;
  while (summary.size() < 1200) summary += "We will help people with asthma breathe better. ";
  const std::string app = dir.write(
      "app.md", "# Plain English summary\n\n(Maximum 1,000 characters, including spaces)\n\n" +
                    summary + "\n\n# Methods\n\nWe will run a trial.\n");
  const std::string html = dir.file("report.html"), jsonl = dir.file("records.jsonl"),
                    csv = dir.file("scores.csv");
  Run r = run("batch --out-html " + q(html) + " --out-jsonl " + q(jsonl) + " --out-csv " + q(csv) +
              " " + q(app));
  REQUIRE(r.status == 0);
  const std::vector<json> records = records_of(slurp(jsonl));
  REQUIRE(records.size() == 1);
  const json& card = records[0]["scorecard"]["plain_english_summary"];
  CHECK(card["character_limit"] == 1000);
  CHECK(card["characters"].get<int>() > 1000);
  const std::string page = slurp(html);
  CHECK(page.find("/ 1000 characters") != std::string::npos);
  // The spreadsheet's last two columns.
  const std::string table = slurp(csv);
  const std::string header = table.substr(0, table.find('\n'));
  CHECK(header.find(",summary_characters,summary_character_limit") != std::string::npos);
  const std::string row = table.substr(table.find('\n') + 1);
  CHECK(row.find("," + std::to_string(card["characters"].get<int>()) + ",1000") !=
        std::string::npos);
  // No limit stated: no character figures.
  Run plain = run("batch " + q(dir.write("pes.md", "# Plain English summary\n\nWe test.\n")));
  CHECK(records_of(plain.out)[0]["scorecard"]["plain_english_summary"]["characters"].is_null());
}
