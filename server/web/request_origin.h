// Which requests the local server answers: a guard against DNS rebinding (the Host header must
// name this server) and against other websites driving the API from a contributor's browser
// (a POST must come from the page itself: same Origin, Sec-Fetch-Site same-origin).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace sayso::web {

struct OriginPolicy {
  std::string host = "127.0.0.1";  // the address the server listens on (--host)
  int port = 8080;                 // the port it listens on (after bind)
  bool allow_remote = false;       // --allow-remote: a wildcard host accepts any Host name
};

// nullopt when the request's Host header names this server: the bound host, localhost,
// 127.0.0.1 or [::1], with the bound port (no port = 80). With allow_remote and a wildcard
// address (0.0.0.0, ::), any name is accepted, since the server answers the whole network.
// Otherwise the reason for refusing, in plain words.
std::optional<std::string> host_problem(const OriginPolicy& policy,
                                        std::optional<std::string_view> host_header);

// For requests that change state or do work (POSTs): nullopt when they come from the page
// itself (Origin http://<Host>, Sec-Fetch-Site same-origin) or from no browser at all (neither
// header, as curl sends); otherwise the reason for refusing.
std::optional<std::string> cross_site_problem(std::string_view host_header,
                                              std::optional<std::string_view> origin,
                                              std::optional<std::string_view> fetch_site);

}  // namespace sayso::web
