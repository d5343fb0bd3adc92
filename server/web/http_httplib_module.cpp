// The HTTP module: cpp-httplib behind the plain C interface of http_module_abi.h. Built as
// sayso_http_httplib.so and loaded only by `sayso serve` (server/web/http_server.cpp). Every
// request, whatever its path, goes to the one handler sayso gives; nothing here knows sayso's
// routes. No exception leaves this file.
#include <sys/socket.h>

#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include <httplib.h>

#include "web/http_module_abi.h"

struct sayso_http_exchange {
  httplib::Response* response;
  bool answered = false;
};

struct sayso_http_server {
  httplib::Server http;
  std::string host;
  int port = 0;
  sayso_http_handler handler = nullptr;
  void* context = nullptr;
  int listening_socket = -1;  // the socket httplib last set up for binding
};

namespace {

sayso_http_text text_of(const std::string& s) { return {s.data(), s.size()}; }

template <typename Map>  // httplib::Params, httplib::Headers
std::vector<sayso_http_pair> pairs_of(const Map& map) {
  std::vector<sayso_http_pair> out;
  out.reserve(map.size());
  for (const auto& [name, value] : map) out.push_back({text_of(name), text_of(value)});
  return out;
}

// Hands one request to sayso's handler; `refused` is the status the server already chose.
void hand_over(const sayso_http_server& server, const httplib::Request& req,
               const std::string& body, httplib::Response& res, int refused) {
  const std::vector<sayso_http_pair> params = pairs_of(req.params);
  const std::vector<sayso_http_pair> headers = pairs_of(req.headers);
  const sayso_http_request request{text_of(req.method), text_of(req.path), text_of(body),
                                   params.data(),       params.size(),     headers.data(),
                                   headers.size()};
  sayso_http_exchange exchange{&res};
  server.handler(server.context, &request, refused, &exchange);
}

void hand_over(const sayso_http_server& server, const httplib::Request& req, httplib::Response& res,
               int refused) {
  hand_over(server, req, req.body, res, refused);
}

// Reads a request's body as bytes, whatever its Content-Type, keeping at most `limit` bytes.
// httplib would otherwise read it itself: it parses a form-encoded body into parameters and
// refuses one over 8 KB, and (in 0.11) holds a chunked body to no limit at all, so that one
// request could take all the memory there is (a compressed body too, once inflated). Returns 0,
// or the status to refuse with. A body over the limit is read to its end and dropped, so that
// the connection stays usable. A form with parts is read and dropped: the API takes JSON or a
// file's bytes.
int read_body(const httplib::Request& req, httplib::Response& res,
              const httplib::ContentReader& read, std::size_t limit, std::string& body) {
  bool too_large = false;
  const auto keep = [&](const char* data, std::size_t size) {
    if (too_large || body.size() + size > limit) {
      too_large = true;
      std::string().swap(body);
    } else {
      body.append(data, size);
    }
    return true;
  };
  const auto drop = [](const char*, std::size_t) { return true; };
  const bool multipart = req.is_multipart_form_data();
  const bool read_all =
      multipart ? read([](const httplib::MultipartFormData&) { return true; }, drop) : read(keep);
  if (too_large) return 413;
  if (!read_all) return res.status >= 400 ? res.status : 400;  // 413 for a long Content-Length
  return multipart ? 415 : 0;
}

void respond(sayso_http_exchange* exchange, const sayso_http_reply* reply) {
  if (exchange == nullptr || reply == nullptr || exchange->answered) return;
  exchange->answered = true;
  try {
    httplib::Response& res = *exchange->response;
    res.status = reply->status;
    for (std::size_t i = 0; i < reply->header_count; ++i) {
      const sayso_http_pair& h = reply->headers[i];
      res.set_header(std::string(h.name.data, h.name.size),
                     std::string(h.value.data, h.value.size));
    }
    res.set_content(std::string(reply->body.data, reply->body.size),
                    reply->content_type != nullptr ? reply->content_type : "text/plain");
  } catch (...) {
    exchange->response->status = 500;  // out of memory while copying: the status at least
  }
}

void configure(sayso_http_server& server, const sayso_http_options& options) {
  httplib::Server& http = server.http;
  const std::size_t threads = options.threads > 0 ? options.threads : 1;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // httplib's default sets SO_REUSEPORT, so a second `sayso serve` on the same port bound it too
  // and the kernel shared the connections out between the two (and their different rules).
  // SO_REUSEADDR alone lets a restarted server bind at once (past TIME_WAIT) but never lets two
  // listen on one port: the second one's bind fails, and it says so.
  http.set_socket_options([&server](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    server.listening_socket = sock;
  });
  // One request per connection. httplib 0.11 reads ahead on a connection, then waits on the
  // socket for the next request: a second request sent without waiting (pipelined) was already
  // read, so it was never answered, and the connection hung for the keep-alive time. Answering
  // with "Connection: close" tells the client that the rest was not read, so it sends it again on
  // a new connection; and a browser's finished connection no longer holds a thread for seconds.
  http.set_keep_alive_max_count(1);
  // A connection that sends nothing holds one of the threads while it waits, for 5 s at most;
  // sayso has many more of these threads than checking threads (web_server.h), so a few idle
  // connections (a browser opens some ahead of time) never hold up a request.
  constexpr time_t kIdleSeconds = 5;
  http.set_keep_alive_timeout(kIdleSeconds);
  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(options.timeout_seconds, 0);
  http.set_write_timeout(options.timeout_seconds, 0);
  sayso_http_server* self = &server;
  const auto route = [self](const httplib::Request& req, httplib::Response& res) {
    hand_over(*self, req, res, 0);
  };
  http.Get(".*", route);
  http.Post(".*", route);  // a POST without a body
  http.Post(".*", [self, limit = options.max_body_bytes](const httplib::Request& req,
                                                         httplib::Response& res,
                                                         const httplib::ContentReader& read) {
    std::string body;
    const int refused = read_body(req, res, read, limit, body);
    hand_over(*self, req, body, res, refused);
  });
  // Other methods are refused before their bodies are read (httplib would read them unbounded).
  http.set_pre_routing_handler([self](const httplib::Request& req, httplib::Response& res) {
    if (req.method == "GET" || req.method == "HEAD" || req.method == "POST")
      return httplib::Server::HandlerResponse::Unhandled;
    res.set_header("Connection", "close");  // any body they have is left unread
    hand_over(*self, req, res, 405);
    return httplib::Server::HandlerResponse::Handled;
  });
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [self](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // answered
        hand_over(*self, req, res, res.status);
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_exception_handler(
      [self](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        hand_over(*self, req, res, 500);
      });
}

void fail(sayso_http_error* error, const char* what) {
  if (error != nullptr) std::snprintf(error->message, sizeof(error->message), "%s", what);
}

sayso_http_server* create(const sayso_http_options* options, sayso_http_handler handler,
                          void* context, sayso_http_error* error) {
  if (options == nullptr || handler == nullptr) {
    fail(error, "no options or no handler");
    return nullptr;
  }
  try {
    auto server = std::make_unique<sayso_http_server>();
    server->host = options->host != nullptr ? options->host : "127.0.0.1";
    server->port = options->port;
    server->handler = handler;
    server->context = context;
    configure(*server, *options);
    return server.release();
  } catch (const std::exception& e) {
    fail(error, e.what());
  } catch (...) {
    fail(error, "unknown error");
  }
  return nullptr;
}

void stop(sayso_http_server* server) {
  if (server == nullptr) return;
  try {
    if (server->http.is_running()) server->http.stop();
  } catch (...) {
  }
}

void destroy(sayso_http_server* server) {
  stop(server);
  delete server;
}

// Debian's httplib is built to listen with a queue of 5 connections. A room of people opening
// the page at once, or twenty checks sent together, overflowed it while the accepting thread was
// busy: the kernel dropped the rest, and their computers only tried again 1, 3 or 7 s later.
// Listening again on the bound socket only lengthens its queue (the kernel caps it at
// net.core.somaxconn).
void lengthen_listen_queue(const sayso_http_server& server) {
  constexpr int kListenQueue = 1024;
  if (server.listening_socket >= 0) ::listen(server.listening_socket, kListenQueue);
}

int bind(sayso_http_server* server) {
  if (server == nullptr) return -1;
  try {
    const int port = server->port == 0 ? server->http.bind_to_any_port(server->host)
                     : server->http.bind_to_port(server->host, server->port) ? server->port
                                                                             : -1;
    if (port > 0) lengthen_listen_queue(*server);
    return port;
  } catch (...) {
    return -1;
  }
}

void run(sayso_http_server* server) {
  if (server == nullptr) return;
  try {
    server->http.listen_after_bind();
  } catch (...) {
  }
}

int is_running(const sayso_http_server* server) {
  return server != nullptr && server->http.is_running() ? 1 : 0;
}

constexpr sayso_http_api kApi = {SAYSO_HTTP_ABI_VERSION,
                                 sizeof(sayso_http_api),
                                 create,
                                 destroy,
                                 bind,
                                 run,
                                 stop,
                                 is_running,
                                 respond};

}  // namespace

extern "C" __attribute__((visibility("default"))) const sayso_http_api* sayso_http_module_api() {
  return &kApi;
}
