#include "engine/cache_dir.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace sayso {
namespace {

std::mutex cache_dir_mutex;
std::string cache_dir_setting;

using Age = std::chrono::seconds;
constexpr Age kUsedRefresh = std::chrono::hours(24 * 7);
constexpr Age kUnusedFor = std::chrono::hours(24 * 60);
constexpr Age kAbandonedTemporary = std::chrono::hours(24);

// The kinds of file sayso writes in its cache folder (anything else there is left alone).
bool is_cache_file(const std::string& name) {
  for (const char* prefix : {"rules-", "sections-", "words-", "verdicts-"})
    if (name.rfind(prefix, 0) == 0) return true;
  return false;
}

Age age_of(const struct stat& st) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<Age>(now) - Age(st.st_mtim.tv_sec);
}

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

void mark_cache_file_used(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && age_of(st) >= kUsedRefresh)
    ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);  // now
}

void prune_cache_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!is_cache_file(name)) continue;
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    const bool temporary = name.find(".tmp.") != std::string::npos;
    std::error_code not_removed;  // another process may have removed it first: no matter
    if (age_of(st) >= (temporary ? kAbandonedTemporary : kUnusedFor))
      fs::remove(it->path(), not_removed);
  }
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
  prune_cache_dir(std::filesystem::path(path).parent_path().string());
  return true;
}

}  // namespace sayso
