// A read buffer over a file descriptor (the server's stdin), so that the event loop can tell
// whether a message is already waiting (buffered bytes, or poll() on the descriptor) before it
// decides to run debounced work.
#pragma once
#include <array>
#include <streambuf>

namespace sayso::lsp {

class FdInputBuffer : public std::streambuf {
 public:
  explicit FdInputBuffer(int fd) : fd_(fd) {}
  int fd() const { return fd_; }

 protected:
  int_type underflow() override;
  std::streamsize showmanyc() override;

 private:
  int fd_;
  std::array<char, 64 * 1024> buffer_{};
};

// True when the descriptor has bytes to read (or has reached its end) within `timeout_ms`
// (0 = just look; negative = wait as long as it takes).
bool fd_readable(int fd, int timeout_ms);

}  // namespace sayso::lsp
