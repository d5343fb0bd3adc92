#!/usr/bin/env bash
# sayso_accuracy --separation: on a small pair set we wrote (technical texts full of statistics,
# lay texts without), the score must rank every technical text above every lay text; --dump
# writes one line per text; a bad --half is a usage error.
# usage: check_separation.sh SAYSO_ACCURACY PAIRS.jsonl
set -euo pipefail
accuracy=$1 pairs=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$accuracy" --separation --by-rule --dump "$work/dump.jsonl" "$pairs" > "$work/out"
cat "$work/out"
grep -q "(all pairs): 3 technical, 3 lay texts" "$work/out" || { echo "FAIL: wrong text counts" >&2; exit 1; }
grep -E "SCORE: acronym, jargon, readability.*ROC AUC 1\.000" "$work/out" > /dev/null ||
  { echo "FAIL: the score does not separate the pairs" >&2; exit 1; }
grep -E "plain-english.statistics-terms .*ROC AUC 1\.000" "$work/out" > /dev/null ||
  { echo "FAIL: no per-rule figure for the statistics rule" >&2; exit 1; }
[ "$(wc -l < "$work/dump.jsonl")" -eq 6 ] || { echo "FAIL: --dump should write 6 lines" >&2; exit 1; }
grep -q '"plain-english.decimals"' "$work/dump.jsonl" || { echo "FAIL: dump lacks findings" >&2; exit 1; }
# The halves split the pairs between them, and together hold them all.
tune=$("$accuracy" --separation --half tune "$pairs" | grep -o "[0-9]* technical" | head -1 | cut -d' ' -f1)
test=$("$accuracy" --separation --half test "$pairs" | grep -o "[0-9]* technical" | head -1 | cut -d' ' -f1)
[ $((tune + test)) -eq 3 ] || { echo "FAIL: halves hold $tune + $test pairs, not 3" >&2; exit 1; }
if "$accuracy" --separation --half middle "$pairs" > /dev/null 2>&1; then
  echo "FAIL: --half middle was accepted" >&2; exit 1
fi
echo "separation check passed"
