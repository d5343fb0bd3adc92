// One document front end through the whole pipeline: decode, front end, sections, segmentation,
// every real rule, per-section figures. Built once per format: SAYSO_FUZZ_PATH is a file name
// whose extension picks the front end (load_document decides by extension, as for a real file).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.h"

#ifndef SAYSO_FUZZ_PATH
#error "define SAYSO_FUZZ_PATH, e.g. \"application.md\""
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  sayso::fuzz::lint_through_pipeline(SAYSO_FUZZ_PATH,
                                     std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
