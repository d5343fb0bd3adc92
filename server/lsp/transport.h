// LSP base protocol: messages framed by a `Content-Length` header, over a pair of byte streams.
#pragma once
#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace sayso::lsp {

class Transport {
 public:
  // Larger messages are skipped (and logged) rather than buffered.
  static constexpr std::size_t kDefaultMaxMessageBytes = std::size_t{64} << 20;

  Transport(std::istream& in, std::ostream& out, std::ostream& log,
            std::size_t max_message_bytes = kDefaultMaxMessageBytes);

  // The next message body, or nullopt at the end of the input. Frames without a valid
  // Content-Length, empty frames and oversized frames are logged and skipped.
  std::optional<std::string> read_message();

  // Writes one framed message and flushes, so the client sees it at once.
  void write_message(std::string_view body);

  std::ostream& log() { return log_; }

 private:
  struct Header {
    std::optional<std::size_t> content_length;
    bool ended_by_eof = false;
  };

  Header read_header();
  // One header line without its line terminator; false at the end of the input.
  bool read_line(std::string& line);
  void parse_header_line(std::string_view line, Header& header);
  // Discards `count` bytes of input; false if the input ended first.
  bool skip_bytes(std::size_t count);

  std::istream& in_;
  std::ostream& out_;
  std::ostream& log_;
  std::size_t max_message_bytes_;
};

}  // namespace sayso::lsp
