#!/usr/bin/env bash
# Builds sayso and runs every test: unit tests, rule examples, CLI golden tests, Neovim end to end.
# First come the hardening passes (CI runs them): the whole suite under AddressSanitizer +
# UndefinedBehaviorSanitizer (scripts/test-sanitizers.sh, in build-asan/) and a short run of every
# fuzz target (scripts/fuzz.sh, SAYSO_FUZZ_SECONDS each, default 30, in the same build-asan/), and
# the unit tests under ThreadSanitizer (scripts/test-threads.sh, in build-tsan/).
# The normal build and its tests come last, so that their ctest summary is the last line printed;
# the exit status is non-zero if any pass failed. SAYSO_HARDENING=0 skips the hardening passes.
set -euo pipefail
cd "$(dirname "$0")/.."
hardening=${SAYSO_HARDENING:-1}
fuzz_seconds=${SAYSO_FUZZ_SECONDS:-30}
if [[ $hardening != 0 && $hardening != 1 ]]; then
  echo "SAYSO_HARDENING must be 1 (run the sanitizer and fuzzing passes) or 0 (skip them)" >&2
  exit 2
fi
if [[ ! $fuzz_seconds =~ ^[1-9][0-9]*$ ]]; then
  echo "SAYSO_FUZZ_SECONDS must be a whole number of seconds above 0, not '$fuzz_seconds'" >&2
  exit 2
fi

# run_stage NAME COMMAND...: runs a stage and says how long it took (CI's budget is in its log).
run_stage() {
  local name=$1 started=$SECONDS status=0
  shift
  echo "=== $name"
  "$@" || status=$?
  echo "=== $name: $((SECONDS - started)) s, exit status $status"
  return "$status"
}

hardening_failed=()
if ((hardening)); then
  run_stage "sanitizer tests (build-asan)" bash scripts/test-sanitizers.sh ||
    hardening_failed+=("sanitizer tests (build-asan)")
  run_stage "fuzzing, ${fuzz_seconds} s per target (build-asan)" bash scripts/fuzz.sh "$fuzz_seconds" ||
    hardening_failed+=("fuzzing (build-asan)")
  run_stage "thread sanitizer unit tests (build-tsan)" bash scripts/test-threads.sh ||
    hardening_failed+=("thread sanitizer unit tests (build-tsan)")
  if ((${#hardening_failed[@]})); then
    echo "FAILED: ${hardening_failed[*]} (see above); the normal tests run anyway" >&2
  fi
fi
run_stage "normal build (build)" bash scripts/build.sh
cd build
status=0
ctest --output-on-failure -j"$(nproc)" || status=$?
if ((${#hardening_failed[@]})); then exit 1; fi
exit "$status"
