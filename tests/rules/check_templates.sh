#!/usr/bin/env bash
# `sayso rules new` writes a template for each kind; with its <...> placeholders filled in, the
# loader accepts it. Unfilled, it is refused with a file:line message.
# usage: check_templates.sh SAYSO
set -euo pipefail
sayso=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
kinds="substitution existence acronym readability length spelling required-sections evidence claim-needs-evidence involvement-level number-density long-words copied-text table"
for kind in $kinds; do
  pack="$work/$kind/mypack"
  mkdir -p "$pack"
  printf 'name: mypack\nversion: 0.1.0\nlicence: CC-BY-4.0\nmaintainers: [tester]\ndescription: A test pack.\n' > "$pack/pack.yml"
  "$sayso" rules new --kind "$kind" --out "$pack/new-rule.yml" mypack.new-rule 2>/dev/null
  # Unfilled: the loader must refuse it.
  if "$sayso" rules list --rules "$work/$kind" > /dev/null 2> "$work/err"; then
    echo "FAIL: the unfilled $kind template loaded" >&2; exit 1
  fi
  grep -q "new-rule.yml:" "$work/err" || { echo "FAIL: no file:line in: $(cat "$work/err")" >&2; exit 1; }
  # Filled: every <...> becomes a plain word.
  sed -i 's/<[^>]*>/filled/g' "$pack/new-rule.yml"
  if ! "$sayso" rules list --rules "$work/$kind" > /dev/null 2> "$work/err"; then
    echo "FAIL: the filled $kind template does not load: $(cat "$work/err")" >&2; exit 1
  fi
  echo "ok: $kind"
done
# Printing to stdout works, and an existing file is never overwritten.
template=$("$sayso" rules new --kind substitution plain-english.sample)
grep -q "instead_of" <<<"$template"
if "$sayso" rules new --out "$pack/new-rule.yml" mypack.other 2>/dev/null; then
  echo "FAIL: rules new overwrote a file" >&2; exit 1
fi
echo "templates load"
