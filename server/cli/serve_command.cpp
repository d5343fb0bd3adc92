// sayso serve: the local web page for contributors (see web/web_server.h).
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>

#include <charconv>
#include <iostream>
#include <optional>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "app/linting_session.h"
#include "cli/commands.h"
#include "engine/cache_dir.h"
#include "engine/ruleset.h"
#include "web/web_server.h"

namespace sayso {
namespace {

constexpr const char* kServeHelp =
    R"(Usage: sayso serve [--host 127.0.0.1] [--port 8080] [--allow-remote] [--rules DIR]

Serves the sayso web page: check a plain-English summary or involvement section in the
browser, browse the rules, and suggest a new rule. Open the address it prints.

Options:
  --host HOST       the address to listen on (default: 127.0.0.1, this machine only)
  --port PORT       the port (default: 8080; 0 picks a free one)
  --allow-remote    needed to listen on an address other machines can reach
  --rules DIR       the rules folder (default: the installed rules)
Stop it with Ctrl+C.
)";

struct ServeOptions {
  web::WebOptions web;
  bool allow_remote = false;
};

int serve_usage_error(const std::string& message) {
  std::cerr << "sayso serve: " << message << "\n(see sayso serve --help)\n";
  return kExitUsage;
}

std::optional<int> parse_port(const std::string& text) {
  int port = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc() || end != text.data() + text.size() || port < 0 || port > 65535)
    return std::nullopt;
  return port;
}

// Returns an exit status to stop with, or nullopt to go on.
std::optional<int> parse_serve_args(const Args& args, ServeOptions& o) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      return args[++i];
    };
    if (a == "--help" || a == "-h") {
      std::cout << kServeHelp;
      return kExitClean;
    } else if (a == "--host") {
      auto v = value();
      if (!v || v->empty()) return serve_usage_error("--host needs an address");
      o.web.host = *v;
    } else if (a == "--port") {
      auto v = value();
      auto port = v ? parse_port(*v) : std::nullopt;
      if (!port) return serve_usage_error("--port needs a number from 0 to 65535");
      o.web.port = *port;
    } else if (a == "--rules") {
      auto v = value();
      if (!v) return serve_usage_error("--rules needs a folder");
      o.web.rules_dir = *v;
    } else if (a == "--allow-remote") {
      o.allow_remote = true;
      o.web.allow_remote = true;
    } else {
      return serve_usage_error("unknown option '" + a + "'");
    }
  }
  if (!web::is_loopback_host(o.web.host) && !o.allow_remote)
    return serve_usage_error(
        "'" + o.web.host +
        "' can be reached from other machines; add --allow-remote if you mean it");
  return std::nullopt;
}

// Ctrl+C and SIGTERM stop the server cleanly: the signals are blocked in every thread and one
// thread waits for them.
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

namespace {

// This machine's IPv4 addresses that other machines may reach (not loopback), for a page
// served on every address: "0.0.0.0" is no address a browser can open.
std::vector<std::string> network_addresses() {
  std::vector<std::string> found;
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return found;
  for (const ifaddrs* a = list; a != nullptr; a = a->ifa_next) {
    if (a->ifa_addr == nullptr || a->ifa_addr->sa_family != AF_INET) continue;
    if ((a->ifa_flags & IFF_UP) == 0 || (a->ifa_flags & IFF_LOOPBACK) != 0) continue;
    char text[INET_ADDRSTRLEN] = {};
    const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
    if (inet_ntop(AF_INET, &in->sin_addr, text, sizeof text) != nullptr) found.emplace_back(text);
  }
  freeifaddrs(list);
  return found;
}

// The line that says where the page is.
std::string where_to_open(const std::string& host, int port) {
  if (host == "0.0.0.0" || host == "::" || host == "[::]") {
    std::string line =
        fmt::format("open http://127.0.0.1:{}/ in your browser on this computer", port);
    const std::vector<std::string> addresses = network_addresses();
    if (addresses.empty())
      return line + "; other computers use this computer's network address with port " +
             std::to_string(port);
    line += "; other computers on the network open";
    for (std::size_t i = 0; i < addresses.size(); ++i)
      line += fmt::format("{} http://{}:{}/", i == 0 ? "" : " or", addresses[i], port);
    return line;
  }
  const std::string shown = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return fmt::format("open http://{}:{}/ in your browser", shown, port);
}

}  // namespace

int run_serve_command(const Args& args) {
  ServeOptions o;
  if (auto status = parse_serve_args(args, o)) return *status;
  if (!web::is_loopback_host(o.web.host))
    std::cerr << "sayso serve: warning: listening on " << o.web.host
              << ", so other machines on the network can use this page and its API.\n";
  // The spelling word set compiled once on disk, shared by the check threads (see `sayso lsp`).
  set_cache_dir(default_cache_dir());
  const sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  try {
    web::WebServer server(o.web);
    const int port = server.bind();
    if (port < 0) {
      std::cerr << "sayso serve: cannot listen on " << o.web.host << ":" << o.web.port
                << " (is the port in use? sayso may be running there already: open that page, or "
                   "choose another --port)\n";
      return kExitUsage;
    }
    std::cout << "sayso serve: " << where_to_open(o.web.host, port) << " (Ctrl+C to stop)"
              << std::endl;
    std::thread([&server, signals] {
      int received = 0;
      sigwait(&signals, &received);
      server.stop();
    }).detach();
    server.run();
  } catch (const RuleError& e) {
    std::cerr << "sayso serve: " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::runtime_error& e) {  // the HTTP module is missing or broken
    std::cerr << "sayso serve: " << e.what() << "\n";
    return kExitUsage;
  }
  return kExitClean;
}

}  // namespace sayso
