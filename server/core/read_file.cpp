#include "core/read_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace sayso {
namespace fs = std::filesystem;

std::string link_problem(const std::error_code& ec) {
  if (ec == std::errc::too_many_symbolic_link_levels) return "symbolic link loop";
  if (ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory)
    return "broken symbolic link (what it points to does not exist)";
  return "cannot follow the symbolic link: " + ec.message();
}

std::string not_a_file_reason(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory:
      return "is a folder, not a file";
    case fs::file_type::fifo:
      return "a named pipe (FIFO), not a file";
    case fs::file_type::socket:
      return "a socket, not a file";
    case fs::file_type::block:
    case fs::file_type::character:
      return "a device, not a file";
    default:
      return "not a regular file";
  }
}

std::string read_file_bytes(const std::string& path, std::size_t max_bytes, std::string& bytes) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    std::error_code link_ec;
    if (fs::is_symlink(fs::symlink_status(path, link_ec))) return link_problem(ec);
    if (ec && ec != std::errc::no_such_file_or_directory)
      return "cannot reach the file: " + ec.message();
    return "no such file";
  }
  if (!fs::is_regular_file(status)) return not_a_file_reason(status.type());
  const auto size = fs::file_size(path, ec);
  if (ec) return "cannot find the size of the file: " + ec.message();
  if (size > max_bytes)
    return fmt::format("file too large: {} bytes (the limit is {} bytes)", size, max_bytes);
  std::ifstream in(path, std::ios::binary);
  if (!in) return fmt::format("cannot open the file: {}", std::strerror(errno));
  // Read straight into the string (the size is known), then whatever the file grew by since.
  bytes.resize(static_cast<std::size_t>(size));
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.bad()) return "error while reading the file";
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (in) {
    std::ostringstream rest;
    rest << in.rdbuf();
    bytes += std::move(rest).str();
  }
  if (bytes.size() > max_bytes)  // the file grew while we read it
    return fmt::format("file too large: {} bytes (the limit is {} bytes)", bytes.size(), max_bytes);
  return "";
}

}  // namespace sayso
