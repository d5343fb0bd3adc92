// sayso serve answers only requests meant for it: the Host header must name this server (DNS
// rebinding), and API POSTs must come from the page itself, not from another website.
#include <catch2/catch.hpp>

#include <string>

#include "web/request_origin.h"
#include "web/web_server.h"
#include "web_server_fixture.h"

namespace {

using sayso::testing::RunningWebServer;
using sayso::web::cross_site_problem;
using sayso::web::host_problem;
using sayso::web::OriginPolicy;

const char* kText = R"({"text": "We will utilise it.", "kind": "plain-english-summary"})";

}  // namespace

TEST_CASE("web origin: the Host must be this server's address and port", "[web][security]") {
  const OriginPolicy local{"127.0.0.1", 8080, false};
  CHECK_FALSE(host_problem(local, "127.0.0.1:8080"));
  CHECK_FALSE(host_problem(local, "localhost:8080"));
  CHECK_FALSE(host_problem(local, "LocalHost:8080"));
  CHECK_FALSE(host_problem(local, "[::1]:8080"));
  CHECK(host_problem(local, "evil.example:8080"));
  CHECK(host_problem(local, "localhost.evil.example:8080"));
  CHECK(host_problem(local, "127.0.0.1:8081"));
  CHECK(host_problem(local, "127.0.0.1"));  // port 80 implied
  CHECK(host_problem(local, "127.0.0.1:"));
  CHECK(host_problem(local, "127.0.0.1:8080x"));
  CHECK(host_problem(local, "::1:8080"));
  CHECK(host_problem(local, ""));
  CHECK(host_problem(local, std::nullopt));
  CHECK(host_problem(local, "[::1"));
  const OriginPolicy port80{"127.0.0.1", 80, false};
  CHECK_FALSE(host_problem(port80, "localhost"));
  const OriginPolicy v6{"::1", 9000, false};
  CHECK_FALSE(host_problem(v6, "[::1]:9000"));
  const OriginPolicy other_loopback{"127.0.0.2", 9000, false};
  CHECK_FALSE(host_problem(other_loopback, "127.0.0.2:9000"));
  CHECK(host_problem(other_loopback, "127.0.0.3:9000"));
  // --allow-remote on a named address: that name, and this machine's names.
  const OriginPolicy named{"192.168.1.5", 8080, true};
  CHECK_FALSE(host_problem(named, "192.168.1.5:8080"));
  CHECK_FALSE(host_problem(named, "localhost:8080"));
  CHECK(host_problem(named, "evil.example:8080"));
  // --allow-remote on every address: the server answers the network under any name.
  const OriginPolicy everywhere{"0.0.0.0", 8080, true};
  CHECK_FALSE(host_problem(everywhere, "laptop.lan:8080"));
  // Without --allow-remote a wildcard is not a licence.
  const OriginPolicy wildcard_local{"0.0.0.0", 8080, false};
  CHECK(host_problem(wildcard_local, "evil.example:8080"));
}

TEST_CASE("web origin: POSTs must come from the page itself", "[web][security]") {
  CHECK_FALSE(cross_site_problem("127.0.0.1:8080", std::nullopt, std::nullopt));  // curl
  CHECK_FALSE(cross_site_problem("127.0.0.1:8080", "http://127.0.0.1:8080", "same-origin"));
  CHECK_FALSE(cross_site_problem("localhost:8080", "http://localhost:8080", std::nullopt));
  CHECK(cross_site_problem("127.0.0.1:8080", "https://evil.example", std::nullopt));
  CHECK(cross_site_problem("127.0.0.1:8080", "http://localhost:8080", std::nullopt));
  CHECK(cross_site_problem("127.0.0.1:8080", "http://127.0.0.1:8081", std::nullopt));
  CHECK(cross_site_problem("127.0.0.1:8080", "null", std::nullopt));
  CHECK(cross_site_problem("127.0.0.1:8080", std::nullopt, "cross-site"));
  CHECK(cross_site_problem("127.0.0.1:8080", std::nullopt, "same-site"));
  CHECK(cross_site_problem("127.0.0.1:8080", "http://127.0.0.1:8080", "cross-site"));
}

TEST_CASE("web origin: the server refuses other hosts and other websites with 403",
          "[web][security]") {
  RunningWebServer running;
  auto client = running.client();
  const std::string port = std::to_string(running.port());

  SECTION("a request for another host name (DNS rebinding) is refused, even a GET") {
    for (const char* path : {"/", "/api/profiles", "/api/rules"}) {
      auto res = client.Get(path, {{"Host", "evil.example:" + port}});
      REQUIRE(res);
      INFO(path);
      CHECK(res->status == 403);
      CHECK(res->get_header_value("Content-Type").rfind("text/plain", 0) == 0);
      CHECK(res->body.find("not this server's address") != std::string::npos);
      CHECK(res->get_header_value("Content-Security-Policy").size() > 0);
    }
    auto post =
        client.Post("/api/check", {{"Host", "evil.example:" + port}}, kText, "application/json");
    REQUIRE(post);
    CHECK(post->status == 403);
  }
  SECTION("a cross-site POST is refused before any work is done") {
    for (const char* path : {"/api/check", "/api/try-rule", "/api/check-file?filename=a.txt"}) {
      auto res = client.Post(path, {{"Origin", "https://evil.example"}}, kText, "text/plain");
      REQUIRE(res);
      INFO(path);
      CHECK(res->status == 403);
      CHECK(res->body.find("another website") != std::string::npos);
    }
    auto fetch_site =
        client.Post("/api/check", {{"Sec-Fetch-Site", "cross-site"}}, kText, "application/json");
    REQUIRE(fetch_site);
    CHECK(fetch_site->status == 403);
  }
  SECTION("the page's own requests are answered") {
    auto page = client.Get("/", {{"Host", "localhost:" + port}});
    REQUIRE(page);
    CHECK(page->status == 200);
    auto res = client.Post(
        "/api/check", {{"Origin", "http://127.0.0.1:" + port}, {"Sec-Fetch-Site", "same-origin"}},
        kText, "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
    auto plain = client.Post("/api/check", kText, "application/json");  // no browser: curl
    REQUIRE(plain);
    CHECK(plain->status == 200);
  }
}

TEST_CASE("web origin: with --allow-remote on every address, any host name reaches the page",
          "[web][security]") {
  sayso::web::WebOptions options;
  options.host = "0.0.0.0";
  options.allow_remote = true;
  RunningWebServer running(options);
  auto client = running.client();
  const std::string host = "laptop.lan:" + std::to_string(running.port());
  auto page = client.Get("/", {{"Host", host}});
  REQUIRE(page);
  CHECK(page->status == 200);
  auto same = client.Post("/api/check", {{"Host", host}, {"Origin", "http://" + host}}, kText,
                          "application/json");
  REQUIRE(same);
  CHECK(same->status == 200);
  auto cross = client.Post("/api/check", {{"Host", host}, {"Origin", "https://evil.example"}},
                           kText, "application/json");
  REQUIRE(cross);
  CHECK(cross->status == 403);
}
