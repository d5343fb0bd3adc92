#!/usr/bin/env bash
# Builds the unit tests with ThreadSanitizer (clang, SAYSO_SANITIZE=thread) into build-tsan/ and
# runs them: large documents are read, matched and linted on several threads (core/parallel.h),
# rule files load on several threads, and the batch, language server and web fronts have threads
# of their own. Any data race fails the run (halt_on_error).
# Usage: scripts/test-threads.sh [CATCH2 TEST SPEC...]   (default: every unit test)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
build_dir=${SAYSO_TSAN_BUILD_DIR:-build-tsan}
# -O1 keeps stack traces readable and compiles much faster than -O2.
CC=clang CXX=clang++ cmake -S . -B "$build_dir" -DSAYSO_SANITIZE=thread \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target sayso_unit_tests
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/scripts/tsan.supp"
"$build_dir/tests/sayso_unit_tests" "$@"
