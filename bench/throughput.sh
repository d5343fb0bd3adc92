#!/usr/bin/env bash
# Prints sayso's lint throughput (MB/s) and the time of one small check.
# Uses corpus/ and, when present, ../shared/corpora (never copied into the repo).
# usage: bench/throughput.sh [build/sayso]
set -euo pipefail
cd "$(dirname "$0")/.."
sayso=${1:-build/sayso}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
seconds() { echo "$2 - $1" | bc -l; }

# 1. Cold start: one small file, whole process.
small=$(ls corpus/summaries/* 2>/dev/null | head -1)
if [[ -n "$small" ]]; then
  best=999
  for _ in 1 2 3 4 5; do
    t0=$(now); "$sayso" check --fail-on never "$small" >/dev/null; t1=$(now)
    t=$(seconds "$t0" "$t1"); best=$(echo "if ($t < $best) $t else $best" | bc -l)
  done
  printf 'one check of %s (%d bytes): %.3f s (best of 5)\n' "$small" "$(stat -c %s "$small")" "$best"
fi

# 2. Throughput on the project's corpus, repeated to about 5 MB.
find corpus -name '*.md' -o -name '*.txt' | sort | grep -v README | xargs cat > "$tmp/one.md"
: > "$tmp/corpus.md"
while [[ $(stat -c %s "$tmp/corpus.md") -lt 5000000 ]]; do cat "$tmp/one.md" >> "$tmp/corpus.md"; done
measure() {
  local file=$1 label=$2
  local bytes; bytes=$(stat -c %s "$file")
  local t0 t1; t0=$(now); "$sayso" check --format json --fail-on never "$file" > "$tmp/out.json"; t1=$(now)
  local t; t=$(seconds "$t0" "$t1")
  printf '%s: %.1f MB in %.2f s = %.2f MB/s (whole process)\n' "$label" \
    "$(echo "$bytes/1000000" | bc -l)" "$t" "$(echo "$bytes/1000000/$t" | bc -l)"
}
measure "$tmp/corpus.md" "corpus/ repeated"

# 3. Real articles from the shared corpora, if present.
if [[ -d ../shared/corpora/plos/fulltext ]]; then
  cat ../shared/corpora/plos/fulltext/*.md > "$tmp/plos.md"
  measure "$tmp/plos.md" "PLOS full texts (Markdown)"
else
  echo "../shared/corpora not found: skipping the PLOS measurement"
fi
