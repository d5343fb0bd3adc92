#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) in the hardening build (build-asan/: clang, ASan and
# UBSan; scripts/asan-build.sh), and runs each for SECONDS (default 30). A crash, a sanitizer report,
# a hang (one input over 10 s) or an input needing over 2 GB fails the run; the input is saved in
# build-asan/fuzz-artifacts/<target>/ (keep it in tests/fuzz/regressions/<target>/ once fixed).
# Prints each target's executions and coverage (libFuzzer's cov: edges and ft: features).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (no TARGET: every target built)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
build_dir=${SAYSO_ASAN_BUILD_DIR:-build-asan}
bash scripts/asan-build.sh sayso_fuzzers

bash tests/fuzz/make_seeds.sh . "$build_dir/fuzz-seeds"
targets=("$@")
if ((${#targets[@]} == 0)); then
  mapfile -t targets < <(find "$build_dir/tests/fuzz" -maxdepth 1 -type f -executable -name 'fuzz_*' \
    -printf '%f\n' | sort)
fi

export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# Leaks in libraries not ours, each explained in the file.
export LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp:print_suppressions=0
export ASAN_OPTIONS=detect_leaks=1
# LeakSanitizer needs ptrace, which some containers forbid: then run without leak checks.
leak_probe=$("$build_dir/tests/fuzz/${targets[0]}" -runs=0 2>&1 || true)
if grep -q -e "LeakSanitizer has encountered a fatal error" -e "does not work under ptrace" <<<"$leak_probe"; then
  echo "note: LeakSanitizer does not work here (ptrace is restricted): fuzzing without leak checks"
  export ASAN_OPTIONS=detect_leaks=0
fi

failed=()
summary=()
for target in "${targets[@]}"; do
  binary="$build_dir/tests/fuzz/$target"
  corpus="$build_dir/fuzz-corpus/$target"    # what this and earlier runs found (kept between runs)
  seeds="$build_dir/fuzz-seeds/$target"
  artifacts="$build_dir/fuzz-artifacts/$target/"
  log="$build_dir/fuzz-logs/$target.log"
  mkdir -p "$corpus" "$seeds" "$artifacts" "$(dirname "$log")"
  echo "fuzzing $target for ${seconds}s"
  status=0
  "$binary" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts" </dev/null >"$log" 2>&1 || status=$?
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  coverage=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 || true)
  line=$(printf '%-18s executions %-9s %s' "$target" "${executions:-?}" "${coverage:-cov: ? ft: ?}")
  if ((status != 0)); then
    line+="  FAILED (exit $status; input saved in $artifacts)"
    failed+=("$target")
    grep -n -m1 -A40 -e '^==[0-9]*==ERROR' -e 'runtime error' -e 'ERROR: libFuzzer' "$log" || tail -40 "$log"
  fi
  summary+=("$line")
done

echo
echo "fuzzing summary (${seconds}s per target; logs in $build_dir/fuzz-logs):"
printf '  %s\n' "${summary[@]}"
if ((${#failed[@]})); then
  echo "fuzzing found problems in: ${failed[*]}" >&2
  exit 1
fi
