#include "batch/read_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace sayso {
namespace fs = std::filesystem;

std::string read_file_bytes(const std::string& path, std::size_t max_bytes, std::string& bytes) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return "no such file";
  if (fs::is_directory(status)) return "is a folder, not a file";
  if (!fs::is_regular_file(status)) return "not a regular file";
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
