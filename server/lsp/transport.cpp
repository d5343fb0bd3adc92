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

// Finds a whole "Content-Length: <digits>" header line, line break included, in bytes fed one at a
// time. A raw line break cannot occur inside a JSON string and a header is not JSON, so inside a
// real body this never matches: when it does, the client declared far more bytes than it sent.
class HeaderLineWatcher {
 public:
  // True once `ch` completes a header line; `offset` is the byte's place in the body.
  bool feed(char ch, std::size_t offset) {
    for (;;) {
      switch (stage_) {
        case Stage::Name:
          if (ascii_lower(ch) == kContentLength[matched_]) {
            if (matched_++ == 0) start_ = offset;
            if (matched_ == kContentLength.size()) stage_ = Stage::Colon;
            return false;
          }
          if (matched_ == 0) return false;
          restart();  // this byte may begin a new match
          continue;
        case Stage::Colon:
          if (ch != ':') break;
          stage_ = Stage::Spaces;
          return false;
        case Stage::Spaces:
          if (ch == ' ' || ch == '\t') return false;
          stage_ = Stage::Digits;
          continue;
        case Stage::Digits:
          if (ch >= '0' && ch <= '9' && digits_.size() < kMaxDigits) {
            digits_.push_back(ch);
            return false;
          }
          if (digits_.empty()) break;
          stage_ = Stage::LineEnd;
          continue;
        case Stage::LineEnd:
          if (ch == '\n') return true;
          if (ch == '\r' || ch == ' ' || ch == '\t') return false;
          break;
      }
      restart();
    }
  }
  std::size_t start() const { return start_; }
  const std::string& digits() const { return digits_; }

 private:
  static constexpr std::size_t kMaxDigits = 20;
  enum class Stage { Name, Colon, Spaces, Digits, LineEnd };
  void restart() {
    stage_ = Stage::Name;
    matched_ = 0;
    digits_.clear();
  }
  Stage stage_ = Stage::Name;
  std::size_t matched_ = 0;  // letters of "content-length" so far
  std::size_t start_ = 0;
  std::string digits_;
};

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
  if (!carried_header_.empty()) {  // already read whole, line break and all
    line = std::move(carried_header_);
    carried_header_.clear();
    return true;
  }
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

Transport::BodyEnd Transport::consume_oversized_body(std::size_t count, std::string& kept) {
  HeaderLineWatcher watcher;
  std::streambuf* buf = in_.rdbuf();
  for (std::size_t consumed = 0; consumed < count; ++consumed) {
    const int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) return BodyEnd::InputEnded;
    const char ch = static_cast<char>(c);
    if (kept.size() < kOversizedPrefixBytes) kept.push_back(ch);
    if (watcher.feed(ch, consumed)) {
      kept.resize(std::min(kept.size(), watcher.start()));
      carried_header_ = "Content-Length: " + watcher.digits();
      return BodyEnd::NextHeaderFound;
    }
  }
  return BodyEnd::Skipped;
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
      switch (consume_oversized_body(length, frame.body)) {
        case BodyEnd::InputEnded:
          log_ << "sayso lsp: input ended inside a message of " << length << " bytes\n";
          return Frame{};
        case BodyEnd::NextHeaderFound:
          log_ << "sayso lsp: message said it had " << length
               << " bytes, but the next message began after " << frame.body.size() << ": skipped\n";
          frame.problem =
              "Content-Length (" + std::to_string(length) + " bytes) did not match the message";
          break;
        case BodyEnd::Skipped:
          log_ << "sayso lsp: message of " << length << " bytes is over the limit of "
               << max_message_bytes_ << " bytes: skipped\n";
          frame.problem =
              "Message too large (over " + std::to_string(max_message_bytes_) + " bytes)";
          break;
      }
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
