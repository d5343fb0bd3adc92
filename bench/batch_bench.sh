#!/usr/bin/env bash
# The batch scale benchmark: N synthetic submissions (default 10,000, about 80 MB) in mixed
# formats, linted with --jobs 1 and --jobs 2. Prints wall time, submissions/s, MB/s, peak RSS and
# the speed-up. Targets (2-core machine): < 30 s for 10,000, < 500 MB, near-linear speed-up.
# usage: bench/batch_bench.sh [N] [path/to/sayso]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
sayso=${2:-build/sayso}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# DOCX joins the mix when this build reads it (the front end may not have landed yet).
probe="$tmp/probe"
python3 bench/batch_generate.py 1 "$probe" --docx-share 1 >/dev/null
docx_share=0
if "$sayso" batch "$probe"/files/*.docx 2>/dev/null | grep -q '"status":"ok"'; then docx_share=0.25; fi

python3 bench/batch_generate.py "$n" "$tmp/data" --docx-share "$docx_share"
bytes=$(du -sb "$tmp/data/files" | cut -f1)
printf 'data: %d submissions, %.1f MB (docx share of the Markdown files: %s)\n' \
  "$n" "$(echo "$bytes / 1000000" | bc -l)" "$docx_share"

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# Runs one batch; sets seconds, cpu and peak_kb.
measure() {
  local jobs=$1 out="$tmp/out-$1.jsonl"
  echo "load average before jobs $jobs: $(load_average) (on $(nproc) cores)"
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -v -o "$tmp/time-$jobs" "$sayso" batch --no-progress --jobs "$jobs" \
      --map "$tmp/data/map.yml" --out-jsonl "$out" "$tmp/data/files" || true
    seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
      for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tmp/time-$jobs")
    peak_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time-$jobs")
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$tmp/time-$jobs")
  else  # poll /proc for the peak
    local t0 t1 pid
    t0=$(date +%s.%N)
    "$sayso" batch --no-progress --jobs "$jobs" --map "$tmp/data/map.yml" --out-jsonl "$out" \
      "$tmp/data/files" & pid=$!
    peak_kb=0
    while kill -0 "$pid" 2>/dev/null; do
      rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
      (( rss > peak_kb )) && peak_kb=$rss
      sleep 0.05
    done
    wait "$pid" || true
    t1=$(date +%s.%N)
    seconds=$(echo "$t1 - $t0" | bc -l)
    cpu=0
  fi
  local records
  records=$(wc -l < "$out")
  printf 'jobs %d: %d records in %.2f s (CPU %.2f s): %.0f submissions/s, %.1f MB/s, peak RSS %.0f MB\n' \
    "$jobs" "$records" "$seconds" "$cpu" "$(echo "$records / $seconds" | bc -l)" \
    "$(echo "$bytes / 1000000 / $seconds" | bc -l)" "$(echo "$peak_kb / 1024" | bc -l)"
}

measure 1; one=$seconds; one_cpu=$cpu
measure 2; two=$seconds; two_cpu=$cpu
echo "load average after: $(load_average)"
printf 'speed-up 1 -> 2 jobs: %.2fx in wall time' "$(echo "$one / $two" | bc -l)"
if [[ "$two_cpu" != 0 ]]; then
  # On a shared machine wall time depends on the other jobs; the CPU time of 2 jobs against 1
  # shows what running in parallel costs (1.00 = nothing).
  printf '; CPU time of 2 jobs / 1 job: %.2f' "$(echo "$two_cpu / $one_cpu" | bc -l)"
fi
echo
if cmp -s "$tmp/out-1.jsonl" "$tmp/out-2.jsonl"; then
  echo "outputs of --jobs 1 and --jobs 2 are byte-identical"
else
  echo "outputs of --jobs 1 and --jobs 2 DIFFER" >&2
  exit 1
fi
