// The web front's HTTP server: requests and responses as plain C++ values, served by the HTTP
// module (http_module_abi.h: cpp-httplib), which is loaded the first time a server is made.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct sayso_http_api;
struct sayso_http_server;
struct sayso_http_request;
struct sayso_http_exchange;

namespace sayso::web {

// Valid only while the handler that receives it runs.
struct HttpRequest {
  std::string_view method, path, body;
  std::vector<std::pair<std::string_view, std::string_view>> params, headers;
  std::optional<std::string_view> param(std::string_view name) const;
  std::optional<std::string_view> header(std::string_view name) const;  // any letter case
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "text/plain; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  void set_content(std::string content, std::string type) {
    body = std::move(content);
    content_type = std::move(type);
  }
  void set_header(std::string name, std::string value);  // replaces a header of that name
};

struct HttpOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port
  std::size_t max_body_bytes = 5u << 20;
  std::size_t threads = 8;
  int timeout_seconds = 30;
};

class HttpServer {
 public:
  // Called on the server's threads for every request. A non-zero `refused` is the status the
  // server already answered with (413 too large, 404, 400 ...): the handler words the error.
  using Handler = std::function<void(const HttpRequest&, int refused, HttpResponse&)>;

  // Throws std::runtime_error when the HTTP module cannot be loaded or the server made.
  HttpServer(const HttpOptions& options, Handler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int bind();  // the port bound, or -1
  void run();  // serves until stop(); call bind() first
  void stop();
  bool is_running() const;

 private:
  static void handle(void* self, const sayso_http_request* request, int refused,
                     sayso_http_exchange* exchange);
  const sayso_http_api* api_ = nullptr;
  sayso_http_server* server_ = nullptr;
  Handler handler_;
};

}  // namespace sayso::web
