// Finding and opening shared modules (see module_loader.h).
#include "core/module_loader.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

#ifndef SAYSO_INSTALL_LIBDIR
#define SAYSO_INSTALL_LIBDIR "lib"
#endif

namespace sayso {
namespace {

namespace fs = std::filesystem;

std::vector<std::string>& extra_dirs() {
  static std::vector<std::string> dirs;
  return dirs;
}

// The folder of the running executable, or "" when /proc is not there.
fs::path executable_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

// Where the package installs modules, relative to <prefix>/bin (or absolute when the library
// folder was configured absolute).
fs::path installed_dir(const fs::path& exe_dir) {
  const fs::path libdir = SAYSO_INSTALL_LIBDIR;
  return (libdir.is_absolute() ? libdir : (exe_dir / ".." / libdir).lexically_normal()) / "sayso";
}

// dlerror() usually starts with the file's path, which the message already gives.
std::string dl_reason(const std::string& path) {
  const char* text = dlerror();
  std::string reason = text != nullptr ? text : "unknown error";
  if (reason.starts_with(path + ": ")) reason.erase(0, path.size() + 2);
  return reason;
}

}  // namespace

void add_module_search_dir(std::string dir) { extra_dirs().push_back(std::move(dir)); }

std::vector<std::string> module_search_dirs() {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("SAYSO_MODULE_DIR"); env != nullptr && *env != '\0')
    dirs.emplace_back(env);
  if (const fs::path exe_dir = executable_dir(); !exe_dir.empty()) {
    dirs.push_back(exe_dir.string());
    dirs.push_back(installed_dir(exe_dir).string());
  }
  for (const std::string& dir : extra_dirs()) dirs.push_back(dir);
  return dirs;
}

// Tries each folder in turn. When none works, the error is the first folder's where the file
// exists (it is there but broken), or else the first folder's (nothing is installed).
void Module::load() {
  std::string first_error, broken_error;
  for (const std::string& dir : module_search_dirs()) {
    const std::string path = (fs::path(dir) / file_name_).string();
    handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle_ != nullptr) return;
    const std::string error = "could not load " + path + ": " + dl_reason(path);
    std::error_code ec;
    if (broken_error.empty() && fs::exists(path, ec)) broken_error = error;
    if (first_error.empty()) first_error = error;
  }
  load_error_ = !broken_error.empty()  ? broken_error
                : !first_error.empty() ? first_error
                                       : "could not load " + file_name_ + ": no folder to look in";
}

std::string other_version_message(const std::string& file_name, int found, int expected) {
  return file_name + " was built for another version of sayso (interface " + std::to_string(found) +
         ", not " + std::to_string(expected) + ")";
}

ModuleSymbol Module::find(const char* name) {
  std::call_once(once_, [this] { load(); });
  if (handle_ == nullptr) return {nullptr, load_error_};
  dlerror();  // clear any earlier error
  void* address = dlsym(handle_, name);
  if (address == nullptr) return {nullptr, file_name_ + " has no entry point " + name};
  return {address, ""};
}

}  // namespace sayso
