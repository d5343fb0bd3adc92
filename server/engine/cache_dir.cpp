#include "engine/cache_dir.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <mutex>

namespace sayso {
namespace {

std::mutex cache_dir_mutex;
std::string cache_dir_setting;

}  // namespace

void set_cache_dir(const std::string& dir) {
  std::lock_guard<std::mutex> lock(cache_dir_mutex);
  cache_dir_setting = dir;
}

std::string cache_dir() {
  std::lock_guard<std::mutex> lock(cache_dir_mutex);
  return cache_dir_setting;
}

std::optional<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  const std::streamoff size = in.tellg();
  if (size < 0) return std::nullopt;
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), size)) return std::nullopt;
  return bytes;
}

bool write_file_atomically(const std::string& path, std::string_view bytes) {
  static std::atomic<unsigned long> calls{0};
  const std::string tmp =
      path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(calls++);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      std::remove(tmp.c_str());
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace sayso
