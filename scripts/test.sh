#!/usr/bin/env bash
# Builds sayso and runs every test: unit tests, rule examples, CLI golden tests, Neovim end to end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
cd build
ctest --output-on-failure -j"$(nproc)"
