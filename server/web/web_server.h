// sayso serve: the local web page and its JSON API, over the same engine as the CLI. HTTP itself
// is the HTTP module's (http_server.h), loaded only when a server is made.
#pragma once
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "web/request_limiter.h"

namespace sayso::web {

struct WebOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                          // 0 = any free port
  std::string rules_dir;                    // "" = default_rules_dir()
  std::size_t max_body_bytes = 5u << 20;    // larger requests get 413
  std::size_t max_concurrent_requests = 4;  // API requests worked on at once; more wait
  // How long an API request waits for one of those when all are busy; past that, or when most
  // connection threads already wait, it gets 503 (the page tries again twice).
  std::chrono::milliseconds queue_wait{4000};
  // Connections served at once. Many more than the checks run at once: a connection that waits
  // for its check, or that a browser opened ahead of time and has sent nothing yet (held up to
  // 5 s), takes one, and the page's files and the rule list must still be served meanwhile.
  std::size_t threads = 32;
  bool allow_remote = false;  // --allow-remote: a wildcard host takes any Host name
};

// True for names and addresses that only this machine can reach (localhost, 127.x.y.z, ::1).
bool is_loopback_host(const std::string& host);

// The security headers every response carries.
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

class WebServer {
 public:
  // Loads the rules (throws RuleError when the rules folder is broken).
  explicit WebServer(WebOptions options);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Binds the socket; returns the port (useful with port 0), or -1 when it cannot bind.
  int bind();
  // Serves until stop(). Call bind() first.
  void run();
  void stop();
  bool is_running() const;

  RequestLimiter& limiter();
  // How many of the threads that do the checking have run one (see worker_threads.h): what the
  // engine keeps per thread exists that many times.
  std::size_t check_threads_used() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sayso::web
