// A fresh folder under the system's temporary folder for a test's files, removed at the end.
#pragma once
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace sayso::testing {

class ScratchDir {
 public:
  ScratchDir()
      : path(std::filesystem::temp_directory_path() /
             ("sayso-test-" + std::to_string(::getpid()) + "-" +
              std::to_string(reinterpret_cast<std::uintptr_t>(this)))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  // Writes `text` to `rel` (folders made as needed); returns the file's path.
  std::string write(const std::string& rel, const std::string& text) const {
    const std::filesystem::path file = path / rel;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }
  std::string at(const std::string& rel) const { return (path / rel).string(); }

  const std::filesystem::path path;
};

}  // namespace sayso::testing
