#include "web/http_server.h"

#include <stdexcept>

#include "core/module_loader.h"
#include "web/http_module_abi.h"

namespace sayso::web {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char x = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    const char y = (b[i] >= 'A' && b[i] <= 'Z') ? static_cast<char>(b[i] - 'A' + 'a') : b[i];
    if (x != y) return false;
  }
  return true;
}

std::string_view view(const sayso_http_text& t) { return {t.data, t.size}; }

std::vector<std::pair<std::string_view, std::string_view>> pairs(const sayso_http_pair* items,
                                                                 std::size_t count) {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i)
    out.emplace_back(view(items[i].name), view(items[i].value));
  return out;
}

// The HTTP module's interface, loaded once (see core/module_loader.h for where it is looked for).
const sayso_http_api& http_module() {
  const auto& loaded = load_module_once<sayso_http_api>(
      SAYSO_HTTP_MODULE_FILE, SAYSO_HTTP_MODULE_ENTRY, SAYSO_HTTP_ABI_VERSION);
  if (loaded.api == nullptr)
    throw std::runtime_error("the web server is not installed: " + loaded.error);
  return *loaded.api;
}

}  // namespace

std::optional<std::string_view> HttpRequest::param(std::string_view name) const {
  for (const auto& [n, v] : params)
    if (n == name) return v;
  return std::nullopt;
}

std::optional<std::string_view> HttpRequest::header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (same_name(n, name)) return v;
  return std::nullopt;
}

void HttpResponse::set_header(std::string name, std::string value) {
  for (auto& [n, v] : headers)
    if (same_name(n, name)) return void(v = std::move(value));
  headers.emplace_back(std::move(name), std::move(value));
}

HttpServer::HttpServer(const HttpOptions& options, Handler handler)
    : api_(&http_module()), handler_(std::move(handler)) {
  const sayso_http_options raw{options.host.c_str(), options.port, options.max_body_bytes,
                               options.threads, options.timeout_seconds};
  sayso_http_error error{};
  server_ = api_->create(&raw, &HttpServer::handle, this, &error);
  if (server_ == nullptr)
    throw std::runtime_error(std::string("could not make the web server: ") + error.message);
}

HttpServer::~HttpServer() { api_->destroy(server_); }

int HttpServer::bind() { return api_->bind(server_); }
void HttpServer::run() { api_->run(server_); }
void HttpServer::stop() { api_->stop(server_); }
bool HttpServer::is_running() const { return api_->is_running(server_) != 0; }

// Nothing may be thrown back into the module: a failing handler answers 500.
void HttpServer::handle(void* self, const sayso_http_request* request, int refused,
                        sayso_http_exchange* exchange) {
  const HttpServer& server = *static_cast<HttpServer*>(self);
  HttpResponse response;
  try {
    HttpRequest req{view(request->method), view(request->path), view(request->body),
                    pairs(request->params, request->param_count),
                    pairs(request->headers, request->header_count)};
    if (refused != 0) response.status = refused;
    server.handler_(req, refused, response);
  } catch (...) {
    response = HttpResponse{};
    response.status = 500;
    response.body = "sayso could not answer this request.";
  }
  std::vector<sayso_http_pair> headers;
  headers.reserve(response.headers.size());
  for (const auto& [name, value] : response.headers)
    headers.push_back({{name.data(), name.size()}, {value.data(), value.size()}});
  const sayso_http_reply reply{response.status,
                               {response.body.data(), response.body.size()},
                               response.content_type.c_str(),
                               headers.data(),
                               headers.size()};
  server.api_->respond(exchange, &reply);
}

}  // namespace sayso::web
