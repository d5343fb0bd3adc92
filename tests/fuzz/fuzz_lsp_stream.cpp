// The language server's message layer as a byte stream: framing, JSON-RPC and every handler.
// The first byte chooses the mode: odd, the rest is served after a valid initialize handshake and
// an opened document (so the handlers past initialization are reached); even, the rest is all there
// is.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "lsp/lsp.h"

namespace {

std::string framed(std::string_view body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

// Under a folder that does not exist, so no .sayso.yml is read for these documents.
const std::string& handshake() {
  static const std::string prefix =
      framed(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,)"
             R"("rootUri":"file:///nonexistent-sayso-fuzz","capabilities":{},)"
             R"("initializationOptions":{"debounceMs":0}}})") +
      framed(R"({"jsonrpc":"2.0","method":"initialized","params":{}})") +
      framed(R"({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":)"
             R"({"uri":"file:///nonexistent-sayso-fuzz/application.md","languageId":"markdown",)"
             R"("version":1,"text":"# Plain English summary\n\nWe will utilise a cohort.\n"}}})");
  return prefix;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.empty()) return 0;
  std::string input = (data[0] & 1) ? handshake() : std::string();
  input.append(bytes.substr(1));
  std::istringstream in(input);
  std::ostringstream out, log;
  sayso::LanguageServerOptions options;
  options.rules_dir = SAYSO_SOURCE_RULES_DIR;
  options.debounce_ms = 0;
  options.max_message_bytes = 1 << 20;
  const int status = sayso::run_language_server(in, out, options, log);
  sayso::fuzz::require(status == 0 || status == 1);
  return 0;
}
