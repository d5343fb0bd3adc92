#!/usr/bin/env bash
# Configures and builds the hardening build: clang with AddressSanitizer + UndefinedBehaviorSanitizer
# and libFuzzer's coverage instrumentation, in one folder (default build-asan/, or
# $SAYSO_ASAN_BUILD_DIR). The sanitizer test pass (scripts/test-sanitizers.sh) and the fuzz targets
# (scripts/fuzz.sh) share it, so CI compiles our code twice (this and build/), not three times.
# Usage: scripts/asan-build.sh [TARGET...]   (no TARGET: everything, tests and fuzz targets)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

build_dir=${SAYSO_ASAN_BUILD_DIR:-build-asan}
# -O1 keeps stack traces readable and compiles much faster than -O2; sanitizers slow the code anyway.
CC=clang CXX=clang++ cmake -S . -B "$build_dir" -DSAYSO_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" >/dev/null
targets=()
for target in "$@"; do targets+=(--target "$target"); done
cmake --build "$build_dir" -j"$(nproc)" "${targets[@]}"
