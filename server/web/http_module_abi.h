/* The boundary between sayso and its HTTP module (sayso_http_httplib.so, http_httplib_module.cpp).
 * The module is loaded with dlopen only by `sayso serve`: cpp-httplib and what it pulls in
 * (OpenSSL, brotli, zlib) took about 2.5 ms of dynamic loading from every run, a sixth of a short
 * `sayso check`. Plain C only: no C++ type and no exception crosses it. Change anything here and
 * raise SAYSO_HTTP_ABI_VERSION: the loader refuses a module built for another version. */
#ifndef SAYSO_WEB_HTTP_MODULE_ABI_H
#define SAYSO_WEB_HTTP_MODULE_ABI_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SAYSO_HTTP_ABI_VERSION 1
#define SAYSO_HTTP_MODULE_FILE "sayso_http_httplib.so"
#define SAYSO_HTTP_MODULE_ENTRY "sayso_http_module_api"

typedef struct sayso_http_text {
  const char* data; /* UTF-8 or bytes, not NUL-terminated */
  size_t size;
} sayso_http_text;

typedef struct sayso_http_pair {
  sayso_http_text name, value;
} sayso_http_pair;

/* A request, valid only during the handler call that receives it. */
typedef struct sayso_http_request {
  sayso_http_text method, path, body;
  const sayso_http_pair* params; /* query parameters, decoded */
  size_t param_count;
  const sayso_http_pair* headers;
  size_t header_count;
} sayso_http_request;

/* A response, copied by respond() before it returns. */
typedef struct sayso_http_reply {
  int status;
  sayso_http_text body;
  const char* content_type; /* NUL-terminated */
  const sayso_http_pair* headers;
  size_t header_count;
} sayso_http_reply;

typedef struct sayso_http_exchange sayso_http_exchange; /* one request being answered */
typedef struct sayso_http_server sayso_http_server;

/* Called on one of the server's threads for every request, whatever its path and method. When
 * `refused` is non-zero the module has already refused the request with that status (413 too
 * large, 400 malformed, 404 a method it does not route, 500 ...): the handler only words the
 * error. The handler answers through the api's respond(), at most once, and must not throw. */
typedef void (*sayso_http_handler)(void* context, const sayso_http_request* request, int refused,
                                   sayso_http_exchange* exchange);

typedef struct sayso_http_options {
  const char* host; /* NUL-terminated */
  int port;         /* 0: any free port */
  size_t max_body_bytes;
  size_t threads;
  int timeout_seconds; /* for reading a request and writing a response */
} sayso_http_options;

typedef struct sayso_http_error {
  char message[256]; /* NUL-terminated */
} sayso_http_error;

typedef struct sayso_http_api {
  int abi_version;    /* SAYSO_HTTP_ABI_VERSION of the module */
  size_t struct_size; /* sizeof(sayso_http_api) of the module */
  /* A server that calls `handler` with `context`; NULL (and the error) when it cannot be made. */
  sayso_http_server* (*create)(const sayso_http_options* options, sayso_http_handler handler,
                               void* context, sayso_http_error* error);
  void (*destroy)(sayso_http_server* server); /* stops it first when it is running */
  int (*bind)(sayso_http_server* server);     /* the port bound, or -1 */
  void (*run)(sayso_http_server* server);     /* serves until stop(); call bind() first */
  void (*stop)(sayso_http_server* server);    /* from any thread */
  int (*is_running)(const sayso_http_server* server);
  void (*respond)(sayso_http_exchange* exchange, const sayso_http_reply* reply);
} sayso_http_api;

/* The module's only exported symbol (SAYSO_HTTP_MODULE_ENTRY). */
const sayso_http_api* sayso_http_module_api(void);

#ifdef __cplusplus
}
#endif

#endif
