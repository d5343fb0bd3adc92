// sayso serve's HTTP API and its security behaviour, against a real server on a free port.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "web/api_json.h"
#include "web/rule_draft.h"
#include "web/web_server.h"
#include "web_server_fixture.h"

namespace {

using sayso::testing::json_of;
using sayso::testing::RunningWebServer;
using sayso::web::WebOptions;

const char* kJargon =
    R"({"text": "We will utilise a cohort in order to assess efficacy.", "kind": "plain-english-summary", "profile": "nihr"})";

}  // namespace

TEST_CASE("web: POST /api/check answers check's sections and diagnostics, with figures", "[web]") {
  RunningWebServer running;
  auto res = running.client().Post("/api/check", kJargon, "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  const auto body = json_of(res);
  REQUIRE(body["sections"].is_array());
  CHECK(body["sections"][0]["kind"] == "plain-english-summary");
  bool found_utilise = false;
  for (const auto& d : body["diagnostics"]) {
    for (const char* key :
         {"rule", "category", "severity", "message", "line", "column", "end_line", "end_column",
          "byte_start", "byte_end", "text", "section", "suggestions"})
      CHECK(d.contains(key));
    if (d["text"] == "utilise") {
      found_utilise = true;
      CHECK(d["category"] == "jargon");
      CHECK(d["suggestions"][0] == "use");
      CHECK(d["utf16_start"] == 8);
      CHECK(d["utf16_end"] == 15);
    }
  }
  CHECK(found_utilise);
  REQUIRE(body["figures"].size() == 1);
  CHECK(body["figures"][0]["word_limit"] == 300);
  CHECK(body["figures"][0]["words"] == 10);
  CHECK(body["summary"]["total"] == body["diagnostics"].size());
}

TEST_CASE("web: UTF-16 offsets count characters outside the BMP as two units", "[web]") {
  RunningWebServer running;
  const nlohmann::json request = {{"text", "Caf\u00e9 \U0001F600 we will utilise it."},
                                  {"kind", "plain-english-summary"}};
  const auto body =
      json_of(running.client().Post("/api/check", request.dump(), "application/json"));
  bool found = false;
  for (const auto& d : body["diagnostics"])
    if (d["text"] == "utilise") {
      found = true;
      // "Café " is 5 units, the emoji 2, then " we will " 9: utilise starts at 16.
      CHECK(d["utf16_start"] == 16);
      CHECK(d["byte_start"] == 19);  // é is 2 bytes, the emoji 4
    }
  CHECK(found);
}

TEST_CASE("web: bad requests get a JSON error, never a crash", "[web]") {
  RunningWebServer running;
  auto client = running.client();
  for (const char* body :
       {"not json", "[]", "{}", R"({"text": 3})", R"({"text": "x", "kind": "poem"})",
        R"({"text": "x", "profile": "nobody"})", R"({"text": "x", "format": "pdf"})"}) {
    auto res = client.Post("/api/check", body, "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(json_of(res)["error"].is_string());
  }
  auto missing = client.Get("/api/nothing-here");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(json_of(missing)["error"].is_string());
}

TEST_CASE("web: bodies over the limit get 413 with a clear JSON error", "[web][security]") {
  WebOptions options;
  options.max_body_bytes = 1u << 20;
  RunningWebServer running(options);
  const std::string big((1u << 20) + 10, 'a');
  for (const char* path : {"/api/check", "/api/check-file?filename=big.txt", "/api/try-rule"}) {
    auto res = running.client().Post(path, big, "application/json");
    REQUIRE(res);
    CHECK(res->status == 413);
    CHECK(json_of(res)["error"].get<std::string>().find("too large: the limit is 1 MB") !=
          std::string::npos);
    CHECK(res->get_header_value("Content-Security-Policy") == sayso::web::kContentSecurityPolicy);
  }
}

TEST_CASE("web: every response carries the security headers", "[web][security]") {
  RunningWebServer running;
  auto client = running.client();
  for (const char* path : {"/", "/app.js", "/app.css", "/api/rules", "/api/profiles", "/missing"}) {
    auto res = client.Get(path);
    REQUIRE(res);
    INFO(path);
    CHECK(res->get_header_value("Content-Security-Policy") ==
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "connect-src 'self'; "
          "base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(res->get_header_value("Referrer-Policy") == "no-referrer");
  }
}

TEST_CASE("web: the page is embedded, scripts and styles are files, never inline",
          "[web][security]") {
  RunningWebServer running;
  auto client = running.client();
  auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(page->body.find("<script src=\"/app.js\"") != std::string::npos);
  CHECK(page->body.find("<link rel=\"stylesheet\" href=\"/app.css\">") != std::string::npos);
  CHECK(page->body.find("<script>") == std::string::npos);
  CHECK(page->body.find("<style") == std::string::npos);
  CHECK(page->body.find(" style=\"") == std::string::npos);
  CHECK(page->body.find("http://") == std::string::npos);
  CHECK(page->body.find("https://") == std::string::npos);
  auto script = client.Get("/app.js");
  REQUIRE(script);
  CHECK(script->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
  CHECK(script->body.find("/api/check") != std::string::npos);
}

TEST_CASE("web: uploads are read by their name's extension and never as a path",
          "[web][security]") {
  RunningWebServer running;
  auto client = running.client();
  SECTION("a Markdown upload is checked and its text returned") {
    auto res = client.Post("/api/check-file?filename=summary.md&kind=plain-english-summary",
                           "# Plain English summary\n\nWe will utilise a cohort.\n",
                           "application/octet-stream");
    REQUIRE(res);
    CHECK(res->status == 200);
    const auto body = json_of(res);
    CHECK(body["format"] == "markdown");
    CHECK(body["filename"] == "summary.md");
    CHECK(body["text"].get<std::string>().find("utilise") != std::string::npos);
    CHECK(!body["diagnostics"].empty());
  }
  SECTION("a path in the name is cut to its last part; the file system is never read") {
    auto res = client.Post("/api/check-file?filename=../../etc/passwd.txt", "plain words",
                           "application/octet-stream");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(json_of(res)["filename"] == "passwd.txt");
    CHECK(json_of(res)["text"] == "plain words");
  }
  SECTION("other formats and missing names are refused") {
    for (const char* path : {"/api/check-file?filename=app.pdf", "/api/check-file?filename=secret",
                             "/api/check-file"}) {
      auto res = client.Post(path, "text", "application/octet-stream");
      REQUIRE(res);
      CHECK(res->status == 415);
    }
  }
  SECTION("binary bytes under a text name are reported, not linted") {
    const std::string binary("\x00\x01\x02\x03\x00\xff", 6);
    auto res =
        client.Post("/api/check-file?filename=notes.txt", binary, "application/octet-stream");
    REQUIRE(res);
    CHECK(res->status == 422);
    CHECK(json_of(res)["error"].get<std::string>().find("binary") != std::string::npos);
  }
}

TEST_CASE("web: requests beyond the concurrency bound get 503", "[web][security]") {
  WebOptions options;
  options.max_concurrent_requests = 1;
  RunningWebServer running(options);
  auto client = running.client();
  {
    auto held = running.server().limiter().try_acquire();  // the one slot is busy
    REQUIRE(held.granted());
    auto res = client.Post("/api/check", kJargon, "application/json");
    REQUIRE(res);
    CHECK(res->status == 503);
    CHECK(res->get_header_value("Retry-After") == "1");
    CHECK(json_of(res)["error"].get<std::string>().find("busy") != std::string::npos);
    // Static files are never turned away.
    CHECK(client.Get("/app.css")->status == 200);
  }
  CHECK(client.Post("/api/check", kJargon, "application/json")->status == 200);
  CHECK(running.server().limiter().in_flight() == 0);
}

TEST_CASE("web: checks one after another run on one thread, whichever connection brings them",
          "[web]") {
  // Each check thread keeps its own spellers, parsers and word caches (tens of MB): they must
  // not be made again on every thread of the HTTP server's pool.
  RunningWebServer running;
  for (int i = 0; i < 6; ++i) {
    auto client = running.client();  // a new connection, so perhaps another HTTP thread
    CHECK(client.Post("/api/check", kJargon, "application/json")->status == 200);
  }
  CHECK(running.server().check_threads_used() == 1);
}

TEST_CASE("web: GET /api/rules lists every rule with explanation, examples and provenance",
          "[web]") {
  RunningWebServer running;
  const auto body = json_of(running.client().Get("/api/rules"));
  REQUIRE(body["rules"].size() > 20);
  bool found = false;
  for (const auto& rule : body["rules"]) {
    CHECK(!rule["explanation"].get<std::string>().empty());
    CHECK(rule["examples"]["flag"].size() >= 1);
    CHECK(rule.contains("written_with"));
    CHECK(rule.contains("reviewed_by"));
    CHECK(rule["file"].get<std::string>().front() != '/');
    if (rule["id"] == "plain-english.wordy-words") {
      found = true;
      CHECK(rule["swaps"].is_array());
    }
  }
  CHECK(found);
}

TEST_CASE("web: POST /api/try-rule compiles a draft with the real engine and tries it", "[web]") {
  RunningWebServer running;
  const nlohmann::json draft = {
      {"rule",
       {{"look_for", "stakeholder*"},
        {"say_instead", "people with an interest"},
        {"why", "Many people do not know what a stakeholder is."},
        {"flag_examples", {"We met our stakeholders.", "Every stakeholder was asked."}},
        {"pass_examples", {"We met the people who use the service.", "We asked carers."}},
        {"written_with", "Brumfield public panel"}}},
      {"text", "Our stakeholders will help."},
      {"kind", "plain-english-summary"}};
  const auto body =
      json_of(running.client().Post("/api/try-rule", draft.dump(), "application/json"));
  CHECK(body["compiled"] == true);
  CHECK(body["ready"] == true);
  CHECK(body["problems"].empty());
  REQUIRE(body["examples"].size() == 4);
  for (const auto& example : body["examples"]) CHECK(example["as_expected"] == true);
  REQUIRE(body["text_findings"].size() == 1);
  CHECK(body["text_findings"][0]["text"] == "stakeholders");
  CHECK(body["text_findings"][0]["suggestions"][0] == "people with an interest");
  CHECK(body["yaml"].get<std::string>().find("kind: substitution") != std::string::npos);
}

TEST_CASE("web: a draft that misses its examples says so in plain words", "[web]") {
  RunningWebServer running;
  const nlohmann::json draft = {{"look_for", "going forward"},
                                {"why", "It says nothing."},
                                {"flag_examples", {"Going forward we will meet."}},
                                {"pass_examples", {"We will meet."}}};
  const auto body =
      json_of(running.client().Post("/api/try-rule", draft.dump(), "application/json"));
  CHECK(body["ready"] == false);
  CHECK(body["compiled"] == true);  // the trial copy still runs, so the examples are tried
  CHECK(body["examples"][0]["flagged"] == true);
  REQUIRE(!body["problems"].empty());
  CHECK(body["yaml"].get<std::string>().find("kind: existence") != std::string::npos);
}

TEST_CASE("web: only loopback hosts are local", "[web][security]") {
  using sayso::web::is_loopback_host;
  CHECK(is_loopback_host("127.0.0.1"));
  CHECK(is_loopback_host("127.1.2.3"));
  CHECK(is_loopback_host("localhost"));
  CHECK(is_loopback_host("::1"));
  CHECK_FALSE(is_loopback_host("0.0.0.0"));
  CHECK_FALSE(is_loopback_host("192.168.1.5"));
  CHECK_FALSE(is_loopback_host("127.0.0.1.example.com"));
  CHECK_FALSE(is_loopback_host("::"));
}

TEST_CASE("web: the draft's id and YAML follow the rule format", "[web]") {
  sayso::web::RuleDraft draft;
  draft.look_for = {"Hard-to-reach groups!"};
  draft.why = "It blames people.";
  CHECK(sayso::web::draft_rule_id(draft) == "suggested.hard-to-reach-groups");
  draft.name = "Seldom heard";
  CHECK(sayso::web::draft_rule_id(draft) == "suggested.seldom-heard");
  const std::string yaml = sayso::web::draft_yaml(draft);
  const YAML::Node root = YAML::Load(yaml);
  REQUIRE(root["rules"].size() == 1);
  CHECK(root["rules"][0]["id"].as<std::string>() == "suggested.seldom-heard");
  CHECK(root["rules"][0]["phrases"][0].as<std::string>() == "Hard-to-reach groups!");
  CHECK(root["rules"][0]["status"].as<std::string>() == "draft");
}

TEST_CASE("web: GET /api/about says whether the text stays on this computer", "[web][security]") {
  RunningWebServer running;
  const auto body = json_of(running.client().Get("/api/about"));
  CHECK(body["local"] == true);
  CHECK(body["host"] == "127.0.0.1");
  CHECK(body["max_request_bytes"] == WebOptions{}.max_body_bytes);
}

TEST_CASE("web: a check answers the readability targets its findings use, after the profile",
          "[web]") {
  RunningWebServer running;
  const auto body = json_of(running.client().Post("/api/check", kJargon, "application/json"));
  REQUIRE(body["targets"].is_array());
  std::map<std::string, double> max_by_metric;
  for (const auto& t : body["targets"]) {
    CHECK(t.contains("rule"));
    CHECK(t["scope"].is_object());
    max_by_metric[t["metric"].get<std::string>()] = t["max"].get<double>();
  }
  // The same figures as the rule files, so the page cannot disagree with the findings.
  const YAML::Node file =
      YAML::LoadFile(std::string(SAYSO_SOURCE_RULES_DIR) + "/plain-english/readability.yml");
  int compared = 0;
  for (const auto& rule : file["rules"]) {
    if (!rule["metric"] || !rule["max"]) continue;
    const auto metric = rule["metric"].as<std::string>();
    if (metric != "reading-age" && metric != "sentence-words" && metric != "average-sentence-words")
      continue;
    CHECK(max_by_metric.at(metric) == rule["max"].as<double>());
    ++compared;
  }
  CHECK(compared == 3);
}

TEST_CASE("web: each involvement checklist has its own heading from its rule", "[web]") {
  RunningWebServer running;
  const nlohmann::json request = {
      {"text",
       "Patients were consulted about the design of the study. PPI will be sought where "
       "possible. We will send a newsletter to share results with participants."},
      {"kind", "involvement"}};
  const auto body =
      json_of(running.client().Post("/api/check", request.dump(), "application/json"));
  std::map<std::string, std::string> heading_of;
  for (const auto& f : body["figures"])
    for (const auto& c : f["checklists"]) heading_of[c["rule"]] = c["heading"];
  REQUIRE(heading_of.size() >= 7);
  CHECK(heading_of["co-production.standard-1-inclusive-opportunities"] ==
        "UK Standard 1 (inclusive opportunities)");
  CHECK(heading_of["co-production.standard-6-governance"] == "UK Standard 6 (governance)");
  std::set<std::string> distinct;
  for (const auto& [rule, heading] : heading_of) {
    INFO(rule);
    CHECK(heading.find('{') == std::string::npos);
    CHECK(distinct.insert(heading).second);
  }
}

TEST_CASE("web: a rule's heading comes from its title, its message or its id", "[web]") {
  sayso::Rule rule;
  rule.id = "co-production.involvement-checklist";
  rule.message = "This plan covers {count} of {limit} things. Add: {missing}.";
  CHECK(sayso::web::rule_heading(rule) == "Involvement checklist");
  rule.message = "UK Standard 2 (working together): nothing here yet shows {missing}.";
  CHECK(sayso::web::rule_heading(rule) == "UK Standard 2 (working together)");
  rule.message = "A very long message that goes on and on well past sixty letters before: {x}";
  CHECK(sayso::web::rule_heading(rule) == "Involvement checklist");
  rule.node = sayso::DataNode::map();
  rule.node.set("title", sayso::DataNode::text("Working together"));
  CHECK(sayso::web::rule_heading(rule) == "Working together");
}
