// A scripted LSP client for the language server's unit tests: over string streams (every message
// written up front, lints run right after each message) or over pipes with the server in a thread
// (real time: debounce, cancellation, files changed between messages).
#pragma once
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <poll.h>
#include <unistd.h>

#include "lsp/fd_input.h"
#include "lsp/jsonrpc.h"
#include "lsp/lsp.h"
#include "lsp/transport.h"

namespace sayso::lsp_test {

using sayso::lsp::json;

// Nothing under this folder exists, so no .sayso.yml is found for these documents.
inline const std::string kFolder = "file:///nonexistent-sayso-lsp-test/";

struct Session {
  std::vector<json> messages;  // everything the server wrote, in order
  int exit_code = -1;
  std::string log;               // stderr
  std::vector<json> client_log;  // window/logMessage params, kept out of `messages`

  const json* response(const json& id) const {
    for (const json& m : messages)
      if (m.contains("id") && m["id"] == id && !m.contains("method")) return &m;
    return nullptr;
  }
  std::vector<json> notifications(std::string_view method) const {
    std::vector<json> found;
    for (const json& m : messages)
      if (m.value("method", "") == method && !m.contains("id")) found.push_back(m["params"]);
    return found;
  }
  std::vector<json> server_requests(std::string_view method) const {
    std::vector<json> found;
    for (const json& m : messages)
      if (m.value("method", "") == method && m.contains("id")) found.push_back(m);
    return found;
  }
  // What the server logged, wherever it went: stderr before initialize and for framing
  // problems, the client's log (window/logMessage) after.
  bool logged(std::string_view text) const {
    if (log.find(text) != std::string::npos) return true;
    for (const json& p : client_log)
      if (p.value("message", "").find(text) != std::string::npos) return true;
    return false;
  }
  // The diagnostics last published for a document.
  json diagnostics(const std::string& uri) const {
    json last = nullptr;
    for (const json& p : notifications("textDocument/publishDiagnostics"))
      if (p["uri"] == uri) last = p;
    return last;
  }
};

inline std::string frame(std::string_view body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

inline json position(int line, int character) { return {{"line", line}, {"character", character}}; }

inline json range(int l1, int c1, int l2, int c2) {
  return {{"start", position(l1, c1)}, {"end", position(l2, c2)}};
}

inline json range_change(int l1, int c1, int l2, int c2, std::string text) {
  return {{"range", range(l1, c1, l2, c2)}, {"text", std::move(text)}};
}

inline json message(json id, std::string method, json params) {
  json m = {{"jsonrpc", "2.0"}, {"method", std::move(method)}, {"params", std::move(params)}};
  if (!id.is_null()) m["id"] = std::move(id);
  return m;
}

inline json open_params(const std::string& uri, const std::string& text, int version,
                        const std::string& language) {
  return {{"textDocument",
           {{"uri", uri}, {"languageId", language}, {"version", version}, {"text", text}}}};
}

inline json change_params(const std::string& uri, int version, json changes) {
  return {{"textDocument", {{"uri", uri}, {"version", version}}},
          {"contentChanges", std::move(changes)}};
}

inline json document_params(const std::string& uri, json extra = json::object()) {
  extra["textDocument"] = {{"uri", uri}};
  return extra;
}

inline json initialize_params(json capabilities, json extra = json::object()) {
  extra["processId"] = nullptr;
  if (!extra.contains("rootUri")) extra["rootUri"] = nullptr;
  extra["capabilities"] = std::move(capabilities);
  return extra;
}

class Client {
 public:
  Client& raw(std::string_view body) {
    input_ += frame(body);
    return *this;
  }
  Client& send(const json& m) { return raw(m.dump()); }
  Client& request(json id, std::string method, json params = json::object()) {
    return send(message(std::move(id), std::move(method), std::move(params)));
  }
  Client& notify(std::string method, json params = json::object()) {
    return send(message(nullptr, std::move(method), std::move(params)));
  }
  Client& reply(int id, json result) {
    return send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  }
  Client& initialize(json capabilities = json::object(), json extra = json::object()) {
    request(0, "initialize", initialize_params(std::move(capabilities), std::move(extra)));
    return notify("initialized");
  }
  Client& open(const std::string& uri, const std::string& text, int version = 1,
               std::string language = "markdown") {
    return notify("textDocument/didOpen", open_params(uri, text, version, language));
  }
  Client& change(const std::string& uri, int version, json changes) {
    return notify("textDocument/didChange", change_params(uri, version, std::move(changes)));
  }
  Client& hover(json id, const std::string& uri, int line, int character) {
    return request(std::move(id), "textDocument/hover",
                   document_params(uri, {{"position", position(line, character)}}));
  }
  Client& shutdown_and_exit() {
    request("bye", "shutdown", nullptr);
    return notify("exit", nullptr);
  }
  const std::string& input() const { return input_; }

  Session run(std::size_t max_message_bytes = std::size_t{64} << 20) const {
    return run_input(input_, max_message_bytes);
  }

  static Session run_input(const std::string& input,
                           std::size_t max_message_bytes = std::size_t{64} << 20) {
    std::istringstream in(input);
    std::ostringstream out, log;
    Session session;
    LanguageServerOptions options;
    options.rules_dir = SAYSO_SOURCE_RULES_DIR;
    options.max_message_bytes = max_message_bytes;
    session.exit_code = sayso::run_language_server(in, out, options, log);
    session.log = log.str();
    std::istringstream replies(out.str());
    std::ostringstream ignored;
    sayso::lsp::Transport reader(replies, ignored, ignored);
    while (auto body = reader.read_message()) {
      json message = json::parse(*body);
      if (message.value("method", "") == "window/logMessage")
        session.client_log.push_back(std::move(message["params"]));
      else
        session.messages.push_back(std::move(message));
    }
    return session;
  }

 private:
  std::string input_;
};

// Writes to a descriptor (the server's stdout in a pipe session).
class FdOutputBuffer : public std::streambuf {
 public:
  explicit FdOutputBuffer(int fd) : fd_(fd) {}

 protected:
  int_type overflow(int_type c) override {
    if (c == traits_type::eof()) return traits_type::not_eof(c);
    const char byte = traits_type::to_char_type(c);
    return xsputn(&byte, 1) == 1 ? c : traits_type::eof();
  }
  std::streamsize xsputn(const char* data, std::streamsize size) override {
    std::streamsize done = 0;
    while (done < size) {
      const ssize_t n = ::write(fd_, data + done, static_cast<std::size_t>(size - done));
      if (n <= 0) return done;
      done += n;
    }
    return done;
  }

 private:
  int fd_;
};

// The server in a thread, talking over two pipes in real time.
class PipeSession {
 public:
  explicit PipeSession(int debounce_ms) {
    REQUIRE(::pipe(to_server_) == 0);
    REQUIRE(::pipe(from_server_) == 0);
    server_ = std::thread([this, debounce_ms] {
      sayso::lsp::FdInputBuffer input(to_server_[0]);
      std::istream in(&input);
      FdOutputBuffer output(from_server_[1]);
      std::ostream out(&output);
      LanguageServerOptions options;
      options.rules_dir = SAYSO_SOURCE_RULES_DIR;
      options.debounce_ms = debounce_ms;
      options.input_fd = to_server_[0];
      exit_code_ = sayso::run_language_server(in, out, options, log_);
      ::close(from_server_[1]);
    });
    reader_buffer_ = std::make_unique<sayso::lsp::FdInputBuffer>(from_server_[0]);
    reader_in_ = std::make_unique<std::istream>(reader_buffer_.get());
    reader_ = std::make_unique<sayso::lsp::Transport>(*reader_in_, ignored_, ignored_,
                                                      std::size_t{64} << 20, from_server_[0]);
  }
  ~PipeSession() {
    close_input();
    if (server_.joinable()) server_.join();
    ::close(to_server_[0]);
    ::close(from_server_[0]);
  }

  // Several messages in one write, so the server finds them all waiting.
  void send_all(const std::vector<json>& messages) {
    std::string bytes;
    for (const json& m : messages) bytes += frame(m.dump());
    REQUIRE(::write(to_server_[1], bytes.data(), bytes.size()) ==
            static_cast<ssize_t>(bytes.size()));
  }
  void send(const json& m) { send_all(std::vector<json>{m}); }

  // The next message from the server, or null after `timeout_ms`.
  json next(int timeout_ms = 10000) {
    if (!reader_->input_waiting(timeout_ms)) return nullptr;
    auto body = reader_->read_message();
    if (!body) return nullptr;
    json m = json::parse(*body);
    seen_.push_back(m);
    return m;
  }
  // Reads until a message satisfies `test` (returned) or the time runs out (null).
  template <typename Test>
  json wait_for(Test test, int timeout_ms = 10000) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < until) {
      const int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            until - std::chrono::steady_clock::now())
                                            .count());
      json m = next(std::max(left, 1));
      if (m.is_null()) return nullptr;
      if (test(m)) return m;
    }
    return nullptr;
  }
  json wait_for_method(const std::string& method, int timeout_ms = 10000) {
    return wait_for([&](const json& m) { return m.value("method", "") == method; }, timeout_ms);
  }
  json wait_for_response(const json& id, int timeout_ms = 10000) {
    return wait_for(
        [&](const json& m) { return m.contains("id") && m["id"] == id && !m.contains("method"); },
        timeout_ms);
  }
  void close_input() {
    if (to_server_[1] >= 0) ::close(to_server_[1]);
    to_server_[1] = -1;
  }
  // After the server ended (close_input + join): its exit status and log.
  int finish(std::string* log = nullptr) {
    close_input();
    if (server_.joinable()) server_.join();
    if (log != nullptr) *log = log_.str();
    return exit_code_;
  }
  const std::vector<json>& seen() const { return seen_; }

 private:
  int to_server_[2] = {-1, -1};
  int from_server_[2] = {-1, -1};
  std::thread server_;
  std::ostringstream log_;
  int exit_code_ = -1;
  std::unique_ptr<sayso::lsp::FdInputBuffer> reader_buffer_;
  std::unique_ptr<std::istream> reader_in_;
  std::ostringstream ignored_;
  std::unique_ptr<sayso::lsp::Transport> reader_;
  std::vector<json> seen_;
};

// A fresh folder under the system's temporary folder, removed at the end of the test.
class TempFolder {
 public:
  explicit TempFolder(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("sayso-lsp-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string uri() const { return "file://" + path_.string(); }
  std::string uri(const std::string& file) const { return "file://" + (path_ / file).string(); }
  void write(const std::string& file, const std::string& text) const {
    std::filesystem::create_directories((path_ / file).parent_path());
    std::ofstream(path_ / file, std::ios::binary | std::ios::trunc) << text;
  }
  std::string read(const std::string& file) const {
    std::ifstream in(path_ / file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

 private:
  std::filesystem::path path_;
};

// Applies LSP TextEdits (ranges in UTF-16 over ASCII-and-BMP text, as in these tests) to text.
inline std::string apply_edits(std::string text, json edits) {
  const auto offset = [&](const json& p) {
    std::size_t line = 0, at = 0;
    while (line < p["line"].get<std::size_t>() && at < text.size()) {
      const std::size_t nl = text.find('\n', at);
      if (nl == std::string::npos) return text.size();
      at = nl + 1;
      ++line;
    }
    return std::min(at + p["character"].get<std::size_t>(), text.size());
  };
  // From the end backwards, so earlier offsets stay valid.
  std::sort(edits.begin(), edits.end(), [&](const json& a, const json& b) {
    return offset(a["range"]["start"]) > offset(b["range"]["start"]);
  });
  for (const json& e : edits) {
    const std::size_t begin = offset(e["range"]["start"]), end = offset(e["range"]["end"]);
    text.replace(begin, end - begin, e["newText"].get<std::string>());
  }
  return text;
}

// The result of the reply to request `id` (the test fails when there is none, or it is an error).
inline const json& result_of(const Session& s, const json& id) {
  const json* reply = s.response(id);
  REQUIRE(reply != nullptr);
  INFO(reply->dump(2));
  REQUIRE(reply->contains("result"));
  return (*reply)["result"];
}

// The error code of the reply to request `id` (the test fails when it is not an error).
inline int error_code(const Session& s, const json& id) {
  const json* reply = s.response(id);
  REQUIRE(reply != nullptr);
  REQUIRE(reply->contains("error"));
  return (*reply)["error"]["code"].get<int>();
}

}  // namespace sayso::lsp_test
