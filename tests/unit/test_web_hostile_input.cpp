// Requests meant to crash, hang or swell sayso serve: each gets a JSON answer with the security
// headers, the server keeps to its size limit whatever way the body comes, and it goes on
// answering afterwards.
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "web/rule_draft.h"
#include "web/web_server.h"
#include "web_server_fixture.h"

namespace {

using sayso::testing::json_of;
using sayso::testing::RunningWebServer;
using sayso::web::WebOptions;

constexpr std::size_t kLimit = 1u << 20;

WebOptions one_megabyte_limit() {
  WebOptions options;
  options.max_body_bytes = kLimit;
  return options;
}

// A JSON error with the security headers: the server answered the request itself.
void check_json_error(const httplib::Result& res, int status) {
  REQUIRE(res);
  CHECK(res->status == status);
  CHECK(json_of(res)["error"].is_string());
  CHECK(res->get_header_value("Content-Security-Policy") == sayso::web::kContentSecurityPolicy);
}

std::string check_request(const std::string& text) {
  return nlohmann::json{{"text", text}, {"kind", "plain-english-summary"}}.dump();
}

// Sends `total` bytes of `body_byte` in chunks, with no length given beforehand.
httplib::Result post_chunked(httplib::Client& client, const char* path, std::size_t total) {
  return client.Post(
      path,
      [total](std::size_t offset, httplib::DataSink& sink) {
        const std::string chunk(64u << 10, 'a');
        if (offset >= total) {
          sink.done();
          return true;
        }
        return sink.write(chunk.data(), std::min(chunk.size(), total - offset));
      },
      "application/json");
}

}  // namespace

TEST_CASE("web hostile input: a chunked body over the limit gets 413, and the server goes on",
          "[web][security]") {
  RunningWebServer running(one_megabyte_limit());
  auto client = running.client();
  // httplib 0.11 reads chunked bodies without any limit: 64 MB here, GBs from an attacker.
  check_json_error(post_chunked(client, "/api/check", 64u << 20), 413);
  check_json_error(post_chunked(client, "/api/try-rule", 2 * kLimit), 413);
  auto after = client.Post("/api/check", check_request("We will utilise it."), "application/json");
  REQUIRE(after);
  CHECK(after->status == 200);
}

TEST_CASE("web hostile input: a compressed body is held to the limit once inflated",
          "[web][security]") {
  RunningWebServer running(one_megabyte_limit());
  auto client = running.client();
  client.set_compress(true);  // gzip: 3 MB of one letter is a few KB on the wire
  check_json_error(client.Post("/api/check", std::string(3 * kLimit, 'a'), "application/json"),
                   413);
}

TEST_CASE("web hostile input: any content type is read as the body", "[web][security]") {
  RunningWebServer running;
  auto client = running.client();
  // A form-encoded body over 8 KB was refused by httplib with 413 (saying the limit was 5 MB).
  const std::string long_text = check_request(std::string(20000, 'a') + " We will utilise it.");
  for (const char* type : {"application/x-www-form-urlencoded", "text/plain", ""}) {
    INFO(type);
    auto res = client.Post("/api/check", long_text, type);
    REQUIRE(res);
    CHECK(res->status == 200);
  }
  // A form's field is not a query parameter: the file name comes from the URL or a header.
  auto form =
      client.Post("/api/check-file", "filename=notes.txt", "application/x-www-form-urlencoded");
  check_json_error(form, 415);
  httplib::MultipartFormDataItems parts = {{"text", "We will utilise it.", "", ""}};
  check_json_error(client.Post("/api/check", parts), 415);
}

TEST_CASE("web hostile input: other methods are refused before their bodies are read",
          "[web][security]") {
  RunningWebServer running;
  auto client = running.client();
  check_json_error(client.Put("/api/check", check_request("x"), "application/json"), 405);
  check_json_error(client.Delete("/api/check"), 405);
  auto about = client.Get("/api/about");
  REQUIRE(about);
  CHECK(about->status == 200);
}

TEST_CASE("web hostile input: bytes that are not UTF-8 are answered, never a bare 500",
          "[web][security]") {
  RunningWebServer running;
  auto client = running.client();
  check_json_error(client.Get("/%FF%FE"), 404);
  check_json_error(client.Post("/api/check-file?filename=a.txt&profile=%FF", "We will utilise it.",
                               "application/octet-stream"),
                   400);
  auto named = client.Post("/api/check-file?filename=%FF.txt", std::string("caf\xe9 \xff utilise"),
                           "application/octet-stream");
  REQUIRE(named);
  CHECK(named->status == 200);
  const auto body = json_of(named);
  CHECK(body["filename"] == "\xEF\xBF\xBD.txt");  // U+FFFD
  CHECK(!body["diagnostics"].empty());
  const std::string not_utf8 = "{\"text\": \"caf\xe9\"}";
  check_json_error(client.Post("/api/check", not_utf8, "application/json"), 400);
}

TEST_CASE("web hostile input: JSON nested thousands deep is refused before it is read",
          "[web][security]") {
  RunningWebServer running;
  auto client = running.client();
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  check_json_error(client.Post("/api/check", deep, "application/json"), 400);
  check_json_error(client.Post("/api/try-rule", "{\"rule\": " + deep + "}", "application/json"),
                   400);
  const std::string deep_kind =
      "{\"text\": \"x\", \"kind\": " + std::string(1000, '[') + std::string(1000, ']') + "}";
  check_json_error(client.Post("/api/check", deep_kind, "application/json"), 400);
}

TEST_CASE("web hostile input: a draft rule with thousands of examples is refused at once",
          "[web][security]") {
  RunningWebServer running;
  auto client = running.client();
  std::string many_lines;
  for (std::size_t i = 0; i <= sayso::web::kMaxDraftExamples; ++i) many_lines += "stakeholder\n";
  const nlohmann::json draft = {{"look_for", "stakeholder"},
                                {"why", "Many people do not know the word."},
                                {"flag_examples", many_lines}};
  auto res = client.Post("/api/try-rule", draft.dump(), "application/json");
  check_json_error(res, 400);
  CHECK(json_of(res)["error"].get<std::string>().find("at most") != std::string::npos);
  nlohmann::json phrases = nlohmann::json::array();
  for (std::size_t i = 0; i <= sayso::web::kMaxDraftPhrases; ++i)
    phrases.push_back("w" + std::to_string(i));
  check_json_error(client.Post("/api/try-rule", nlohmann::json{{"look_for", phrases}}.dump(),
                               "application/json"),
                   400);
}
