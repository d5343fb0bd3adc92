#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "cli/commands.h"
#include "core/sanitized.h"
#include "engine/speller.h"

namespace sayso {

int end_without_teardown(int status) {
  // A report that could not be written (a full disk, a closed descriptor) is lost: the run must
  // not look clean to the script that ran it.
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "sayso: cannot write standard output: " << std::strerror(errno) << "\n";
    status = kExitUsage;
  }
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
