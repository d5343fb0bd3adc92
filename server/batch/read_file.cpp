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
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return "error while reading the file";
  bytes = std::move(buffer).str();
  if (bytes.size() > max_bytes)  // the file grew while we read it
    return fmt::format("file too large: {} bytes (the limit is {} bytes)", bytes.size(), max_bytes);
  return "";
}

}  // namespace sayso
