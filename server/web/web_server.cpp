#include "web/web_server.h"

#include <exception>

#include <fmt/format.h>
#include <httplib.h>

#include "formats/format.h"
#include "web/api_error.h"
#include "web/check_service.h"
#include "web/embedded_assets.h"
#include "web/rule_draft.h"

namespace sayso::web {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), kJson);
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, {{"error", message}, {"status", status}});
}

std::string megabytes(std::size_t bytes) {
  return bytes % (1u << 20) == 0 ? fmt::format("{} MB", bytes >> 20)
                                 : fmt::format("{} bytes", bytes);
}

// Only the last part of a name sent with an upload is kept: it picks the reader, nothing more.
std::string upload_name(const httplib::Request& req) {
  std::string name = req.has_param("filename") ? req.get_param_value("filename")
                                               : req.get_header_value("X-Filename");
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  return name;
}

bool is_accepted_upload(const std::string& name) {
  const std::string format = format_for_path(name);
  return format == "markdown" || format == "docx" ||
         (format == "text" && name.find('.') != std::string::npos);
}

}  // namespace

bool is_loopback_host(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]" || host == "ip6-localhost")
    return true;
  if (host.rfind("127.", 0) != 0) return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.')
      ++dots;
    else if (c < '0' || c > '9')
      return false;
  }
  return dots == 3;
}

struct WebServer::Impl {
  explicit Impl(WebOptions o)
      : options(std::move(o)),
        service(options.rules_dir, options.max_body_bytes),
        limiter(options.max_concurrent_requests) {}

  WebOptions options;
  CheckService service;
  RequestLimiter limiter;
  httplib::Server http;

  void configure();
  void add_security_headers(httplib::Response& res) const;
  httplib::Server::HandlerResponse describe_error(const httplib::Request& req,
                                                  httplib::Response& res) const;
  // Runs an API handler inside a limiter slot, turning every failure into a JSON error.
  void api(httplib::Response& res, const std::function<nlohmann::json()>& answer);

  nlohmann::json check_text(const httplib::Request& req);
  nlohmann::json check_file(const httplib::Request& req);
  nlohmann::json try_rule(const httplib::Request& req);
};

void WebServer::Impl::add_security_headers(httplib::Response& res) const {
  res.set_header("Content-Security-Policy", kContentSecurityPolicy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
  res.set_header("Cache-Control", "no-store");
}

httplib::Server::HandlerResponse WebServer::Impl::describe_error(const httplib::Request& req,
                                                                 httplib::Response& res) const {
  if (!res.body.empty())
    return httplib::Server::HandlerResponse::Unhandled;  // a JSON error already
  if (res.status == 413)
    send_error(res, 413,
               fmt::format("The request is too large: the limit is {}.",
                           megabytes(options.max_body_bytes)));
  else if (res.status == 404)
    send_error(res, 404, "There is nothing at " + req.path + ".");
  else
    send_error(res, res.status,
               fmt::format("The request could not be answered (HTTP {}).", res.status));
  return httplib::Server::HandlerResponse::Handled;
}

void WebServer::Impl::api(httplib::Response& res, const std::function<nlohmann::json()>& answer) {
  RequestLimiter::Slot slot = limiter.try_acquire();
  if (!slot.granted()) {
    res.set_header("Retry-After", "1");
    send_error(res, 503, "sayso is busy with other requests. Please try again in a moment.");
    return;
  }
  try {
    send_json(res, 200, answer());
  } catch (const ApiError& e) {
    send_error(res, e.status(), e.what());
  } catch (const std::exception& e) {
    send_error(res, 500, std::string("sayso could not answer this request: ") + e.what());
  }
}

nlohmann::json WebServer::Impl::check_text(const httplib::Request& req) {
  return service.check(parse_check_request(req.body));
}

nlohmann::json WebServer::Impl::check_file(const httplib::Request& req) {
  CheckRequest request;
  request.filename = upload_name(req);
  if (!is_accepted_upload(request.filename))
    throw ApiError(415, "Open a .md, .txt or .docx file (give its name as ?filename=).");
  if (req.has_param("kind")) request.kind = req.get_param_value("kind");
  if (req.has_param("profile")) request.profile = req.get_param_value("profile");
  request.text = req.body;
  nlohmann::json answer = service.check(request);
  CheckRequest as_text = request;
  LoadedText loaded = load_text(as_text, service.sections());
  if (loaded.doc)
    answer["text"] = loaded.doc->source.bytes.substr(loaded.doc->source.content_begin);
  answer["filename"] = request.filename;
  return answer;
}

nlohmann::json WebServer::Impl::try_rule(const httplib::Request& req) {
  const nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    throw ApiError(400, "The draft rule must be a JSON object.");
  TextToCheck text;
  if (body.contains("text") && body["text"].is_string())
    text.text = body["text"].get<std::string>();
  if (body.contains("kind") && body["kind"].is_string())
    text.kind = body["kind"].get<std::string>();
  if (!is_known_text_kind(text.kind))
    throw ApiError(400, "'kind' must be plain-english-summary, involvement or application.");
  return try_rule_draft(parse_rule_draft(body.contains("rule") ? body["rule"] : body), text,
                        service.sections());
}

void WebServer::Impl::configure() {
  http.new_task_queue = [threads = options.threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(30, 0);
  http.set_write_timeout(30, 0);
  http.set_post_routing_handler(
      [this](const httplib::Request&, httplib::Response& res) { add_security_headers(res); });
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        return describe_error(req, res);
      }));
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send_error(res, 500, "sayso could not answer this request.");
      });
  for (const EmbeddedAsset& asset : embedded_assets()) {
    http.Get(std::string(asset.url_path),
             [&asset](const httplib::Request&, httplib::Response& res) {
               res.set_content(asset.body.data(), asset.body.size(),
                               std::string(asset.content_type).c_str());
             });
  }
  http.Get("/api/rules", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(service.rules_catalogue_json(), kJson);
  });
  http.Get("/api/profiles", [this](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, {{"profiles", service.profiles_json()}});
  });
  http.Post("/api/check", [this](const httplib::Request& req, httplib::Response& res) {
    api(res, [&] { return check_text(req); });
  });
  http.Post("/api/check-file", [this](const httplib::Request& req, httplib::Response& res) {
    api(res, [&] { return check_file(req); });
  });
  http.Post("/api/try-rule", [this](const httplib::Request& req, httplib::Response& res) {
    api(res, [&] { return try_rule(req); });
  });
}

WebServer::WebServer(WebOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  impl_->configure();
}

WebServer::~WebServer() { stop(); }

int WebServer::bind() {
  if (impl_->options.port == 0) return impl_->http.bind_to_any_port(impl_->options.host);
  return impl_->http.bind_to_port(impl_->options.host, impl_->options.port) ? impl_->options.port
                                                                            : -1;
}

void WebServer::run() { impl_->http.listen_after_bind(); }

void WebServer::stop() {
  if (impl_->http.is_running()) impl_->http.stop();
}

bool WebServer::is_running() const { return impl_->http.is_running(); }

RequestLimiter& WebServer::limiter() { return impl_->limiter; }

}  // namespace sayso::web
