// Linked only into executables that run from a subfolder of the build folder (unit tests,
// benchmarks, fuzz targets): they find the modules in the build folder itself. The shipped
// `sayso` does not link this file, so an installed binary never looks in a build folder.
#include "core/module_loader.h"

namespace {

[[maybe_unused]] const bool registered = [] {
  sayso::add_module_search_dir(SAYSO_BUILD_MODULE_DIR);
  return true;
}();

}  // namespace
