#!/usr/bin/env bash
# Prints sayso's start-up cost, its lint throughput (MB/s of CPU time) and how its lint time
# compares with the Tree-sitter parse alone (sayso_parse_bench, built next to sayso in bench/).
# Uses corpus/ and, when present, ../shared/corpora (never copied into the repo).
# CPU time (user + system) is the figure to compare: wall time depends on the machine's load.
# usage: bench/throughput.sh [build/sayso]
set -euo pipefail
cd "$(dirname "$0")/.."
sayso=${1:-build/sayso}
parse_bench=$(dirname "$sayso")/bench/sayso_parse_bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/cache  # a cache of our own, built by the first run below

# Whole-process run: prints "wall cpu peak_kb" (CPU = user + system).
run() {
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" || true
  awk '{ printf "%s %.3f %s\n", $1, $2 + $3, $4 }' "$tmp/t" | tail -1
}
best_of() {  # runs, command...: the run with the least CPU time
  local n=$1; shift
  for ((i = 0; i < n; i++)); do run "$@"; done | sort -k2 -n | head -1
}

# 1. Start-up: one small file, whole process, with the cache a first run leaves and without.
small=$(ls corpus/summaries/* 2>/dev/null | head -1)
if [[ -n "$small" ]]; then
  "$sayso" check --fail-on never "$small" >/dev/null 2>&1 || true  # builds the cache
  read -r wall cpu kb < <(best_of 5 "$sayso" check --fail-on never "$small")
  printf 'one check of %s (%d bytes): %.3f s CPU, %.3f s wall, %d MB peak (best of 5)\n' \
    "$small" "$(stat -c %s "$small")" "$cpu" "$wall" $((kb / 1024))
  read -r wall cpu kb < <(best_of 5 "$sayso" check --no-cache --fail-on never "$small")
  printf '  the same with --no-cache: %.3f s CPU, %.3f s wall\n' "$cpu" "$wall"
fi

# 2. Throughput on the project's corpus, repeated to about 5 MB.
find corpus -name '*.md' -o -name '*.txt' | sort | grep -v README | xargs cat > "$tmp/one.md"
: > "$tmp/corpus.md"
while [[ $(stat -c %s "$tmp/corpus.md") -lt 5000000 ]]; do cat "$tmp/one.md" >> "$tmp/corpus.md"; done
measure() {
  local file=$1 label=$2
  local bytes; bytes=$(stat -c %s "$file")
  read -r wall cpu kb < <(run "$sayso" check --format json --fail-on never "$file")
  printf '%s: %.1f MB in %.2f s CPU = %.2f MB/s (whole process; %.2f s wall, %d MB peak)\n' "$label" \
    "$(echo "$bytes/1000000" | bc -l)" "$cpu" "$(echo "$bytes/1000000/$cpu" | bc -l)" "$wall" \
    $((kb / 1024))
}
measure "$tmp/corpus.md" "corpus/ repeated"

# 3. Real articles from the shared corpora, if present.
if [[ -d ../shared/corpora/plos/fulltext ]]; then
  cat ../shared/corpora/plos/fulltext/*.md > "$tmp/plos.md"
  measure "$tmp/plos.md" "PLOS full texts (Markdown)"
  parse_input=$tmp/plos.md
else
  echo "../shared/corpora not found: skipping the PLOS measurement"
  parse_input=$tmp/one.md
fi

# 4. Lint time against the Tree-sitter parse alone (in one process, rules loaded beforehand).
if [[ -x $parse_bench ]]; then
  echo "parse only against the whole lint ($parse_bench):"
  "$parse_bench" "$parse_input" | sed 's/^/  /'
else
  echo "no $parse_bench: build the sayso_parse_bench target for the parse-only figures"
fi
