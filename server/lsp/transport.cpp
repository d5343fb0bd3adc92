#include "lsp/transport.h"

#include "lsp/fd_input.h"

#include <algorithm>
#include <charconv>
#include <istream>
#include <ostream>

namespace sayso::lsp {
namespace {

// Header lines are short; a longer line is garbage, kept only in part so it cannot exhaust memory.
constexpr std::size_t kMaxHeaderLineBytes = 64 * 1024;
constexpr std::string_view kContentLength = "content-length";

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

// Position of "content-length:" in the line, ignoring case, or npos.
std::size_t find_content_length(std::string_view line) {
  for (std::size_t i = 0; i + kContentLength.size() < line.size(); ++i)
    if (iequals(line.substr(i, kContentLength.size()), kContentLength) &&
        line[i + kContentLength.size()] == ':')
      return i;
  return std::string_view::npos;
}

std::optional<std::size_t> parse_length(std::string_view digits) {
  std::size_t value = 0;
  const char* end = digits.data() + digits.size();
  auto [ptr, ec] = std::from_chars(digits.data(), end, value);
  if (digits.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

}  // namespace

Transport::Transport(std::istream& in, std::ostream& out, std::ostream& log,
                     std::size_t max_message_bytes, int input_fd)
    : in_(in), out_(out), log_(log), max_message_bytes_(max_message_bytes), input_fd_(input_fd) {}

bool Transport::input_waiting(int timeout_ms) {
  if (input_fd_ < 0) return false;
  if (in_.rdbuf()->in_avail() > 0) return true;  // already buffered
  return fd_readable(input_fd_, timeout_ms);
}

bool Transport::read_line(std::string& line) {
  line.clear();
  std::streambuf* buf = in_.rdbuf();
  for (;;) {
    const int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in_.setstate(std::ios::eofbit);
      return !line.empty();
    }
    if (c == '\n') break;
    if (line.size() < kMaxHeaderLineBytes) line.push_back(static_cast<char>(c));
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

void Transport::parse_header_line(std::string_view line, Header& header) {
  // A body sent without its own header can run into the next header on the same line: resync on
  // "Content-Length:" wherever it appears.
  const std::size_t at = find_content_length(line);
  if (at == std::string_view::npos) return;  // Content-Type and unknown headers are ignored
  if (at > 0) log_ << "sayso lsp: skipped " << at << " stray bytes before a header\n";
  const std::string_view value = trim(line.substr(at + kContentLength.size() + 1));
  header.content_length = parse_length(value);
  if (!header.content_length)
    log_ << "sayso lsp: invalid Content-Length '" << value.substr(0, 40) << "'\n";
}

bool Transport::skip_bytes(std::size_t count) {
  constexpr std::size_t kChunk = std::size_t{1} << 30;  // keeps each count a valid streamsize
  while (count > 0) {
    const std::size_t chunk = std::min(count, kChunk);
    in_.ignore(static_cast<std::streamsize>(chunk));
    if (static_cast<std::size_t>(in_.gcount()) != chunk) return false;
    count -= chunk;
  }
  return true;
}

Transport::Header Transport::read_header() {
  Header header;
  bool any_line = false;
  std::string line;
  for (;;) {
    if (!read_line(line)) {
      header.ended_by_eof = true;
      return header;
    }
    if (line.empty()) {
      if (any_line) return header;
      continue;  // blank lines between messages are harmless
    }
    any_line = true;
    parse_header_line(line, header);
  }
}

std::optional<std::string> Transport::read_message() {
  for (;;) {
    Frame frame = read_frame();
    if (frame.kind == Frame::Kind::End) return std::nullopt;
    if (frame.kind == Frame::Kind::Body) return std::move(frame.body);
  }
}

Transport::Frame Transport::read_frame() {
  Frame frame;
  for (;;) {
    const Header header = read_header();
    if (header.ended_by_eof) return frame;
    if (!header.content_length) {
      log_ << "sayso lsp: message without a valid Content-Length header: skipped\n";
      continue;
    }
    const std::size_t length = *header.content_length;
    if (length == 0) {
      log_ << "sayso lsp: empty message: skipped\n";
      continue;
    }
    if (length > max_message_bytes_) {
      log_ << "sayso lsp: message of " << length << " bytes is over the limit of "
           << max_message_bytes_ << " bytes: skipped\n";
      const std::size_t prefix = std::min(length, kOversizedPrefixBytes);
      frame.body.resize(prefix);
      in_.read(frame.body.data(), static_cast<std::streamsize>(prefix));
      if (static_cast<std::size_t>(in_.gcount()) != prefix || !skip_bytes(length - prefix))
        return Frame{};
      frame.kind = Frame::Kind::Oversized;
      return frame;
    }
    frame.body.assign(length, '\0');
    in_.read(frame.body.data(), static_cast<std::streamsize>(length));
    if (static_cast<std::size_t>(in_.gcount()) != length) {
      log_ << "sayso lsp: input ended inside a message (" << in_.gcount() << " of " << length
           << " bytes)\n";
      return Frame{};
    }
    frame.kind = Frame::Kind::Body;
    return frame;
  }
}

void Transport::write_message(std::string_view body) {
  out_ << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out_.flush();
}

}  // namespace sayso::lsp
