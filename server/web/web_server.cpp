#include "web/web_server.h"

#include <malloc.h>

#include <exception>

#include <fmt/format.h>

#include "core/user_json.h"
#include "formats/format.h"
#include "web/api_error.h"
#include "web/check_service.h"
#include "web/embedded_assets.h"
#include "web/http_server.h"
#include "web/page_wording.h"
#include "web/request_origin.h"
#include "web/rule_draft.h"
#include "web/worker_threads.h"

namespace sayso::web {
namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

// Bytes that are not UTF-8 (in a path, a file name, a profile's name) become U+FFFD: nlohmann
// would throw instead, and the request would be answered with a bare 500.
void send_json(HttpResponse& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), kJson);
}

void send_error(HttpResponse& res, int status, const std::string& message) {
  send_json(res, status, {{"error", message}, {"status", status}});
}

std::string megabytes(std::size_t bytes) {
  return bytes % (1u << 20) == 0 ? fmt::format("{} MB", bytes >> 20)
                                 : fmt::format("{} bytes", bytes);
}

// Only the last part of a name sent with an upload is kept: it picks the reader, nothing more.
std::string upload_name(const HttpRequest& req) {
  std::string name(req.param("filename").value_or(req.header("X-Filename").value_or("")));
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  return name;
}

// A big check's large blocks (the request, its copies, the answer's text: MBs each) are freed on
// the HTTP threads that served it. glibc raises its mmap and trim thresholds each time such a
// block is freed (up to 32 and 64 MB), so later ones stay in each thread's arena, and
// malloc_trim does not release an arena's top: every HTTP thread kept 15-20 MB of freed memory
// for good. Fixed thresholds keep large blocks in mmap, given back to the system when freed.
void give_large_blocks_back_when_freed() {
  constexpr int kLargeBlockBytes = 128 << 10;  // glibc's own starting value
  mallopt(M_MMAP_THRESHOLD, kLargeBlockBytes);
  mallopt(M_TRIM_THRESHOLD, kLargeBlockBytes);
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
        limiter(options.max_concurrent_requests),
        workers(options.max_concurrent_requests) {}

  WebOptions options;
  CheckService service;
  RequestLimiter limiter;
  // The API's work runs here, never on the HTTP threads (see worker_threads.h); the limiter
  // keeps more requests than threads from waiting for one.
  WorkerThreads workers;
  std::unique_ptr<HttpServer> http;
  int bound_port = -1;

  // A refusal (403, plain text) for requests that are not for this server (DNS rebinding) or
  // that another website sends to the API; false when the request may be answered.
  bool refuse_foreign(const HttpRequest& req, HttpResponse& res) const;

  HttpOptions http_options() const;
  // Answers every request: the page's files, the JSON API, and errors as JSON.
  void answer(const HttpRequest& req, int refused, HttpResponse& res);
  void add_security_headers(HttpResponse& res) const;
  void describe_error(const HttpRequest& req, HttpResponse& res) const;
  // Runs an API handler inside a limiter slot, turning every failure into a JSON error.
  void api(HttpResponse& res, std::size_t request_bytes,
           const std::function<nlohmann::json()>& answer);
  // Gives freed memory back to the system after a big request, when no other is being worked
  // on (so the server does not keep the peak of its largest checks).
  void return_memory_after(std::size_t request_bytes);
  static constexpr std::size_t kTrimAfterBytes = 64u << 10;
  // How many API requests may wait for a check slot: the connection threads less those checking
  // and a few kept for the page's files, the rule list and new connections.
  std::size_t max_waiting_requests() const {
    constexpr std::size_t kKeptFree = 4;
    const std::size_t busy = options.max_concurrent_requests + kKeptFree;
    return options.threads > busy ? options.threads - busy : 0;
  }

  // What the page tells its reader about where the text goes: {"local", "host",
  // "max_request_bytes"}. "local" is false when the server listens beyond this computer
  // (--allow-remote), so that the page does not say "Nothing leaves this computer".
  nlohmann::json about_json() const;
  nlohmann::json check_text(const HttpRequest& req);
  nlohmann::json check_file(const HttpRequest& req);
  nlohmann::json try_rule(const HttpRequest& req);
};

void WebServer::Impl::add_security_headers(HttpResponse& res) const {
  res.set_header("Content-Security-Policy", kContentSecurityPolicy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
  res.set_header("Cache-Control", "no-store");
}

void WebServer::Impl::describe_error(const HttpRequest& req, HttpResponse& res) const {
  if (res.status == 413)
    send_error(res, 413,
               fmt::format("The request is too large: the limit is {}.",
                           megabytes(options.max_body_bytes)));
  else if (res.status == 404)
    send_error(res, 404, "There is nothing at " + std::string(req.path) + ".");
  else if (res.status == 405)
    send_error(res, 405, "Only GET and POST requests are answered here.");
  else if (res.status == 414)
    send_error(res, 414,
               "The web address is too long (the limit is about 8 KB). Send long texts in the "
               "request's body instead.");
  else if (res.status == 415)
    send_error(res, 415,
               "Send the text as JSON ({\"text\": ...}) or a file's bytes, not as a form.");
  else
    send_error(res, res.status,
               fmt::format("The request could not be answered (HTTP {}).", res.status));
}

void WebServer::Impl::api(HttpResponse& res, std::size_t request_bytes,
                          const std::function<nlohmann::json()>& answer) {
  RequestLimiter::Slot slot = limiter.acquire_within(options.queue_wait, max_waiting_requests());
  if (!slot.granted()) {
    res.set_header("Retry-After", "1");
    send_error(res, 503, "sayso is busy with other requests. Please try again in a moment.");
    return;
  }
  try {
    send_json(res, 200, workers.run(answer));
  } catch (const ApiError& e) {
    send_error(res, e.status(), e.what());
  } catch (const std::exception& e) {
    send_error(res, 500, std::string("sayso could not answer this request: ") + e.what());
  }
  slot.release();
  return_memory_after(request_bytes);
}

// A big text's check uses a few hundred MB on the worker thread that ran it. glibc keeps what is
// freed in that thread's arena, so without this the server kept the peak of its largest check
// (2.4 GB after a few 2 MB pastes, when the checks still ran on the HTTP threads).
void WebServer::Impl::return_memory_after(std::size_t request_bytes) {
  if (request_bytes < kTrimAfterBytes || limiter.in_flight() != 0) return;
  malloc_trim(0);
}

nlohmann::json WebServer::Impl::about_json() const {
  return {{"local", is_loopback_host(options.host)},
          {"host", options.host},
          {"max_request_bytes", options.max_body_bytes}};
}

nlohmann::json WebServer::Impl::check_text(const HttpRequest& req) {
  return service.check(parse_check_request(std::string(req.body)));
}

nlohmann::json WebServer::Impl::check_file(const HttpRequest& req) {
  CheckRequest request;
  request.filename = upload_name(req);
  if (!is_accepted_upload(request.filename))
    throw ApiError(415, "Open a .md, .txt or .docx file (give its name as ?filename=).");
  if (auto kind = req.param("kind")) request.kind = *kind;
  if (auto profile = req.param("profile")) request.profile = *profile;
  request.text = req.body;
  request.positions_in_text_as_sent = false;  // the text handed back has no byte-order mark
  nlohmann::json answer = service.check(request);
  CheckRequest as_text = request;
  LoadedText loaded = load_text(as_text, service.sections());
  if (loaded.doc)
    answer["text"] = loaded.doc->source.bytes.substr(loaded.doc->source.content_begin);
  answer["filename"] = request.filename;
  return answer;
}

nlohmann::json WebServer::Impl::try_rule(const HttpRequest& req) {
  const UserJson parsed = parse_user_json(req.body);
  if (parsed.outcome == UserJson::Outcome::TooDeep)
    throw ApiError(400, "The draft rule is not read: " + parsed.problem + ".");
  if (parsed.outcome == UserJson::Outcome::NotJson && !is_valid_utf8(req.body))
    refuse_body_not_utf8();
  if (parsed.outcome == UserJson::Outcome::NotJson)
    throw ApiError(400, "The draft rule is not valid JSON (" + parsed.problem + ").");
  const nlohmann::json& body = parsed.value;
  if (!body.is_object()) throw ApiError(400, "The draft rule must be a JSON object.");
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

HttpOptions WebServer::Impl::http_options() const {
  HttpOptions o;
  o.host = options.host;
  o.port = options.port;
  o.max_body_bytes = options.max_body_bytes;
  o.threads = options.threads;
  return o;
}

bool WebServer::Impl::refuse_foreign(const HttpRequest& req, HttpResponse& res) const {
  const OriginPolicy policy{options.host, bound_port, options.allow_remote};
  const auto host = req.header("Host");
  auto problem = host_problem(policy, host);
  if (!problem && req.method != "GET" && req.method != "HEAD")
    problem =
        cross_site_problem(host.value_or(""), req.header("Origin"), req.header("Sec-Fetch-Site"));
  if (!problem) return false;
  res.status = 403;
  res.set_content(*problem + "\n", "text/plain; charset=utf-8");
  return true;
}

namespace {

// The routes that take POST, and those that take GET.
bool is_post_route(std::string_view path) {
  return path == "/api/check" || path == "/api/check-file" || path == "/api/try-rule";
}
bool is_get_route(std::string_view path) {
  return path == "/api/rules" || path == "/api/profiles" || path == "/api/about" ||
         find_embedded_asset(path) != nullptr;
}

}  // namespace

void WebServer::Impl::answer(const HttpRequest& req, int refused, HttpResponse& res) {
  add_security_headers(res);
  // A request the HTTP module already refused (too large, a web address over 8 KB, a method it
  // does not take) is answered with only the reason: nothing of sayso's is in it, so the Host and
  // Origin checks are not needed, and a request line too long to read has no headers to check
  // (it was refused for "no Host header" before).
  if (refused != 0) return describe_error(req, res);
  if (refuse_foreign(req, res)) return;
  const bool get = req.method == "GET" || req.method == "HEAD", post = req.method == "POST";
  // A known route asked with the other method: 405, saying which one it takes.
  if ((get && is_post_route(req.path)) || (post && is_get_route(req.path))) {
    const char* allowed = get ? "POST" : "GET";
    res.set_header("Allow", allowed);
    return send_error(res, 405,
                      fmt::format("{} only answers {} requests.", std::string(req.path), allowed));
  }
  if (get) {
    if (const EmbeddedAsset* asset = find_embedded_asset(req.path))
      return res.set_content(std::string(asset->body), std::string(asset->content_type));
    if (req.path == "/api/rules") return res.set_content(service.rules_catalogue_json(), kJson);
    if (req.path == "/api/profiles")
      return send_json(res, 200, {{"profiles", service.profiles_json()}});
    if (req.path == "/api/about") return send_json(res, 200, about_json());
  } else if (post) {
    if (req.path == "/api/check") return api(res, req.body.size(), [&] { return check_text(req); });
    if (req.path == "/api/check-file")
      return api(res, req.body.size(), [&] { return check_file(req); });
    if (req.path == "/api/try-rule")
      return api(res, req.body.size(), [&] { return try_rule(req); });
  }
  res.status = 404;
  describe_error(req, res);
}

WebServer::WebServer(WebOptions options) {
  give_large_blocks_back_when_freed();
  impl_ = std::make_unique<Impl>(std::move(options));
  Impl& impl = *impl_;
  impl.http = std::make_unique<HttpServer>(
      impl.http_options(), [&impl](const HttpRequest& req, int refused, HttpResponse& res) {
        impl.answer(req, refused, res);
      });
}

WebServer::~WebServer() { stop(); }

int WebServer::bind() {
  impl_->bound_port = impl_->http->bind();
  return impl_->bound_port;
}

void WebServer::run() { impl_->http->run(); }

void WebServer::stop() {
  if (impl_->http->is_running()) impl_->http->stop();
}

bool WebServer::is_running() const { return impl_->http->is_running(); }

RequestLimiter& WebServer::limiter() { return impl_->limiter; }

std::size_t WebServer::check_threads_used() const { return impl_->workers.threads_used(); }

}  // namespace sayso::web
