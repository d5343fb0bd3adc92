#!/usr/bin/env bash
# sayso_accuracy --separation: on a small pair set we wrote (technical texts full of statistics
# or of long words and laboratory names, lay texts without), the score must rank every technical
# text above every lay text; the sentence-level long-words rule is part of the score; --dump
# writes one line per text; a bad --half is a usage error.
# usage: check_separation.sh SAYSO_ACCURACY PAIRS.jsonl
set -euo pipefail
accuracy=$1 pairs=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$accuracy" --separation --by-rule --dump "$work/dump.jsonl" "$pairs" > "$work/out"
cat "$work/out"
grep -q "(all pairs): 4 technical, 4 lay texts" "$work/out" || { echo "FAIL: wrong text counts" >&2; exit 1; }
grep -E "SCORE: acronym, jargon, readability.*ROC AUC 1\.000" "$work/out" > /dev/null ||
  { echo "FAIL: the score does not separate the pairs" >&2; exit 1; }
grep -E "plain-english.statistics-terms .*ROC AUC [01]\.[0-9]{3}" "$work/out" > /dev/null ||
  { echo "FAIL: no per-rule figure for the statistics rule" >&2; exit 1; }
[ "$(wc -l < "$work/dump.jsonl")" -eq 8 ] || { echo "FAIL: --dump should write 8 lines" >&2; exit 1; }
grep -q '"plain-english.decimals"' "$work/dump.jsonl" || { echo "FAIL: dump lacks findings" >&2; exit 1; }
for rule in long-word-sentence latin-words lab-names; do
  grep '"id":"p4-technical"' "$work/dump.jsonl" | grep "\"plain-english.$rule\"" > /dev/null ||
    { echo "FAIL: plain-english.$rule did not speak on the biology abstract" >&2; exit 1; }
done
# The halves split the pairs between them, and together hold them all.
tune=$("$accuracy" --separation --half tune "$pairs" | grep -o "[0-9]* technical" | head -1 | cut -d' ' -f1)
test=$("$accuracy" --separation --half test "$pairs" | grep -o "[0-9]* technical" | head -1 | cut -d' ' -f1)
[ $((tune + test)) -eq 4 ] || { echo "FAIL: halves hold $tune + $test pairs, not 4" >&2; exit 1; }
if "$accuracy" --separation --half middle "$pairs" > /dev/null 2>&1; then
  echo "FAIL: --half middle was accepted" >&2; exit 1
fi
echo "separation check passed"
