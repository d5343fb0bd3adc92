// Language server layers below the features: framing, JSON-RPC parsing, protocol helpers, edits.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <streambuf>

#include "lsp/jsonrpc.h"
#include "lsp/protocol.h"
#include "lsp/server.h"
#include "lsp/transport.h"

using namespace sayso;
using namespace sayso::lsp;

namespace {

std::string frame(std::string_view body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

// Hands out its input a few bytes at a time, as a pipe may.
class ChunkedBuffer : public std::streambuf {
 public:
  ChunkedBuffer(std::string data, std::size_t chunk) : data_(std::move(data)), chunk_(chunk) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (pos_ >= data_.size()) return traits_type::eof();
    const std::size_t n = std::min(chunk_, data_.size() - pos_);
    char* begin = data_.data() + pos_;
    setg(begin, begin, begin + n);
    pos_ += n;
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string data_;
  std::size_t chunk_;
  std::size_t pos_ = 0;
};

std::vector<std::string> read_all(std::istream& in, std::ostream& log,
                                  std::size_t limit = Transport::kDefaultMaxMessageBytes) {
  std::ostringstream out;
  Transport transport(in, out, log, limit);
  std::vector<std::string> bodies;
  while (auto body = transport.read_message()) bodies.push_back(*body);
  return bodies;
}

std::vector<std::string> read_all(const std::string& input, std::string* log_text = nullptr,
                                  std::size_t limit = Transport::kDefaultMaxMessageBytes) {
  std::istringstream in(input);
  std::ostringstream log;
  auto bodies = read_all(in, log, limit);
  if (log_text) *log_text = log.str();
  return bodies;
}

}  // namespace

TEST_CASE("lsp: transport writes Content-Length framed messages", "[lsp][transport]") {
  std::istringstream in;
  std::ostringstream out, log;
  Transport transport(in, out, log);
  transport.write_message(R"({"a":"é"})");
  CHECK(out.str() == "Content-Length: 10\r\n\r\n{\"a\":\"é\"}");  // bytes, not characters
}

TEST_CASE("lsp: transport reads several messages from one chunk", "[lsp][transport]") {
  const auto bodies = read_all(frame("{\"id\":1}") + frame("{\"id\":2}") + frame("[]"));
  REQUIRE(bodies.size() == 3);
  CHECK(bodies[0] == "{\"id\":1}");
  CHECK(bodies[2] == "[]");
}

TEST_CASE("lsp: transport reassembles messages split across reads", "[lsp][transport]") {
  const std::string input = frame(R"({"text":"Café 😀 中文"})") +
                            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" +
                            frame("{\"id\":2}");
  for (std::size_t chunk : {1, 2, 3, 7, 64}) {
    ChunkedBuffer buffer(input, chunk);
    std::istream in(&buffer);
    std::ostringstream log;
    const auto bodies = read_all(in, log);
    INFO("chunk size " << chunk);
    REQUIRE(bodies.size() == 2);
    CHECK(bodies[0] == R"({"text":"Café 😀 中文"})");
    CHECK(bodies[1] == "{\"id\":2}");
  }
}

TEST_CASE("lsp: transport accepts any header case and bare line feeds", "[lsp][transport]") {
  const auto bodies = read_all("content-length:  4 \n\n{}{}" + frame("{}"));
  REQUIRE(bodies.size() == 2);
  CHECK(bodies[0] == "{}{}");
}

TEST_CASE("lsp: transport skips frames without a valid Content-Length", "[lsp][transport]") {
  for (std::string bad : {"Content-Type: text/plain\r\n\r\n",  // missing
                          "Content-Length: abc\r\n\r\n", "Content-Length: -5\r\n\r\n",
                          "Content-Length: 12x\r\n\r\n", "Content-Length:\r\n\r\n",
                          "Content-Length: 99999999999999999999999\r\n\r\n", "garbage\r\n\r\n"}) {
    std::string log;
    const auto bodies = read_all(bad + "{\"id\":1}\r\n\r\n" + frame("{\"id\":2}"), &log);
    INFO(bad);
    REQUIRE(bodies.size() == 1);
    CHECK(bodies[0] == "{\"id\":2}");
    CHECK(log.find("Content-Length") != std::string::npos);
  }
}

TEST_CASE("lsp: transport resynchronises on a header glued to a stray body", "[lsp][transport]") {
  std::string log;
  const auto bodies = read_all("{\"lost\":true}" + frame("{\"id\":3}"), &log);
  REQUIRE(bodies.size() == 1);
  CHECK(bodies[0] == "{\"id\":3}");
}

TEST_CASE("lsp: transport skips oversized messages and keeps reading", "[lsp][transport]") {
  std::string log;
  const auto bodies =
      read_all(frame(std::string(100, 'x')) + frame("{\"id\":4}"), &log, /*limit=*/50);
  REQUIRE(bodies.size() == 1);
  CHECK(bodies[0] == "{\"id\":4}");
  CHECK(log.find("over the limit") != std::string::npos);
}

TEST_CASE("lsp: transport finds the next message after a Content-Length far too large",
          "[lsp][transport]") {
  // A client that declares 10 GB and sends 20 bytes must not lose every later message.
  for (const std::string next_header : {"Content-Length: 8\r\n", "content-length:8 \n"}) {
    std::string log;
    const auto bodies = read_all("Content-Length: 10000000000\r\n\r\n{\"id\":1,\"x\":\"y\"}" +
                                     next_header + "\r\n{\"id\":5}" + frame("{\"id\":6}"),
                                 &log);
    INFO(next_header);
    REQUIRE(bodies.size() == 2);
    CHECK(bodies[0] == "{\"id\":5}");
    CHECK(bodies[1] == "{\"id\":6}");
    CHECK(log.find("but the next message began after 16") != std::string::npos);
  }
}

TEST_CASE("lsp: transport skips a large body that only quotes a header", "[lsp][transport]") {
  // Inside a JSON string a line break is an escape, so quoted header text starts no message.
  std::string body = "{\"text\":\"Content-Length: 8\\r\\n\\r\\n{\\\"id\\\":5}";
  body += std::string(100 - body.size() - 2, 'x') + "\"}";
  std::string log;
  const auto bodies = read_all(frame(body) + frame("{\"id\":6}"), &log, /*limit=*/50);
  REQUIRE(bodies.size() == 1);
  CHECK(bodies[0] == "{\"id\":6}");
  CHECK(log.find("over the limit") != std::string::npos);
}

TEST_CASE("lsp: transport stops at the end of the input", "[lsp][transport]") {
  CHECK(read_all("").empty());
  CHECK(read_all("\r\n\r\n").empty());
  CHECK(read_all("Content-Length: 5\r\n").empty());  // ends inside the header
  std::string log;
  CHECK(read_all("Content-Length: 50\r\n\r\n{\"id\":", &log).empty());  // ends inside the body
  CHECK(log.find("input ended") != std::string::npos);
  // An oversized message cut short ends the input too.
  CHECK(read_all("Content-Length: 100\r\n\r\nxx", nullptr, 10).empty());
  // An empty frame is skipped.
  CHECK(read_all("Content-Length: 0\r\n\r\n" + frame("{}")).size() == 1);
}

TEST_CASE("lsp: jsonrpc classifies requests, notifications and responses", "[lsp][jsonrpc]") {
  auto request = parse_message(R"({"jsonrpc":"2.0","id":"a1","method":"m","params":{"x":1}})");
  REQUIRE(request.ok);
  CHECK(request.message.kind == Message::Kind::Request);
  CHECK(request.message.id == "a1");
  CHECK(request.message.params["x"] == 1);

  auto notification = parse_message(R"({"jsonrpc":"2.0","method":"n"})");
  REQUIRE(notification.ok);
  CHECK(notification.message.kind == Message::Kind::Notification);
  CHECK(notification.message.params.is_null());

  auto response = parse_message(R"({"jsonrpc":"2.0","id":7,"result":null})");
  REQUIRE(response.ok);
  CHECK(response.message.kind == Message::Kind::Response);
}

TEST_CASE("lsp: jsonrpc reports malformed messages with the right codes", "[lsp][jsonrpc]") {
  auto code_of = [](std::string_view body) {
    auto outcome = parse_message(body);
    REQUIRE_FALSE(outcome.ok);
    return outcome.error_reply["error"]["code"].get<int>();
  };
  CHECK(code_of("{not json") == -32700);
  CHECK(code_of("") == -32700);
  CHECK(code_of("\xff\xfe") == -32700);
  CHECK(code_of(R"({"id":1,"method":"m"} trailing)") == -32700);
  CHECK(code_of("[]") == -32600);
  CHECK(code_of("42") == -32600);
  CHECK(code_of(R"({"jsonrpc":"1.0","id":1,"method":"m"})") == -32600);
  CHECK(code_of(R"({"id":1.5,"method":"m"})") == -32600);
  CHECK(code_of(R"({"id":{},"method":"m"})") == -32600);
  CHECK(code_of(R"({"id":1,"method":3})") == -32600);
  CHECK(code_of(R"({"id":1})") == -32600);

  auto parse_error = parse_message("{oops");
  CHECK(parse_error.error_reply["id"].is_null());
  CHECK(parse_error.error_reply["jsonrpc"] == "2.0");
  // When the id could be read, the error answers it.
  CHECK(parse_message(R"({"id":9,"method":true})").error_reply["id"] == 9);
}

TEST_CASE("lsp: serialise never throws on invalid UTF-8", "[lsp][jsonrpc]") {
  json message = {{"text", std::string("bad \xff byte")}};
  CHECK(serialise(message).find("bad") != std::string::npos);
}

TEST_CASE("lsp: file URIs become paths", "[lsp][protocol]") {
  CHECK(file_uri_to_path("file:///home/a%20b/summary.md") == "/home/a b/summary.md");
  CHECK(file_uri_to_path("file://localhost/tmp/x.md") == "/tmp/x.md");
  CHECK(file_uri_to_path("file:///tmp/caf%C3%A9.md?query#frag") == "/tmp/café.md");
  CHECK(file_uri_to_path("file:///tmp/100%.md") == "/tmp/100%.md");
  CHECK(file_uri_to_path("untitled:Untitled-1").empty());
  CHECK(file_uri_to_path("file://otherhost/x.md").empty());
  CHECK(uri_file_name("untitled:Untitled-1") == "Untitled-1");
  CHECK(uri_file_name("file:///a/lay%20summary.md") == "lay summary.md");
}

TEST_CASE("lsp: position encoding prefers UTF-16 unless the client lacks it", "[lsp][protocol]") {
  auto negotiate = [](json offered) {
    return negotiate_position_encoding({{"general", {{"positionEncodings", offered}}}});
  };
  CHECK(negotiate_position_encoding(json::object()) == ColumnUnit::Utf16Units);
  CHECK(negotiate_position_encoding(nullptr) == ColumnUnit::Utf16Units);
  CHECK(negotiate(json::array()) == ColumnUnit::Utf16Units);
  CHECK(negotiate(json::array({"utf-8", "utf-16"})) == ColumnUnit::Utf16Units);
  CHECK(negotiate(json::array({"utf-8"})) == ColumnUnit::Utf8Bytes);
  CHECK(negotiate(json::array({"utf-32", "utf-8"})) == ColumnUnit::CodePoints);
  CHECK(negotiate(json::array({"latin-1"})) == ColumnUnit::Utf16Units);
  CHECK(negotiate("utf-8") == ColumnUnit::Utf16Units);  // not a list: ignored
}

TEST_CASE("lsp: positions are checked", "[lsp][protocol]") {
  CHECK(parse_position({{"line", 2}, {"character", 5}}).column == 5);
  CHECK_THROWS_AS(parse_position({{"line", -1}, {"character", 0}}), RpcError);
  CHECK_THROWS_AS(parse_position({{"line", "1"}, {"character", 0}}), RpcError);
  CHECK_THROWS_AS(parse_position({{"line", 1.5}, {"character", 0}}), RpcError);
  CHECK_THROWS_AS(parse_position({{"line", 1}}), RpcError);
  CHECK_THROWS_AS(parse_position(json::array()), RpcError);
  CHECK_THROWS_AS(parse_position({{"line", 1}, {"character", 5000000000LL}}), RpcError);
}

namespace {

json range_change(std::uint32_t l1, std::uint32_t c1, std::uint32_t l2, std::uint32_t c2,
                  std::string text) {
  return {
      {"range",
       {{"start", {{"line", l1}, {"character", c1}}}, {"end", {{"line", l2}, {"character", c2}}}}},
      {"text", std::move(text)}};
}

}  // namespace

TEST_CASE("lsp: incremental edits use UTF-16 positions over non-ASCII text", "[lsp][text_sync]") {
  std::string text = "Café 😀 naïve\n中文 text\n";
  // After "Café 😀" (4 + 1 + 2 UTF-16 units): insert.
  apply_content_change(text, range_change(0, 7, 0, 7, " plus"), ColumnUnit::Utf16Units);
  CHECK(text == "Café 😀 plus naïve\n中文 text\n");
  // Replace the emoji (2 units) with a CJK character.
  apply_content_change(text, range_change(0, 5, 0, 7, "字"), ColumnUnit::Utf16Units);
  CHECK(text == "Café 字 plus naïve\n中文 text\n");
  // Delete across a line break: from after "naïve" to after "中文".
  apply_content_change(text, range_change(0, 17, 1, 2, ""), ColumnUnit::Utf16Units);
  CHECK(text == "Café 字 plus naïve text\n");
  // Append on the last (empty) line.
  apply_content_change(text, range_change(1, 0, 1, 0, "end"), ColumnUnit::Utf16Units);
  CHECK(text == "Café 字 plus naïve text\nend");
}

TEST_CASE("lsp: incremental edits in UTF-8 and UTF-32 units", "[lsp][text_sync]") {
  std::string text = "é😀x";
  apply_content_change(text, range_change(0, 6, 0, 7, "y"), ColumnUnit::Utf8Bytes);
  CHECK(text == "é😀y");
  apply_content_change(text, range_change(0, 1, 0, 2, ""), ColumnUnit::CodePoints);
  CHECK(text == "éy");
}

TEST_CASE("lsp: out-of-range edit positions are clamped", "[lsp][text_sync]") {
  std::string text = "ab\ncd";
  apply_content_change(text, range_change(0, 99, 0, 99, "!"), ColumnUnit::Utf16Units);
  CHECK(text == "ab!\ncd");
  apply_content_change(text, range_change(7, 0, 9, 3, "?"), ColumnUnit::Utf16Units);
  CHECK(text == "ab!\ncd?");
  apply_content_change(text, range_change(1, 1, 0, 1, ""), ColumnUnit::Utf16Units);  // reversed
  CHECK(text == "ad?");
  // Inside a surrogate pair: the position snaps to the character's start, never splitting it.
  text = "😀z";
  apply_content_change(text, range_change(0, 1, 0, 1, "a"), ColumnUnit::Utf16Units);
  CHECK(text == "a😀z");
}

TEST_CASE("lsp: a change without a range replaces the whole text", "[lsp][text_sync]") {
  std::string text = "old";
  apply_content_change(text, {{"text", "new"}}, ColumnUnit::Utf16Units);
  CHECK(text == "new");
  apply_content_change(text, {{"range", nullptr}, {"text", "newer"}}, ColumnUnit::Utf16Units);
  CHECK(text == "newer");
  CHECK_THROWS_AS(apply_content_change(text, {{"text", 5}}, ColumnUnit::Utf16Units), RpcError);
  CHECK_THROWS_AS(apply_content_change(text, json::array(), ColumnUnit::Utf16Units), RpcError);
  CHECK_THROWS_AS(
      apply_content_change(text, {{"range", {{"start", 1}}}, {"text", ""}}, ColumnUnit::Utf16Units),
      RpcError);
  CHECK(text == "newer");
}
