// The web front's answers to the blind review of the page (sayso serve): positions in a pasted
// text that starts with U+FEFF, page wording for findings, the suggest-a-rule form's problems in
// the form's own words, HTTP status codes for wrong methods, over-long request lines and bodies
// that are not UTF-8, one answer per connection, and requests that wait for a check slot.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <future>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../unit/web_server_fixture.h"
#include "web/page_wording.h"
#include "web/request_limiter.h"
#include "web/rule_draft.h"

using sayso::testing::json_of;
using sayso::testing::RunningWebServer;
using sayso::web::page_message;

namespace {

// Sends `bytes` on a new connection and returns everything the server says until it closes it.
std::string raw_exchange(int port, const std::string& bytes) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  REQUIRE(send(fd, bytes.data(), bytes.size(), 0) == static_cast<ssize_t>(bytes.size()));
  std::string answer;
  char buffer[4096];
  for (ssize_t got; (got = recv(fd, buffer, sizeof(buffer), 0)) > 0;)
    answer.append(buffer, static_cast<std::size_t>(got));
  close(fd);
  return answer;
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// UTF-16 code units of a UTF-8 text (as the page's JavaScript counts).
std::size_t utf16_length(const std::string& text) {
  std::size_t units = 0;
  for (unsigned char b : text)
    if ((b & 0xC0) != 0x80) units += b >= 0xF0 ? 2 : 1;
  return units;
}

// The kernel's count of connections dropped because a listen queue was full (TcpExt
// ListenOverflows in /proc/net/netstat), or -1 when it cannot be read.
long listen_overflows() {
  std::ifstream netstat("/proc/net/netstat");
  std::string names, values;
  while (std::getline(netstat, names) && std::getline(netstat, values)) {
    if (names.rfind("TcpExt:", 0) != 0) continue;
    std::istringstream name_words(names), value_words(values);
    for (std::string name, value; name_words >> name && value_words >> value;)
      if (name == "ListenOverflows") return std::stol(value);
  }
  return -1;
}

nlohmann::json finding_of(const nlohmann::json& body, const std::string& rule) {
  for (const auto& d : body["diagnostics"])
    if (d["rule"] == rule) return d;
  FAIL("no finding of " << rule);
  return {};
}

}  // namespace

TEST_CASE("web front: a pasted text that starts with U+FEFF is measured as it was sent", "[web]") {
  RunningWebServer running;
  for (const std::string& newline : {std::string("\n"), std::string("\r\n")}) {
    const std::string text = "\xEF\xBB\xBFWe will utilise it." + newline + "The RCT starts soon.";
    const auto body = json_of(running.client().Post(
        "/api/check", nlohmann::json{{"text", text}}.dump(), "application/json"));
    bool saw_utilise = false;
    for (const auto& d : body["diagnostics"]) {
      const std::size_t start = d["utf16_start"], end = d["utf16_end"];
      if (end <= start) continue;
      // The words at the positions, counted in the text with its U+FEFF, are the finding's.
      const std::string word = d["text"];
      const std::size_t at = text.find(word);
      REQUIRE(at != std::string::npos);
      CHECK(start == utf16_length(text.substr(0, at)));
      CHECK(end == start + utf16_length(word));
      saw_utilise = saw_utilise || word == "utilise";
    }
    CHECK(saw_utilise);
  }
  // An opened file's text comes back without the mark, and its positions fit that text.
  const std::string file = "\xEF\xBB\xBFWe will utilise it.";
  const auto opened = json_of(
      running.client().Post("/api/check-file?filename=a.txt", file, "application/octet-stream"));
  CHECK(opened["text"] == "We will utilise it.");
  const auto d = finding_of(opened, "plain-english.wordy-words");
  CHECK(d["utf16_start"] == 8);
}

TEST_CASE("web front: findings say what a reader of the page can do", "[web]") {
  SECTION("word-list and settings-file advice is left out") {
    CHECK(page_message("'Llinos' may be misspelled. Did you mean 'Llanos'? If 'Llinos' is right, "
                       "add it to your word list.",
                       "spelling") ==
          "'Llinos' may be misspelled. Did you mean 'Llanos'? If it is a name or a word in "
          "another language, you can leave it.");
    CHECK(page_message("'papur' may be misspelled. Check it, or add it to your word list if it "
                       "is right.",
                       "spelling") ==
          "'papur' may be misspelled. Check it. If it is a name or a word in another language, "
          "you can leave it.");
    CHECK(page_message("'NHSX' is not in the dictionary. If it is a technical term or a name, add "
                       "it to your word list; if it is for the public, explain it.",
                       "spelling") ==
          "'NHSX' is not in the dictionary. If it is for the public, explain it. If it is a name "
          "or a word in another language, you can leave it.");
    CHECK(page_message("This plain-English summary has 500 words, more than the limit of 300. "
                       "Cut it, or set your funder's own limit in .sayso.yml.",
                       "structure") ==
          "This plain-English summary has 500 words, more than the limit of 300. Cut it.");
  }
  SECTION("encodings become letters that may show wrongly") {
    const std::string said = page_message(
        "This file is not saved as UTF-8. sayso read it as Windows-1252 (Western European), so "
        "characters such as £ and curly quotes are kept. Save it as UTF-8 so that every tool "
        "reads it the same way.",
        "structure");
    CHECK(said.find("UTF-8") == std::string::npos);
    CHECK(said.find("Windows") == std::string::npos);
    CHECK(said.find("letters") != std::string::npos);
  }
  SECTION("other messages are kept word for word") {
    const std::string plain = "Try 'use' instead of 'utilise'. Everyday words are easier to read.";
    CHECK(page_message(plain, "jargon") == plain);
  }
  SECTION("the API gives each finding its page wording") {
    RunningWebServer running;
    const auto body = json_of(running.client().Post(
        "/api/check", nlohmann::json{{"text", "We will meet Llinos at the libary."}}.dump(),
        "application/json"));
    bool spelling = false;
    for (const auto& d : body["diagnostics"]) {
      const std::string said = d["page_message"];
      CHECK(said.find("word list") == std::string::npos);
      CHECK(said.find(".sayso.yml") == std::string::npos);
      spelling = spelling || d["category"] == "spelling";
    }
    CHECK(spelling);
  }
}

TEST_CASE("web front: UTF-8 is checked the way JSON needs it", "[web]") {
  using sayso::web::is_valid_utf8;
  CHECK(is_valid_utf8("plain £ “quotes” 😷"));
  CHECK_FALSE(is_valid_utf8("caf\xE9"));
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a surrogate
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xE2\x80"));          // cut short
}

TEST_CASE("web front: the HTTP answers say what was wrong", "[web]") {
  RunningWebServer running;
  auto client = running.client();
  SECTION("a POST-only route asked with GET is 405, and the reverse") {
    for (const char* path : {"/api/check", "/api/check-file", "/api/try-rule"}) {
      auto res = client.Get(path);
      REQUIRE(res);
      INFO(path);
      CHECK(res->status == 405);
      CHECK(res->get_header_value("Allow") == "POST");
    }
    auto rules = client.Post("/api/rules", "{}", "application/json");
    REQUIRE(rules);
    CHECK(rules->status == 405);
    CHECK(rules->get_header_value("Allow") == "GET");
    CHECK(client.Get("/api/nothing-here")->status == 404);
  }
  SECTION("a request line over 8 KB is 414, not a missing Host header") {
    const std::string request =
        "POST /api/check-file?filename=" + std::string(9000, 'a') +
        ".txt HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(running.port()) +
        "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    const std::string answer = raw_exchange(running.port(), request);
    CHECK(answer.rfind("HTTP/1.1 414", 0) == 0);
    CHECK(answer.find("Host header") == std::string::npos);
    CHECK(answer.find("too long") != std::string::npos);
  }
  SECTION("a JSON body with bytes that are not UTF-8 says so") {
    for (const char* path : {"/api/check", "/api/try-rule"}) {
      auto res = client.Post(path, "{\"text\": \"caf\xE9 au lait\", \"look_for\": \"x\"}",
                             "application/json");
      REQUIRE(res);
      INFO(path);
      CHECK(res->status == 400);
      CHECK(json_of(res)["error"].get<std::string>().find("not UTF-8") != std::string::npos);
    }
  }
  SECTION("a body that is not JSON gets the parser's reason; a lone surrogate escape is read") {
    auto broken =
        client.Post("/api/check", "{\"text\": \"We will utilise it.\",}", "application/json");
    REQUIRE(broken);
    CHECK(broken->status == 400);
    CHECK(json_of(broken)["error"].get<std::string>().starts_with(
        "The request is not valid JSON (column 32: syntax error"));
    auto lone =
        client.Post("/api/check", R"({"text": "We will utilise \ud800 it."})", "application/json");
    REQUIRE(lone);
    CHECK(lone->status == 200);
  }
  SECTION("pipelined requests: the first is answered and the connection is closed at once") {
    const std::string host = "Host: 127.0.0.1:" + std::to_string(running.port()) + "\r\n";
    const auto started = std::chrono::steady_clock::now();
    const std::string answer =
        raw_exchange(running.port(), "GET /api/about HTTP/1.1\r\n" + host +
                                         "\r\nGET /api/profiles HTTP/1.1\r\n" + host +
                                         "Connection: close\r\n\r\n");
    const auto took = std::chrono::steady_clock::now() - started;
    CHECK(answer.rfind("HTTP/1.1 200", 0) == 0);
    CHECK(count_of(answer, "HTTP/1.1 ") == 1);
    // "Connection: close" tells the client to send the second again on a new connection; it is
    // not left waiting for an answer that never comes.
    CHECK(answer.find("Connection: close") != std::string::npos);
    CHECK(took < std::chrono::seconds(2));
  }
}

TEST_CASE("web front: a request waits briefly for a busy check slot instead of failing", "[web]") {
  sayso::web::RequestLimiter limiter(1);
  auto held = limiter.try_acquire();
  REQUIRE(held.granted());
  auto waiter = std::async(std::launch::async,
                           [&] { return limiter.acquire_within(std::chrono::seconds(5), 4); });
  while (limiter.waiting() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // Only so many may wait: the next is turned away at once.
  CHECK_FALSE(limiter.acquire_within(std::chrono::seconds(5), 1).granted());
  held.release();
  auto got = waiter.get();
  CHECK(got.granted());
  CHECK_FALSE(limiter.acquire_within(std::chrono::milliseconds(20), 4).granted());  // in time
  got.release();
  CHECK(limiter.in_flight() == 0);
}

TEST_CASE("web front: twenty checks at once are all answered, idle connections hold up none",
          "[web]") {
  RunningWebServer running;
  // Eight connections that send nothing, as a browser opens some ahead of time.
  std::vector<int> idle;
  for (int i = 0; i < 8; ++i) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(running.port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
    idle.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto started = std::chrono::steady_clock::now();
  CHECK(running.client().Get("/api/about")->status == 200);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
  std::string text;
  for (int i = 0; i < 100; ++i) text += "We will utilise a cohort of participants in the study. ";
  std::vector<std::future<int>> checks;
  for (int i = 0; i < 20; ++i)
    checks.push_back(std::async(std::launch::async, [&] {
      auto res = running.client().Post("/api/check", nlohmann::json{{"text", text}}.dump(),
                                       "application/json");
      return res ? res->status : -1;
    }));
  for (auto& check : checks) CHECK(check.get() == 200);
  for (int fd : idle) close(fd);
}

TEST_CASE("web front: a burst of new connections is taken at once, none waits for a resend",
          "[web]") {
  // A room of contributors opening the page together: the kernel must queue every connection
  // until the server accepts it. With a short listen queue the extra ones were dropped, and
  // their computers sent them again a second or more later.
  RunningWebServer running;
  constexpr int kConnections = 48;
  const std::string request =
      "GET /api/about HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(running.port()) + "\r\n\r\n";
  const long overflows_before = listen_overflows();
  REQUIRE(overflows_before >= 0);
  std::vector<int> fds;
  for (int i = 0; i < kConnections; ++i) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(running.port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
    send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    fds.push_back(fd);
  }
  int answered = 0;
  for (int fd : fds) {
    char buffer[16] = {};
    if (recv(fd, buffer, sizeof(buffer) - 1, MSG_WAITALL) > 0 &&
        std::string(buffer).rfind("HTTP/1.1 200", 0) == 0)
      ++answered;
    close(fd);
  }
  CHECK(answered == kConnections);
  // The kernel counts every connection it dropped for want of room (not a timing, which a busy
  // machine would blur: a dropped connection is only tried again after 1 s).
  CHECK(listen_overflows() == overflows_before);
}

TEST_CASE("web front: a text without a format is Markdown when it has a # heading", "[web]") {
  RunningWebServer running;
  const std::string application =
      "# Plain English summary\n\nWe want to help people sleep better.\n\n"
      "# Patient and public involvement\n\nSix carers chose the question with us.\n\n"
      "# Methods\n\nWe will ask 40 people to keep a sleep diary.\n";
  auto check = [&](nlohmann::json request) {
    return json_of(running.client().Post("/api/check", request.dump(), "application/json"));
  };
  const auto as_sent = check({{"text", application}, {"kind", "application"}});
  CHECK(as_sent["format"] == "markdown");
  std::vector<std::string> kinds;
  for (const auto& s : as_sent["sections"]) kinds.push_back(s["kind"]);
  CHECK(kinds == std::vector<std::string>{"plain-english-summary", "involvement", "methods"});
  // Said outright, the format wins; a text with no heading stays text.
  CHECK(check({{"text", application}, {"format", "text"}})["format"] == "text");
  CHECK(check({{"text", "We will utilise a cohort."}})["format"] == "text");
  CHECK(check({{"text", "#hashtag is not a heading"}})["format"] == "text");
  const auto refused = running.client().Post(
      "/api/check", nlohmann::json{{"text", "x"}, {"format", "docx"}}.dump(), "application/json");
  REQUIRE(refused);
  CHECK(refused->status == 400);
}

TEST_CASE("web front: the suggest-a-rule form pairs its lines and speaks the form's words",
          "[web]") {
  RunningWebServer running;
  auto try_rule = [&](const nlohmann::json& rule) {
    return json_of(running.client().Post(
        "/api/try-rule", nlohmann::json{{"rule", rule}, {"text", ""}}.dump(), "application/json"));
  };
  SECTION("the first 'say instead' line replaces the first 'look for' line, and so on") {
    const auto body =
        try_rule({{"look_for", "service user*\nhard to reach"},
                  {"say_instead", "people who use services\npeople we seldom hear from"},
                  {"why", "It sounds cold."},
                  {"flag_examples",
                   "We will talk to service users.\nWe want to "
                   "hear from hard to reach groups."},
                  {"pass_examples", "We will talk to people who use services."}});
    const std::string yaml = body["yaml"];
    CHECK(count_of(yaml, "instead_of:") == 2);
    for (const auto& example : body["examples"]) {
      if (example["text"] != "We want to hear from hard to reach groups.") continue;
      CHECK(example["flagged"] == true);
    }
    // One pass example is too few: said as the form says it, once, with no file path.
    REQUIRE(body["problems"].size() == 1);
    CHECK(body["problems"][0] == "Add one more example that should not be flagged.");
  }
  SECTION("a rule's message suggests the paired word") {
    const auto body = json_of(running.client().Post(
        "/api/try-rule",
        nlohmann::json{{"rule",
                        {{"look_for", "service user*\nhard to reach"},
                         {"say_instead", "people who use services\npeople we seldom hear from"},
                         {"why", "w"},
                         {"flag_examples", "a service user\nhard to reach groups"},
                         {"pass_examples", "a\nb"}}},
                       {"text", "We met people who are hard to reach."}}
            .dump(),
        "application/json"));
    REQUIRE(body["text_findings"].size() == 1);
    CHECK(body["text_findings"][0]["suggestions"] ==
          nlohmann::json::array({"people we seldom hear from"}));
    // Straight before a noun ("hard to reach groups") the longer phrase would not read.
  }
  SECTION("lists of other lengths are a problem that explains the pairing") {
    const auto body = try_rule({{"look_for", "a\nb\nc"},
                                {"say_instead", "x\ny"},
                                {"why", "w"},
                                {"flag_examples", "a b\nc"},
                                {"pass_examples", "d\ne"}});
    bool said = false;
    for (const auto& p : body["problems"])
      said = said || p.get<std::string>().find("the first replaces the first") != std::string::npos;
    CHECK(said);
  }
  SECTION("text written like a pattern is explained in plain words, once, with no file path") {
    const auto body = try_rule({{"look_for", "(a+)+$\n.*\n[abc]\nwell-being\ndissem*ate"},
                                {"why", "why"},
                                {"flag_examples", "wellbeing\nwell-being here"},
                                {"pass_examples", "x\ny"},
                                {"name", "r"}});
    const auto& problems = body["problems"];
    std::vector<std::string> all;
    for (const auto& p : problems) all.push_back(p);
    for (const std::string& p : all) {
      INFO(p);
      CHECK(p.find("/tmp") == std::string::npos);
      CHECK(p.find("draft.yml") == std::string::npos);
      CHECK(p.find("regex") == std::string::npos);
      CHECK(count_of(nlohmann::json(all).dump(), p) == 1);
    }
    std::size_t symbols = 0, star = 0;
    for (const std::string& p : all) {
      symbols += p.find("has symbols in it") != std::string::npos;
      star += p.find("star inside a word") != std::string::npos;
    }
    CHECK(symbols == 3);
    CHECK(star == 1);
  }
}
