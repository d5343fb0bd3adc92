#!/usr/bin/env bash
# Time per byte of every input the fuzzers start from and found: the seeds (corpus/, tests/data,
# generated samples; tests/fuzz/make_seeds.sh) and build-asan/fuzz-corpus when a fuzz run left
# one. Prints each format's median time per byte and its slowest files; exits 1 when an input
# takes over 10x its format's median (the hardening issue's target).
# usage: bench/per_byte.sh [BUILD_DIR] [FUZZ_BUILD_DIR]   (defaults: build, build-asan)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
fuzz_dir=${2:-build-asan}
if [[ ! -f $build_dir/CMakeCache.txt ]]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build_dir" -j"$(nproc)" --target sayso_per_byte >/dev/null
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
bash tests/fuzz/make_seeds.sh . "$seeds"

# The document targets and the file name whose extension picks their front end (as in
# tests/fuzz/CMakeLists.txt); the LSP, rule and config targets' inputs are not documents.
declare -A name_of=([fuzz_markdown]=application.md [fuzz_plaintext]=application.txt
  [fuzz_latex]=application.tex [fuzz_html]=application.html [fuzz_docx]=application.docx
  [fuzz_odt]=application.odt [fuzz_pdf]=application.pdf [fuzz_csv_rows]=export.csv
  [fuzz_jsonl_rows]=export.jsonl)
args=()
for target in $(printf '%s\n' "${!name_of[@]}" | sort); do
  args+=(--as "${name_of[$target]}")
  for dir in "$seeds/$target" "$fuzz_dir/fuzz-corpus/$target"; do
    [[ -d $dir ]] && args+=("$dir")
  done
done
"$build_dir/bench/sayso_per_byte" --repeat 3 --max-ratio 10 "${args[@]}"
