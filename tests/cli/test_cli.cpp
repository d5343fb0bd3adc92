// Runs build/sayso as a user would and checks the CLI contract (design.md).
#include <sys/stat.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "shell_run.h"

namespace fs = std::filesystem;
using nlohmann::json;
using sayso::testing::Run;
using sayso::testing::run_shell;

namespace {

Run run(const std::string& args, const std::string& stdin_file = "") {
  std::string cmd = std::string(SAYSO_BINARY) + " " + args;
  cmd += stdin_file.empty() ? " </dev/null" : " <'" + stdin_file + "'";
  cmd += " 2>&1";
  return run_shell(cmd);
}

json run_json(const std::string& args, int* status = nullptr, const std::string& stdin_file = "") {
  Run r = run("check --format json " + args, stdin_file);
  if (status) *status = r.status;
  INFO(r.out.substr(0, 2000));
  REQUIRE((r.status == 0 || r.status == 1));
  return json::parse(r.out);
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("sayso-cli-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& bytes) const {
    fs::path p = path / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
};

std::string shell_quote(const std::string& s) { return "'" + s + "'"; }

const json* find_rule(const json& file, const std::string& prefix) {
  for (const auto& d : file["diagnostics"])
    if (d["rule"].get<std::string>().rfind(prefix, 0) == 0) return &d;
  return nullptr;
}

}  // namespace

TEST_CASE("version and help flags", "[cli]") {
  CHECK(run("--version").out.rfind("sayso 0.1.0", 0) == 0);
  CHECK(run("--help").status == 0);
  CHECK(run("check --help").status == 0);
  CHECK(run("bogus").status == 2);
  CHECK(run("check --format yaml x").status == 2);
  CHECK(run("check --format yaml x").out.find("text, json, sarif or csv") != std::string::npos);
  const Run config_help = run("config --help");
  CHECK(config_help.status == 0);
  CHECK(config_help.out.rfind("Usage: sayso config", 0) == 0);
  CHECK(run("config --format csv .").status == 2);
}

TEST_CASE("JSON output follows the version 1 contract", "[cli]") {
  TempDir tmp;
  std::string file = tmp.write("summary.md", "We will utilise the NHS data. 😀 We utilise it.\n");
  json j = run_json(shell_quote(file));
  CHECK(j["version"] == 1);
  CHECK(j["tool"]["name"] == "sayso");
  REQUIRE(j["files"].size() == 1);
  const json& f = j["files"][0];
  CHECK(f["path"] == file);
  CHECK(f["status"] == "ok");
  CHECK(f["error"].is_null());
  CHECK(f["sections"][0]["kind"] == "plain-english-summary");
  const json* d = find_rule(f, "plain-english.");
  REQUIRE(d);
  for (const char* key : {"rule", "category", "severity", "message", "line", "column", "end_line",
                          "end_column", "byte_start", "byte_end", "text", "section", "suggestions"})
    CHECK(d->contains(key));
  // Columns are code points: the second "utilise" comes after an emoji (4 bytes, 1 code point).
  bool second_found = false;
  for (const auto& diag : f["diagnostics"]) {
    if (diag["text"] != "utilise" || diag["byte_start"].get<int>() < 30) continue;
    second_found = true;
    CHECK(diag["byte_start"] == 38);
    CHECK(diag["column"] == 36);
    CHECK(diag["end_column"] == 43);
  }
  CHECK(second_found);
  CHECK(j["summary"]["files"] == 1);
  CHECK(j["summary"]["diagnostics"] == f["diagnostics"].size());
}

TEST_CASE("the JSON summary counts files with errors and files not read apart", "[cli]") {
  TempDir tmp;
  // As a whole application, a lone summary lacks its required sections: error findings.
  const std::string app = shell_quote(tmp.write("a-summary.md", "We will utilise the data.\n"));
  const std::string clean = shell_quote(tmp.write("b-summary.md", "We will use the data.\n"));
  json j = run_json("--document application " + app + " " + app + " /nonexistent/file.md");
  const json& summary = j["summary"];
  CHECK(summary["files"] == 3);
  CHECK(summary["by_severity"]["error"].get<int>() >= 2);
  CHECK(summary["files_with_errors"] == 2);  // files with at least one error-severity finding
  CHECK(summary["files_not_read"] == 1);     // status "error"
  json fragment = run_json(app + " " + clean);
  CHECK_FALSE(fragment["summary"]["by_severity"].contains("error"));
  CHECK(fragment["summary"]["files_with_errors"] == 0);
  CHECK(fragment["summary"]["files_not_read"] == 0);
}

TEST_CASE("exit status follows --fail-on", "[cli]") {
  TempDir tmp;
  std::string file = tmp.write("summary.md", "We will utilise the data.\n");
  int status = -1;
  run_json("--fail-on warning " + shell_quote(file), &status);
  CHECK(status == 1);
  run_json("--fail-on never " + shell_quote(file), &status);
  CHECK(status == 0);
  std::string clean = tmp.write("clean.md", "We use the data.\n");
  run_json("--fail-on hint " + shell_quote(clean), &status);
  CHECK(status == 0);
  // A file that could not be read is never a clean result, whatever --fail-on says of findings.
  run_json("--fail-on never " + shell_quote(clean) + " /nonexistent/file.md", &status);
  CHECK(status == 1);
}

TEST_CASE("check writes SARIF and a CSV of findings, every input accounted for", "[cli]") {
  TempDir tmp;
  const std::string file = tmp.write("summary.md", "We will utilise the data.\n");
  const std::string clean = tmp.write("empty.md", "");  // checked, nothing found
  const std::string inputs = shell_quote(file) + " " + shell_quote(clean) + " /nonexistent/a.md";
  const json report = run_json(inputs);
  std::size_t findings = 0;
  for (const auto& f : report["files"]) findings += f["diagnostics"].size();
  REQUIRE(findings > 0);

  const Run sarif = run("check --format sarif " + inputs);
  CHECK(sarif.status == 1);
  const json s = json::parse(sarif.out);
  CHECK(s["version"] == "2.1.0");
  const json& results = s["runs"][0]["results"];
  CHECK(results.size() == findings);
  const json& first = results[0]["locations"][0]["physicalLocation"]["region"];
  CHECK(first["startLine"] == report["files"][0]["diagnostics"][0]["line"]);
  CHECK(first["startColumn"] == report["files"][0]["diagnostics"][0]["column"]);
  CHECK(s["runs"][0]["invocations"][0]["toolExecutionNotifications"].size() == 1);  // the missing

  const Run csv = run("check --format csv " + inputs);
  CHECK(csv.status == 1);
  std::istringstream lines(csv.out);
  std::string line;
  std::vector<std::string> rows;
  while (std::getline(lines, line)) rows.push_back(line);
  REQUIRE(rows.size() == 1 + findings + 2);  // header, findings, the clean file, the missing one
  CHECK(rows[0].rfind("path,status,error,line,column,end_line,end_column,severity,", 0) == 0);
  CHECK(std::any_of(rows.begin(), rows.end(), [](const std::string& row) {
    return row.find(",warning,jargon,plain-english.wordy-words,") != std::string::npos &&
           row.find(",utilise,use\r") != std::string::npos;
  }));
  CHECK(rows[findings + 1].rfind(clean + ",ok,,,", 0) == 0);
  CHECK(rows[findings + 2].rfind("/nonexistent/a.md,error,no such file", 0) == 0);
}

TEST_CASE("a missing file among good ones is reported, the others are linted", "[cli][bad-input]") {
  TempDir tmp;
  std::string a = tmp.write("a-summary.md", "We will utilise it.\n");
  std::string b = tmp.write("b-summary.md", "We utilise it too.\n");
  int status = -1;
  json j = run_json(shell_quote(a) + " /nonexistent/file.md " + shell_quote(b), &status);
  REQUIRE(j["files"].size() == 3);
  CHECK(j["files"][0]["status"] == "ok");
  CHECK(j["files"][1]["status"] == "error");
  CHECK(j["files"][1]["error"] == "no such file");
  CHECK(j["files"][2]["status"] == "ok");
  CHECK(find_rule(j["files"][2], "plain-english."));
  CHECK(status == 1);
  // The text summary counts the files read, as batch does.
  const Run text =
      run("check --no-color " + shell_quote(a) + " /nonexistent/file.md " + shell_quote(b));
  CHECK_THAT(text.out, Catch::Contains("2 of 3 files checked: ") &&
                           Catch::EndsWith("; 1 file could not be read\n"));
}

TEST_CASE("a broken .sayso.yml in one folder leaves the others checked, and says why",
          "[cli][bad-input]") {
  TempDir tmp;
  fs::create_directories(tmp.path / "a");
  fs::create_directories(tmp.path / "b");
  tmp.write("a/summary.md", "We will utilise it.\n");
  tmp.write("b/summary.md", "We will utilise it.\n");
  tmp.write("b/.sayso.yml", "rules:\n\tplain-english: off\n");
  const Run r = run_shell(std::string(SAYSO_BINARY) + " check --format json " +
                          shell_quote(tmp.path.string()) + " </dev/null 2>/dev/null");
  CHECK(r.status == 2);
  const json j = json::parse(r.out);
  REQUIRE(j["files"].size() == 2);
  CHECK(j["files"][0]["status"] == "ok");
  CHECK(find_rule(j["files"][0], "plain-english."));
  CHECK(j["files"][1]["status"] == "error");
  CHECK_THAT(j["files"][1]["error"].get<std::string>(),
             Catch::Contains("not checked: its settings have a mistake") &&
                 Catch::Contains(".sayso.yml:2: this line starts with a tab"));
}

TEST_CASE("bad input: binary, empty, BOM, CRLF, invalid UTF-8, unsupported", "[cli][bad-input]") {
  TempDir tmp;
  std::string binary = tmp.write("blob.md", std::string("\x7f"
                                                        "ELF\0\0\0\x01\x02",
                                                        9));
  std::string empty = tmp.write("empty.md", "");
  std::string bom =
      tmp.write("bom-summary.md", "\xEF\xBB\xBFWe utilise it.\r\nSecond line utilise.\r\n");
  std::string bad = tmp.write("bad-summary.txt", "We \xff\xfe utilise it.\n");
  std::string docx = tmp.write("app.docx", "PK\x03\x04");
  json j = run_json(shell_quote(binary) + " " + shell_quote(empty) + " " + shell_quote(bom) + " " +
                    shell_quote(bad) + " " + shell_quote(docx));
  REQUIRE(j["files"].size() == 5);
  CHECK(j["files"][0]["status"] == "error");
  CHECK_THAT(j["files"][0]["error"].get<std::string>(), Catch::Contains("binary"));
  CHECK(j["files"][1]["status"] == "ok");
  CHECK(j["files"][1]["diagnostics"].empty());
  // BOM counts in bytes, not in columns; CRLF counts two bytes.
  std::vector<json> utilise;
  for (const auto& d : j["files"][2]["diagnostics"])
    if (d["text"] == "utilise") utilise.push_back(d);
  REQUIRE(utilise.size() == 2);
  CHECK(utilise[0]["byte_start"] == 6);
  CHECK(utilise[0]["column"] == 4);
  CHECK(utilise[1]["line"] == 2);
  CHECK(utilise[1]["column"] == 13);
  CHECK(utilise[1]["byte_start"] == 31);
  const json& bad_file = j["files"][3];
  CHECK(find_rule(bad_file, "sayso.invalid-text"));
  CHECK(find_rule(bad_file, "plain-english."));
  CHECK(j["files"][4]["status"] == "error");
  CHECK_THAT(j["files"][4]["error"].get<std::string>(), Catch::Contains("not a valid zip archive"));
}

TEST_CASE("stdin with --stdin-filename", "[cli]") {
  TempDir tmp;
  std::string input = tmp.write("in.txt", "PPI will be sought where possible.\n");
  json j = run_json("--stdin-filename involvement.txt -", nullptr, input);
  CHECK(j["files"][0]["path"] == "involvement.txt");
  CHECK(j["files"][0]["sections"][0]["kind"] == "involvement");
  CHECK(find_rule(j["files"][0], "involvement."));
}

TEST_CASE("folders are walked for known extensions", "[cli]") {
  TempDir tmp;
  fs::create_directories(tmp.path / "deep" / "er");
  tmp.write("deep/er/one-summary.md", "We utilise it.\n");
  tmp.write("deep/two.txt", "Fine text.\n");
  tmp.write("deep/skip.png", "not text");
  json j = run_json(shell_quote(tmp.path.string()));
  REQUIRE(j["files"].size() == 2);
}

TEST_CASE("a folder walk accounts for what it cannot read and leaves hidden entries out",
          "[cli][bad-input]") {
  TempDir tmp;
  fs::create_directories(tmp.path / ".git");
  fs::create_directories(tmp.path / "empty");
  tmp.write("a-summary.md", "We use it.\n");
  tmp.write(".draft.md", "We utilise it.\n");
  tmp.write(".git/notes.md", "We utilise it.\n");
  tmp.write("old.rtf", "{\\rtf1 x}");
  fs::create_symlink(tmp.path / "nowhere.md", tmp.path / "broken.md");
  REQUIRE(mkfifo((tmp.path / "pipe.md").c_str(), 0600) == 0);  // reading it would wait forever
  int status = -1;
  const json j = run_json(shell_quote(tmp.path.string()), &status);
  CHECK(status == 1);
  std::map<std::string, std::string> errors;
  for (const auto& f : j["files"])
    errors[fs::path(f["path"].get<std::string>()).filename().string()] =
        f["error"].is_null() ? "" : f["error"].get<std::string>();
  CHECK(errors == std::map<std::string, std::string>{
                      {"a-summary.md", ""},
                      {"broken.md", "broken symbolic link (what it points to does not exist)"},
                      {"old.rtf",
                       "unsupported format (.rtf): save it as .docx, .odt, .pdf or "
                       "plain text and check it again"},
                      {"pipe.md", "a named pipe (FIFO), not a file"}});
  // A folder with nothing to read is said to be so, not left out of the report.
  const json empty = run_json(shell_quote((tmp.path / "empty").string()), &status);
  CHECK(status == 1);
  REQUIRE(empty["files"].size() == 1);
  CHECK(empty["files"][0]["error"].get<std::string>().find("holds no files sayso can read") !=
        std::string::npos);
  // Given on its own, a pipe is said to be one instead of read.
  CHECK(run("check " + shell_quote((tmp.path / "pipe.md").string())).out.find("named pipe") !=
        std::string::npos);
}

TEST_CASE("large inputs: a 20 MB file and a 100 KB single line", "[cli][bad-input]") {
  TempDir tmp;
  std::string paragraph =
      "We will utilise the data in order to find out what works. The RCT is big.\n\n";
  std::string big;
  while (big.size() < 20u * 1024 * 1024) big += paragraph;
  std::string big_file = tmp.write("big.md", big);
  std::string line;
  while (line.size() < 100 * 1024) line += "we utilise plain words and short sentences ";
  std::string line_file = tmp.write("line-summary.md", line + "\n");
  json j = run_json(shell_quote(big_file) + " " + shell_quote(line_file));
  CHECK(j["files"][0]["status"] == "ok");
  CHECK(j["files"][1]["status"] == "ok");
  CHECK(j["files"][1]["diagnostics"].size() > 0);
  // Text output shows a window of the long line, not 100 KB.
  Run text = run("check --fail-on never " + shell_quote(line_file));
  CHECK(text.status == 0);
  std::istringstream lines(text.out);
  std::size_t longest = 0;
  for (std::string l; std::getline(lines, l);) longest = std::max(longest, l.size());
  CHECK(longest < 600);
}

TEST_CASE("text output is compiler style with a caret", "[cli]") {
  TempDir tmp;
  std::string file = tmp.write("summary.md", "We will utilise it.\n");
  Run r = run("check " + shell_quote(file));
  CHECK_THAT(r.out, Catch::Contains(file + ":1:9: warning: "));
  CHECK_THAT(r.out, Catch::Contains("  We will utilise it.\n          ^~~~~~~"));
  CHECK(r.out.find("\033[") == std::string::npos);  // no colour when not a terminal
}

TEST_CASE("config and rule errors exit 2 with file:line", "[cli][bad-input]") {
  TempDir tmp;
  std::string config = tmp.write("bad.yml", "profile: nihr\nrulez: {}\n");
  std::string file = tmp.write("x.md", "Text.\n");
  Run r = run("check --config " + shell_quote(config) + " " + shell_quote(file));
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains("bad.yml:2: unknown setting 'rulez'"));
  Run rules = run("check --rules " + std::string(SAYSO_TEST_DATA_DIR) + "/bad-rules/unknown-kind " +
                  shell_quote(file));
  CHECK(rules.status == 2);
  CHECK_THAT(rules.out, Catch::Contains("rule p.a: unknown kind 'magic'"));
}

TEST_CASE("an unknown --kind or document_kind is refused, naming the kinds", "[cli][bad-input]") {
  TempDir tmp;
  const std::string file = shell_quote(tmp.write("notes.txt", "We will utilise the data.\n"));
  for (const char* kind : {"summary", "pes", "banana", "involvment"}) {
    Run r = run(std::string("check --kind ") + kind + " " + file);
    INFO(r.out);
    CHECK(r.status == 2);
    CHECK_THAT(r.out, Catch::Contains("--kind must be a section kind (title, "
                                      "plain-english-summary, abstract"));
    CHECK_THAT(r.out, Catch::Contains(std::string("not '") + kind + "'"));
  }
  CHECK_THAT(run("check --kind summary " + file).out,
             Catch::Contains("Did you mean 'plain-english-summary'?"));
  CHECK_THAT(run("check --kind involvment " + file).out,
             Catch::Contains("Did you mean 'involvement'?"));
  CHECK_THAT(run("check --kind application " + file).out,
             Catch::Contains("use --document application"));
  // The kinds it takes still work: a section kind, and document (the text as a whole).
  for (const char* kind : {"plain-english-summary", "involvement", "methods", "document"})
    CHECK(run(std::string("check --fail-on never --kind ") + kind + " " + file).status == 0);

  const std::string config = tmp.write("kind.yml", "profile: nihr\ndocument_kind: summary\n");
  Run r = run("check --config " + shell_quote(config) + " " + file);
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains("kind.yml:2: document_kind must be a section kind ("));
  CHECK_THAT(r.out, Catch::Contains("not 'summary'"));
  const std::string override_config = tmp.write(
      "override.yml", "overrides:\n  - files: [\"*.txt\"]\n    document_kind: involvment\n");
  Run o = run("check --config " + shell_quote(override_config) + " " + file);
  CHECK(o.status == 2);
  CHECK_THAT(o.out, Catch::Contains("override.yml:3: document_kind must be a section kind"));
}

TEST_CASE("rules list and explain", "[cli]") {
  Run list = run("rules list");
  CHECK(list.status == 0);
  CHECK_THAT(list.out, Catch::Contains("plain-english."));
  Run explain = run("explain structure.required-sections");
  CHECK(explain.status == 0);
  CHECK_THAT(explain.out, Catch::Contains("Why it matters"));
  // A contributor can see which words a rule covers already.
  CHECK_THAT(run("explain involvement.vague-plans").out,
             Catch::Contains("Looks for: will be sought"));
  CHECK(run("explain no.such-rule").status == 2);
}

namespace {

// The output with its line breaks and indents as single spaces (explain wraps its texts).
std::string unwrapped(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n';
    if (!space || (!out.empty() && out.back() != ' ')) out += space ? ' ' : c;
  }
  return out;
}

// The part of explain's output from "Message" to "Why it matters".
std::string message_part(const std::string& out) {
  const std::size_t begin = out.find("Message"), end = out.find("Why it matters");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  return out.substr(begin, end - begin);
}

}  // namespace

TEST_CASE("explain finds a rule by its name alone and says what a slip meant", "[cli][explain]") {
  Run named = run("explain passive-voice");
  CHECK(named.status == 0);
  CHECK(named.out.rfind("plain-english.passive-voice (", 0) == 0);
  Run slip = run("explain pasive-voice");
  CHECK(slip.status == 2);
  CHECK_THAT(slip.out, Catch::Contains("Did you mean 'plain-english.passive-voice'?"));
  CHECK_THAT(run("explain plain-english.pasive-voice").out,
             Catch::Contains("Did you mean 'plain-english.passive-voice'?"));
  Run part = run("explain passive");
  CHECK(part.status == 2);
  CHECK_THAT(part.out, Catch::Contains("'plain-english.passive-voice'"));
  CHECK_THAT(part.out, Catch::Contains("'plain-english.passive-heavy'"));
}

TEST_CASE("explain reads plainly: a message with real words, no raw pattern, whole decisions",
          "[cli][explain]") {
  // A message is shown as the writer sees it, never with {placeholders}.
  for (const char* id : {"plain-english.passive-voice", "plain-english.long-sentence",
                         "co-production.involvement-checklist", "structure.pes-word-limit"}) {
    Run r = run(std::string("explain ") + id);
    INFO(r.out);
    CHECK(r.status == 0);
    CHECK(message_part(r.out).find('{') == std::string::npos);
    CHECK(r.out.back() == '\n');
  }
  CHECK_THAT(run("explain passive-voice").out,
             Catch::Contains("'will be collected' does not say who does it."));

  // A pattern (regular expression) is named, and shown only with --details.
  Run pattern = run("explain plain-english.lab-names");
  CHECK(pattern.out.find("(?-i:") == std::string::npos);
  CHECK_THAT(pattern.out, Catch::Contains("Looks for: a pattern of words (--details shows it)"));
  CHECK(pattern.out.find("Looks for: and") == std::string::npos);
  CHECK(pattern.out.back() == '\n');
  CHECK_THAT(run("explain --details plain-english.lab-names").out, Catch::Contains("(?-i:[α-ω"));
  CHECK_THAT(run("explain involvement.single-lay-member").out,
             Catch::Contains(", and a pattern of words (--details shows it)"));

  // Decisions are whole (wrapped), not cut mid-word; long examples say how to see them whole.
  Run decisions = run("explain plain-english.passive-voice");
  CHECK_THAT(unwrapped(decisions.out),
             Catch::Contains("so the writer sees where to start; with that rule turned off, every "
                             "one is shown as before."));
  std::istringstream lines(decisions.out);
  for (std::string line; std::getline(lines, line);) {
    INFO(line);
    CHECK(line.size() <= 80 + 20);  // 80 columns (a few letters take 2 or 3 bytes)
  }
  Run long_examples = run("explain structure.pes-word-limit");
  CHECK_THAT(long_examples.out, Catch::Contains("sayso explain --details structure.pes-word-limit "
                                                "shows them whole."));
  CHECK(run("explain --details structure.pes-word-limit").out.find("cut short") ==
        std::string::npos);
}

TEST_CASE("explain shows a message it cannot fill in from an example without its braces",
          "[cli][explain]") {
  TempDir tmp;
  const fs::path copy = tmp.path / "rules";
  fs::copy(std::string(SAYSO_CORPUS_DIR) + "/../rules", copy, fs::copy_options::recursive);
  const std::string rule =
      "rules:\n  - id: PACK.never-flags\n    kind: existence\n    category: tokenism\n"
      "    severity: info\n    scope: [involvement]\n    phrases: [\"zqxw plan\"]\n"
      "    message: \"'{match}' is used in {section}.\"\n    explanation: e\n    sources: [s]\n"
      "    examples: {flag: [a b, c d], pass: [e f, g h]}\n    written_with: [w]\n"
      "    reviewed_by: [r]\n    status: draft\n    decisions: [d]\n";
  for (const std::string pack : {"involvement", "plain-english"}) {
    std::string text = rule;
    text.replace(text.find("PACK"), 4, pack);
    std::ofstream(copy / pack / "odd.yml") << text;
  }
  const std::string rules = " --rules " + shell_quote(copy.string());
  Run r = run("explain" + rules + " involvement.never-flags");
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("'…' is used in …."));
  CHECK(message_part(r.out).find('{') == std::string::npos);
  // Two packs have a rule by that name: both are offered.
  Run both = run("explain" + rules + " never-flags");
  CHECK(both.status == 2);
  CHECK_THAT(both.out, Catch::Contains("more than one pack has a rule called 'never-flags'"));
  CHECK_THAT(both.out, Catch::Contains("'involvement.never-flags' or 'plain-english.never-flags'"));
}

TEST_CASE("check saves the spelling verdicts it learned before it ends", "[cli]") {
  // `check` ends without running destructors (fast exit); the verdicts Hunspell gave must still
  // reach the cache folder, or every run would ask Hunspell again.
  TempDir dir;
  const std::string file = dir.write(
      "summary.md", "# Plain English summary\n\nWe will ask about brumqwix and zorvendal.\n");
  const std::string cache = (dir.path / "cache").string();
  const std::string env_run = "XDG_CACHE_HOME=" + shell_quote(cache) + " " +
                              std::string(SAYSO_BINARY) + " check --format json " +
                              shell_quote(file) + " >/dev/null 2>&1";
  REQUIRE(std::system(env_run.c_str()) != -1);
  std::string verdicts;
  for (const auto& e : fs::directory_iterator(fs::path(cache) / "sayso"))
    if (e.path().filename().string().rfind("verdicts-", 0) == 0) {
      std::ifstream in(e.path());
      verdicts.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  CHECK(verdicts.find("-brumqwix\n") != std::string::npos);
  CHECK(verdicts.find("-zorvendal\n") != std::string::npos);
}

namespace {

// Runs a shell command line in `dir`, with `sayso` standing for the binary under test.
Run run_in(const fs::path& dir, const std::string& line) {
  std::string cmd = "cd " + shell_quote(dir.string()) + " && sayso() { " +
                    std::string(SAYSO_BINARY) + " \"$@\"; } && " + line + " </dev/null 2>&1";
  return run_shell("bash -c " + shell_quote(cmd));
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The existence template with every <...> filled in, as a contributor would.
void fill_in_template(const fs::path& file) {
  std::string text = read_text(file);
  const std::vector<std::pair<std::string, std::string>> fills = {
      {"\"<a phrase to flag>\", \"<another phrase to flag>\"", "hard to reach, hard-to-reach"},
      {"<what the writer should do, in plain words>", "Say who you mean instead of '{match}'."},
      {"<why this matters to a reader, in plain words>", "It blames the people left out."},
      {"<the guidance this rests on: a title, and a link if there is one>", "NIHR INCLUDE"},
      {"<a text it must flag>", "We will reach hard to reach groups."},
      {"<another text it must flag>", "Hard-to-reach carers will be asked."},
      {"<a text it must not flag>", "We will reach carers who work nights."},
      {"<another text it must not flag>", "Young carers are seldom heard."},
      {"<who wrote it>", "carers' group"},
      {"<who should review it>", "public panel"},
      {"<a decision and the reason for it>", "Warning, as panels object."}};
  for (const auto& [blank, filled] : fills) {
    const auto at = text.find(blank);
    REQUIRE(at != std::string::npos);
    text.replace(at, blank.size(), filled);
  }
  std::ofstream(file, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("a rule written in a copy of the rules is tested from its own file, as the tip says",
          "[cli]") {
  TempDir tmp;
  const fs::path copy = tmp.path / "my-rules";
  fs::copy(std::string(SAYSO_CORPUS_DIR) + "/../rules", copy, fs::copy_options::recursive);
  const std::string file = (copy / "involvement" / "hard-to-reach.yml").string();
  Run made = run("rules new --kind existence involvement.hard-to-reach --out " + shell_quote(file));
  REQUIRE(made.status == 0);
  CHECK_THAT(made.out, Catch::Contains("then run sayso rules test " + file));
  // The template's blanks are named, at the copy's file (found without --rules).
  Run blank = run("rules test " + shell_quote(file));
  CHECK(blank.status == 2);
  CHECK_THAT(blank.out, Catch::Contains(file + ":") && Catch::Contains("placeholder"));
  fill_in_template(file);
  Run tested = run("rules test " + shell_quote(file));
  INFO(tested.out);
  CHECK(tested.status == 0);
  CHECK_THAT(tested.out, Catch::Contains("1 rule in 1 pack") &&
                             Catch::Contains("examples: 4 passed, 0 failed"));
}

TEST_CASE("CONTRIBUTING's steps work word for word from a fresh copy", "[cli][authoring]") {
  TempDir tmp;
  REQUIRE(run_in(tmp.path, "cp -r \"$(sayso rules folder)\" my-rules").status == 0);
  const std::string file = "my-rules/involvement/hard-to-reach.yml";
  REQUIRE(
      run_in(tmp.path, "sayso rules new --kind existence involvement.hard-to-reach --out " + file)
          .status == 0);
  // The unfilled template is named, at the copy's file, by the file's test and the pack's.
  Run blank = run_in(tmp.path, "sayso rules test " + file);
  CHECK(blank.status == 2);
  CHECK_THAT(blank.out, Catch::Contains("rules folder: my-rules\n"));
  CHECK_THAT(blank.out, Catch::Contains(file + ":") && Catch::Contains("placeholder"));
  Run pack_blank = run_in(tmp.path, "sayso rules test --rules my-rules involvement");
  CHECK(pack_blank.status == 2);
  CHECK_THAT(pack_blank.out, Catch::Contains("hard-to-reach.yml:"));

  fill_in_template(tmp.path / file);
  Run tested = run_in(tmp.path, "sayso rules test " + file);
  INFO(tested.out);
  CHECK(tested.status == 0);
  CHECK_THAT(tested.out, Catch::Contains("rules folder: my-rules\n") &&
                             Catch::Contains("1 rule in 1 pack") &&
                             Catch::Contains("examples: 4 passed, 0 failed"));
  Run pack = run_in(tmp.path, "sayso rules test --rules my-rules involvement");
  CHECK(pack.status == 0);
  CHECK_THAT(pack.out, Catch::Contains("rules folder: my-rules\n"));
  CHECK(run_in(tmp.path, "sayso explain --rules my-rules involvement.hard-to-reach").status == 0);
  CHECK_THAT(run_in(tmp.path, "sayso rules list --rules my-rules").out,
             Catch::Contains("involvement.hard-to-reach"));

  // A copy of the rule under a new file name: the new file is blamed, and both places named.
  fs::copy(tmp.path / file, tmp.path / "my-rules/involvement/hard-to-reach-2.yml");
  Run twice = run_in(tmp.path, "sayso rules test my-rules/involvement/hard-to-reach-2.yml");
  CHECK(twice.status == 2);
  CHECK_THAT(twice.out, Catch::Contains("hard-to-reach-2.yml:") &&
                            Catch::Contains("another rule has this id already, at " + file));
}

TEST_CASE("rules test takes a rule file in any pack folder, and says why it cannot",
          "[cli][authoring]") {
  TempDir tmp;
  const fs::path carers = tmp.path / "proj" / "carers";
  fs::create_directories(carers);
  tmp.write("proj/carers/pack.yml",
            "name: carers\nversion: 1\nlicence: CC-BY-4.0\nmaintainers: [t]\ndescription: d\n");
  REQUIRE(run_in(tmp.path,
                 "sayso rules new --kind existence carers.hard-to-reach --out "
                 "proj/carers/hard-to-reach.yml")
              .status == 0);
  fill_in_template(carers / "hard-to-reach.yml");
  Run own = run_in(tmp.path, "sayso rules test proj/carers/hard-to-reach.yml");
  INFO(own.out);
  CHECK(own.status == 0);
  CHECK_THAT(own.out, Catch::Contains("is not in the rules folder in use") &&
                          Catch::Contains("examples: 4 passed, 0 failed"));
  // A .yaml file is a rule file too.
  fs::rename(carers / "hard-to-reach.yml", carers / "hard-to-reach.yaml");
  CHECK(run_in(tmp.path, "sayso rules test proj/carers/hard-to-reach.yaml").status == 0);
  // README's form: a .sayso.yml naming the pack; rules list and explain read it too.
  tmp.write("proj/.sayso.yml", "packs: [pack:./carers]\n");
  CHECK_THAT(run_in(tmp.path / "proj", "sayso rules list").out,
             Catch::Contains("carers.hard-to-reach"));
  CHECK(run_in(tmp.path / "proj", "sayso explain carers.hard-to-reach").status == 0);
  // A folder with no pack.yml: the real reason.
  fs::remove(carers / "pack.yml");
  Run loose = run_in(tmp.path, "sayso rules test proj/carers/hard-to-reach.yaml");
  CHECK(loose.status == 2);
  CHECK_THAT(loose.out, Catch::Contains("has no pack.yml"));
  CHECK(loose.out.find("no rules found") == std::string::npos);
}

TEST_CASE("rules subcommands give help, and say when an option lacks its value",
          "[cli][authoring]") {
  TempDir tmp;
  for (const char* help :
       {"rules new --help", "rules test --help", "rules list --help", "explain --help"}) {
    Run r = run(help);
    INFO(help);
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("Usage:"));
    CHECK(r.out.find("acronyms.unexplained") == std::string::npos);
  }
  Run no_kind = run("rules new --kind");
  CHECK(no_kind.status == 2);
  CHECK_THAT(no_kind.out, Catch::Contains("--kind needs a value"));
  for (const char* kind : {"table", "copied-text", "number-density", "long-words"}) {
    INFO(kind);
    CHECK(run(std::string("rules new --kind ") + kind + " structure.new-rule").status == 0);
  }
  CHECK_THAT(run("rules new --kind existance p.a").out, Catch::Contains("Did you mean"));
  Run capitals = run("rules new 'involvement.Hard To Reach'");
  CHECK(capitals.status == 2);
  CHECK_THAT(capitals.out, Catch::Contains("small letters"));
  CHECK_THAT(run("rules new involvement.a involvement.b").out,
             Catch::Contains("one rule at a time"));
  CHECK_THAT(run("rules new involvement.vague-plans").out,
             Catch::Contains("involvement.vague-plans is the id of a rule already"));
  CHECK_THAT(run("rules new p.a --out " + shell_quote((tmp.path / "nodir/x.yml").string())).out,
             Catch::Contains("there is no folder"));
  // --rules before the command works as the main help says.
  CHECK_THAT(run("--rules " + std::string(SAYSO_CORPUS_DIR) + "/../rules rules list").out,
             Catch::Contains("rules folder: "));
}

TEST_CASE("sayso config shows the settings a file is checked with and where each is written",
          "[cli][config]") {
  TempDir tmp;
  fs::create_directories(tmp.path / "proj" / "drafts");
  tmp.write(".sayso.yml",
            "profile: nihr\nrules:\n  plain-english.passive-voice: off\n  acronyms: error\n");
  tmp.write("proj/.sayso.yml",
            "words: [Kooth]\noverrides:\n  - files: [\"drafts/**\"]\n    rules:\n"
            "      spelling: off\n");
  const std::string draft = tmp.write("proj/drafts/summary.md", "We utilise it.\n");
  const std::string top = (tmp.path / ".sayso.yml").string();
  const std::string near = (tmp.path / "proj" / ".sayso.yml").string();

  const Run text = run("config " + shell_quote(draft));
  INFO(text.out);
  REQUIRE(text.status == 0);
  CHECK_THAT(text.out, Catch::Contains("config files (the nearest first): " + near + ", " + top));
  CHECK_THAT(text.out, Catch::Contains("overrides for this file: " + near + ":3"));
  CHECK_THAT(text.out, Catch::Contains("profile: nihr (" + top + ":1)"));
  CHECK_THAT(text.out, Catch::Contains("plain-english-summary (from the file name)"));
  CHECK_THAT(text.out, Catch::Matches("[\\s\\S]*plain-english.passive-voice +off \\(the file says "
                                      "hint\\) +" +
                                      top + ":3[\\s\\S]*"));
  CHECK_THAT(text.out, Catch::Contains("spelling.unknown-word"));

  int status = 0;
  const Run j = run("config --format json " + shell_quote(draft));
  status = j.status;
  CHECK(status == 0);
  const json settings = json::parse(j.out)["files"][0];
  CHECK(settings["config_files"] == json::array({near, top}));
  CHECK(settings["words"] == 1);
  bool spelling_off = false;
  for (const auto& change : settings["changed_rules"])
    if (change["rule"] == "spelling.unknown-word")
      spelling_off = change["state"] == "off" && change["because"] == near + ":5";
  CHECK(spelling_off);

  // A file beside the drafts has no override; the same with check --print-config.
  const std::string beside = tmp.write("proj/summary.md", "We utilise it.\n");
  const Run other = run("check --print-config " + shell_quote(beside));
  CHECK(other.status == 0);
  CHECK_THAT(other.out, !Catch::Contains("overrides for this file"));
  CHECK_THAT(other.out, !Catch::Contains("spelling.unknown-word"));

  // Run from inside the folder, each file is read once (./.sayso.yml is the same file).
  const Run here = run_shell("cd " + shell_quote((tmp.path / "proj").string()) + " && " +
                             SAYSO_BINARY + " config --format json </dev/null");
  CHECK(json::parse(here.out)["files"][0]["config_files"] == json::array({near, top}));

  // A mistake in the settings is said as check says it.
  tmp.write("proj/.sayso.yml", "rules:\n  no.such-rule: off\n");
  const Run broken = run("config " + shell_quote(draft));
  CHECK(broken.status == 2);
  CHECK_THAT(broken.out, Catch::Contains(near + ":2: unknown rule 'no.such-rule'"));
}

TEST_CASE("check's JSON names the config files used for each file", "[cli][config]") {
  TempDir tmp;
  tmp.write(".sayso.yml", "rules:\n  plain-english.passive-voice: off\n");
  const std::string file = tmp.write("summary.md", "We utilise it.\n");
  const json j = run_json(shell_quote(file));
  CHECK(j["files"][0]["config_files"] == json::array({(tmp.path / ".sayso.yml").string()}));
  // None: an empty list, not a missing key.
  const json none = run_json(shell_quote(file) + " /nonexistent/a.md");
  CHECK(none["files"][1]["config_files"] == json::array());
}

TEST_CASE("rules list and explain show the rules as this folder's settings have them",
          "[cli][config]") {
  TempDir tmp;
  tmp.write(".sayso.yml", "rules:\n  plain-english.passive-voice: off\n  acronyms: error\n");
  const std::string in_folder =
      "cd " + shell_quote(tmp.path.string()) + " && " + std::string(SAYSO_BINARY) + " ";
  const Run list = run_shell(in_folder + "rules list </dev/null 2>&1");
  INFO(list.out);
  CHECK(list.status == 0);
  CHECK_THAT(list.out, Catch::Contains("settings from: " + (tmp.path / ".sayso.yml").string()));
  CHECK_THAT(list.out, Catch::Matches("[\\s\\S]*\nacronyms.unexplained +acronym +acronym +error "
                                      "[\\s\\S]*"));
  CHECK_THAT(list.out,
             Catch::Matches("[\\s\\S]*\nplain-english.passive-voice .* \\(off\\)\n[\\s\\S]*"));
  const Run explain = run_shell(in_folder + "explain passive-voice </dev/null 2>&1");
  CHECK_THAT(explain.out,
             Catch::Contains("Here: off, set at " + (tmp.path / ".sayso.yml").string() + ":2"));
  // Elsewhere the rule files decide.
  CHECK_THAT(run("explain passive-voice").out, !Catch::Contains("Here:"));
}

TEST_CASE("a report that cannot be written is an error, not a clean run", "[cli][bad-input]") {
  TempDir tmp;
  const std::string file = shell_quote(tmp.write("a-summary.md", "We use the data.\n"));
  const std::string sayso = std::string(SAYSO_BINARY);
  // Standard error to the pipe, standard output to a full disk.
  for (const std::string& command :
       {"check " + file, "check --format json " + file, std::string("rules list")}) {
    INFO(command);
    const Run full = run_shell(sayso + " " + command + " 2>&1 >/dev/full");
    CHECK(full.status == 2);
    CHECK(full.out.find("cannot write standard output") != std::string::npos);
  }
}

TEST_CASE("standard input is read up to the size limit, not held whole", "[cli][bad-input]") {
  const Run big = run_shell("head -c 3000000 /dev/zero | tr '\\0' a | " +
                            std::string(SAYSO_BINARY) + " check --max-bytes 1000 - 2>&1");
  CHECK(big.status == 1);
  CHECK(big.out.find("-: error: too large: more than 1000 bytes") != std::string::npos);
  const Run small = run_shell("printf 'We use it.\\n' | " + std::string(SAYSO_BINARY) +
                              " check --max-bytes 1000 -");
  CHECK(small.status == 0);
}

TEST_CASE("after -- every argument is a file, even one that starts with a dash", "[cli]") {
  TempDir tmp;
  tmp.write("-summary.md", "We will utilise the data.\n");
  const std::string cd = "cd " + shell_quote(tmp.path.string()) + " && ";
  Run r = run_shell(cd + SAYSO_BINARY + " check --format json -- -summary.md </dev/null 2>&1");
  INFO(r.out);
  REQUIRE(r.status == 0);
  const json j = json::parse(r.out);
  REQUIRE(j["files"].size() == 1);
  CHECK(j["files"][0]["path"] == "-summary.md");
  CHECK(find_rule(j["files"][0], "plain-english.") != nullptr);
  // Without "--" it is an option, and an unknown one.
  CHECK(run_shell(cd + SAYSO_BINARY + " check -summary.md </dev/null 2>&1").status == 2);
  // The same in batch: the submission is read, not taken for an option.
  Run b = run_shell(cd + SAYSO_BINARY + " batch -- -summary.md </dev/null 2>/dev/null");
  INFO(b.out);
  CHECK(b.status == 0);
  CHECK(b.out.find("\"-summary.md\"") != std::string::npos);
}

TEST_CASE("check shows an involvement section's level, overall and by stage", "[cli]") {
  TempDir tmp;
  const std::string file = tmp.write(
      "app.md",
      "# Plain English summary\n\nWe will test a new leaflet.\n\n"
      "# Patient and public involvement\n\n"
      "Six carers helped us choose the research question, and we changed it because of them.\n"
      "A patient advisory group will advise us throughout the study.\n");
  Run text = run("check --fail-on never " + shell_quote(file));
  INFO(text.out);
  CHECK_THAT(text.out, Catch::Contains(file + ":5: involvement level: ") &&
                           Catch::Contains("(by stage: question: ") &&
                           Catch::Contains("dissemination: none"));
  Run as_json = run("check --format json --fail-on never " + shell_quote(file));
  const json j = json::parse(as_json.out);
  const json& sections = j["files"][0]["sections"];
  REQUIRE(sections.size() == 2);
  CHECK_FALSE(sections[0].contains("involvement_level"));
  REQUIRE(sections[1]["stages"].size() == 5);
  CHECK(sections[1]["stages"][0]["stage"] == "question");
  CHECK_FALSE(sections[1]["involvement_level"].get<std::string>().empty());
  // The sentence the level came from, where the text reports it.
  const json& from = sections[1]["involvement_level_from"];
  CHECK(from["line"].get<int>() >= 7);
  CHECK(from["column"] == 1);
  const std::string said = from["text"];
  CHECK(std::string(text.out).find("involvement level") != std::string::npos);
  CHECK((said.starts_with("Six carers") || said.starts_with("A patient advisory group")));
  CHECK(said.back() == '.');
  // Involvement in several sections is read as one plan: one line, naming where it was read.
  const std::string split = tmp.write(
      "split.md",
      "# Study\n\n## Methods\n\nWe will run a survey.\n\n### Public involvement in analysis\n\n"
      "Two carers will help us make sense of what people told us.\n\n"
      "## Patient and public involvement\n\nSix carers helped us choose the research question.\n");
  Run both = run("check --fail-on never " + shell_quote(split));
  INFO(both.out);
  std::size_t lines = 0;
  for (std::size_t at = both.out.find("involvement level:"); at != std::string::npos;
       at = both.out.find("involvement level:", at + 1))
    ++lines;
  CHECK(lines == 1);
  CHECK_THAT(both.out, Catch::Contains("read from 2 involvement sections, lines 7, 11"));
  // A file with no involvement section has no level line.
  const std::string summary = tmp.write("summary.md", "We will test a new leaflet.\n");
  CHECK(run("check " + shell_quote(summary)).out.find("involvement level") == std::string::npos);
}

TEST_CASE("a mistake in a .sayso.yml is a settings error, not a rule error", "[cli][bad-input]") {
  TempDir tmp;
  tmp.write(".sayso.yml", "rules:\n  plain-english.wordy-words: medium\n");
  const std::string file = tmp.write("a.md", "We utilise it.\n");
  Run r = run("check " + shell_quote(file));
  CHECK(r.status == 2);
  CHECK_THAT(r.out, Catch::Contains("sayso: settings error: ") &&
                        Catch::Contains(".sayso.yml:2: rule plain-english.wordy-words: 'medium'"));
  // A file that is not valid YAML, or a setting sayso does not know, is called the same.
  for (const char* settings : {"language: en_GB\nwords: [\"abc, def]\nprofile: nihr\n",
                               "profile: nihr\nlanguge: en_GB\n"}) {
    tmp.write(".sayso.yml", settings);
    Run bad = run("check " + shell_quote(file));
    INFO(bad.out);
    CHECK(bad.status == 2);
    CHECK_THAT(bad.out,
               Catch::Contains("sayso: settings error: ") && Catch::Contains(".sayso.yml:"));
  }
  // A mistake in a rule file is still a rule error (a folder with no .sayso.yml above it).
  TempDir plain;
  const std::string other = plain.write("b.md", "We utilise it.\n");
  Run rules = run("check --rules " + std::string(SAYSO_TEST_DATA_DIR) + "/bad-rules/unknown-kind " +
                  shell_quote(other));
  CHECK(rules.status == 2);
  CHECK_THAT(rules.out, Catch::Contains("sayso: rule error: "));
}
