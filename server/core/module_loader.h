// Shared modules loaded on demand (dlopen), for formats whose libraries are costly to load on
// every run (PDF: poppler and what it pulls in). A module is looked for, in order:
//   1. in $SAYSO_MODULE_DIR, when it is set;
//   2. beside the running executable (the build folder: build/sayso);
//   3. where it is installed, <exe dir>/../<libdir>/sayso (/usr/bin/sayso → /usr/lib/sayso);
//   4. in folders added by add_module_search_dir (tests and benchmarks built in a subfolder).
#pragma once
#include <mutex>
#include <string>
#include <vector>

namespace sayso {

// Adds a folder to look in last. Call it before the first module is loaded (a static
// initialiser: see module_dir_build_tree.cpp).
void add_module_search_dir(std::string dir);

// The folders a module is looked for in, in order (the list above).
std::vector<std::string> module_search_dirs();

// An entry point of a module, or why it could not be had.
struct ModuleSymbol {
  void* address = nullptr;
  std::string error;  // "could not load DIR/FILE: <dlerror>", when address is null
};

// One module file, opened the first time a symbol is asked for (thread-safe, once) and kept open
// for the life of the process.
class Module {
 public:
  explicit Module(std::string file_name) : file_name_(std::move(file_name)) {}
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  ModuleSymbol find(const char* name);
  const std::string& file_name() const { return file_name_; }

 private:
  void load();

  std::string file_name_;
  std::once_flag once_;
  void* handle_ = nullptr;
  std::string load_error_;  // written only inside call_once
};

std::string other_version_message(const std::string& file_name, int found, int expected);

// What a module's entry point (`const Api* entry(void)`) returns: its interface, a plain C struct
// that starts with `int abi_version; size_t struct_size;` (pdf_module_abi.h, http_module_abi.h),
// checked against the version and size this build expects. nullptr, with the reason in `error`,
// when the module is missing, broken or built for another version of sayso. (The entry is called
// through its own type: UBSan's function check refuses a call through another.)
template <typename Api>
const Api* module_interface(Module& module, const char* entry, int abi_version,
                            std::string& error) {
  const ModuleSymbol symbol = module.find(entry);
  if (symbol.address == nullptr) {
    error = symbol.error;
    return nullptr;
  }
  const Api* api = reinterpret_cast<const Api* (*)()>(symbol.address)();
  if (api != nullptr && api->abi_version == abi_version && api->struct_size == sizeof(Api))
    return api;
  error =
      other_version_message(module.file_name(), api != nullptr ? api->abi_version : 0, abi_version);
  return nullptr;
}

template <typename Api>
struct LoadedModule {
  const Api* api = nullptr;  // nullptr when the module cannot be used
  std::string error;         // then why
};

// A module's interface, loaded the first time it is asked for (from any thread) and kept for the
// life of the process: one module per interface type.
template <typename Api>
const LoadedModule<Api>& load_module_once(const char* file, const char* entry, int abi_version) {
  static const LoadedModule<Api> loaded = [&] {
    static Module module(file);
    LoadedModule<Api> result;
    result.api = module_interface<Api>(module, entry, abi_version, result.error);
    return result;
  }();
  return loaded;
}

}  // namespace sayso
