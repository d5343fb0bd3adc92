// A real sayso serve on 127.0.0.1 and a free port, for the web tests: it serves from the
// source tree's rules until the test ends, and hands out HTTP clients that talk to it.
#pragma once
#include <httplib.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "web/web_server.h"

namespace sayso::testing {

class RunningWebServer {
 public:
  explicit RunningWebServer(web::WebOptions options = {}) : server_(on_free_port(options)) {
    port_ = server_.bind();
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_.run(); });
    for (int i = 0; i < 200 && !server_.is_running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~RunningWebServer() {
    server_.stop();
    thread_.join();
  }
  RunningWebServer(const RunningWebServer&) = delete;
  RunningWebServer& operator=(const RunningWebServer&) = delete;

  // A client with a generous read timeout: a Debug build checks big texts slowly.
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    return c;
  }
  int port() const { return port_; }
  web::WebServer& server() { return server_; }

 private:
  static web::WebOptions on_free_port(web::WebOptions options) {
    options.port = 0;
    options.rules_dir = SAYSO_SOURCE_RULES_DIR;
    return options;
  }

  web::WebServer server_;
  int port_ = -1;
  std::thread thread_;
};

// The JSON body of a response that must have arrived.
inline nlohmann::json json_of(const httplib::Result& res) {
  REQUIRE(res);
  return nlohmann::json::parse(res->body);
}

}  // namespace sayso::testing
