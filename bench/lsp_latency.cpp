// Language server latency: spawns `sayso lsp` over pipes, opens a generated application of a given
// size (the corpus's applications concatenated), sends single-character edits through the real
// protocol with debounce 0, and times each didChange to the publishDiagnostics of its version.
// Prints p50/p90/p99/max and the server's peak resident memory (VmHWM from /proc).
//
// usage: sayso_lsp_latency [--sayso build/sayso] [--corpus corpus/applications]
//                          [--edits 1000] [--sizes 61440,256000]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>
#include <csignal>

#include <nlohmann/json.hpp>

#include "lsp/fd_input.h"
#include "lsp/transport.h"

namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

struct Options {
  std::string sayso = "build/sayso";
  std::string corpus = "corpus/applications";
  int edits = 1000;
  std::vector<std::size_t> sizes = {60 * 1024, 250 * 1024};
};

// The applications in the corpus, concatenated until the text is at least `size` bytes, then
// cut at the end of a line.
std::string generate_application(const std::string& corpus, std::size_t size) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(corpus))
    if (entry.path().extension() == ".md") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw std::runtime_error("no .md applications in " + corpus);
  std::string text;
  while (text.size() < size) {
    for (const fs::path& file : files) {
      std::ifstream in(file, std::ios::binary);
      text.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      text += "\n";
      if (text.size() >= size) break;
    }
  }
  const std::size_t cut = text.rfind('\n', size);
  return text.substr(0, cut == std::string::npos ? size : cut + 1);
}

// Lines long enough to edit (prose, not headings), as line numbers.
std::vector<int> prose_lines(const std::string& text) {
  std::vector<int> lines;
  int line = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end - start > 40 && text[start] != '#') lines.push_back(line);
    start = end + 1;
    ++line;
  }
  return lines;
}

class ServerProcess {
 public:
  explicit ServerProcess(const std::string& sayso) {
    int to_child[2], from_child[2];
    if (::pipe(to_child) != 0 || ::pipe(from_child) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::dup2(to_child[0], 0);
      ::dup2(from_child[1], 1);
      ::close(to_child[1]);
      ::close(from_child[0]);
      ::execl(sayso.c_str(), sayso.c_str(), "lsp", static_cast<char*>(nullptr));
      std::perror("exec sayso");
      ::_exit(127);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);
    to_server_ = to_child[1];
    from_server_ = from_child[0];
    buffer_ = std::make_unique<sayso::lsp::FdInputBuffer>(from_server_);
    in_ = std::make_unique<std::istream>(buffer_.get());
    reader_ = std::make_unique<sayso::lsp::Transport>(*in_, ignored_, std::cerr,
                                                      std::size_t{64} << 20, from_server_);
  }
  ~ServerProcess() {
    if (to_server_ >= 0) ::close(to_server_);
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  void send(const json& message) {
    const std::string body = message.dump();
    const std::string bytes = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::write(to_server_, bytes.data() + done, bytes.size() - done);
      if (n <= 0) throw std::runtime_error("the server stopped reading");
      done += static_cast<std::size_t>(n);
    }
  }
  json receive() {
    auto body = reader_->read_message();
    if (!body) throw std::runtime_error("the server closed its output");
    return json::parse(*body);
  }
  // Reads until the diagnostics of `version` are published.
  void wait_for_diagnostics(std::int64_t version) {
    for (;;) {
      const json m = receive();
      if (m.value("method", "") == "textDocument/publishDiagnostics" &&
          m["params"].value("version", std::int64_t{-1}) == version)
        return;
    }
  }
  // Peak and current resident memory in kB, from /proc/<pid>/status.
  std::pair<long, long> memory_kb() const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    long peak = 0, now = 0;
    std::string key;
    while (status >> key) {
      if (key == "VmHWM:") status >> peak;
      if (key == "VmRSS:") status >> now;
    }
    return {peak, now};
  }
  int finish() {
    send({{"jsonrpc", "2.0"}, {"id", "bye"}, {"method", "shutdown"}});
    send({{"jsonrpc", "2.0"}, {"method", "exit"}});
    ::close(to_server_);
    to_server_ = -1;
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  }

 private:
  pid_t pid_ = -1;
  int to_server_ = -1, from_server_ = -1;
  std::ostringstream ignored_;
  std::unique_ptr<sayso::lsp::FdInputBuffer> buffer_;
  std::unique_ptr<std::istream> in_;
  std::unique_ptr<sayso::lsp::Transport> reader_;
};

double percentile(std::vector<double> sorted, double p) {
  if (sorted.empty()) return 0;
  const std::size_t index =
      std::min(sorted.size() - 1, static_cast<std::size_t>(p * static_cast<double>(sorted.size())));
  return sorted[index];
}

json change(const std::string& uri, std::int64_t version, int line, int character,
            int end_character, const std::string& text) {
  const json range = {{"start", {{"line", line}, {"character", character}}},
                      {"end", {{"line", line}, {"character", end_character}}}};
  const json edit = {{"range", range}, {"text", text}};
  const json params = {{"textDocument", {{"uri", uri}, {"version", version}}},
                       {"contentChanges", json::array({edit})}};
  return {{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"}, {"params", params}};
}

// One run: returns false if the server misbehaved.
bool run(const Options& options, std::size_t size) {
  const std::string text = generate_application(options.corpus, size);
  const std::vector<int> lines = prose_lines(text);
  const std::string uri =
      "file://" + (fs::temp_directory_path() / "sayso-bench" / "application.md").string();
  ServerProcess server(options.sayso);
  server.send({{"jsonrpc", "2.0"},
               {"id", 0},
               {"method", "initialize"},
               {"params",
                {{"processId", nullptr},
                 {"rootUri", nullptr},
                 {"capabilities", json::object()},
                 {"initializationOptions", {{"debounceMs", 0}}}}}});
  server.send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
  const auto open_start = Clock::now();
  server.send({{"jsonrpc", "2.0"},
               {"method", "textDocument/didOpen"},
               {"params",
                {{"textDocument",
                  {{"uri", uri}, {"languageId", "markdown"}, {"version", 1}, {"text", text}}}}}});
  server.wait_for_diagnostics(1);
  const double open_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - open_start).count();

  std::vector<double> latencies;
  std::int64_t version = 1;
  for (int i = 0; i < options.edits; ++i) {
    // Type a letter into a prose line, then delete it: the text stays the same size.
    const int line = lines.empty() ? 0 : lines[static_cast<std::size_t>(i / 2) % lines.size()];
    const bool insert = i % 2 == 0;
    ++version;
    const auto start = Clock::now();
    server.send(insert ? change(uri, version, line, 5, 5, "x")
                       : change(uri, version, line, 5, 6, ""));
    server.wait_for_diagnostics(version);
    latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  const auto [peak_kb, rss_kb] = server.memory_kb();
  const int status = server.finish();
  std::sort(latencies.begin(), latencies.end());
  std::printf(
      "%7zu bytes, %d edits: didChange -> publishDiagnostics p50 %.1f ms, p90 %.1f ms, "
      "p99 %.1f ms, max %.1f ms; open %.1f ms; peak RSS %.1f MB (now %.1f MB); exit %d\n",
      text.size(), options.edits, percentile(latencies, 0.5), percentile(latencies, 0.9),
      percentile(latencies, 0.99), latencies.empty() ? 0.0 : latencies.back(), open_ms,
      static_cast<double>(peak_kb) / 1024, static_cast<double>(rss_kb) / 1024, status);
  return status == 0;
}

std::vector<std::size_t> parse_sizes(const std::string& list) {
  std::vector<std::size_t> sizes;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) sizes.push_back(std::stoul(item));
  return sizes;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  try {
    for (int i = 1; i + 1 < argc; i += 2) {
      const std::string key = argv[i], value = argv[i + 1];
      if (key == "--sayso")
        options.sayso = value;
      else if (key == "--corpus")
        options.corpus = value;
      else if (key == "--edits")
        options.edits = std::stoi(value);
      else if (key == "--sizes")
        options.sizes = parse_sizes(value);
      else
        throw std::runtime_error("unknown option " + key);
    }
    std::signal(SIGPIPE, SIG_IGN);
    bool ok = true;
    for (std::size_t size : options.sizes) ok = run(options, size) && ok;
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sayso_lsp_latency: %s\n", e.what());
    return 2;
  }
}
