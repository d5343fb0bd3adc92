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

  // `input_fd` is the descriptor behind `in` (its buffer must be an FdInputBuffer), or -1 for
  // streams with no descriptor (string streams in tests): those never have to be waited for.
  Transport(std::istream& in, std::ostream& out, std::ostream& log,
            std::size_t max_message_bytes = kDefaultMaxMessageBytes, int input_fd = -1);

  // The next message body, or nullopt at the end of the input. Frames without a valid
  // Content-Length, empty frames and oversized frames are logged and skipped.
  std::optional<std::string> read_message();

  struct Frame {
    enum class Kind { Body, Oversized, End };
    Kind kind = Kind::End;
    std::string body;     // the body; for an oversized frame, its first kOversizedPrefixBytes
    std::string problem;  // for an oversized frame, what was wrong, for the client
  };
  static constexpr std::size_t kOversizedPrefixBytes = 4096;
  // Like read_message, but reports an oversized frame (with the start of its body, so that the
  // server can answer the request it carried) instead of skipping it silently.
  Frame read_frame();

  // Whether a message can be read without blocking, waiting up to `timeout_ms` for one. Always
  // false for streams with no descriptor: for them, time stands still between messages.
  bool input_waiting(int timeout_ms);
  bool can_wait() const { return input_fd_ >= 0; }

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
  enum class BodyEnd { Skipped, NextHeaderFound, InputEnded };
  // Reads past up to `count` bytes of a body too large to keep, keeping its first
  // kOversizedPrefixBytes in `kept`; stops early where a new header line begins.
  BodyEnd consume_oversized_body(std::size_t count, std::string& kept);

  std::istream& in_;
  std::ostream& out_;
  std::ostream& log_;
  std::size_t max_message_bytes_;
  int input_fd_;
  std::string carried_header_;  // a header line found inside an oversized body, read next
};

}  // namespace sayso::lsp
