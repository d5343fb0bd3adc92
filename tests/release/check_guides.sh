#!/usr/bin/env bash
# The guides in docs/ must pass sayso's own plain-English rules.
#
# The plain-English packs apply to a plain-English summary and to a text with no headings (the
# `document` scope); under a heading they do not know ("Set up your editor") they stay silent. So
# each guide is checked twice, and both runs must exit 0 with --fail-on warning:
#   1. as prose: the heading marks (#) removed, judged as one `document` (not as a summary: the
#      300-word summary limit is not meant for a guide), with every plain-English, readability,
#      acronym and spelling rule on; the guide for public contributors also with the reading-age
#      rule at 12 or below as a warning (tests/release/contributors.sayso.yml);
#   2. as the file is, with its headings (structure, empty sections, spelling, acronyms).
# The words the dictionary lacks (names of editors) are in docs/.sayso.yml.
# usage: check_guides.sh SAYSO SOURCE_DIR
set -euo pipefail
sayso=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
cd "$src"
shopt -s nullglob
guides=(docs/guide-*.md)
((${#guides[@]} >= 3)) || { echo "FAIL: expected the three guides in docs/, found ${#guides[@]}"; exit 1; }
status=0
out=$(mktemp)
for guide in "${guides[@]}"; do
  config=docs/.sayso.yml
  [[ $guide == docs/guide-contributors.md ]] && config=tests/release/contributors.sayso.yml
  prose() { sed -E 's/^#{1,6}[[:space:]]+//' "$guide" |
            "$sayso" check --config "$config" --kind document --stdin-filename "$guide" --no-color "$@" -; }
  # The check must really be a plain-English check: one `document` section with the guide's words.
  words=$(prose --format json --fail-on never |
          python3 -c 'import json,sys; s=json.load(sys.stdin)["files"][0]["sections"]; print(s[0]["words"] if len(s)==1 and s[0]["kind"]=="document" else -1)')
  if ((words < 300)); then
    echo "FAIL: $guide was not judged as one plain-English document of its words (got $words)"; status=1; continue
  fi
  if prose --fail-on warning > "$out" 2>&1; then
    echo "ok: $guide as prose ($words words, $config)"
  else
    echo "FAIL: $guide breaks the plain-English rules:"; cat "$out"; status=1
  fi
  if "$sayso" check --config docs/.sayso.yml --fail-on warning --no-color "$guide" > "$out" 2>&1; then
    echo "ok: $guide as a Markdown file"
  else
    echo "FAIL: $guide as a Markdown file:"; cat "$out"; status=1
  fi
done
rm -f "$out"
exit $status
