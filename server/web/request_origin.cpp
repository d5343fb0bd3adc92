#include "web/request_origin.h"

#include <charconv>

namespace sayso::web {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// "[::1]:8080" → ("[::1]", 8080); "localhost" → ("localhost", 80). nullopt when malformed.
std::optional<std::pair<std::string, int>> split_host(std::string_view header) {
  std::string_view name = header, port_text;
  if (!header.empty() && header.front() == '[') {
    const auto close = header.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    name = header.substr(0, close + 1);
    const std::string_view rest = header.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      port_text = rest.substr(1);
    }
  } else if (const auto colon = header.rfind(':'); colon != std::string_view::npos) {
    name = header.substr(0, colon);
    port_text = header.substr(colon + 1);
    if (name.find(':') != std::string_view::npos) return std::nullopt;  // IPv6 needs brackets
  }
  if (name.empty()) return std::nullopt;
  int port = 80;
  if (!port_text.empty() || header.find(':') != std::string_view::npos) {
    const auto [end, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port <= 0 ||
        port > 65535)
      return std::nullopt;
  }
  return std::make_pair(lower(name), port);
}

// The bound host as a Host header names it: IPv6 addresses in brackets.
std::string host_name_of(const std::string& host) {
  if (host.find(':') != std::string::npos && host.front() != '[') return "[" + lower(host) + "]";
  return lower(host);
}

bool is_wildcard(const std::string& host) {
  return host.empty() || host == "0.0.0.0" || host == "::" || host == "[::]";
}

}  // namespace

std::optional<std::string> host_problem(const OriginPolicy& policy,
                                        std::optional<std::string_view> host_header) {
  if (policy.allow_remote && is_wildcard(policy.host)) return std::nullopt;
  if (!host_header || host_header->empty())
    return "sayso refused this request: it does not say which server it is for (no Host "
           "header).";
  const auto split = split_host(*host_header);
  const std::string refused = "sayso refused this request: it was sent to '" +
                              std::string(*host_header) +
                              "', which is not this server's address. Open the address "
                              "'sayso serve' printed.";
  if (!split || split->second != policy.port) return refused;
  const std::string& name = split->first;
  if (name == "localhost" || name == "127.0.0.1" || name == "[::1]" ||
      name == host_name_of(policy.host))
    return std::nullopt;
  return refused;
}

std::optional<std::string> cross_site_problem(std::string_view host_header,
                                              std::optional<std::string_view> origin,
                                              std::optional<std::string_view> fetch_site) {
  const std::string refused =
      "sayso refused this request: it came from another website. Only the sayso page itself "
      "can check texts.";
  if (fetch_site && lower(*fetch_site) != "same-origin") return refused;
  if (origin && lower(*origin) != "http://" + lower(host_header)) return refused;
  return std::nullopt;
}

}  // namespace sayso::web
