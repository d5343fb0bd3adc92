#include "lsp/fd_input.h"

#include <cerrno>

#include <poll.h>
#include <unistd.h>

namespace sayso::lsp {

FdInputBuffer::int_type FdInputBuffer::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  for (;;) {
    const ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
    if (n > 0) {
      setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
      return traits_type::to_int_type(*gptr());
    }
    if (n < 0 && errno == EINTR) continue;  // a signal, not the end of the input
    return traits_type::eof();
  }
}

// Bytes readable without blocking beyond the buffer are unknown here: report none, so callers
// ask fd_readable() instead.
std::streamsize FdInputBuffer::showmanyc() { return 0; }

bool fd_readable(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  for (;;) {
    const int n = ::poll(&p, 1, timeout_ms);
    if (n < 0 && errno == EINTR) continue;
    // POLLHUP and POLLERR count as readable: the next read reports the end of the input.
    return n > 0;
  }
}

}  // namespace sayso::lsp
