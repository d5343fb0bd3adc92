#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "engine/speller.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SAYSO_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define SAYSO_SANITIZED 1
#endif
#endif

namespace sayso {

int end_without_teardown(int status) {
#ifdef SAYSO_SANITIZED
  return status;  // let the sanitizers' leak check run at a normal exit
#else
  save_learned_spellings();
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(status);
#endif
}

}  // namespace sayso
