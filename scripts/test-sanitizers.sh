#!/usr/bin/env bash
# Builds sayso with AddressSanitizer + UndefinedBehaviorSanitizer (clang, scripts/asan-build.sh) into
# build-asan/ and runs the whole ctest suite there, except tests labelled "slow": the Debian
# package build (release_deb, cpack) and the VS Code extension (vscode_extension, npm and Node),
# which exercise no C++ beyond what the other tests run.
# Any sanitizer report fails the test that triggered it (halt_on_error, exit status non-zero).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${SAYSO_ASAN_BUILD_DIR:-build-asan}
bash scripts/asan-build.sh

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# Leaks in libraries not ours, each explained in the file.
export LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp:print_suppressions=0
# LeakSanitizer stops the world with ptrace, which some containers forbid: then it aborts every
# process at exit. Try it once on a program that exits normally and fall back without it.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1
probe_log=$(mktemp)
if ! "$build_dir/sayso" --version >/dev/null 2>"$probe_log"; then
  if grep -q -e "LeakSanitizer has encountered a fatal error" -e "does not work under ptrace" "$probe_log"; then
    echo "note: LeakSanitizer does not work here (ptrace is restricted): running without leak checks"
    export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:detect_stack_use_after_return=1
  else
    cat "$probe_log" >&2
    rm -f "$probe_log"
    echo "the sanitizer build of sayso fails to start" >&2
    exit 1
  fi
fi
rm -f "$probe_log"
echo "sanitizers: ASAN_OPTIONS=$ASAN_OPTIONS UBSAN_OPTIONS=$UBSAN_OPTIONS"

cd "$build_dir"
ctest --output-on-failure -j"$(nproc)" -LE slow
